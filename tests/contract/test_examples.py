"""Example responses of the contract operations on the demo content.

``frontend_contract/examples/<OperationName>.json`` holds what ``/graphql/`` answers to each
operation of ``frontend_contract/operations/`` with the variables in ``VARIABLES``. The
examples are compared here, so they cannot drift from what the API really returns.
``make examples`` (``UPDATE_EXAMPLES=1``) rewrites them instead of comparing.

What makes them the same on every machine and every day:

* "today" is frozen at ``FROZEN_NOW`` both while the demo is loaded (its dates count
  from today) and while the operations run (statuses are derived from the clock);
* ``FRONTEND_BASE_URL`` is pinned, since links and ``frontendUrl`` contain it;
* database ids differ between SQLite and PostgreSQL, so every ``"id"`` value is written
  as ``"<id>"``, and the person shown by ``PersonPage`` is looked up by name.

``structuredData`` stays the JSON *string* the API returns (its type is ``JSONString``,
a ``string`` in the generated TypeScript), so each example is exactly the wire format and
can serve as a typed mock; ``test_issue_page_example_shows_the_seed_issue`` parses it.
"""

import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from graphql_api.operations import load_operations
from special_issues.demo_content import SEED_ISSUE_SLUG, SEED_JOURNAL_SLUG
from special_issues.models import Person, SpecialIssuePage

CONTRACT = Path(__file__).resolve().parents[2] / "frontend_contract"
EXAMPLES = CONTRACT / "examples"
OPERATIONS = load_operations(CONTRACT / "operations")
UPDATE = os.environ.get("UPDATE_EXAMPLES") == "1"

# Every test of the module declares the database: pytest-django creates the test
# database only for a session that has such a test, and the module-scoped ``demo``
# fixture would otherwise load into the development database (``-k`` can select a run
# of tests that do not use ``db`` themselves).
pytestmark = pytest.mark.django_db

# A Monday noon, UTC: the demo's relative dates and every derived status hang on it.
FROZEN_NOW = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
FRONTEND_BASE_URL = "http://localhost:3000"
# The demo person with the fullest profile: bio, ORCID iD, interests, issues in both
# journals, as lead guest editor and as guest editor.
PERSON_NAME = "Annika Lindqvist"
DRAFT_TITLE = "Extracellular Vesicles and Cancer Drug Resistance (draft title)"
ID_PLACEHOLDER = "<id>"


def _person_page() -> dict[str, Any]:
    return {"id": str(Person.objects.get(name=PERSON_NAME).pk)}


def _issue_preview() -> dict[str, Any]:
    """As the admin's Preview does: a draft revision of the seed issue, and its token."""
    page = SpecialIssuePage.objects.get(slug=SEED_ISSUE_SLUG)
    page.title = DRAFT_TITLE
    page.save_revision()
    preview = page.get_latest_revision_as_object().create_page_preview()
    return {"token": preview.token}


VARIABLES: dict[str, Callable[[], dict[str, Any]]] = {
    "IssuePage": lambda: {"slug": SEED_ISSUE_SLUG},
    "IssuePreview": _issue_preview,
    "JournalPage": lambda: {"slug": SEED_JOURNAL_SLUG},
    "Journals": dict,
    "OpenCalls": lambda: {"limit": 20},
    "PersonPage": _person_page,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo loaded once, on the frozen day, and rolled back after the module.

    The clock stays frozen for the module's tests; each test runs in its own savepoint,
    so the preview's draft revision does not leak into the other examples.
    """
    with (
        time_machine.travel(FROZEN_NOW, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def frontend_settings(settings) -> None:
    settings.SPECIAL_ISSUES = {**settings.SPECIAL_ISSUES, "FRONTEND_BASE_URL": FRONTEND_BASE_URL}


def normalise(value: Any) -> Any:
    """``value`` with every ``"id"`` value replaced by ``"<id>"`` (ids vary by database)."""
    if isinstance(value, dict):
        return {
            key: ID_PLACEHOLDER if key == "id" and item is not None else normalise(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [normalise(item) for item in value]
    return value


def render(body: dict[str, Any]) -> str:
    """The example file's text: 2-space indent, keys in GraphQL's order, final newline."""
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def execute(name: str) -> tuple[Any, dict[str, Any]]:
    """POST operation ``name`` as a frontend would; return the response and its body."""
    payload = {
        "query": OPERATIONS[name].document,
        "operationName": name,
        "variables": VARIABLES[name](),
    }
    response = Client().post("/graphql/", data=json.dumps(payload), content_type="application/json")
    return response, json.loads(response.content)


def example_path(name: str) -> Path:
    return EXAMPLES / f"{name}.json"


def read_example(name: str) -> dict[str, Any]:
    return json.loads(example_path(name).read_text(encoding="utf-8"))


def test_every_operation_has_variables_and_every_example_an_operation():
    assert set(VARIABLES) == set(OPERATIONS), (
        "Give each contract operation its variables in VARIABLES (and drop those of "
        "removed operations), then run `make examples`."
    )
    stale = sorted(p.name for p in EXAMPLES.glob("*.json") if p.stem not in OPERATIONS)
    assert not stale, f"Examples of no operation: {stale}; delete them."


@pytest.mark.usefixtures("demo", "frontend_settings")
@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_example_is_what_the_api_returns(name):
    response, body = execute(name)

    assert response.status_code == 200, body
    assert "errors" not in body, body["errors"]
    actual = render(normalise(body))
    path = example_path(name)
    if UPDATE:
        EXAMPLES.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path.name} is missing: run `make examples` and commit it."
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name}'s response differs from frontend_contract/examples/{path.name}. If the "
        "change is intended, run `make examples`, review the diff and commit it."
    )


@pytest.mark.usefixtures("demo", "frontend_settings")
def test_preview_responses_are_never_cached():
    response, body = execute("IssuePreview")

    assert body["data"]["specialIssue"]["title"] == DRAFT_TITLE
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# --- the committed examples show real content ------------------------------------------
# Read from the files, so that `make examples` cannot quietly commit empty examples.


@pytest.mark.skipif(UPDATE, reason="the examples are being rewritten")
def test_issue_page_example_shows_the_seed_issue():
    issue = read_example("IssuePage")["data"]["specialIssue"]

    assert issue["title"] == (
        "Extracellular Vesicles: Emerging Modulators of Cancer Drug Resistance"
    )
    assert issue["frontendUrl"] == (
        f"{FRONTEND_BASE_URL}/cancer-drug-resistance/{SEED_ISSUE_SLUG}/"
    )
    assert issue["status"] == "CLOSED"
    assert issue["submissionDeadline"] == "2022-12-31"
    assert [(d["kind"], d["date"], d["timeZone"]) for d in issue["deadlines"]] == [
        ("FULL_MANUSCRIPT", "2022-12-31", "Etc/GMT+12")
    ]
    assert issue["journal"]["title"] == "Cancer Drug Resistance"
    assert issue["journal"]["issnOnline"] == "2578-532X"
    assert [(g["role"], g["person"]["name"]) for g in issue["guestEditors"]] == [
        ("LEAD_GUEST_EDITOR", "William C. S. Cho"),
        ("GUEST_EDITOR", "Kenneth K. W. To"),
    ]
    assert issue["guestEditors"][0]["person"]["email"] == "chocs@ha.org.hk"
    assert issue["introduction"]["html"].startswith("<p>Exosomes are nano-sized")
    assert len(issue["topics"]) == 5
    assert issue["keywords"][0] == "Chemoresistance"
    assert [(c["role"], c["person"]["name"]) for c in issue["contacts"]] == [
        ("Assistant Editor", "Lori Kang")
    ]
    assert issue["submissionInfo"]["onlineSubmissionUrl"] == (
        "https://oaemesas.com/login?JournalId=cdr"
    )
    assert issue["publishedArticles"] == []
    structured = json.loads(issue["structuredData"])
    assert structured["@context"] == "https://schema.org"
    assert structured["name"] == issue["title"]


@pytest.mark.skipif(UPDATE, reason="the examples are being rewritten")
def test_listing_examples_show_every_status_the_frozen_day_gives():
    open_calls = read_example("OpenCalls")["data"]["specialIssues"]
    journal = read_example("JournalPage")["data"]
    person = read_example("PersonPage")["data"]["person"]
    preview = read_example("IssuePreview")["data"]["specialIssue"]

    assert open_calls["total"] == len(open_calls["items"]) >= 3
    assert {item["status"] for item in open_calls["items"]} == {"OPEN"}
    assert journal["openCalls"]["total"] >= 1
    assert journal["upcomingCalls"]["total"] >= 1
    assert journal["keywords"]
    assert person["displayName"] == f"Prof. Dr. {PERSON_NAME}"
    assert person["orcidUrl"].startswith("https://orcid.org/")
    assert len(person["specialIssues"]) >= 2
    assert preview["title"] == DRAFT_TITLE
    assert read_example("Journals")["data"]["journals"]["total"] == 2
