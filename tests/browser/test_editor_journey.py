"""An editor writes a new call for papers in the admin; once approved, the public API has it.

The journey an editor of one journal takes: sign in, open the journal, *Add child page*
(the journal allows only special issues, so Wagtail goes straight to the form), fill in
the title and introduction, pick two guest editors from the people already on file (by
searching in the chooser), add a topic list and two deadlines, and submit.

Editors have no publish permission: every journal carries the "Special issue review"
workflow (``special_issues.admin.roles``), so the editor's way to publish is *Submit to
Special issue review*, and a managing editor approves the task, which publishes the page.
The test does exactly that: a draft waiting for review must not reach the public API,
and once approved the anonymous ``specialIssue(journal:, slug:)`` query returns it.
"""

import datetime as dt
import re

import pytest
from django.utils.text import slugify
from playwright.sync_api import Locator, Page, expect

from special_issues.admin import roles
from tests.browser.admin_steps import (
    graphql,
    log_in,
    log_out,
    make_user,
    open_menu,
    replace_rich_text,
    wait_for_animations,
)
from tests.factories import JournalPageFactory, PersonFactory, error_codes

TITLE = "Liquid Biopsy in Cancer Drug Resistance"
INTRODUCTION = "Circulating tumour DNA reveals resistance before imaging does."
TOPICS = [
    "Circulating tumour DNA as an early marker of resistance",
    "Exosomal RNA in treatment monitoring",
    "Standards for pre-analytical sample handling",
]
# (name, role) as the editor picks them, in order; each is found by searching a word
# that also matches a colleague with the same first name.
GUEST_EDITORS = [
    ("William C. S. Cho", "William", "Lead guest editor", "LEAD_GUEST_EDITOR"),
    ("Kenneth K. W. To", "Kenneth", "Guest editor", "GUEST_EDITOR"),
]
NAMESAKES = ["William Lee", "Kenneth Wong"]

ISSUE_QUERY = """
query EditorJourney($slug: String!, $journal: String) {
  specialIssue(slug: $slug, journal: $journal) {
    title
    status
    introduction { plainText }
    guestEditors { role person { name } }
    topics
    deadlines { kind date }
    submissionDeadline
  }
}
"""


def choose_person(page: Page, panel: Locator, search: str, name: str, screenshot) -> None:
    """Open the panel's person chooser, search, and pick ``name`` among the results."""
    panel.get_by_role("button", name="Choose person").click()
    dialog = page.get_by_role("dialog").filter(
        has=page.get_by_role("heading", name="Choose person")
    )
    dialog.get_by_label("Search term").fill(search)
    # The results are replaced as the editor types: wait for the two namesakes only.
    results = dialog.get_by_role("link", name=re.compile(r"^Dr\. "))
    expect(results).to_have_text([re.compile(rf"Dr\. {search}\b")] * 2)
    screenshot(f"chooser-search-{search}")
    dialog.get_by_role("link", name=f"Dr. {name}", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(panel.get_by_text(f"Dr. {name}", exact=True)).to_be_visible()


def fill_deadline(page: Page, deadline: Locator, kind: str, day: dt.date) -> None:
    """Pick the kind, type the date (ISO, the admin's format) and leave the field."""
    deadline.get_by_label("Kind").select_option(label=kind)
    date = deadline.get_by_label("Date")
    date.fill(day.isoformat())
    # The date picker (Wagtail's jQuery widget, no ARIA role) opens 100 ms after the field
    # gets focus and would cover the buttons below; Tab closes it once it is open.
    picker = page.locator(".xdsoft_datetimepicker").filter(visible=True)
    expect(picker).to_have_count(1)
    date.press("Tab")
    expect(picker).to_have_count(0)
    expect(date).to_have_value(day.isoformat())


@pytest.mark.browser
def test_editor_creates_a_special_issue_that_is_public_once_approved(
    page, live_server, screenshot, page_errors, settings
):
    # Wagtail's autosave posts the form in the background while the editor types. On the
    # test's SQLite (one shared in-memory database) a background save that overlaps the
    # submission fails with "database table is locked"; the journey is the same without it.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    for name, *_ in GUEST_EDITORS:
        PersonFactory(name=name)
    for name in NAMESAKES:
        PersonFactory(name=name)
    editor = make_user("edith", full_name="Edith Editor")
    roles.grant_journal_editor(editor, journal)
    make_user("mona", roles.MANAGING_EDITORS, full_name="Mona Manager")
    assert not editor.is_superuser
    slug = slugify(TITLE)
    abstract_day = dt.date.today() + dt.timedelta(days=60)
    manuscript_day = dt.date.today() + dt.timedelta(days=120)

    def public_issue() -> dict:
        return graphql(live_server.url, ISSUE_QUERY, {"slug": slug, "journal": journal.slug})

    # --- the editor signs in and opens the add form under the journal ----------------------
    log_in(page, live_server.url, "edith")
    screenshot("editor-dashboard")
    page.goto(f"{live_server.url}/admin/pages/{journal.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cancer Drug Resistance")
    screenshot("journal-listing")
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("New: Special issue")
    screenshot("new-special-issue-form")

    # --- title and introduction -------------------------------------------------------------
    page.get_by_placeholder("Page title").fill(TITLE)
    replace_rich_text(page, "Introduction", "introduction", INTRODUCTION)
    screenshot("title-and-introduction")

    # --- two guest editors, chosen from the people on file -----------------------------------
    guest_editors = page.get_by_role("region", name="Guest editors")
    for index, (name, search, role_label, _) in enumerate(GUEST_EDITORS, start=1):
        guest_editors.get_by_role("button", name="Add Guest editor").click()
        panel = page.get_by_role("region", name=f"Guest editor {index}", exact=True)
        expect(panel).to_be_visible()
        choose_person(page, panel, search, name, screenshot)
        panel.get_by_label("Role").select_option(label=role_label)
    screenshot("guest-editors-chosen", locator=guest_editors)

    # --- a topic list in the body -------------------------------------------------------------
    body = page.get_by_role("region", name="Body", exact=True)
    body.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Topic list").click()
    topic_list = body.get_by_role("region", name="Topic list")
    expect(topic_list).to_be_visible()
    topic_list.get_by_label("Heading").fill("Topics of interest")
    topic_items = topic_list.get_by_role("region", name=re.compile(r"^Topic\s*\*?$"))
    expect(topic_items).to_have_count(1)  # the list starts with one empty topic
    for index, topic in enumerate(TOPICS):
        if index:
            wait_for_animations(page)
            topic_list.get_by_role("button", name="Add", exact=True).last.click()
            expect(topic_items).to_have_count(index + 1)
        topic_items.nth(index).get_by_role("textbox").fill(topic)
    screenshot("topic-list", locator=topic_list)

    # --- two deadlines: abstracts first, then full manuscripts -------------------------------
    dates = page.get_by_role("region", name="Dates", exact=True)
    for index, (kind, day) in enumerate(
        [("Abstract", abstract_day), ("Full manuscript", manuscript_day)], start=1
    ):
        dates.get_by_role("button", name="Add Deadline").click()
        deadline = page.get_by_role("region", name=f"Deadline {index}", exact=True)
        fill_deadline(page, deadline, kind, day)
    screenshot("deadlines", locator=dates)

    # --- submit for review: a draft in moderation is not public -----------------------------
    footer = page.get_by_role("navigation", name="Actions (footer)")
    submit = footer.get_by_role("button", name="Submit to Special issue review")
    open_menu(footer.get_by_role("button", name="More actions"), submit)
    screenshot("actions-menu")
    submit.click()
    # Back on the journal's listing: the new issue is there, waiting for review.
    expect(page.get_by_role("status")).to_contain_text(
        f"Page '{TITLE}' created and submitted for moderation."
    )
    new_row = page.get_by_role("row").filter(has_text=TITLE)
    expect(new_row).to_contain_text("In moderation", ignore_case=True)
    screenshot("submitted-for-review")

    answer = public_issue()
    assert answer["data"]["specialIssue"] is None, answer
    assert error_codes(answer) == ["NOT_FOUND"], answer

    # --- a managing editor approves it from the dashboard -----------------------------------
    log_out(page, "Edith")
    screenshot("editor-signed-out")
    log_in(page, live_server.url, "mona")
    review = page.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Edith Editor")
    screenshot("awaiting-review")
    approve = row.get_by_role("button", name="Approve", exact=True)
    open_menu(row.get_by_role("button", name="Actions"), approve)
    screenshot("review-actions")
    approve.click()
    # The dashboard reloads with nothing left to review; the journal lists the issue live.
    expect(row).to_have_count(0)
    screenshot("approved")
    page.goto(f"{live_server.url}/admin/pages/{journal.pk}/")
    expect(page.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Live", ignore_case=True)
    screenshot("published-in-journal-listing")

    # --- the public API now has the issue, as the editor wrote it ---------------------------
    answer = public_issue()
    assert "errors" not in answer, answer
    issue = answer["data"]["specialIssue"]
    assert issue["title"] == TITLE
    assert issue["status"] == "OPEN"
    assert issue["introduction"]["plainText"] == INTRODUCTION
    assert [(e["person"]["name"], e["role"]) for e in issue["guestEditors"]] == [
        (name, role) for name, _, _, role in GUEST_EDITORS
    ]
    assert issue["topics"] == TOPICS
    assert issue["deadlines"] == [
        {"kind": "ABSTRACT", "date": abstract_day.isoformat()},
        {"kind": "FULL_MANUSCRIPT", "date": manuscript_day.isoformat()},
    ]
    assert issue["submissionDeadline"] == manuscript_day.isoformat()
    assert page_errors == []
