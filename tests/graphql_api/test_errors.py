"""Errors a client can act on: a status, a message and an ``extensions.code``, never a
traceback or a server's internals; and the GraphiQL page, on only where enabled."""

import logging
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings

from special_issues.models import SpecialIssuePage
from tests.factories import JournalPageFactory, SpecialIssuePageFactory

LEAK_MARKERS = ("Traceback", 'File "', "site-packages")


def assert_no_internals(text: str) -> None:
    for marker in LEAK_MARKERS:
        assert marker not in text


def codes(body: dict) -> list[str]:
    return [error["extensions"]["code"] for error in body["errors"]]


# --- requests the client got wrong ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected_code"),
    [
        pytest.param('{ specialIssue(slug: "x" { title } }', "GRAPHQL_PARSE_FAILED", id="syntax"),
        pytest.param("{ specialIssues { items { slug", "GRAPHQL_PARSE_FAILED", id="unclosed"),
        pytest.param("{ specialIssues { nope } }", "GRAPHQL_VALIDATION_FAILED", id="unknown-field"),
        pytest.param(
            "{ specialIssues(colour: RED) { total } }",
            "GRAPHQL_VALIDATION_FAILED",
            id="unknown-argument",
        ),
        pytest.param(
            '{ specialIssues(limit: "ten") { total } }',
            "GRAPHQL_VALIDATION_FAILED",
            id="wrong-argument-type",
        ),
    ],
)
def test_malformed_query_is_a_400_with_a_code(gql, query, expected_code):
    status_code, body = gql(query)

    assert status_code == 400
    assert codes(body) == [expected_code]
    assert body["errors"][0]["message"]
    assert_no_internals(str(body))


def test_syntax_error_says_where(gql):
    body = gql('{ specialIssue(slug: "x" { title } }')[1]

    assert body["errors"][0]["locations"] == [{"line": 1, "column": 26}]


@pytest.mark.parametrize(
    ("arguments", "argument", "extra"),
    [
        pytest.param("limit: 101", "limit", {"maximum": 100}, id="limit-over-maximum"),
        pytest.param("limit: -1", "limit", {"maximum": 100}, id="negative-limit"),
        pytest.param("offset: -1", "offset", {}, id="negative-offset"),
    ],
)
def test_out_of_range_page_window_is_bad_user_input(gql, arguments, argument, extra):
    status_code, body = gql(f"{{ specialIssues({arguments}) {{ total items {{ slug }} }} }}")

    assert status_code == 200
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument, **extra}
    assert argument in error["message"]


def test_limit_of_exactly_100_is_allowed(gql):
    status_code, body = gql("{ specialIssues(limit: 100) { limit } }")

    assert (status_code, body) == (200, {"data": {"specialIssues": {"limit": 100}}})


def test_unknown_slug_is_not_found(gql):
    status_code, body = gql('{ specialIssue(slug: "no-such-issue") { title } }')

    assert status_code == 200
    assert body["data"] == {"specialIssue": None}
    assert codes(body) == ["NOT_FOUND"]
    assert "no-such-issue" in body["errors"][0]["message"]


@pytest.fixture
def same_slug_in_two_journals(journal):
    other = JournalPageFactory(title="Extracellular Vesicles and Circulating Nucleic Acids")
    SpecialIssuePageFactory(parent=journal, title="Exosomes in CDR", slug="exosomes")
    SpecialIssuePageFactory(parent=other, title="Exosomes in EVCNA", slug="exosomes")
    return journal, other


def test_slug_in_two_journals_asks_for_the_journal(gql, same_slug_in_two_journals):
    status_code, body = gql('{ specialIssue(slug: "exosomes") { title } }')

    assert status_code == 200
    assert body["data"] == {"specialIssue": None}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "journal"}
    assert "journal" in error["message"]


@pytest.mark.parametrize(
    ("journal_slug", "title"),
    [
        pytest.param("cdr", "Exosomes in CDR", id="first-journal"),
        pytest.param(
            "extracellular-vesicles-and-circulating-nucleic-acids",
            "Exosomes in EVCNA",
            id="second-journal",
        ),
    ],
)
def test_slug_with_journal_finds_that_journals_issue(
    gql, same_slug_in_two_journals, journal_slug, title
):
    query = 'query ($j: String) { specialIssue(slug: "exosomes", journal: $j) { title } }'

    status_code, body = gql(query, {"j": journal_slug})

    assert (status_code, body) == (200, {"data": {"specialIssue": {"title": title}}})


def test_unknown_journal_slug_is_not_found(gql, same_slug_in_two_journals):
    body = gql('{ specialIssue(slug: "exosomes", journal: "no-such-journal") { title } }')[1]

    assert codes(body) == ["NOT_FOUND"]
    assert "no-such-journal" in body["errors"][0]["message"]


# --- the server's own failures -------------------------------------------------------


def test_unexpected_exception_is_reported_without_its_text(gql, journal, monkeypatch, caplog):
    SpecialIssuePageFactory(parent=journal, slug="exosomes")

    def broken(page):
        raise RuntimeError("secret SQL: SELECT password FROM auth_user")

    monkeypatch.setattr(SpecialIssuePage, "topics", property(broken))

    with caplog.at_level(logging.ERROR, logger="graphql_api"):
        status_code, body = gql('{ specialIssue(slug: "exosomes") { title topics } }')

    assert "secret SQL" not in str(body)
    assert_no_internals(str(body))
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    request_id = error["extensions"]["requestId"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert request_id in error["message"]
    assert error["path"] == ["specialIssue", "topics"]
    # Operators find the failure in the log by the id the client reports.
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert len(logged) == 1
    assert logged[0].levelno == logging.ERROR
    assert "secret SQL" in str(logged[0].exc_info[1])
    # ``topics`` is non-null, so the failure nulls the issue rather than the whole response.
    assert (status_code, body["data"]) == (200, {"specialIssue": None})


def test_each_failure_gets_its_own_request_id(gql, journal, monkeypatch):
    SpecialIssuePageFactory(parent=journal, slug="exosomes")
    monkeypatch.setattr(SpecialIssuePage, "topics", property(lambda page: 1 / 0))

    def request_id() -> str:
        body = gql('{ specialIssue(slug: "exosomes") { topics } }')[1]
        return body["errors"][0]["extensions"]["requestId"]

    assert request_id() != request_id()


# --- bodies that are not GraphQL requests at all -------------------------------------

NOT_A_REQUEST = [
    pytest.param("{not json", "JSON", id="invalid-json"),
    pytest.param("", "query", id="empty-body"),
    pytest.param('"just a string"', "JSON", id="json-string"),
]


@pytest.mark.parametrize(("payload", "hint"), NOT_A_REQUEST)
def test_malformed_body_is_a_400_bad_request_without_traceback(client, db, caplog, payload, hint):
    with caplog.at_level(logging.ERROR, logger="graphql_api"):
        response = client.post("/graphql/", data=payload, content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert hint.lower() in error["message"].lower()
    assert_no_internals(response.content.decode())
    assert not caplog.records, "a client's mistake is not a server error to log"


def test_get_without_a_query_is_a_400_bad_request(client, db):
    response = client.get("/graphql/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


# --- GraphiQL -------------------------------------------------------------------------


def test_graphiql_is_served_under_test_settings(client, db):
    response = client.get("/graphiql/")

    assert response.status_code == 200
    assert "GraphiQL" in response.content.decode()


def test_graphiql_is_404_when_disabled(client, db):
    with override_settings(GRAPHQL_API={"GRAPHIQL_ENABLED": False}):
        response = client.get("/graphiql/")

    assert response.status_code == 404


def test_graphiql_loads_only_vendored_assets(client, db):
    html = client.get("/graphiql/").content.decode()

    for cdn in ("cdn", "unpkg", "jsdelivr"):
        assert cdn not in html.lower()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the page should load its scripts and styles"
    assert all(url.startswith("/static/graphql_api/graphiql/") for url in assets)
    assert {url.rsplit("/", 1)[1] for url in assets} >= {
        "graphiql.min.css",
        "react.production.min.js",
        "react-dom.production.min.js",
        "graphiql.min.js",
    }
    # Every referenced file is shipped with the app (a 404 would leave a blank page).
    for url in assets:
        assert finders.find(url.removeprefix("/static/")), url


def test_graphiql_points_at_the_graphql_endpoint(client, db):
    html = client.get("/graphiql/").content.decode()

    assert '<script id="graphiql-endpoint-url" type="application/json">"/graphql/"' in html


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("{ journals(limit: null, offset: null) { total } }", id="journals"),
        pytest.param("{ specialIssues(offset: null) { total } }", id="special-issues"),
    ],
)
def test_explicit_null_pagination_means_the_defaults(gql, journal, query):
    status, body = gql(query)

    assert status == 200
    assert "errors" not in body, body
