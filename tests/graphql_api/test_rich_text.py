"""Rich text as a frontend receives it: ``{ html plainText }``.

Editors link to other pages with Wagtail's page chooser (stored as
``<a linktype="page" id="N">``). Clients get the linked page's address on the public site
(``FRONTEND_BASE_URL`` + its path); a link to a page the public cannot see keeps its words
but loses its address, and nothing of the hidden page's URL reaches the response. The
same holds wherever rich text appears: introduction, eligibility, a paragraph block of the
body, and the body of a reusable snippet placed in the body.
"""

import json
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.factories import (
    JournalPageFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
    kept_for_module,
    publish,
)

FRONTEND = "https://journals.example.org"

# Words that appear only in the addresses of pages the public may not see.
SECRET = "secret"

LOCATIONS = {
    "introduction": ("introduction { html plainText }", lambda issue: issue["introduction"]),
    "eligibility": ("eligibility { html plainText }", lambda issue: issue["eligibility"]),
    "paragraph-block": (
        "body { ... on ParagraphBlock { richText { html plainText } } }",
        lambda issue: next(block["richText"] for block in issue["body"] if block),
    ),
    "reusable-content-body": (
        "body { ... on ReusableContentBlock { content { body { html plainText } } } }",
        lambda issue: next(block["content"]["body"] for block in issue["body"] if block),
    ),
}


def rich_text_page(journal, slug, text):
    """An issue with ``text`` in every place rich text can be."""
    snippet = ReusableContentFactory(name=f"Snippet of {slug}", body=text)
    return SpecialIssuePageFactory(
        parent=journal,
        slug=slug,
        introduction=text,
        eligibility=text,
        body=[("paragraph", {"text": text}), ("reusable_content", {"content": snippet})],
    )


def link(page_id, words):
    return f'<a linktype="page" id="{page_id}">{words}</a>'


@pytest.fixture(scope="module")
def shared_links(django_db_setup, django_db_blocker):
    """Pages to link to, public and hidden, and one issue linking to all of them.

    Built once for the module (see ``kept_for_module``); every test uses ``links``.
    """
    with kept_for_module(django_db_blocker):
        journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
        closed = JournalPageFactory(title="Closed journal", slug=f"closed-{SECRET}-journal")
        targets = {
            "public-issue": SpecialIssuePageFactory(parent=journal, slug="exosomes"),
            "journal": journal,
            "never-published": SpecialIssuePageFactory(
                parent=journal, slug=f"draft-{SECRET}-call", live=False
            ),
            "unpublished": publish(
                SpecialIssuePageFactory(parent=journal, slug=f"withdrawn-{SECRET}-call")
            ),
            "restricted": SpecialIssuePageFactory(parent=journal, slug=f"restricted-{SECRET}-call"),
            "under-unpublished-journal": SpecialIssuePageFactory(
                parent=closed, slug=f"orphan-{SECRET}-call"
            ),
            "renamed-in-draft": publish(
                SpecialIssuePageFactory(parent=journal, slug="renamed-call")
            ),
        }
        targets["unpublished"].unpublish()
        closed.unpublish()
        PageViewRestriction.objects.create(
            page=targets["restricted"],
            restriction_type=PageViewRestriction.PASSWORD,
            password="s3cret",
        )
        renamed = targets["renamed-in-draft"]
        renamed.slug = f"renamed-{SECRET}-call"
        renamed.save_revision()
        ids = {kind: page.pk for kind, page in targets.items()}
        ids["deleted"] = 987654
        paragraphs = "".join(
            f"<p>Read {link(pk, f'words-{kind}')}.</p>" for kind, pk in ids.items()
        )
        rich_text_page(journal, "linking", paragraphs)

        for slug, text in PLAIN_TEXT_CASES.items():
            rich_text_page(journal, slug, text[0])
        yield SimpleNamespace(ids=ids)


@pytest.fixture
def links(shared_links, db, settings):
    settings.SPECIAL_ISSUES = {"FRONTEND_BASE_URL": FRONTEND}
    return shared_links


def formatted(gql, slug, location):
    selection, pick = LOCATIONS[location]
    status_code, body = gql(
        f"query ($slug: String!) {{ specialIssue(slug: $slug) {{ {selection} }} }}",
        {"slug": slug},
    )
    assert status_code == 200, body
    assert "errors" not in body, body
    return pick(body["data"]["specialIssue"]), body


def anchor(html, words):
    [found] = [a for a in BeautifulSoup(html, "html.parser").find_all("a") if a.text == words]
    return found


ALL_LOCATIONS = [pytest.param(location, id=location) for location in LOCATIONS]


@pytest.mark.parametrize("location", ALL_LOCATIONS)
@pytest.mark.parametrize(
    ("kind", "path"),
    [
        pytest.param("public-issue", "/cdr/exosomes/", id="published-issue"),
        pytest.param("journal", "/cdr/", id="journal"),
        pytest.param("renamed-in-draft", "/cdr/renamed-call/", id="live-url-not-draft-slug"),
    ],
)
def test_link_to_a_public_page_points_at_the_frontend(gql, links, location, kind, path):
    text, body = formatted(gql, "linking", location)

    assert anchor(text["html"], f"words-{kind}")["href"] == FRONTEND + path
    assert f"Read words-{kind}." in text["plainText"]


@pytest.mark.parametrize("location", ALL_LOCATIONS)
@pytest.mark.parametrize(
    "kind",
    [
        "never-published",
        "unpublished",
        "restricted",
        "under-unpublished-journal",
        "deleted",
    ],
)
def test_link_to_a_page_the_public_cannot_see_keeps_its_words_only(gql, links, location, kind):
    text, body = formatted(gql, "linking", location)

    assert not anchor(text["html"], f"words-{kind}").has_attr("href")
    assert f"Read words-{kind}." in text["plainText"]
    assert SECRET not in json.dumps(body)
    assert "linktype" not in text["html"]


def test_links_follow_frontend_base_url_at_request_time(gql, links, settings):
    first = formatted(gql, "linking", "introduction")[0]["html"]
    settings.SPECIAL_ISSUES = {"FRONTEND_BASE_URL": "https://preview.example.net/"}
    # Another field with the same text: the same query would be a cached answer.
    second = formatted(gql, "linking", "eligibility")[0]["html"]

    assert anchor(first, "words-public-issue")["href"] == f"{FRONTEND}/cdr/exosomes/"
    assert anchor(second, "words-public-issue")["href"] == (
        "https://preview.example.net/cdr/exosomes/"
    )


# --- plain text ---------------------------------------------------------------------------

PLAIN_TEXT_CASES = {
    "paragraphs": (
        "<p>Exosomes carry <b>cargo</b>.</p><p>They  shape resistance.</p>",
        "Exosomes carry cargo.\n\nThey shape resistance.",
    ),
    "list-at-the-end": (
        "<p>Topics include:</p><ul><li>Liquid biopsy</li><li>Stroma <i>in vivo</i></li></ul>",
        "Topics include:\n\nLiquid biopsy\nStroma in vivo",
    ),
    "heading-and-line-break": (
        "<h3>Scope</h3><p>First line<br/>second line.</p>",
        "Scope\n\nFirst line\nsecond line.",
    ),
    "ordered-list-between-paragraphs": (
        "<p>Submit:</p><ol><li>Abstract</li><li>Manuscript</li></ol><p>Then wait.</p>",
        "Submit:\n\nAbstract\nManuscript\n\nThen wait.",
    ),
}


def plain_text_cases():
    for location in LOCATIONS:
        for case in PLAIN_TEXT_CASES:
            marks = []
            yield pytest.param(location, case, id=f"{location}-{case}", marks=marks)


@pytest.mark.parametrize(("location", "case"), list(plain_text_cases()))
def test_plain_text_separates_blocks_with_blank_lines_and_list_items_with_lines(
    gql, links, location, case
):
    text, _ = formatted(gql, case, location)

    assert text["plainText"] == PLAIN_TEXT_CASES[case][1]


@pytest.mark.parametrize("location", ALL_LOCATIONS)
def test_html_keeps_the_editors_markup(gql, links, location):
    text, _ = formatted(gql, "list-at-the-end", location)

    assert text["html"] == (
        "<p>Topics include:</p><ul><li>Liquid biopsy</li><li>Stroma <i>in vivo</i></li></ul>"
    )
