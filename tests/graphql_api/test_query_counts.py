"""Query counts stay flat: a contract operation costs the same for 10 issues as for 100.

The data set follows what real listings hold: every issue has three guest editors, a
cover image, a body of six blocks (a topic list, a paragraph with a page link, a
reusable snippet, an image, a call to action, a quote) and ten published articles.
"""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images.models import Image

from graphql_api.operations import load_operations
from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    JournalHotKeyword,
    JournalSection,
    Person,
    PublishedArticle,
)
from tests.factories import (
    JournalPageFactory,
    PersonFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
    graphql,
)

OPERATIONS = load_operations(Path(__file__).resolve().parents[2] / "frontend_contract/operations")
MAX_QUERIES = 12


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    """Count what computing an answer costs: a cached answer costs no SQL at all."""
    settings.GRAPHQL_API = {**settings.GRAPHQL_API, "RESPONSE_CACHE_TIMEOUT": 0}


def make_image() -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "teal").save(buffer, "PNG")
    return Image.objects.create(title="Cover", file=ImageFile(buffer, name="cover.png"))


def body_blocks(count: int, snippet, image, linked_page) -> list[tuple[str, dict]]:
    link = f'<p>See <a linktype="page" id="{linked_page.pk}">the journal</a>.</p>'
    kinds = [
        ("topic_list", {"heading": "Topics", "lead_in": "", "items": ["A", "B"]}),
        ("paragraph", {"text": link}),
        ("reusable_content", {"content": snippet}),
        ("image", {"image": image, "alt_text": "A figure", "caption": "", "credit": ""}),
        (
            "call_to_action",
            {"heading": "Submit", "text": "", "button_label": "Go", "url": "https://e.org"},
        ),
        ("quote", {"quote": "Exosomes matter.", "attribution": "Editors"}),
    ]
    return [kinds[i % len(kinds)] for i in range(count)]


@pytest.fixture
def build_issues(db):
    """``build_issues(n, blocks=6)`` publishes n open issues in one journal."""

    def build(count: int, blocks: int = 6):
        journal = JournalPageFactory(slug="big-journal")
        people = PersonFactory.create_batch(5)
        snippet = ReusableContentFactory()
        image = make_image()
        far = dt.date.today() + dt.timedelta(days=90)
        issues = []
        for n in range(count):
            issue = SpecialIssuePageFactory(
                parent=journal,
                title=f"Issue {n:03d}",
                cover_image=image,
                body=body_blocks(blocks, snippet, image, journal),
            )
            issues.append(issue)
        Deadline.objects.bulk_create(
            [Deadline(page=issue, date=far, sort_order=0) for issue in issues]
        )
        GuestEditor.objects.bulk_create(
            [
                GuestEditor(page=issue, person=people[(n + k) % 5], sort_order=k)
                for n, issue in enumerate(issues)
                for k in range(3)
            ]
        )
        IssueKeyword.objects.bulk_create(
            [IssueKeyword(page=issue, keyword="exosome", sort_order=0) for issue in issues]
        )
        PublishedArticle.objects.bulk_create(
            [
                PublishedArticle(
                    page=issue,
                    title=f"Article {k}",
                    authors="A\nB",
                    doi=f"10.1000/{n}.{k}",
                    sort_order=k,
                )
                for n, issue in enumerate(issues)
                for k in range(10)
            ]
        )
        return journal, issues, people

    return build


class QueryCount(int):
    """A query count that shows the statements when an assertion about it fails."""

    statements: list[str]

    def __repr__(self) -> str:
        return f"{int(self)} queries:\n" + "\n".join(s[:160] for s in self.statements)


def count_query(client, query: str, variables: dict | None = None) -> tuple[QueryCount, dict]:
    """Queries of one request in the steady state.

    A first request is sent unmeasured: it creates the image renditions and caches the
    site's root paths, work done once per image size and once per cache lifetime.
    """
    graphql(client, query, variables)
    with CaptureQueriesContext(connection) as queries:
        status, body = graphql(client, query, variables)
    assert status == 200, body
    assert "errors" not in body, body["errors"]
    count = QueryCount(len(queries))
    count.statements = [query["sql"] for query in queries.captured_queries]
    return count, body


def count_queries(client, operation: str, variables: dict) -> tuple[QueryCount, dict]:
    """``count_query`` of a contract operation."""
    return count_query(client, OPERATIONS[operation].document, variables)


@pytest.mark.parametrize("size", [10, 100], ids=["10-issues", "100-issues"])
def test_open_calls_listing_costs_the_same_for_10_and_100_issues(client, build_issues, size):
    build_issues(size)
    queries, body = count_queries(client, "OpenCalls", {"limit": 100})
    assert body["data"]["specialIssues"]["total"] == size
    assert queries <= MAX_QUERIES, repr(queries)


@pytest.mark.parametrize("blocks", [5, 50], ids=["5-blocks", "50-blocks"])
def test_issue_page_costs_the_same_for_5_and_50_blocks(client, build_issues, blocks):
    _, issues, _ = build_issues(1, blocks=blocks)
    queries, body = count_queries(client, "IssuePage", {"slug": issues[0].slug})
    assert len(body["data"]["specialIssue"]["body"]) == blocks
    assert queries <= MAX_QUERIES, repr(queries)


def test_listing_queries_do_not_grow_with_the_list(client, build_issues):
    build_issues(30)
    small, _ = count_queries(client, "OpenCalls", {"limit": 3})
    large, _ = count_queries(client, "OpenCalls", {"limit": 30})
    assert large == small


@pytest.mark.parametrize("size", [10, 40], ids=["10-issues", "40-issues"])
def test_journal_page_costs_at_most_the_limit(client, build_issues, size):
    build_issues(size)
    queries, body = count_queries(client, "JournalPage", {"slug": "big-journal"})
    assert body["data"]["openCalls"]["total"] == size
    assert queries <= 3 * MAX_QUERIES


def test_person_page_is_flat(client, build_issues):
    _, _, people = build_issues(20)
    person = Person.objects.get(pk=people[0].pk)
    queries, body = count_queries(client, "PersonPage", {"id": str(person.pk)})
    assert len(body["data"]["person"]["specialIssues"]) == 12
    assert queries <= MAX_QUERIES, repr(queries)


# A listing loads only what its items show; each of these selections reads something a
# card does not (a large text column, the people's photos, the keywords, the cover), and
# must still cost the same for 10 issues as for 40.
LISTED_FIELDS = {
    "introduction": "introduction { html plainText }",
    "eligibility": "eligibility { plainText }",
    "topics": "topics",
    "body": "body { blockType }",
    "structured-data": "structuredData",
    "photos": "guestEditors { person { name photo { url } } }",
    "contact-photos": "contacts { person { name photo { url } } }",
    "keywords": "keywords",
    "cover": "coverImage { url }",
}


@pytest.mark.parametrize("selection", LISTED_FIELDS.values(), ids=LISTED_FIELDS.keys())
def test_a_listing_of_any_fields_is_flat(client, build_issues, selection):
    query = f"{{ specialIssues(limit: 100) {{ total items {{ slug {selection} }} }} }}"
    _, issues, _ = build_issues(40)
    # Every issue with a cover, a lead editor and a contact of its own, each person with
    # a photo of their own: a lookup per item would show.
    for issue in issues:
        type(issue).objects.filter(pk=issue.pk).update(cover_image=make_image())
        editor = PersonFactory(photo=make_image())
        GuestEditor.objects.filter(page=issue, sort_order=0).update(person=editor)
        IssueContact.objects.create(page=issue, person=PersonFactory(photo=make_image()))

    def queries_for(limit: int) -> QueryCount:
        count, body = count_query(client, query.replace("limit: 100", f"limit: {limit}"))
        assert len(body["data"]["specialIssues"]["items"]) == limit
        return count

    small, large = queries_for(10), queries_for(40)
    assert large == small, repr(large)
    assert large <= MAX_QUERIES, repr(large)


def own_journals(item: dict, detail: str) -> bool:
    """Whether ``item`` shows its own journal's ``detail`` (each journal's hot keyword
    and section are named after its slug)."""
    return item["journal"][detail] in (
        [item["journal"]["slug"]],
        [{"name": item["journal"]["slug"]}],
    )


# Each selection, and what every item must then show.
JOURNAL_DETAILS = {
    "hot-keywords": (
        "journal { slug hotKeywords }",
        lambda item: own_journals(item, "hotKeywords"),
    ),
    "section-list": (
        "journal { slug sectionList { name } }",
        lambda item: own_journals(item, "sectionList"),
    ),
    "default-contact": (
        "journal { defaultContact { name photo { url } } }",
        lambda item: bool(item["journal"]["defaultContact"]["photo"]["url"]),
    ),
    "contact-fallback": (
        "contacts { person { name } }",
        lambda item: bool(item["contacts"][0]["person"]["name"]),
    ),
    "section": ("section { name }", lambda item: bool(item["section"]["name"])),
    "card": (
        "journal { title slug } guestEditors { person { displayName } }",
        lambda item: bool(item["journal"]["title"]),
    ),
}


def add_journals(count: int) -> None:
    """``count`` journals, each with a contact (with a photo), a hot keyword, a section
    and two issues in that section."""
    for _ in range(count):
        journal = JournalPageFactory(default_contact=PersonFactory(photo=make_image()))
        JournalHotKeyword.objects.create(page=journal, keyword=journal.slug, sort_order=0)
        section = JournalSection.objects.create(page=journal, name=journal.slug)
        SpecialIssuePageFactory.create_batch(2, parent=journal, section=section)


def listing_of(selection: str) -> str:
    return f"{{ specialIssues(limit: 100) {{ total items {{ slug {selection} }} }} }}"


@pytest.mark.parametrize(("selection", "shows"), JOURNAL_DETAILS.values(), ids=JOURNAL_DETAILS)
def test_a_listing_across_journals_costs_the_same_for_2_and_8_journals(
    db, client, selection, shows
):
    """Journal details are loaded once for every journal, however many journals."""
    add_journals(2)
    small, _ = count_query(client, listing_of(selection))
    add_journals(6)
    large, body = count_query(client, listing_of(selection))

    items = body["data"]["specialIssues"]["items"]
    assert len(items) == 16
    assert all(shows(item) for item in items)
    assert large == small, repr(large)
    assert large <= MAX_QUERIES, repr(large)


def test_a_card_costs_fewer_queries_than_a_card_with_journal_details(db, client):
    """Details nobody asked for are not loaded (hot keywords, sections)."""
    add_journals(3)
    card = JOURNAL_DETAILS["card"][0]

    plain, _ = count_query(client, listing_of(card))
    detailed, _ = count_query(
        client, listing_of(card.replace("slug }", "slug hotKeywords sectionList { name } }", 1))
    )

    assert plain < detailed, repr(plain)
