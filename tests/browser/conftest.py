"""Fixtures for browser tests: Debian's Chromium driven by Playwright's sync API.

A browser test asks for ``page`` (a fresh browser context per test) and usually
``live_server`` (pytest-django: the app on 127.0.0.1, transactional database), and calls
``screenshot("step")`` at each step it wants on record. Every test that uses the browser
is marked ``browser`` automatically (``pytest -m "not browser"`` leaves them out), and a
live-server test here without its own ``django_db`` marker gets ``transaction=True,
serialized_rollback=True``, so Wagtail's root page and default site survive the flush; and
after each live-server test the migrations' rows are put back, so the tests that run
after it find the database as they expect.

Chromium: ``/usr/bin/chromium`` (``apt-get install chromium``; never ``playwright install``,
which downloads a browser), or the file named by ``CHROMIUM_PATH``. When it is missing,
browser tests are skipped locally and fail in CI (``CI`` set, e.g. ``CI=true``): CI must
never pass without running them.

Screenshots: ``test-artifacts/screenshots/<test name>/<NN>-<step>.png`` (git-ignored; CI
collects ``test-artifacts/``), plus ``<NN>-failure.png`` when a test fails. A test's folder
is emptied when the test starts, so it only holds the latest run.

Why ``DJANGO_ALLOW_ASYNC_UNSAFE``: Playwright's sync API runs an asyncio event loop in the
main thread for as long as Playwright is started (``asyncio.get_running_loop()`` returns it
between calls), so Django's ``async_unsafe`` guard sees "an async context" and raises
``SynchronousOnlyOperation`` for every ORM call made in the test thread: ``call_command``,
factories, and pytest-django's own database setup and flush. The guard is a false alarm
here: the loop is idle while test code runs (Playwright switches greenlets only inside its
own calls), so the ORM call is an ordinary blocking call in an ordinary thread. The
override is set only while Playwright runs (the ``playwright`` fixture), not at import, so
tests outside this package keep Django's check. The live server's requests run in their
own thread, with no loop, and never needed it.

The same running loop has a second, silent effect: Django's ``connections`` are an asgiref
``Local(thread_critical=True)``, which is thread-local in a thread without a running loop
but context-local in one with a loop. Once Playwright starts, the test thread would get a
*new* set of connection objects: not the ones ``django_db_setup`` prepared, so
``serialized_rollback`` silently restores nothing (Wagtail's root page and default site,
created by migrations, are gone after the first live-server test's flush), and an extra
connection stays open. The ``playwright`` fixture therefore hands the test thread's own
connection objects to the loop's context when it starts.

The browser is shared by all tests of this package (``scope="package"``): one Chromium for
every browser test, as a session fixture would give, but stopped with its event loop once
the last browser test has run (pytest-django runs live-server tests before the tests that
use no database, and those should not run beside a running loop or without the guard).
"""

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Playwright

DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium"
# Without the background-networking flags Chromium floods a closed network with refused
# connections (shared/RECIPES.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
DEFAULT_TIMEOUT_MS = 10_000

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_TESTS_DIR.parents[1]
SCREENSHOTS_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_SCREENSHOTS = pytest.StashKey["Screenshots"]()


def chromium_path() -> str:
    """The Chromium executable to launch: ``CHROMIUM_PATH`` or Debian's."""
    return os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM_PATH


def running_in_ci() -> bool:
    """True when ``CI`` is set to anything but an explicit no ("", "0", "false", "no")."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def _unavailable(what: str, fix: str, detail: str) -> None:
    """Skip the test locally; fail it in CI, where browser tests must always run."""
    if running_in_ci():
        pytest.fail(
            f"{what} but CI must run the browser tests, never skip them: {fix} ({detail}).",
            pytrace=False,
        )
    pytest.skip(f"{what}: {fix} to run browser tests ({detail})")


# --- markers and reports ------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark browser tests ``browser`` (before ``-m`` deselects); restore Wagtail's data.

    A live-server test runs on a transactional database, flushed after each test, which
    also wipes what Wagtail's migrations created (root page, default site, root
    collection, Editors and Moderators groups). Unless a test says otherwise with its own
    ``django_db`` marker, it gets ``serialized_rollback``, which puts that data back.
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if (
            "live_server" in fixtures
            and item.path.is_relative_to(BROWSER_TESTS_DIR)
            and item.get_closest_marker("django_db") is None
        ):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """Keep each phase's report on the test, so fixtures can tell whether it failed."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="package")
def chromium_executable() -> str:
    """The path of an installed Chromium (skipped locally / failed in CI when missing)."""
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        _unavailable(
            "Chromium not installed",
            "apt-get install chromium",
            f"no executable at {path}; CHROMIUM_PATH names another",
        )
    return path


@pytest.fixture(scope="package")
def playwright(chromium_executable: str) -> Iterator["Playwright"]:
    """Playwright's sync API, started once; Django's async-unsafe guard off meanwhile."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "Playwright for Python not installed",
            'pip install -e ".[dev]"',
            "never `playwright install`: Debian's chromium is used",
        )
    from django.db import connections

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # See the module docstring: the loop Playwright runs in this thread is idle while test
    # code runs, so the guard's SynchronousOnlyOperation would be a false alarm.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    manager = sync_playwright().start()
    # Keep the test thread on the connections it had (see the module docstring).
    for alias, connection in thread_connections.items():
        connections[alias] = connection
    try:
        yield manager
    finally:
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright: "Playwright", chromium_executable: str) -> Iterator["Browser"]:
    """One headless Chromium for all browser tests."""
    instance = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors and console errors of the test's page, in order."""
    return []


@pytest.fixture
def page(
    browser: "Browser", request: pytest.FixtureRequest, page_errors: list[str]
) -> Iterator["Page"]:
    """A page in a fresh context (no cookies or storage shared between tests).

    British English and UTC, so dates and numbers read the same on every machine. On
    failure a screenshot of the page as it was is saved as ``<NN>-failure.png``.
    """
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    new_page = context.new_page()
    new_page.on("pageerror", lambda error: page_errors.append(f"page error: {error}"))
    new_page.on(
        "console",
        lambda message: (
            page_errors.append(f"console.error: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    try:
        yield new_page
    finally:
        reports = request.node.stash.get(_REPORTS, {})
        if any(report.failed for report in reports.values()):
            try:
                _screenshots_for(request.node, new_page).take("failure")
            except Exception as error:  # a lost screenshot must not hide the failure
                print(f"Could not save the failure screenshot: {error}")
        context.close()


# --- screenshots --------------------------------------------------------------------------


class Screenshots:
    """Numbered screenshots of one test's page: ``screenshot("opened")`` → ``01-opened.png``.

    ``screenshot("editors", locator=page.locator("#editors"))`` saves one element only.
    """

    def __init__(self, page: "Page", directory: Path) -> None:
        self.page = page
        self.directory = directory
        self.count = 0

    def take(self, step: str, *, locator: "Locator | None" = None, full_page: bool = True) -> Path:
        """Save ``<NN>-<step>.png``: the whole page, or only ``locator``'s element."""
        self.count += 1
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{self.count:02d}-{_file_name(step)}.png"
        if locator is not None:
            locator.screenshot(path=path)
        else:
            self.page.screenshot(path=path, full_page=full_page)
        return path

    __call__ = take


def _file_name(text: str) -> str:
    """A safe file or folder name: letters, digits, ``.``, ``_`` and ``-`` only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "step"


def _screenshots_for(node: pytest.Item, page: "Page") -> Screenshots:
    """The test's screenshot series, emptying its folder the first time."""
    if _SCREENSHOTS not in node.stash:
        directory = SCREENSHOTS_DIR / _file_name(node.name)
        shutil.rmtree(directory, ignore_errors=True)
        node.stash[_SCREENSHOTS] = Screenshots(page, directory)
    return node.stash[_SCREENSHOTS]


@pytest.fixture
def screenshot(page: "Page", request: pytest.FixtureRequest) -> Screenshots:
    """``screenshot("step name")`` saves the page into the test's screenshot folder."""
    return _screenshots_for(request.node, page)
