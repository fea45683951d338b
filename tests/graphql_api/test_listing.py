"""The listing a frontend builds its pages from: ``specialIssues(…) { items total … }``.

The catalogue below is seen on 15 March 2026 (time is frozen), so every call's status is
fixed: two open calls with deadlines and one without, one upcoming, one closed and one
completed, in two journals. Drafts and withdrawn calls that match every filter sit beside
them and must never be counted.
"""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import call_command

from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueKeyword,
    JournalPage,
    PublishedArticle,
    SpecialIssuePage,
)
from tests.factories import (
    JournalPageFactory,
    PersonFactory,
    SpecialIssuePageFactory,
    error_codes,
    kept_for_module,
    publish,
)

TODAY = dt.datetime(2026, 3, 15, 12, 0, tzinfo=dt.UTC)

LISTING = """
query Listing(
  $journal: String, $status: IssueStatus, $keyword: String, $editor: ID,
  $deadlineAfter: Date, $deadlineBefore: Date, $search: String,
  $order: SpecialIssueOrder, $limit: Int, $offset: Int
) {
  specialIssues(
    journal: $journal, status: $status, keyword: $keyword, editor: $editor,
    deadlineAfter: $deadlineAfter, deadlineBefore: $deadlineBefore, search: $search,
    order: $order, limit: $limit, offset: $offset
  ) {
    total
    limit
    offset
    hasNextPage
    items { slug title }
  }
}
"""


def make_issue(
    journal,
    title,
    slug,
    *,
    deadline=None,
    opening=None,
    keywords=(),
    editors=(),
    articles=0,
    published_at=None,
    introduction="<p>What the issue is about.</p>",
    live=True,
):
    """An issue as an editor would publish it (a revision, so search indexes it all)."""
    page = SpecialIssuePageFactory(
        parent=journal,
        title=title,
        slug=slug,
        opening_date=opening,
        introduction=introduction,
        first_published_at=published_at,
        live=live,
        deadlines=[Deadline(date=deadline)] if deadline else [],
        keyword_items=[IssueKeyword(keyword=keyword) for keyword in keywords],
        guest_editors=[GuestEditor(person=person) for person in editors],
        published_articles=[
            PublishedArticle(title=f"Article {n}", authors="A. Author") for n in range(articles)
        ],
    )
    return publish(page) if live else page


@pytest.fixture
def today(time_machine):
    """Every test sees the catalogue on the same day, so statuses are fixed."""
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture(scope="module")
def shared_catalogue(django_db_setup, django_db_blocker):
    """Built once for the module (publishing pages is slow); see ``kept_for_module``."""
    with kept_for_module(django_db_blocker):
        with time_machine.travel(TODAY, tick=False):
            people = build_catalogue()
        yield people


@pytest.fixture
def catalogue(shared_catalogue, today, db):
    """The people of the catalogue by name (every test here must use this fixture)."""
    return shared_catalogue


def build_catalogue():
    """Six published issues in two journals, and two hidden ones that match every filter."""
    cdr = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    evcna = JournalPageFactory(title="Extracellular Vesicles", slug="evcna")
    people = {name: PersonFactory(name=name) for name in ("Alice Chen", "Bob Diaz", "Carol Ng")}
    alice, bob, carol = people["Alice Chen"], people["Bob Diaz"], people["Carol Ng"]
    make_issue(
        cdr,
        "Exosomes in Drug Resistance",
        "exosomes",
        deadline=dt.date(2026, 5, 14),
        keywords=["Exosomes", "Drug resistance"],
        editors=[alice],
        published_at=dt.datetime(2025, 10, 1, tzinfo=dt.UTC),
        introduction="<p>Vesicles shuttle <b>nanoparticles</b> between tumour cells.</p>",
    )
    make_issue(
        cdr,
        "Liquid Biopsy in Oncology",
        "liquid-biopsy",
        deadline=dt.date(2026, 4, 4),
        keywords=["Liquid biopsy"],
        editors=[bob],
        published_at=dt.datetime(2025, 11, 1, tzinfo=dt.UTC),
    )
    make_issue(
        cdr,
        "Tumour Microenvironment",
        "microenvironment",
        opening=dt.date(2026, 4, 15),
        deadline=dt.date(2026, 7, 13),
        keywords=["exosomes", "Stroma"],
        editors=[alice, bob],
        published_at=dt.datetime(2026, 1, 10, tzinfo=dt.UTC),
    )
    make_issue(
        evcna,
        "Immunotherapy Resistance",
        "immunotherapy",
        deadline=dt.date(2026, 1, 14),
        keywords=["Immunotherapy"],
        editors=[carol],
        published_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
    )
    make_issue(
        evcna,
        "Chemoresistance Mechanisms",
        "chemoresistance",
        deadline=dt.date(2025, 11, 15),
        keywords=["Drug resistance"],
        editors=[carol],
        articles=2,
        published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )
    make_issue(
        evcna,
        "Biomarkers: an Open Call",
        "biomarkers",
        keywords=["Biomarkers"],
        published_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )
    hidden = {
        "deadline": dt.date(2026, 5, 1),
        "keywords": ["Exosomes", "Drug resistance", "Stroma"],
        "editors": [alice, bob, carol],
        "introduction": "<p>Unannounced <b>nanoparticles</b> results.</p>",
    }
    draft = make_issue(cdr, "Draft Call on Exosomes", "draft-call", live=False, **hidden)
    draft.save_revision()
    withdrawn = make_issue(evcna, "Withdrawn Call on Exosomes", "withdrawn-call", **hidden)
    withdrawn.unpublish()
    return people


def listing(gql, people=None, **variables):
    """Run the listing; an ``editor`` given by name is sent as that person's id."""
    if people and variables.get("editor") in people:
        variables = {**variables, "editor": str(people[variables["editor"]].pk)}
    status_code, body = gql(LISTING, variables)
    assert status_code == 200, body
    return body


def slugs(body):
    return [item["slug"] for item in body["data"]["specialIssues"]["items"]]


ALL_BY_DEADLINE = [
    "chemoresistance",
    "immunotherapy",
    "liquid-biopsy",
    "exosomes",
    "microenvironment",
    "biomarkers",
]


# --- filters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        pytest.param({}, ALL_BY_DEADLINE, id="no-filter"),
        pytest.param(
            {"journal": "cdr"}, ["liquid-biopsy", "exosomes", "microenvironment"], id="journal"
        ),
        pytest.param(
            {"journal": "evcna"},
            ["chemoresistance", "immunotherapy", "biomarkers"],
            id="other-journal",
        ),
        pytest.param(
            {"status": "OPEN"}, ["liquid-biopsy", "exosomes", "biomarkers"], id="status-open"
        ),
        pytest.param({"status": "UPCOMING"}, ["microenvironment"], id="status-upcoming"),
        pytest.param({"status": "CLOSED"}, ["immunotherapy"], id="status-closed"),
        pytest.param({"status": "COMPLETED"}, ["chemoresistance"], id="status-completed"),
        pytest.param(
            {"keyword": "Exosomes"}, ["exosomes", "microenvironment"], id="keyword-as-stored"
        ),
        pytest.param(
            {"keyword": "EXOSOMES"}, ["exosomes", "microenvironment"], id="keyword-upper-case"
        ),
        pytest.param(
            {"keyword": "drug RESISTANCE"},
            ["chemoresistance", "exosomes"],
            id="keyword-mixed-case-two-words",
        ),
        pytest.param({"keyword": "Exo"}, [], id="keyword-prefix-is-no-match"),
        pytest.param({"editor": "Alice Chen"}, ["exosomes", "microenvironment"], id="editor-alice"),
        pytest.param(
            {"editor": "Carol Ng"}, ["chemoresistance", "immunotherapy"], id="editor-carol"
        ),
        pytest.param(
            {"deadlineAfter": "2026-04-04"},
            ["liquid-biopsy", "exosomes", "microenvironment"],
            id="deadline-after-inclusive",
        ),
        pytest.param(
            {"deadlineBefore": "2026-01-14"},
            ["chemoresistance", "immunotherapy"],
            id="deadline-before-inclusive",
        ),
        pytest.param(
            {"deadlineAfter": "2026-01-01", "deadlineBefore": "2026-05-14"},
            ["immunotherapy", "liquid-biopsy", "exosomes"],
            id="deadline-between",
        ),
        pytest.param(
            {"deadlineAfter": "2026-04-04", "deadlineBefore": "2026-04-04"},
            ["liquid-biopsy"],
            id="deadline-on-one-day",
        ),
        # Combined filters narrow each other.
        pytest.param(
            {"journal": "cdr", "status": "OPEN"},
            ["liquid-biopsy", "exosomes"],
            id="journal-and-status",
        ),
        pytest.param(
            {"journal": "cdr", "status": "OPEN", "keyword": "exosomes"},
            ["exosomes"],
            id="journal-status-keyword",
        ),
        pytest.param(
            {"editor": "Bob Diaz", "status": "UPCOMING"},
            ["microenvironment"],
            id="editor-and-status",
        ),
        pytest.param(
            {"journal": "evcna", "deadlineBefore": "2025-12-31"},
            ["chemoresistance"],
            id="journal-and-deadline",
        ),
        pytest.param(
            {"keyword": "drug resistance", "status": "COMPLETED"},
            ["chemoresistance"],
            id="keyword-and-status",
        ),
        pytest.param(
            {"journal": "cdr", "editor": "Carol Ng"}, [], id="journal-and-editor-no-match"
        ),
        pytest.param(
            {
                "journal": "cdr",
                "status": "OPEN",
                "keyword": "Exosomes",
                "editor": "Alice Chen",
                "deadlineAfter": "2026-05-01",
                "deadlineBefore": "2026-05-31",
            },
            ["exosomes"],
            id="every-filter-but-search",
        ),
    ],
)
def test_filters_return_the_matching_published_issues(gql, catalogue, variables, expected):
    body = listing(gql, catalogue, **variables)

    assert slugs(body) == expected
    assert body["data"]["specialIssues"]["total"] == len(expected)
    assert "Draft Call" not in json.dumps(body)
    assert "Withdrawn Call" not in json.dumps(body)


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        pytest.param({"search": "nanoparticles"}, ["exosomes"], id="word-in-introduction"),
        pytest.param({"search": "stroma"}, ["microenvironment"], id="word-in-keywords"),
        pytest.param({"search": "Immunotherapy"}, ["immunotherapy"], id="word-in-title"),
        pytest.param({"search": "volcanology"}, [], id="unrelated-word"),
        pytest.param({"search": ': "'}, [], id="punctuation-only"),
        pytest.param(
            {"search": "nanoparticles", "journal": "evcna"}, [], id="search-and-other-journal"
        ),
        pytest.param(
            {"search": "stroma", "status": "UPCOMING"},
            ["microenvironment"],
            id="search-and-status",
        ),
    ],
)
def test_search_finds_published_issues_by_their_words(gql, catalogue, variables, expected):
    body = listing(gql, catalogue, **variables)

    assert error_codes(body) == []
    assert slugs(body) == expected
    assert body["data"]["specialIssues"]["total"] == len(expected)


def test_search_finds_the_published_words_not_a_drafts(
    gql, catalogue, django_capture_on_commit_callbacks
):
    page = SpecialIssuePage.objects.get(slug="microenvironment")
    page.introduction = "<p>Cancer-associated <b>fibroblasts</b> remodel the matrix.</p>"
    page.keyword_items = [IssueKeyword(keyword="Hypoxia")]
    page.save_revision()

    assert slugs(listing(gql, search="fibroblasts")) == []
    assert slugs(listing(gql, search="stroma")) == ["microenvironment"]

    with django_capture_on_commit_callbacks(execute=True):  # the cached answers go
        page.get_latest_revision().publish()

    assert slugs(listing(gql, search="fibroblasts")) == ["microenvironment"]
    assert slugs(listing(gql, search="hypoxia")) == ["microenvironment"]
    assert slugs(listing(gql, search="stroma")) == []


def test_search_finds_words_written_without_signals_once_the_index_is_updated(gql, catalogue):
    # A bulk fix in the database sends no signals; the operator then updates the index,
    # as the README says.
    SpecialIssuePage.objects.filter(slug="liquid-biopsy").update(title="Circulating DNA")

    call_command("update_index", verbosity=0)
    call_command("update_search_vectors", stdout=io.StringIO())

    assert slugs(listing(gql, search="circulating")) == ["liquid-biopsy"]


def test_blank_search_is_no_filter(gql, catalogue):
    body = listing(gql, catalogue, search="   ")

    assert slugs(body) == ALL_BY_DEADLINE


def test_a_keyword_only_in_a_draft_revision_matches_once_published(gql, catalogue):
    issue = SpecialIssuePage.objects.get(slug="liquid-biopsy")
    issue.keyword_items.add(IssueKeyword(keyword="Unannounced keyword"))
    issue.save_revision()  # "Save draft": the live page keeps its keywords

    before = listing(gql, catalogue, keyword="Unannounced keyword")
    publish(issue.get_latest_revision_as_object())
    # Another spelling: the same variables could be answered from the response cache,
    # which in a rolled-back test transaction never hears of the publication.
    after = listing(gql, catalogue, keyword="unannounced KEYWORD")

    assert slugs(before) == []
    assert before["data"]["specialIssues"]["total"] == 0
    assert slugs(after) == ["liquid-biopsy"]


# --- order ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        pytest.param(None, ALL_BY_DEADLINE, id="default-is-deadline-asc"),
        pytest.param("DEADLINE_ASC", ALL_BY_DEADLINE, id="deadline-asc-no-deadline-last"),
        pytest.param(
            "DEADLINE_DESC",
            [
                "microenvironment",
                "exosomes",
                "liquid-biopsy",
                "immunotherapy",
                "chemoresistance",
                "biomarkers",
            ],
            id="deadline-desc-no-deadline-still-last",
        ),
        pytest.param(
            "NEWEST",
            [
                "biomarkers",
                "microenvironment",
                "liquid-biopsy",
                "exosomes",
                "immunotherapy",
                "chemoresistance",
            ],
            id="newest-first-published",
        ),
        pytest.param(
            "TITLE",
            [
                "biomarkers",
                "chemoresistance",
                "exosomes",
                "immunotherapy",
                "liquid-biopsy",
                "microenvironment",
            ],
            id="title",
        ),
    ],
)
def test_order(gql, catalogue, order, expected):
    variables = {} if order is None else {"order": order}

    body = listing(gql, catalogue, **variables)

    assert slugs(body) == expected


@pytest.mark.parametrize(
    "query",
    [
        pytest.param('{ specialIssues(order: "owner__password") { total } }', id="string-literal"),
        pytest.param("{ specialIssues(order: owner__password) { total } }", id="enum-literal"),
    ],
)
def test_an_order_outside_the_enum_is_rejected_before_running(gql, catalogue, query):
    status_code, body = gql(query)

    assert status_code == 400
    assert "data" not in body or body["data"] is None
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "SpecialIssueOrder" in body["errors"][0]["message"]


def test_an_order_variable_outside_the_enum_is_rejected(gql, catalogue):
    status_code, body = gql(
        "query ($o: SpecialIssueOrder) { specialIssues(order: $o) { total } }",
        {"o": "owner__password"},
    )

    assert status_code == 400
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]


# --- pagination -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "offset", "expected", "has_next_page"),
    [
        pytest.param(2, 0, ALL_BY_DEADLINE[0:2], True, id="first-page"),
        pytest.param(2, 2, ALL_BY_DEADLINE[2:4], True, id="middle-page"),
        pytest.param(2, 4, ALL_BY_DEADLINE[4:6], False, id="last-full-page"),
        pytest.param(4, 4, ALL_BY_DEADLINE[4:6], False, id="last-partial-page"),
        pytest.param(5, 0, ALL_BY_DEADLINE[0:5], True, id="one-short-of-all"),
        pytest.param(6, 0, ALL_BY_DEADLINE, False, id="exactly-all"),
        pytest.param(100, 0, ALL_BY_DEADLINE, False, id="maximum-limit"),
        pytest.param(2, 6, [], False, id="offset-at-total"),
        pytest.param(2, 50, [], False, id="offset-beyond-total"),
    ],
)
def test_pagination(gql, catalogue, limit, offset, expected, has_next_page):
    body = listing(gql, catalogue, limit=limit, offset=offset)
    page = body["data"]["specialIssues"]

    assert slugs(body) == expected
    assert (page["total"], page["limit"], page["offset"], page["hasNextPage"]) == (
        6,
        limit,
        offset,
        has_next_page,
    )


def test_pages_walked_with_has_next_page_list_every_issue_once(gql, catalogue):
    seen, offset = [], 0
    while True:
        page = listing(gql, catalogue, limit=4, offset=offset)["data"]["specialIssues"]
        seen += [item["slug"] for item in page["items"]]
        if not page["hasNextPage"]:
            break
        offset += page["limit"]

    assert seen == ALL_BY_DEADLINE


def test_total_counts_every_match_across_pages(gql, catalogue):
    body = listing(gql, catalogue, status="OPEN", limit=1)

    assert body["data"]["specialIssues"]["total"] == 3
    assert slugs(body) == ["liquid-biopsy"]
    assert body["data"]["specialIssues"]["hasNextPage"] is True


def test_default_page_size_is_20(gql, catalogue):
    journal = JournalPage.objects.get(slug="cdr")
    for n in range(15):
        SpecialIssuePageFactory(parent=journal, slug=f"more-{n:02d}")

    page = listing(gql)["data"]["specialIssues"]

    assert (page["limit"], len(page["items"]), page["total"], page["hasNextPage"]) == (
        20,
        20,
        21,
        True,
    )


def test_limit_zero_returns_the_total_only(gql, catalogue):
    body = listing(gql, catalogue, limit=0, status="OPEN")

    assert body["data"]["specialIssues"]["items"] == []
    assert body["data"]["specialIssues"]["total"] == 3


def test_a_limit_over_100_is_an_error_that_names_the_maximum(gql, catalogue):
    body = listing(gql, catalogue, limit=101)

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["maximum"] == 100
    assert "100" in error["message"]


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "code", "words"),
    [
        pytest.param({"limit": -1}, "BAD_USER_INPUT", "limit", id="negative-limit"),
        pytest.param({"offset": -1}, "BAD_USER_INPUT", "offset", id="negative-offset"),
        pytest.param({"editor": "alice"}, "BAD_USER_INPUT", "alice", id="non-numeric-editor"),
        pytest.param(
            {"deadlineAfter": "2026-06-01", "deadlineBefore": "2026-05-01"},
            "BAD_USER_INPUT",
            "deadlineAfter",
            id="deadline-after-later-than-before",
        ),
        pytest.param(
            {"journal": "no-such-journal"}, "NOT_FOUND", "no-such-journal", id="unknown-journal"
        ),
    ],
)
def test_bad_arguments_are_errors_with_a_code(gql, catalogue, variables, code, words):
    body = listing(gql, catalogue, **variables)

    assert body["data"] is None
    assert error_codes(body) == [code]
    assert words in body["errors"][0]["message"]


def test_an_editor_id_of_nobody_lists_nothing(gql, catalogue):
    body = listing(gql, catalogue, editor="987654")

    assert error_codes(body) == []
    assert body["data"]["specialIssues"]["total"] == 0


@pytest.mark.parametrize(
    "variables",
    [
        pytest.param({"deadlineAfter": "15/03/2026"}, id="deadline-not-iso"),
        pytest.param({"status": "open"}, id="status-lower-case"),
        pytest.param({"limit": "ten"}, id="limit-not-a-number"),
    ],
)
def test_malformed_variables_are_rejected_before_running(gql, catalogue, variables):
    status_code, body = gql(LISTING, variables)

    assert status_code == 400
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]


# --- drafts never count -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "visible_total"),
    [
        pytest.param({}, 6, id="everything"),
        pytest.param({"keyword": "Stroma"}, 1, id="keyword"),
        pytest.param({"editor": "Carol Ng"}, 2, id="editor"),
        pytest.param({"deadlineAfter": "2026-05-01", "deadlineBefore": "2026-05-01"}, 0, id="date"),
        pytest.param({"status": "OPEN", "journal": "evcna"}, 1, id="status-and-journal"),
        pytest.param({"limit": 0}, 6, id="count-only"),
    ],
)
def test_draft_and_withdrawn_issues_never_count(gql, catalogue, variables, visible_total):
    # The draft and the withdrawn call match every one of these filters.
    body = listing(gql, catalogue, **variables)

    assert body["data"]["specialIssues"]["total"] == visible_total
    assert {"draft-call", "withdrawn-call"}.isdisjoint(slugs(body))
