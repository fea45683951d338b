"""Parsed and validated operations are reused, never across a change of the limits.

``graphql_api.documents`` keeps a query text's size check, parse and validation per
process. A cached verdict must not outlive the settings it was reached under (tests and
deploys change the limits), its memory is bounded, and the endpoint answers exactly as
without it.
"""

import json
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from graphql import parse

from graphql_api import documents
from graphql_api.limits import QUERY_TOO_DEEP, QUERY_TOO_LARGE
from tests.factories import error_codes

LIMITS_DIR = Path(__file__).resolve().parents[2] / "graphql_api" / "limits"
# 4 levels of fields: specialIssue > journal > defaultContact > name.
DEEP = '{ specialIssue(slug: "exosomes") { journal { defaultContact { name } } } }'


def limits(**values) -> override_settings:
    return override_settings(GRAPHQL_API={**settings.GRAPHQL_API, **values})


@pytest.fixture(autouse=True)
def uncached_responses():
    """Every request executes: the response cache would answer before any parsing."""
    documents.clear()
    with limits(RESPONSE_CACHE_TIMEOUT=0):
        yield
    documents.clear()


@pytest.fixture
def parses():
    """Counts the parses ``graphql_api.documents`` makes."""
    with mock.patch.object(documents, "parse", wraps=parse) as counted:
        yield counted


def post(client, query: str):
    response = client.post("/graphql/", {"query": query}, content_type="application/json")
    return response.status_code, response.json()


def test_a_repeated_query_is_parsed_once_and_answered_alike(client, issue, parses):
    query = '{ specialIssue(slug: "exosomes") { title } }'

    answers = [post(client, query) for _ in range(3)]

    assert answers[0] == (200, {"data": {"specialIssue": {"title": "Exosomes"}}})
    assert answers[1] == answers[0] == answers[2]
    assert parses.call_count == 1


def test_a_persisted_get_is_parsed_once(client, issue, parses):
    params = {"id": "IssuePage", "variables": json.dumps({"slug": "exosomes"})}
    first, second = client.get("/graphql/", params), client.get("/graphql/", params)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert parses.call_count == 1


def test_a_lowered_depth_limit_refuses_a_query_validated_before(client, issue):
    assert post(client, DEEP)[0] == 200

    with limits(MAX_DEPTH=3):
        status, body = post(client, DEEP)
    assert status == 400
    assert error_codes(body) == [QUERY_TOO_DEEP]

    # And the old verdict holds again once the limit is back.
    assert post(client, DEEP)[0] == 200


def test_a_raised_limit_accepts_a_query_refused_before(client, issue):
    with limits(MAX_DEPTH=3):
        assert error_codes(post(client, DEEP)[1]) == [QUERY_TOO_DEEP]

    assert post(client, DEEP)[0] == 200


def test_a_lowered_token_limit_refuses_a_query_accepted_before(client, issue):
    query = '{ specialIssue(slug: "exosomes") { title slug } }'
    assert post(client, query)[0] == 200

    with limits(MAX_QUERY_TOKENS=5):
        status, body = post(client, query)
    assert status == 400
    assert error_codes(body) == [QUERY_TOO_LARGE]


def test_a_syntax_error_is_reported_every_time_and_not_kept(client, db):
    for _ in range(2):
        status, body = post(client, "{ specialIssue(slug: ")
        assert status == 400
        assert error_codes(body) == ["GRAPHQL_PARSE_FAILED"]
    assert len(documents._cache) == 0


def test_a_validation_error_is_reported_alike_from_the_cache(client, db, parses):
    first = post(client, "{ noSuchField }")
    again = post(client, "{ noSuchField }")

    assert parses.call_count == 1
    assert first == again
    assert first[0] == 400
    assert error_codes(first[1]) == ["GRAPHQL_VALIDATION_FAILED"]


def test_the_key_names_every_setting_the_limits_read():
    # A rule reading a setting the key leaves out could keep a stale verdict.
    read = set()
    for module in LIMITS_DIR.glob("*.py"):
        read |= set(re.findall(r'get_setting\(\s*"([A-Z_]+)"', module.read_text()))
        read |= set(re.findall(r'^\s+setting = "([A-Z_]+)"', module.read_text(), re.M))
    read.discard("MAX_BATCH")  # checked on the request body, not on the text
    assert read <= set(documents.LIMIT_SETTINGS)


def test_the_cache_is_bounded_by_entries_and_by_characters():
    parsed = documents.PreparedDocument(parse("{ a }"), ())
    by_entries = documents._DocumentCache(max_entries=2, max_chars=1_000)
    for text in ("a", "b", "c"):
        by_entries.put((text,), len(text), parsed)
    assert len(by_entries) == 2
    assert by_entries.get(("a",)) is None
    assert by_entries.get(("c",)) is parsed

    by_chars = documents._DocumentCache(max_entries=100, max_chars=10)
    by_chars.put(("x" * 6,), 6, parsed)
    by_chars.put(("y" * 6,), 6, parsed)
    assert by_chars.get(("x" * 6,)) is None
    assert by_chars.get(("y" * 6,)) is parsed
    by_chars.put(("z" * 11,), 11, parsed)  # larger than the whole budget: not kept
    assert by_chars.get(("z" * 11,)) is None
    assert by_chars.get(("y" * 6,)) is parsed
