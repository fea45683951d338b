"""Fixtures shared by the whole suite; factories live in ``tests/factories.py``."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from graphql_api import caching
from tests.factories import JournalPageFactory, graphql


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests,
    so answers cached by an earlier test would describe rows that no longer exist. The
    process's memory of a cache outage is forgotten too (a test that stopped Redis)."""
    cache.clear()
    caching._cache_failed.clear()
    yield
    cache.clear()
    caching._cache_failed.clear()


@pytest.fixture
def journal(db):
    """A live journal under the default site's root page."""
    return JournalPageFactory(title="Cancer Drug Resistance", slug="cdr", issn_online="2578-532X")


@pytest.fixture
def gql(db, client) -> Callable[..., tuple[int, dict[str, Any]]]:
    """``gql(query, variables=None)`` → (status code, JSON body) from ``/graphql/``."""

    def run(query: str, variables: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        return graphql(client, query, variables)

    return run


def pytest_collection_modifyitems(items):
    """Run transactional tests (the browser tests' live server) last.

    They empty the database when they finish, taking the default Site and root page that
    Wagtail's migrations create, which every later test relies on.
    """

    def transactional(item) -> bool:
        names = getattr(item, "fixturenames", ())
        return "live_server" in names or "transactional_db" in names

    items.sort(key=transactional)
