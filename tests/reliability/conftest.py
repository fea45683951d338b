"""Fixtures of the fault tests: one throwaway PostgreSQL for the whole folder, the demo
loaded into it once, and the app serving it from a subprocess (see ``servers.py``).

They never use the test database or ``DATABASE_URL``, so they run the same in the
SQLite and the PostgreSQL pass of CI (and side by side: free ports, own temp folders).
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.servers import (
    AppServer,
    PostgresServer,
    app_environment,
    run_django,
)


@dataclass
class DemoDatabase:
    """A database on the throwaway server holding the demo, and the operations' variables."""

    name: str
    url: str
    variables: dict[str, dict[str, Any]]


@pytest.fixture(scope="session")
def throwaway_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL cluster of the tests' own (a test may stop and start it)."""
    server = PostgresServer()
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="session")
def app_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("app-media")


@pytest.fixture(scope="session")
def demo_database(throwaway_postgres: PostgresServer, app_media: Path) -> DemoDatabase:
    """The demo content, migrated and loaded once into database ``demo``."""
    throwaway_postgres.execute("CREATE DATABASE demo")
    url = throwaway_postgres.url("demo")
    output = run_django(app_environment(url, app_media), "-m", "tests.reliability.prepare_demo")
    return DemoDatabase("demo", url, json.loads(output.strip().splitlines()[-1]))


def start_app(database_url: str, media: Path, log: Path) -> AppServer:
    app = AppServer(app_environment(database_url, media), log)
    app.start()
    return app


@pytest.fixture(scope="session")
def demo_app(
    demo_database: DemoDatabase, app_media: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The app (production settings) serving the demo database."""
    app = start_app(demo_database.url, app_media, tmp_path_factory.mktemp("app") / "app.log")
    try:
        yield app
    finally:
        app.stop()
