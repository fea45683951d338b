"""Marketing rewrites a reusable snippet once; every issue that places it shows the new text.

The journey of a member of the "Marketing" group (no page permission at all): sign in,
open *Reusable content* from the sidebar, edit the snippet's text, publish it, and check
its *Usage* (from the status side panel), which lists the special issues that show it by
title: Wagtail alone would say "(Private page)" for each, as marketing may edit no page
(``special_issues.admin.snippets.ReusableContentUsageView``). The public API, asked
anonymously for each of those issues, then answers with the new text and not the old.

The public answers are asked for once before the edit too: the API caches anonymous
answers (``graphql_api.caching``), so this also checks that publishing the snippet in
the admin stops the cached old text from being served.
"""

import re

import pytest
from playwright.sync_api import expect

from special_issues.admin import roles
from tests.browser.admin_steps import graphql, log_in, make_user, open_menu, replace_rich_text
from tests.factories import (
    JournalPageFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
    publish,
)

SNIPPET = "APC waiver 2026"
OLD_TEXT = "Article processing charges are waived until 30 June."
NEW_TEXT = "Article processing charges are waived for the whole of 2026."
ISSUES = [
    ("Exosomes and Drug Resistance", "exosomes"),
    ("Liquid Biopsy in Oncology", "liquid-biopsy"),
    ("Tumour Microenvironment Signalling", "tumour-microenvironment"),
]
UNRELATED = "Immunotherapy Biomarkers"

BODY_QUERY = """
query MarketingJourney($slug: String!, $journal: String) {
  specialIssue(slug: $slug, journal: $journal) {
    title
    body {
      blockType
      ... on ReusableContentBlock { content { name heading body { plainText } } }
    }
  }
}
"""


def placed_texts(base_url: str, journal: str, slug: str) -> list[str]:
    """The text of every reusable content block the public sees on one issue."""
    answer = graphql(base_url, BODY_QUERY, {"slug": slug, "journal": journal})
    assert "errors" not in answer, answer
    return [
        block["content"]["body"]["plainText"]
        for block in answer["data"]["specialIssue"]["body"]
        if block["blockType"] == "ReusableContentBlock" and block["content"]
    ]


@pytest.mark.browser
def test_marketing_updates_a_snippet_shown_on_three_issues(
    page, live_server, screenshot, page_errors, settings
):
    # Autosave off, as in the editor journey: on the test's shared in-memory SQLite a
    # background save overlapping the publication can fail with "database table is locked".
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    snippet = ReusableContentFactory(
        name=SNIPPET, kind="NOTICE", heading="Publish for free", body=f"<p>{OLD_TEXT}</p>"
    )
    snippet.save_revision().publish()
    for title, slug in ISSUES:
        publish(
            SpecialIssuePageFactory(
                parent=journal,
                title=title,
                slug=slug,
                body=[("reusable_content", {"content": snippet})],
            )
        )
    publish(SpecialIssuePageFactory(parent=journal, title=UNRELATED))
    make_user("mark", roles.MARKETING, full_name="Mark Marketer")

    # What readers see today (and what the API's cache now holds).
    for _, slug in ISSUES:
        assert placed_texts(live_server.url, journal.slug, slug) == [OLD_TEXT]

    # --- marketing opens the snippet from the sidebar ----------------------------------------
    log_in(page, live_server.url, "mark")
    screenshot("marketing-dashboard")
    page.get_by_role("link", name="Reusable content").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reusable content")
    screenshot("reusable-content-listing")
    page.get_by_role("link", name=SNIPPET).click()
    expect(page.get_by_role("textbox", name=re.compile(r"^Name\b"))).to_have_value(SNIPPET)
    screenshot("snippet-edit-form")

    # --- new text, published -----------------------------------------------------------------
    body = page.get_by_role("region", name="Body", exact=True).get_by_role("textbox")
    expect(body).to_have_text(OLD_TEXT)
    replace_rich_text(page, "Body", "body", NEW_TEXT)
    screenshot("text-changed")
    footer = page.get_by_role("navigation", name="Actions (footer)")
    publish_button = footer.get_by_role("button", name="Publish", exact=True)
    open_menu(footer.get_by_role("button", name="More actions"), publish_button)
    screenshot("actions-menu")
    publish_button.click()
    expect(page.get_by_role("status")).to_contain_text(f"'{SNIPPET}' updated and published")
    screenshot("published")

    # --- every issue placing it shows the new text to the public ------------------------------
    for _, slug in ISSUES:
        assert placed_texts(live_server.url, journal.slug, slug) == [NEW_TEXT]

    # --- the snippet's usage lists the three issues -------------------------------------------
    page.get_by_role("link", name=SNIPPET).click()
    page.get_by_role("button", name="Toggle status").click()
    screenshot("status-panel")
    page.get_by_role("link", name="Used 3 times").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Usage")
    placements = page.get_by_role("row").filter(has_text="Body → Reusable content")
    expect(placements).to_have_count(3)
    for title, _ in ISSUES:
        expect(placements.filter(has_text=title)).to_have_count(1)
    # Marketing can edit no page, yet sees which published issues show the text.
    expect(page.get_by_text("(Private page)")).to_have_count(0)
    expect(page.get_by_text(UNRELATED)).to_have_count(0)
    screenshot("usage")
    assert page_errors == []
