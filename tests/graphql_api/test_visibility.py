"""Only what the public may see reaches a client: drafts, restricted pages, unpublished
or expired marketing content and private e-mail addresses never appear in a response."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    GuestEditorFactory,
    JournalPageFactory,
    PersonFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
    publish,
)

ONE_ISSUE = "query ($slug: String!) { specialIssue(slug: $slug) { slug title } }"
LISTING = "{ specialIssues(limit: 100) { total items { slug title } } }"
HIDDEN_TITLE = "Confidential Call on Unannounced Results"


# --- issues the public may not see --------------------------------------------------


def draft_never_published(journal):
    issue = SpecialIssuePageFactory(parent=journal, title=HIDDEN_TITLE, slug="hidden", live=False)
    issue.save_revision()  # "Save draft" in the admin
    return issue


def unpublished(journal):
    issue = publish(SpecialIssuePageFactory(parent=journal, title=HIDDEN_TITLE, slug="hidden"))
    issue.unpublish()
    return issue


def password_restricted(journal):
    issue = SpecialIssuePageFactory(parent=journal, title=HIDDEN_TITLE, slug="hidden")
    PageViewRestriction.objects.create(
        page=issue, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return issue


def login_restricted(journal):
    issue = SpecialIssuePageFactory(parent=journal, title=HIDDEN_TITLE, slug="hidden")
    PageViewRestriction.objects.create(page=issue, restriction_type=PageViewRestriction.LOGIN)
    return issue


def under_unpublished_journal(journal):
    other = publish(JournalPageFactory(title="Journal in preparation", slug="in-preparation"))
    issue = SpecialIssuePageFactory(parent=other, title=HIDDEN_TITLE, slug="hidden")
    other.unpublish()  # the journal only: the issue itself stays live
    return issue


def under_restricted_journal(journal):
    other = JournalPageFactory(title="Members-only journal", slug="members-only")
    PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return SpecialIssuePageFactory(parent=other, title=HIDDEN_TITLE, slug="hidden")


HIDDEN_ISSUES = [
    pytest.param(draft_never_published, id="draft-never-published"),
    pytest.param(unpublished, id="unpublished"),
    pytest.param(password_restricted, id="password-restricted"),
    pytest.param(login_restricted, id="login-restricted"),
    pytest.param(under_unpublished_journal, id="under-unpublished-journal"),
    pytest.param(under_restricted_journal, id="under-restricted-journal"),
]


@pytest.fixture
def visible_issue(journal):
    """A published issue beside the hidden one: proves the queries do return issues."""
    return SpecialIssuePageFactory(parent=journal, title="Open Call on Exosomes", slug="visible")


@pytest.mark.parametrize("make_hidden", HIDDEN_ISSUES)
def test_hidden_issue_is_not_found_by_slug(gql, journal, visible_issue, make_hidden):
    make_hidden(journal)

    status_code, body = gql(ONE_ISSUE, {"slug": "hidden"})

    assert status_code == 200
    assert body["data"] == {"specialIssue": None}
    assert [error["extensions"]["code"] for error in body["errors"]] == ["NOT_FOUND"]
    assert HIDDEN_TITLE not in json.dumps(body)
    # The same query finds a published issue: "not found" is about visibility.
    assert gql(ONE_ISSUE, {"slug": "visible"})[1]["data"]["specialIssue"]["slug"] == "visible"


@pytest.mark.parametrize("make_hidden", HIDDEN_ISSUES)
def test_hidden_issue_is_left_out_of_the_listing(gql, journal, visible_issue, make_hidden):
    make_hidden(journal)

    status_code, body = gql(LISTING)

    assert status_code == 200
    listing = body["data"]["specialIssues"]
    assert [item["slug"] for item in listing["items"]] == ["visible"]
    assert listing["total"] == 1
    assert HIDDEN_TITLE not in json.dumps(body)


def test_published_issue_shows_its_published_title_not_the_newer_draft(gql, journal):
    issue = publish(
        SpecialIssuePageFactory(parent=journal, title="Published Title", slug="exosomes")
    )
    issue.title = "Draft Title Nobody Approved"
    issue.save_revision()

    one = gql(ONE_ISSUE, {"slug": "exosomes"})[1]
    listing = gql(LISTING)[1]

    assert one["data"]["specialIssue"]["title"] == "Published Title"
    assert [item["title"] for item in listing["data"]["specialIssues"]["items"]] == [
        "Published Title"
    ]
    assert "Draft Title Nobody Approved" not in json.dumps([one, listing])


# Grapple's own root queries reach the same pages; they must hide the same issues.
GRAPPLE_ROOT_QUERIES = {
    "pages": "{ pages(limit: 100) { title } }",
    "page-by-slug": '{ page(slug: "hidden") { title } }',
    "search": '{ search(query: "Confidential") { ... on SpecialIssuePage { title } } }',
}


def grapple_root_cases():
    for root, query in GRAPPLE_ROOT_QUERIES.items():
        for hidden in HIDDEN_ISSUES:
            yield pytest.param(query, hidden.values[0], id=f"{root}-{hidden.id}")


@pytest.mark.parametrize(("query", "make_hidden"), list(grapple_root_cases()))
def test_hidden_issue_is_not_reachable_through_grapple_root_queries(
    gql, journal, query, make_hidden
):
    make_hidden(journal)

    status_code, body = gql(query)

    assert status_code == 200
    assert HIDDEN_TITLE not in json.dumps(body)


# --- reusable marketing content -----------------------------------------------------

PLACED_CONTENT = """query ($slug: String!) {
  specialIssue(slug: $slug) {
    body { blockType ... on ReusableContentBlock { content { name heading } } }
  }
}"""


def never_published():
    return ReusableContentFactory(name="Hidden APC waiver", live=False)


def unpublished_content():
    content = ReusableContentFactory(name="Hidden APC waiver")
    content.save_revision().publish()
    content.unpublish()
    return content


def expired():
    # Past its expiry, before the scheduled-publishing job has taken it down.
    return ReusableContentFactory(
        name="Hidden APC waiver", expire_at=timezone.now() - dt.timedelta(hours=1)
    )


def scheduled():
    return ReusableContentFactory(
        name="Hidden APC waiver", live=False, go_live_at=timezone.now() + dt.timedelta(days=7)
    )


@pytest.mark.parametrize(
    "make_content",
    [
        pytest.param(never_published, id="never-published"),
        pytest.param(unpublished_content, id="unpublished"),
        pytest.param(expired, id="expired"),
        pytest.param(scheduled, id="scheduled"),
    ],
)
def test_hidden_reusable_content_in_a_live_issue_is_null(gql, journal, make_content):
    hidden = make_content()
    shown = ReusableContentFactory(name="Open access notice")
    SpecialIssuePageFactory(
        parent=journal,
        slug="exosomes",
        body=[("reusable_content", {"content": hidden}), ("reusable_content", {"content": shown})],
    )

    status_code, body = gql(PLACED_CONTENT, {"slug": "exosomes"})

    assert status_code == 200, body
    assert body["data"]["specialIssue"]["body"] == [
        {"blockType": "ReusableContentBlock", "content": None},
        {
            "blockType": "ReusableContentBlock",
            "content": {"name": "Open access notice", "heading": "Open access notice heading"},
        },
    ]
    text = json.dumps(body)
    assert "Hidden APC waiver" not in text
    assert "Hidden APC waiver heading" not in text


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(
            "{ snippets { ... on ReusableContent { name heading } } }",
            id="grapple-snippets-root",
        ),
        pytest.param(
            '{ specialIssue(slug: "exosomes") { body { ... on ReusableContentBlock {'
            " blocks { ... on SnippetChooserBlock { snippet {"
            " ... on ReusableContent { name heading } } } } } } } }",
            id="struct-block-children",
        ),
        pytest.param(
            '{ search(query: "Hidden") { ... on ReusableContent { name heading } } }',
            id="grapple-search",
        ),
    ],
)
def test_unpublished_reusable_content_is_not_reachable_another_way(gql, journal, query):
    hidden = never_published()
    SpecialIssuePageFactory(
        parent=journal, slug="exosomes", body=[("reusable_content", {"content": hidden})]
    )

    status_code, body = gql(query)

    assert status_code == 200
    assert "Hidden APC waiver" not in json.dumps(body)


def test_reusable_content_shows_its_published_version_not_a_newer_draft(gql, journal):
    content = ReusableContentFactory(name="APC waiver", heading="Waiver for 2026")
    content.save_revision().publish()
    content.heading = "Unapproved draft heading"
    content.save_revision()
    SpecialIssuePageFactory(
        parent=journal, slug="exosomes", body=[("reusable_content", {"content": content})]
    )

    body = gql(PLACED_CONTENT, {"slug": "exosomes"})[1]

    assert body["data"]["specialIssue"]["body"][0]["content"]["heading"] == "Waiver for 2026"
    assert "Unapproved draft heading" not in json.dumps(body)


# --- people's e-mail addresses ------------------------------------------------------

EDITORS = """query ($slug: String!) {
  specialIssue(slug: $slug) {
    guestEditors { person { name email } }
    contacts { role person { name email } }
  }
}"""


@pytest.mark.parametrize(
    ("email_is_public", "shown"),
    [
        pytest.param(False, None, id="private-address-is-null"),
        pytest.param(True, "k.to@example.org", id="public-address-is-shown"),
    ],
)
def test_guest_editor_email_is_shown_only_when_public(gql, journal, email_is_public, shown):
    person = PersonFactory(name="Kenneth To", email="k.to@example.org", email_is_public=False)
    person.email_is_public = email_is_public
    person.save()
    GuestEditorFactory(page=SpecialIssuePageFactory(parent=journal, slug="exosomes"), person=person)

    body = gql(EDITORS, {"slug": "exosomes"})[1]

    assert body["data"]["specialIssue"]["guestEditors"] == [
        {"person": {"name": "Kenneth To", "email": shown}}
    ]
    assert ("k.to@example.org" in json.dumps(body)) is email_is_public


def test_journal_default_contact_email_stays_private(gql):
    contact = PersonFactory(name="Assistant Editor", email="office@example.org")
    journal = JournalPageFactory(slug="cdr", default_contact=contact)
    SpecialIssuePageFactory(parent=journal, slug="exosomes")

    body = gql(EDITORS, {"slug": "exosomes"})[1]

    assert body["data"]["specialIssue"]["contacts"] == [
        {"role": "Assistant Editor", "person": {"name": "Assistant Editor", "email": None}}
    ]
    assert "office@example.org" not in json.dumps(body)


def test_person_query_hides_a_private_address(gql, journal):
    person = PersonFactory(name="Kenneth To", email="k.to@example.org", email_is_public=False)
    GuestEditorFactory(page=SpecialIssuePageFactory(parent=journal), person=person)

    status_code, body = gql(
        "query ($id: ID!) { person(id: $id) { name email } }", {"id": person.pk}
    )

    assert (status_code, body) == (200, {"data": {"person": {"name": "Kenneth To", "email": None}}})


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("{ pages(limit: 100) { title } }", id="grapple-pages"),
        pytest.param(
            '{ pages(searchQuery: "Zq", limit: 100) { title } }', id="grapple-pages-search"
        ),
        pytest.param("{ specialIssues(limit: 100) { items { title } } }", id="special-issues"),
        pytest.param('{ specialIssue(slug: "zq-past-expiry") { title } }', id="special-issue"),
        pytest.param(
            '{ page(slug: "zq-below-expired") { title } }', id="page-below-an-expired-page"
        ),
    ],
)
def test_a_page_past_its_expiry_is_hidden_before_wagtails_job_unpublishes_it(gql, journal, query):
    # Wagtail unpublishes an expired page only when `publish_scheduled` next runs.
    past = timezone.now() - dt.timedelta(hours=1)
    expired = publish(
        SpecialIssuePageFactory(
            parent=journal, title="Zq Past Expiry Call", slug="zq-past-expiry", expire_at=past
        )
    )
    expired.add_child(
        instance=SpecialIssuePageFactory.build(title="Zq Below", slug="zq-below-expired")
    )
    status, body = gql(query)

    assert status == 200
    # Not found, as if it did not exist (specialIssue says so with NOT_FOUND).
    assert [error["extensions"]["code"] for error in body.get("errors", [])] in ([], ["NOT_FOUND"])
    assert "Zq" not in json.dumps(body["data"])


def test_pages_search_finds_public_pages_only(gql, journal):
    publish(SpecialIssuePageFactory(parent=journal, title="Zq Visible Exosomes", slug="zq-visible"))
    draft = SpecialIssuePageFactory(parent=journal, title="Zq Draft Exosomes", slug="zq-draft")
    draft.unpublish()

    status, body = gql('{ pages(searchQuery: "exosomes", limit: 100) { title } }')

    assert status == 200, body
    titles = [page["title"] for page in body["data"]["pages"]]
    assert "Zq Visible Exosomes" in titles
    assert "Zq Draft Exosomes" not in titles
