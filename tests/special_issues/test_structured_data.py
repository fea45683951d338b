"""``structuredData``: the schema.org JSON-LD a frontend puts in a
``<script type="application/ld+json">`` tag, read the way a search engine reads it.

The document is expanded with pyld (a JSON-LD processor); the schema.org context is
served locally (``@vocab`` only), so no test touches the network. The checks are on the
expanded graph: what a crawler understands, not how the JSON happens to be spelled.
"""

import datetime as dt
import json

import pytest
from pyld import jsonld

from special_issues.models import Deadline, GuestEditor, PublishedArticle
from special_issues.status import ANYWHERE_ON_EARTH
from tests.factories import JournalPageFactory, PersonFactory, SpecialIssuePageFactory

SCHEMA = "https://schema.org/"
ORCID = "0000-0002-1825-0097"  # ORCID's own example iD (valid check digit)

QUERY = """query ($slug: String!) {
  specialIssue(slug: $slug) { structuredData deadlines { kind closesAt } }
}"""


def schema_org_loader(url, options=None):
    """Serve the schema.org context from memory; any other URL fails the test."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}},
        }
    raise AssertionError(f"The JSON-LD asked for a remote document: {url}")


def structured_data(gql, slug="exosomes"):
    """(the JSON-LD as sent, its expanded top node, the issue's deadlines)."""
    status_code, body = gql(QUERY, {"slug": slug})
    assert status_code == 200, body
    assert "errors" not in body, body
    issue = body["data"]["specialIssue"]
    document = json.loads(issue["structuredData"])
    [top] = jsonld.expand(document, {"documentLoader": schema_org_loader})
    return document, top, issue["deadlines"]


def types(node):
    return [t.removeprefix(SCHEMA) for t in node.get("@type", [])]


def values(node, term):
    """Literal values (or IRIs) of a property of an expanded node."""
    return [item.get("@value", item.get("@id")) for item in node.get(SCHEMA + term, [])]


def nodes(node, term):
    return [item for item in node.get(SCHEMA + term, []) if "@value" not in item]


@pytest.fixture
def journal_with_issns(db):
    return JournalPageFactory(
        title="Cancer Drug Resistance",
        slug="cdr",
        issn_online="2578-532X",
        issn_print="0317-8471",
        publisher="OAE Publishing Inc.",
    )


@pytest.fixture
def people(db):
    return {
        "lead": PersonFactory(
            honorific="Prof.",
            name="Kenneth K. W. To",
            orcid=ORCID,
            email="kenneth.to@example.org",
            email_is_public=True,
            institution="The Chinese University of Hong Kong",
        ),
        "second": PersonFactory(
            honorific="Dr.",
            name="William C. S. Cho",
            orcid="",
            email="william.cho@example.org",
            email_is_public=False,
        ),
    }


def make_issue(journal, *, deadlines=(), editors=(), articles=(), **kwargs):
    return SpecialIssuePageFactory(
        parent=journal,
        slug="exosomes",
        title="Exosomes and Drug Resistance in Cancer",
        deadlines=[
            Deadline(date=date, time_zone=zone, kind=kind) for date, zone, kind in deadlines
        ],
        guest_editors=[GuestEditor(person=person) for person in editors],
        published_articles=list(articles),
        **kwargs,
    )


@pytest.fixture
def issue(journal_with_issns, people):
    return make_issue(
        journal_with_issns,
        deadlines=[(dt.date(2022, 12, 31), ANYWHERE_ON_EARTH, Deadline.Kind.FULL_MANUSCRIPT)],
        editors=[people["lead"], people["second"]],
        articles=[
            PublishedArticle(
                title="Exosomal microRNAs in chemoresistance",
                authors="Kenneth K. W. To\nWilliam C. S. Cho",
                doi="10.20517/cdr.2022.01",
                publication_date=dt.date(2022, 6, 1),
                sort_order=0,
            ),
            PublishedArticle(
                title="An editorial without a DOI",
                authors="The guest editors",
                url="https://example.org/editorial",
                sort_order=1,
            ),
        ],
    )


def test_the_issue_is_a_publication_issue_named_by_its_title(gql, issue):
    document, top, _ = structured_data(gql)

    assert document["@context"] == "https://schema.org"
    assert types(top) == ["PublicationIssue"]
    assert values(top, "name") == ["Exosomes and Drug Resistance in Cancer"]


def test_it_is_part_of_its_journal_a_periodical_with_its_issns(gql, issue):
    _, top, _ = structured_data(gql)

    [periodical] = nodes(top, "isPartOf")
    assert types(periodical) == ["Periodical"]
    assert values(periodical, "name") == ["Cancer Drug Resistance"]
    assert sorted(values(periodical, "issn")) == ["0317-8471", "2578-532X"]
    [publisher] = nodes(periodical, "publisher")
    assert values(publisher, "name") == ["OAE Publishing Inc."]


def test_an_online_only_journal_has_one_issn(gql, people):
    journal = JournalPageFactory(title="Online Only", slug="online-only", issn_online="2578-532X")
    make_issue(journal)

    _, top, _ = structured_data(gql)

    [periodical] = nodes(top, "isPartOf")
    assert values(periodical, "issn") == ["2578-532X"]


def test_guest_editors_are_people_with_their_orcid_in_same_as(gql, issue):
    _, top, _ = structured_data(gql)

    lead, second = nodes(top, "editor")
    assert types(lead) == types(second) == ["Person"]
    assert values(lead, "name") == ["Kenneth K. W. To"]
    assert values(lead, "honorificPrefix") == ["Prof."]
    assert values(lead, "sameAs") == [f"https://orcid.org/{ORCID}"]
    [affiliation] = nodes(lead, "affiliation")
    assert values(affiliation, "name") == ["The Chinese University of Hong Kong"]
    assert values(second, "name") == ["William C. S. Cho"]
    assert values(second, "sameAs") == []


@pytest.mark.parametrize(
    ("editor", "email"),
    [
        pytest.param("lead", "kenneth.to@example.org", id="public-email-shown"),
        pytest.param("second", None, id="private-email-absent"),
    ],
)
def test_an_editors_email_only_when_public(gql, issue, editor, email):
    document, top, _ = structured_data(gql)

    by_name = {values(person, "name")[0]: person for person in nodes(top, "editor")}
    person = by_name["Kenneth K. W. To" if editor == "lead" else "William C. S. Cho"]
    assert values(person, "email") == ([email] if email else [])
    if email is None:
        assert "william.cho@example.org" not in json.dumps(document)


def test_published_articles_are_scholarly_articles_with_their_doi(gql, issue):
    _, top, _ = structured_data(gql)

    with_doi, without_doi = nodes(top, "hasPart")
    assert types(with_doi) == types(without_doi) == ["ScholarlyArticle"]
    assert values(with_doi, "name") == ["Exosomal microRNAs in chemoresistance"]
    [identifier] = nodes(with_doi, "identifier")
    assert types(identifier) == ["PropertyValue"]
    assert values(identifier, "propertyID") == ["DOI"]
    assert values(identifier, "value") == ["10.20517/cdr.2022.01"]
    assert values(with_doi, "sameAs") == ["https://doi.org/10.20517/cdr.2022.01"]
    assert values(with_doi, "datePublished") == ["2022-06-01"]
    assert sorted(values(author, "name")[0] for author in nodes(with_doi, "author")) == [
        "Kenneth K. W. To",
        "William C. S. Cho",
    ]
    assert nodes(without_doi, "identifier") == []
    assert values(without_doi, "url") == ["https://example.org/editorial"]


@pytest.mark.parametrize(
    ("deadlines", "end_time"),
    [
        pytest.param(
            [(dt.date(2022, 12, 31), ANYWHERE_ON_EARTH, "FULL_MANUSCRIPT")],
            "2023-01-01T12:00:00+00:00",
            id="anywhere-on-earth",
        ),
        pytest.param(
            [(dt.date(2022, 12, 31), "UTC", "FULL_MANUSCRIPT")],
            "2023-01-01T00:00:00+00:00",
            id="utc",
        ),
        pytest.param(
            [(dt.date(2022, 12, 31), "Asia/Hong_Kong", "FULL_MANUSCRIPT")],
            "2022-12-31T16:00:00+00:00",
            id="hong-kong",
        ),
        pytest.param(
            [(dt.date(2023, 7, 4), "America/New_York", "FULL_MANUSCRIPT")],
            "2023-07-05T04:00:00+00:00",
            id="new-york-summer-time",
        ),
        pytest.param(
            [
                (dt.date(2023, 3, 1), ANYWHERE_ON_EARTH, "ABSTRACT"),
                (dt.date(2022, 12, 31), ANYWHERE_ON_EARTH, "FULL_MANUSCRIPT"),
            ],
            "2023-01-01T12:00:00+00:00",
            id="manuscript-deadline-closes-not-a-later-abstract",
        ),
        pytest.param(
            [
                (dt.date(2022, 10, 1), ANYWHERE_ON_EARTH, "FULL_MANUSCRIPT"),
                (dt.date(2022, 12, 31), ANYWHERE_ON_EARTH, "FULL_MANUSCRIPT"),
            ],
            "2023-01-01T12:00:00+00:00",
            id="extended-deadline",
        ),
    ],
)
def test_the_call_closes_at_the_end_of_the_final_deadline_day_in_its_zone(
    gql, journal_with_issns, deadlines, end_time
):
    make_issue(journal_with_issns, deadlines=deadlines)

    _, top, api_deadlines = structured_data(gql)

    [action] = nodes(top, "potentialAction")
    assert values(action, "endTime") == [end_time]
    # The same instant as the deadline's closesAt shown on the page.
    closes_at = {
        dt.datetime.fromisoformat(d["closesAt"])
        for d in api_deadlines
        if d["kind"] == "FULL_MANUSCRIPT"
    }
    assert dt.datetime.fromisoformat(end_time) == max(closes_at)


def test_a_call_without_dates_has_no_submit_action(gql, journal_with_issns):
    make_issue(journal_with_issns)

    _, top, _ = structured_data(gql)

    assert nodes(top, "potentialAction") == []
