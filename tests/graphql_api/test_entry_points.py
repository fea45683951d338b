"""The root queries a frontend starts from besides the listing: journals, one journal, a
person's page, keyword clouds, and where a reusable snippet is shown.

Each answers only with what the public may see: drafts, unpublished and restricted pages
are left out of lists and are NOT_FOUND when asked for by name.
"""

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from wagtail.models import PageViewRestriction

from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    JournalPage,
    Person,
    SpecialIssuePage,
)
from tests.factories import (
    JournalPageFactory,
    PersonFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
    error_codes,
    kept_for_module,
    publish,
)


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return page


def unpublished(page):
    page = publish(page)
    page.unpublish()
    return page


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One site for the whole module, built once (publishing pages is slow).

    See ``kept_for_module``: every test here uses one of the fixtures below, and each
    test's own changes are rolled back after it.
    """
    with kept_for_module(django_db_blocker):
        journal = JournalPageFactory(
            title="Cancer Drug Resistance", slug="cdr", issn_online="2578-532X"
        )
        closed_journal = unpublished(JournalPageFactory(title="Closed Journal", slug="closed"))
        build_journals()
        build_keywords(journal)
        yield SimpleNamespace(
            people=build_people(journal, closed_journal),
            snippet=build_placements(journal, closed_journal),
        )


@pytest.fixture
def journals(world, db):
    return world


@pytest.fixture
def people(world, db):
    return world.people


@pytest.fixture
def keywords(world, db):
    return world


@pytest.fixture
def placements(world, db):
    return world.snippet


# --- journals ---------------------------------------------------------------------------

JOURNALS = (
    "query ($limit: Int, $offset: Int) { journals(limit: $limit, offset: $offset) {"
    " total limit offset hasNextPage items { title slug } } }"
)


def build_journals():
    """Two more published journals and three the public may not see."""
    JournalPageFactory(title="Zoology Letters", slug="zoology-letters")
    JournalPageFactory(title="Acta Oncologica", slug="acta-oncologica")
    JournalPageFactory(title="Journal in Preparation", slug="in-preparation", live=False)
    unpublished(JournalPageFactory(title="Discontinued Journal", slug="discontinued"))
    restrict(JournalPageFactory(title="Members-only Journal", slug="members-only"))


def test_journals_lists_published_journals_by_title(gql, journals):
    status_code, body = gql(JOURNALS)

    assert status_code == 200, body
    assert body["data"]["journals"] == {
        "total": 4,
        "limit": 20,
        "offset": 0,
        "hasNextPage": False,
        "items": [
            {"title": "Acta Oncologica", "slug": "acta-oncologica"},
            {"title": "Cancer Drug Resistance", "slug": "cdr"},
            {"title": "Extracellular Vesicles", "slug": "evcna"},
            {"title": "Zoology Letters", "slug": "zoology-letters"},
        ],
    }
    for hidden in ("Preparation", "Discontinued", "Members-only", "Closed Journal"):
        assert hidden not in json.dumps(body)


@pytest.mark.parametrize(
    ("limit", "offset", "titles", "has_next_page"),
    [
        pytest.param(2, 0, ["Acta Oncologica", "Cancer Drug Resistance"], True, id="first"),
        pytest.param(3, 2, ["Extracellular Vesicles", "Zoology Letters"], False, id="last"),
        pytest.param(2, 4, [], False, id="beyond"),
        pytest.param(0, 0, [], True, id="count-only"),
    ],
)
def test_journals_paginate(gql, journals, limit, offset, titles, has_next_page):
    body = gql(JOURNALS, {"limit": limit, "offset": offset})[1]

    page = body["data"]["journals"]
    assert [item["title"] for item in page["items"]] == titles
    assert (page["total"], page["hasNextPage"]) == (4, has_next_page)


def test_journals_limit_over_100_names_the_maximum(gql, journals):
    body = gql(JOURNALS, {"limit": 101})[1]

    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["maximum"] == 100
    assert "100" in body["errors"][0]["message"]


ONE_JOURNAL = "query ($slug: String!) { journal(slug: $slug) { title slug issnOnline } }"


def test_journal_by_slug(gql, journals):
    body = gql(ONE_JOURNAL, {"slug": "cdr"})[1]

    assert body == {
        "data": {
            "journal": {"title": "Cancer Drug Resistance", "slug": "cdr", "issnOnline": "2578-532X"}
        }
    }


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("no-such-journal", id="unknown"),
        pytest.param("in-preparation", id="never-published"),
        pytest.param("discontinued", id="unpublished"),
        pytest.param("members-only", id="restricted"),
        pytest.param("closed", id="unpublished-with-live-issues"),
    ],
)
def test_journal_the_public_cannot_see_is_not_found(gql, journals, slug):
    body = gql(ONE_JOURNAL, {"slug": slug})[1]

    assert body["data"] == {"journal": None}
    assert error_codes(body) == ["NOT_FOUND"]
    for hidden in ("Preparation", "Discontinued", "Members-only", "Closed Journal"):
        assert hidden not in json.dumps(body)


# --- person -----------------------------------------------------------------------------

PERSON = """query ($id: ID!) {
  person(id: $id) { displayName email specialIssues { slug } }
}"""


def issue(journal, slug, *, deadline=None, editors=(), contacts=(), live=True):
    return SpecialIssuePageFactory(
        parent=journal,
        slug=slug,
        title=f"Issue {slug}",
        live=live,
        deadlines=[Deadline(date=deadline)] if deadline else [],
        guest_editors=[GuestEditor(person=person) for person in editors],
        contacts=[IssueContact(person=person) for person in contacts],
    )


def build_people(journal, closed_journal):
    """People named on published, draft and hidden pages."""
    names = ["Alice Chen", "Bob Diaz", "Carol Ng", "Dan Oduya", "Eve Park", "Fay Quist"]
    p = {name.split()[0].lower(): PersonFactory(name=name) for name in names}
    p["alice"].email = "alice@example.org"
    p["alice"].save()
    issue(journal, "mid-deadline", deadline=dt.date(2026, 5, 1), editors=[p["alice"]])
    issue(journal, "late-deadline", deadline=dt.date(2027, 1, 1), editors=[p["alice"]])
    issue(journal, "no-deadline", editors=[p["alice"]])
    issue(journal, "early-deadline", deadline=dt.date(2025, 2, 1), editors=[p["alice"]])
    issue(journal, "alice-contact-only", contacts=[p["alice"], p["eve"]])
    # Alice on pages the public cannot see; Bob and Carol only there.
    hidden_editors = [p["alice"], p["bob"]]
    issue(journal, "draft", deadline=dt.date(2030, 1, 1), editors=hidden_editors, live=False)
    unpublished(issue(journal, "withdrawn", deadline=dt.date(2030, 1, 1), editors=hidden_editors))
    restrict(issue(journal, "restricted", deadline=dt.date(2030, 1, 1), editors=hidden_editors))
    issue(closed_journal, "orphan", editors=[p["alice"], p["carol"]])
    # Dan is the journal's default contact: shown on its issues, editing none.
    journal.default_contact = p["dan"]
    publish(journal)
    return p


def test_person_lists_published_issues_they_edit_latest_deadline_first(gql, people):
    body = gql(PERSON, {"id": str(people["alice"].pk)})[1]

    assert error_codes(body) == []
    assert [i["slug"] for i in body["data"]["person"]["specialIssues"]] == [
        "late-deadline",
        "mid-deadline",
        "early-deadline",
        "no-deadline",
    ]
    for hidden in ("draft", "withdrawn", "restricted", "orphan", "alice-contact-only"):
        assert f'"{hidden}"' not in json.dumps(body)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("dan", id="journal-default-contact"),
        pytest.param("eve", id="issue-contact"),
    ],
)
def test_person_shown_but_editing_nothing_is_found_with_no_issues(gql, people, name):
    body = gql(PERSON, {"id": str(people[name].pk)})[1]

    assert error_codes(body) == []
    assert body["data"]["person"]["specialIssues"] == []


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("bob", id="only-on-drafts-unpublished-or-restricted"),
        pytest.param("carol", id="only-under-unpublished-journal"),
        pytest.param("fay", id="on-no-page"),
    ],
)
def test_person_not_shown_publicly_is_not_found(gql, people, name):
    body = gql(PERSON, {"id": str(people[name].pk)})[1]

    assert body["data"] == {"person": None}
    assert error_codes(body) == ["NOT_FOUND"]
    assert people[name].name not in json.dumps(body)


@pytest.mark.parametrize(
    ("person_id", "code"),
    [
        pytest.param("alice", "BAD_USER_INPUT", id="non-numeric"),
        pytest.param("1.5", "BAD_USER_INPUT", id="decimal"),
        pytest.param("987654", "NOT_FOUND", id="unknown"),
    ],
)
def test_person_bad_or_unknown_id(gql, people, person_id, code):
    body = gql(PERSON, {"id": person_id})[1]

    assert body["data"] == {"person": None}
    assert error_codes(body) == [code]


@pytest.mark.parametrize(
    ("email_is_public", "email"),
    [
        pytest.param(False, None, id="private"),
        pytest.param(True, "alice@example.org", id="public"),
    ],
)
def test_person_email_only_when_public(gql, people, email_is_public, email):
    Person.objects.filter(pk=people["alice"].pk).update(email_is_public=email_is_public)

    body = gql(PERSON, {"id": str(people["alice"].pk)})[1]

    assert body["data"]["person"]["email"] == email
    assert ("alice@example.org" in json.dumps(body)) is email_is_public


# --- keywords ---------------------------------------------------------------------------

KEYWORDS = (
    "query ($journal: String, $limit: Int) { keywords(journal: $journal, limit: $limit)"
    " { keyword count } }"
)


def with_keywords(journal, slug, keywords, *, live=True):
    return SpecialIssuePageFactory(
        parent=journal,
        slug=slug,
        live=live,
        keyword_items=[IssueKeyword(keyword=keyword) for keyword in keywords],
    )


def build_keywords(journal):
    """Keywords of published, draft and hidden issues in two journals."""
    other = JournalPageFactory(title="Extracellular Vesicles", slug="evcna")
    with_keywords(journal, "kw-a", ["Exosomes", "Liquid biopsy"])
    with_keywords(journal, "kw-b", ["Exosomes"])
    with_keywords(journal, "kw-c", ["Stroma", "Liquid biopsy", "Angiogenesis"])
    with_keywords(journal, "kw-draft", ["Exosomes", "Unannounced"], live=False)
    unpublished(with_keywords(journal, "kw-withdrawn", ["Stroma", "Unannounced"]))
    restrict(with_keywords(journal, "kw-restricted", ["Stroma", "Unannounced"]))
    with_keywords(other, "kw-e", ["Exosomes", "Immunology"])


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        pytest.param(
            {"journal": "cdr"},
            [
                {"keyword": "Exosomes", "count": 2},
                {"keyword": "Liquid biopsy", "count": 2},
                {"keyword": "Angiogenesis", "count": 1},
                {"keyword": "Stroma", "count": 1},
            ],
            id="one-journal",
        ),
        pytest.param(
            {},
            [
                {"keyword": "Exosomes", "count": 3},
                {"keyword": "Liquid biopsy", "count": 2},
                {"keyword": "Angiogenesis", "count": 1},
                {"keyword": "Immunology", "count": 1},
                {"keyword": "Stroma", "count": 1},
            ],
            id="all-journals",
        ),
        pytest.param(
            {"journal": "cdr", "limit": 3},
            [
                {"keyword": "Exosomes", "count": 2},
                {"keyword": "Liquid biopsy", "count": 2},
                {"keyword": "Angiogenesis", "count": 1},
            ],
            id="limit",
        ),
        pytest.param({"journal": "evcna", "limit": 0}, [], id="limit-zero"),
    ],
)
def test_keywords_count_published_issues_most_used_first(gql, keywords, variables, expected):
    body = gql(KEYWORDS, variables)[1]

    assert error_codes(body) == []
    assert body["data"]["keywords"] == expected
    assert "Unannounced" not in json.dumps(body)


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        pytest.param({"journal": "no-such-journal"}, "NOT_FOUND", id="unknown-journal"),
        pytest.param({"limit": 101}, "BAD_USER_INPUT", id="limit-over-100"),
        pytest.param({"limit": -1}, "BAD_USER_INPUT", id="negative-limit"),
    ],
)
def test_keywords_bad_arguments(gql, keywords, variables, code):
    body = gql(KEYWORDS, variables)[1]

    assert body["data"] is None
    assert error_codes(body) == [code]


def test_keyword_count_matches_the_listing_it_links_to(gql, keywords):
    with_keywords(JournalPage.objects.get(slug="cdr"), "kw-lower-case", ["exosomes"])

    cloud = gql(KEYWORDS, {"journal": "cdr"})[1]["data"]["keywords"]
    totals = {
        entry["keyword"]: gql(
            'query ($k: String) { specialIssues(journal: "cdr", keyword: $k) { total } }',
            {"k": entry["keyword"]},
        )[1]["data"]["specialIssues"]["total"]
        for entry in cloud
    }

    assert {entry["keyword"]: entry["count"] for entry in cloud} == totals


# --- where a reusable snippet is used ---------------------------------------------------

USED_BY = "{ snippets { ... on ReusableContent { name usedBy { slug } } } }"


def placing(snippet, times=1):
    return [("reusable_content", {"content": snippet})] * times


def build_placements(journal, closed_journal):
    """Issues placing a snippet in their live body, only in a draft, or hidden."""
    snippet = ReusableContentFactory(name="APC waiver")
    other = ReusableContentFactory(name="Open access notice")

    def page(slug, body=(), **kwargs):
        return SpecialIssuePageFactory(
            parent=journal, slug=slug, title=f"Issue {slug}", body=list(body), **kwargs
        )

    publish(page("b-placed-live", placing(snippet)))
    publish(page("a-placed-twice", placing(snippet, 2)))
    added_in_draft = publish(page("c-added-in-draft", placing(other)))
    added_in_draft.body = placing(other) + placing(snippet)
    added_in_draft.save_revision()
    removed_in_draft = publish(page("d-removed-in-draft", placing(snippet)))
    removed_in_draft.body = []
    removed_in_draft.save_revision()
    unpublished(page("e-unpublished", placing(snippet)))
    page("f-never-published", placing(snippet), live=False).save_revision()
    restrict(page("g-restricted", placing(snippet)))
    SpecialIssuePageFactory(parent=closed_journal, slug="h-orphan", body=placing(snippet))
    return snippet


def test_used_by_lists_published_issues_whose_live_body_places_the_snippet(gql, placements):
    body = gql(USED_BY)[1]

    assert error_codes(body) == []
    used_by = {
        snippet["name"]: [page["slug"] for page in snippet["usedBy"]]
        for snippet in body["data"]["snippets"]
        if snippet
    }
    assert used_by == {
        "APC waiver": ["a-placed-twice", "b-placed-live", "d-removed-in-draft"],
        "Open access notice": ["c-added-in-draft"],
    }


def test_used_by_follows_publishing(gql, placements):
    page = SpecialIssuePage.objects.get(slug="c-added-in-draft")
    publish(page.get_latest_revision_as_object())

    body = gql(USED_BY)[1]

    apc = next(s for s in body["data"]["snippets"] if s and s["name"] == "APC waiver")
    assert [p["slug"] for p in apc["usedBy"]] == [
        "a-placed-twice",
        "b-placed-live",
        "c-added-in-draft",
        "d-removed-in-draft",
    ]
