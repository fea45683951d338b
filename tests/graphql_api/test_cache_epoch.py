"""The response cache's epoch: one lookup per hit, exact after a change, no stale store."""

import pytest
from django.core.cache import cache

from graphql_api import caching


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    caching._request_epoch.set(None)
    yield
    cache.clear()


def test_a_hit_reads_only_the_entry_and_the_epoch(monkeypatch):
    caching.get_cached("k")
    caching.store("k", "body", {"page:1", "page:2", "person:3"})
    asked = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: asked.append(keys) or real_get_many(keys))

    assert caching.get_cached("k") == "body"
    assert asked == [["k", caching.EPOCH]]


def test_a_change_elsewhere_keeps_the_entry_and_restamps_it():
    caching.get_cached("k")
    caching.store("k", "body", {"page:1"})

    caching.bump({"page:99"})

    assert caching.get_cached("k") == "body"
    assert cache.get("k")["epoch"] == cache.get(caching.EPOCH)


def test_a_change_to_what_it_showed_drops_the_entry():
    caching.get_cached("k")
    caching.store("k", "body", {"page:1", "lists"})

    caching.bump({"page:1"})

    assert caching.get_cached("k") is None


def test_an_answer_computed_while_content_changed_is_not_stored():
    assert caching.get_cached("k") is None  # the request's lookup: a miss
    caching.bump({"page:1"})  # an editor publishes while the answer is computed

    caching.store("k", "body from before the publish", {"page:1"})

    assert cache.get("k") is None


def during_the_bump(monkeypatch, key: str, action) -> None:
    """Run ``action`` once, as another request would, right after ``bump`` increments
    ``key`` (the epoch or a tag's version) and before it goes on."""
    real_increment = caching._increment
    pending = [action]

    def increment(incremented: str) -> None:
        real_increment(incremented)
        if incremented == key and pending:
            pending.pop()()

    monkeypatch.setattr(caching, "_increment", increment)


def test_an_answer_stored_while_the_publish_bumps_its_tags_is_not_served(monkeypatch):
    assert caching.get_cached("k") is None  # a request misses and reads the old content
    during_the_bump(
        monkeypatch,
        caching._version_key("page:1"),
        lambda: caching.store("k", "body from before the publish", {"page:1"}),
    )

    caching.bump({"page:1"})  # the publish returns

    assert caching.get_cached("k") is None


def test_an_entry_restamped_while_the_publish_bumps_is_not_served_after_it(monkeypatch):
    caching.get_cached("k")
    caching.store("k", "body from before the publish", {"page:1"})
    served_meanwhile = []
    during_the_bump(
        monkeypatch, caching.EPOCH, lambda: served_meanwhile.append(caching.get_cached("k"))
    )

    caching.bump({"page:1"})

    # Whatever a request saw before the publish returned, none is served stale after it.
    assert len(served_meanwhile) == 1
    assert caching.get_cached("k") is None


def test_an_entry_whose_tags_were_evicted_is_not_served_after_a_change():
    caching.get_cached("k")
    caching.store("k", "body", {"page:1"})
    cache.delete(caching._tags_key("k"))  # the cache evicted it, keeping the entry

    caching.bump({"page:1"})

    assert caching.get_cached("k") is None
