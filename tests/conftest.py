"""Fixtures shared by the whole suite; factories live in ``tests/factories.py``."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from graphql_api import caching
from tests.database import flushes_database, restore_migrated_data
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

    items.sort(key=flushes_database)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """After a test that flushed the database, put back what the migrations created.

    The flush empties every table, Wagtail's root page and default site included, and
    ``serialized_rollback`` only restores them when the *next* such test starts. Tests
    that run in between (pytest-django runs those declaring no database after the
    transactional ones; module-scoped data behind ``django_db_blocker``) expect them.
    """
    try:
        return (yield)
    finally:
        # After the session's last test the test databases are already gone (the session
        # fixtures were torn down inside the yield): nothing is left to restore, and
        # connecting would reach the real database named in the settings.
        if nextitem is not None and flushes_database(item):
            restore_migrated_data(item.config)
