"""Fixtures of the fault tests: one throwaway PostgreSQL for the whole folder, the demo
loaded into it once, and the app serving it from a subprocess (see ``servers.py``),
each made when a test first needs it.

The servers live on free ports in their own temp folders. Three tests (the Redis outage
and partition, concurrent saves) also use the test database; CI runs the whole folder in
its PostgreSQL pass only (``.ci/run``).
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from tests.reliability.servers import (
    AppServer,
    PostgresServer,
    RedisServer,
    app_environment,
    redis_cache_settings,
    run_django,
    start_app,
)

RELIABILITY_DIR = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this folder's tests ``reliability`` (before ``-m`` deselects).

    They bring their own servers, so CI runs them in one of its two database passes
    only, the PostgreSQL one (``.ci/run``).
    """
    for item in items:
        if item.path.is_relative_to(RELIABILITY_DIR):
            item.add_marker(pytest.mark.reliability)


@dataclass
class DemoDatabase:
    """A database on the throwaway server holding the demo, and the operations' variables."""

    name: str
    url: str
    variables: dict[str, dict[str, Any]]


@pytest.fixture(scope="session")
def app_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("app-media")


@pytest.fixture(scope="session")
def throwaway_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster of the tests' own (a test may stop and start it)."""
    server = PostgresServer()
    server.init()
    server.start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def demo_database(throwaway_postgres: PostgresServer, app_media: Path) -> DemoDatabase:
    """The demo content, migrated and loaded once into database ``demo``."""
    throwaway_postgres.execute("CREATE DATABASE demo")
    url = throwaway_postgres.url("demo")
    output = run_django(app_environment(url, app_media), "-m", "tests.reliability.prepare_demo")
    return DemoDatabase("demo", url, json.loads(output.strip().splitlines()[-1]))


@pytest.fixture(scope="session")
def demo_app(
    demo_database: DemoDatabase, app_media: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The app (production settings, persistent connections) serving the demo database."""
    app = start_app(demo_database.url, app_media, tmp_path_factory.mktemp("app") / "app.log")
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A throwaway ``redis-server`` (a test may stop, start, freeze or thaw it)."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_cache(redis_server: RedisServer) -> Iterator[RedisServer]:
    """The app's cache configured as for ``REDIS_URL``, pointing at ``redis_server``."""
    with override_settings(**redis_cache_settings(redis_server.url)):
        yield redis_server
