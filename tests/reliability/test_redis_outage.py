"""Redis goes away and comes back: answers stay right (uncached), the outage is logged,
and caching resumes by itself.

The cache is configured exactly as ``cms/settings/base.py`` builds it from ``REDIS_URL``
(the settings module is run again with ``REDIS_URL`` pointing at a throwaway
``redis-server``), so the test follows any change to that configuration.
"""

import json
import logging
from typing import Any

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import GuestEditorFactory, PersonFactory, SpecialIssuePageFactory, publish
from tests.reliability.servers import RedisServer, poll_until

QUERY = """query($slug: String!) {
  specialIssue(slug: $slug) { title guestEditors { person { name } } }
}"""
ANSWER = {
    "data": {
        "specialIssue": {
            "title": "Exosomes",
            "guestEditors": [{"person": {"name": "Kenneth To"}}],
        }
    }
}


@pytest.fixture
def issue(journal):
    page = SpecialIssuePageFactory(parent=journal, title="Exosomes", slug="exosomes")
    GuestEditorFactory(page=page, person=PersonFactory(name="Kenneth To"))
    return publish(page)


def ask(client) -> tuple[int, dict[str, Any], int]:
    """(status, body, SQL queries) of the issue query, as an anonymous frontend asks it."""
    payload = json.dumps({"query": QUERY, "variables": {"slug": "exosomes"}})
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", payload, content_type="application/json")
    return response.status_code, json.loads(response.content), len(queries)


def cached_keys(server: RedisServer) -> list[bytes]:
    client = redis.Redis(port=server.port)
    try:
        return client.keys("*gql-response:entry:*")
    finally:
        client.close()


def test_answers_stay_right_while_redis_is_down_and_caching_resumes(
    client, issue, redis_cache, caplog
):
    redis_server = redis_cache
    first = ask(client)
    second = ask(client)
    assert first[:2] == (200, ANSWER) and first[2] > 0
    assert second == (200, ANSWER, 0), "the second request should come from Redis"
    assert cached_keys(redis_server)

    redis_server.stop()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        during = [ask(client) for _ in range(2)]

    for status, body, queries in during:
        assert (status, body) == (200, ANSWER)
        assert queries > 0, "answered from the database while the cache is away"
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings, "the outage left no trace in the log"
    assert {r.name.split(".")[0] for r in warnings} <= {"django_redis", "graphql_api"}

    redis_server.start()  # the same port, empty (nothing is saved on disk)

    def cached_again() -> bool:
        ask(client)
        return ask(client) == (200, ANSWER, 0)

    poll_until(cached_again, timeout=10, interval=0.2, what="answers cached in Redis again")
    assert cached_keys(redis_server)
