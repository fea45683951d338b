"""An unreachable database is a 503 with ``Retry-After`` and ``SERVICE_UNAVAILABLE``.

The database "fails" through Django's ``connection.execute_wrapper``, which runs around
every query of this thread: what a resolver sees when PostgreSQL restarts is such an
``OperationalError`` (or ``InterfaceError`` on a connection that was already closed).
``tests/reliability/test_postgres_restart.py`` stops a real PostgreSQL under the app.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError, connection

from tests.factories import graphql

QUERY = '{ specialIssue(slug: "exosomes") { title } }'
LEAK_MARKERS = ("Traceback", 'File "', "site-packages", "SELECT", "server closed", "psycopg")


@contextmanager
def database_fails(error: Exception) -> Iterator[list[str]]:
    """Every query of this thread raises ``error``; yields the SQL that was attempted."""
    attempted: list[str] = []

    def fail(execute: Callable, sql: str, params, many, context):
        attempted.append(sql)
        raise error

    with connection.execute_wrapper(fail):
        yield attempted


def assert_service_unavailable(response, retry_after: str = "5") -> dict:
    assert response.status_code == 503
    assert response["Retry-After"] == retry_after
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    for marker in LEAK_MARKERS:
        assert marker not in text
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert error["extensions"]["requestId"] in error["message"]
    return error


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(
            OperationalError("server closed the connection unexpectedly"), id="operational"
        ),
        pytest.param(InterfaceError("connection already closed"), id="interface"),
    ],
)
def test_a_resolver_losing_the_database_is_a_503_with_retry_after(client, issue, caplog, error):
    with caplog.at_level(logging.WARNING, logger="graphql_api"), database_fails(error) as sql:
        response = client.post("/graphql/", {"query": QUERY}, content_type="application/json")

    assert sql, "the resolver did not reach the database"
    failure = assert_service_unavailable(response)
    [record] = [r for r in caplog.records if failure["extensions"]["requestId"] in r.getMessage()]
    assert record.levelno == logging.WARNING
    assert type(error).__name__ in record.getMessage()


def test_a_signed_in_request_losing_the_database_before_execution_is_a_503(
    client, issue, admin_user
):
    # The session is read before the query runs (signed-in answers are never cached).
    client.force_login(admin_user)

    with database_fails(OperationalError("could not connect to server")) as sql:
        response = client.post("/graphql/", {"query": QUERY}, content_type="application/json")

    assert any("session" in statement for statement in sql)
    assert_service_unavailable(response)


def test_a_persisted_get_during_an_outage_is_a_503_no_cdn_may_keep(client, db):
    variables = '{"limit": 20}'

    with database_fails(OperationalError("the database system is shutting down")):
        response = client.get("/graphql/", {"id": "OpenCalls", "variables": variables})

    assert_service_unavailable(response)
    assert "ETag" not in response
    assert "public" not in response["Cache-Control"]


def test_retry_after_is_a_setting(client, issue, settings):
    settings.GRAPHQL_API = {**settings.GRAPHQL_API, "DATABASE_RETRY_AFTER": 30}

    with database_fails(OperationalError("timeout expired")):
        response = client.post("/graphql/", {"query": QUERY}, content_type="application/json")

    assert_service_unavailable(response, retry_after="30")


def test_the_next_request_after_the_outage_is_answered(client, issue):
    with database_fails(OperationalError("server closed the connection unexpectedly")):
        during = client.post("/graphql/", {"query": QUERY}, content_type="application/json")

    after = graphql(client, QUERY)

    assert during.status_code == 503
    assert after == (200, {"data": {"specialIssue": {"title": "Exosomes"}}})


def test_an_answer_cached_before_the_outage_is_still_served(client, issue):
    before = graphql(client, QUERY)

    with database_fails(OperationalError("server closed the connection unexpectedly")) as sql:
        during = graphql(client, QUERY)

    assert during == before == (200, {"data": {"specialIssue": {"title": "Exosomes"}}})
    assert sql == []


def test_other_database_errors_stay_internal_errors(client, issue):
    # A bug (bad SQL, a missing column) will not go away by retrying: no 503 for it.
    with database_fails(ProgrammingError('column "nope" does not exist')):
        status_code, body = graphql(client, QUERY)

    assert status_code == 200
    assert [error["extensions"]["code"] for error in body["errors"]] == ["INTERNAL_SERVER_ERROR"]
    assert "nope" not in str(body)
