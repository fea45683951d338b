"""An invalidation the cache could not take is recorded, retried, and never lost.

The cache here is local memory that can be switched "down": either answering as
django-redis does with ``IGNORE_EXCEPTIONS`` (None / {} instead of an error) or raising.
The same scenario against a real, frozen ``redis-server`` is in
``tests/reliability/test_redis_partition.py``.
"""

import json
import logging
from typing import Any

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from graphql_api import caching
from graphql_api.models import PendingInvalidation
from graphql_api.revalidation import worker_pass

QUERY = 'query { specialIssue(slug: "exosomes") { title } }'


class OutageCache(LocMemCache):
    """Local memory whose connection can be lost: ``OutageCache.mode`` is None (up),
    ``"ignored"`` (down, errors swallowed as django-redis does) or ``"raising"`` (down,
    raising for the response cache's keys; Wagtail's own lookups, which cannot take an
    error, get nothing)."""

    mode: str | None = None

    def _down(self, keys: Any, ignored: Any) -> Any:
        names = [keys] if isinstance(keys, str) else list(keys)
        if self.mode == "raising" and any(n.startswith(caching.PREFIX) for n in names):
            raise ConnectionError("cache unreachable")
        return ignored

    def get(self, key, default=None, version=None):
        return self._down(key, default) if self.mode else super().get(key, default, version)

    def get_many(self, keys, version=None):
        return self._down(keys, {}) if self.mode else super().get_many(keys, version)

    def set(self, key, *args, **kwargs):
        return self._down(key, None) if self.mode else super().set(key, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        return self._down(key, None) if self.mode else super().add(key, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        return self._down(key, None) if self.mode else super().incr(key, *args, **kwargs)


@pytest.fixture(autouse=True)
def outage_cache():
    settings = {"default": {"BACKEND": f"{__name__}.OutageCache", "LOCATION": "durability"}}
    with override_settings(CACHES=settings):
        OutageCache.mode = None
        cache.clear()
        caching._cache_failed.clear()
        yield
        OutageCache.mode = None
        cache.clear()
    caching._cache_failed.clear()


def ask(client) -> tuple[str, int]:
    """(title served, SQL queries) for an anonymous frontend's query."""
    payload = json.dumps({"query": QUERY})
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", payload, content_type="application/json")
    return response.json()["data"]["specialIssue"]["title"], len(queries)


def cache_the_old_title(client) -> None:
    ask(client)
    assert ask(client) == ("Exosomes", 0), "the second read should come from the cache"


def publish_new_title(issue, committed) -> None:
    with committed():
        issue.title = "Exosomes, revised"
        issue.save_revision().publish()


def pending_warnings(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and "is pending" in r.getMessage()
    ]


@pytest.mark.parametrize("mode", ["ignored", "raising"], ids=["errors-ignored", "errors-raised"])
def test_a_publish_while_the_cache_is_down_is_recorded_and_applied_when_it_is_back(
    client, issue, committed, caplog, mode
):
    cache_the_old_title(client)
    OutageCache.mode = mode

    with caplog.at_level(logging.WARNING, logger="graphql_api"):
        publish_new_title(issue, committed)

    assert pending_warnings(caplog), "the lost invalidation left no warning"
    (pending,) = PendingInvalidation.objects.all()
    assert set(pending.tags) == {f"page:{issue.pk}", caching.LISTS}
    title, queries = ask(client)
    assert title == "Exosomes, revised" and queries > 0, "answered uncached while down"

    OutageCache.mode = None  # the old entry is still in the cache, its versions unchanged

    assert ask(client)[0] == "Exosomes, revised"
    assert not PendingInvalidation.objects.exists()
    assert ask(client) == ("Exosomes, revised", 0), "cached again once applied"


def test_the_worker_applies_it_for_processes_that_did_not_see_the_outage(client, issue, committed):
    cache_the_old_title(client)
    OutageCache.mode = "ignored"
    publish_new_title(issue, committed)
    OutageCache.mode = None
    caching._cache_failed.clear()  # as in a process that did not touch the cache meanwhile

    assert worker_pass() == (1, 0)

    assert not PendingInvalidation.objects.exists()
    assert ask(client)[0] == "Exosomes, revised"
    assert ask(client) == ("Exosomes, revised", 0)


def test_the_worker_keeps_it_pending_while_the_cache_is_down(issue, committed, caplog):
    OutageCache.mode = "ignored"
    publish_new_title(issue, committed)

    with caplog.at_level(logging.WARNING, logger="graphql_api"):
        assert worker_pass() == (None, 0)

    assert PendingInvalidation.objects.count() == 1
    assert any("still unreachable" in r.getMessage() for r in caplog.records)


def test_a_process_that_only_read_during_the_outage_applies_it_before_serving(
    client, issue, committed
):
    cache_the_old_title(client)
    OutageCache.mode = "ignored"
    publish_new_title(issue, committed)
    caching._cache_failed.clear()  # the publish happened in another process

    ask(client)  # this process finds the cache unreachable
    OutageCache.mode = None

    assert ask(client)[0] == "Exosomes, revised"
    assert not PendingInvalidation.objects.exists()


def test_with_the_cache_up_nothing_is_recorded_and_hits_cost_no_sql(client, issue, committed):
    cache_the_old_title(client)
    publish_new_title(issue, committed)

    assert not PendingInvalidation.objects.exists()
    assert not caching._cache_failed.is_set()
    assert ask(client)[0] == "Exosomes, revised"
    assert ask(client) == ("Exosomes, revised", 0)
    assert worker_pass() == (0, 0)


def test_a_database_failure_while_recording_never_fails_the_publish(db, monkeypatch, caplog):
    def refuse(**kwargs):
        raise DatabaseError("database away too")

    monkeypatch.setattr(PendingInvalidation.objects, "create", refuse)
    OutageCache.mode = "raising"

    with caplog.at_level(logging.ERROR, logger="graphql_api"):
        assert caching.bump({"page:1"}) is False

    assert any("could not be recorded" in r.getMessage() for r in caplog.records)
    assert caching._cache_failed.is_set(), "this process still stops serving cached answers"


def test_the_deliver_webhooks_command_applies_pending_invalidations(db, capsys):
    OutageCache.mode = "ignored"
    caching.bump({"page:1"})
    OutageCache.mode = None

    call_command("deliver_webhooks")

    assert not PendingInvalidation.objects.exists()
    assert "Applied 1 pending cache invalidations." in capsys.readouterr().out
