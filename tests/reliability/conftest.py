"""Fixtures of the fault tests: one throwaway PostgreSQL for the whole folder, the demo
loaded into it once, and the app serving it from a subprocess (see ``servers.py``).

The servers live on free ports in their own temp folders. Three tests (the Redis outage
and partition, concurrent saves) also use the test database; CI runs the whole folder in
its PostgreSQL pass only (``.ci/run``).
"""

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from tests.database import restore_migrated_data
from tests.reliability.servers import (
    AppServer,
    PostgresServer,
    RedisServer,
    app_environment,
    redis_cache_settings,
    run_django,
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    """After a transactional test of this folder, put back what the migrations created.

    Its flush empties every table, Wagtail's root page and default site included, and
    ``serialized_rollback`` only restores them when the next such test starts; the tests
    that run after it expect them (as ``tests/browser/conftest.py`` does for live-server
    tests). Not after the session's last test: the test database is gone by then.
    """
    try:
        return (yield)
    finally:
        marker = item.get_closest_marker("django_db")
        if nextitem is not None and marker is not None and marker.kwargs.get("transaction"):
            restore_migrated_data(item.config)


@dataclass
class DemoDatabase:
    """A database on the throwaway server holding the demo, and the operations' variables."""

    name: str
    url: str
    variables: dict[str, dict[str, Any]]


class DemoStack:
    """Throwaway PostgreSQL → demo database → app serving it, built in a background thread.

    Migrating and loading the demo takes most of this folder's time; it runs while the
    tests before the first one that needs it run (and while the test database is made),
    not after them. The work is in subprocesses, so the thread barely holds the GIL.
    """

    def __init__(self, media: Path, app_log: Path) -> None:
        self.media = media
        self.app_log = app_log
        self.postgres: PostgresServer | None = None
        self.database: DemoDatabase | None = None
        self.app: AppServer | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._build, name="demo-stack", daemon=True)
        self.thread.start()

    def _build(self) -> None:
        try:
            self.postgres = PostgresServer()
            self.postgres.init()
            self.postgres.start()
            self.postgres.execute("CREATE DATABASE demo")
            url = self.postgres.url("demo")
            output = run_django(
                app_environment(url, self.media), "-m", "tests.reliability.prepare_demo"
            )
            self.database = DemoDatabase("demo", url, json.loads(output.strip().splitlines()[-1]))
            self.app = start_app(url, self.media, self.app_log)
        except BaseException as error:  # noqa: BLE001 - raised in the test that waits
            self.error = error

    def ready(self) -> "DemoStack":
        self.thread.join(timeout=600)
        if self.error is not None:
            raise RuntimeError(f"could not build the demo stack: {self.error}") from self.error
        assert not self.thread.is_alive(), "the demo stack took over 10 minutes"
        return self

    def close(self) -> None:
        self.thread.join(timeout=600)
        if self.app is not None:
            self.app.stop()
        if self.postgres is not None:
            self.postgres.destroy()


STACK_FIXTURES = {"throwaway_postgres", "demo_database", "demo_app"}


@pytest.fixture(scope="session")
def app_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("app-media")


@pytest.fixture(scope="session")
def demo_stack(app_media: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoStack]:
    stack = DemoStack(app_media, tmp_path_factory.mktemp("app") / "app.log")
    try:
        yield stack
    finally:
        stack.close()


@pytest.fixture(scope="session", autouse=True)
def _build_demo_stack_early(request: pytest.FixtureRequest) -> None:
    """Start building the stack at this folder's first test, if any test will use it."""
    if any(
        STACK_FIXTURES & set(getattr(item, "fixturenames", ())) for item in request.session.items
    ):
        request.getfixturevalue("demo_stack")


@pytest.fixture(scope="session")
def throwaway_postgres(demo_stack: DemoStack) -> PostgresServer:
    """A PostgreSQL cluster of the tests' own (a test may stop and start it)."""
    return demo_stack.ready().postgres


@pytest.fixture(scope="session")
def demo_database(demo_stack: DemoStack) -> DemoDatabase:
    """The demo content, migrated and loaded once into database ``demo``."""
    return demo_stack.ready().database


@pytest.fixture(scope="session")
def demo_app(demo_stack: DemoStack) -> AppServer:
    """The app (production settings, persistent connections) serving the demo database."""
    return demo_stack.ready().app


def start_app(database_url: str, media: Path, log: Path) -> AppServer:
    app = AppServer(app_environment(database_url, media), log)
    app.start()
    return app


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
