"""A backup restores to the same API: the commands of ``docs/backups.md``, round trip.

The demo (with a draft of the seed issue and its preview token) is answered by the app,
dumped with ``pg_dump -Fc``, restored with ``pg_restore --clean --if-exists --no-owner``
into a new, empty database, and a second app serving only the restored database must
answer every contract operation (``frontend_contract/operations/``) with the same JSON,
ids included. The second app is a new process, so no cached answer can stand in for the
restored data.
"""

import json
from pathlib import Path
from typing import Any

from graphql_api.operations import load_operations
from tests.reliability.conftest import DemoDatabase
from tests.reliability.servers import AppServer, PostgresServer, start_app

CONTRACT = Path(__file__).resolve().parents[2] / "frontend_contract"
OPERATIONS = load_operations(CONTRACT / "operations")
DRAFT_TITLE = "Extracellular Vesicles and Cancer Drug Resistance (draft title)"


def answers(app: AppServer, variables: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every contract operation's JSON answer, by operation name."""
    result = {}
    for name, operation in sorted(OPERATIONS.items()):
        status, _, raw = app.post(operation.document, variables[name], name)
        body = json.loads(raw)
        assert status == 200, (name, body)
        assert "errors" not in body, (name, body)
        result[name] = body
    return result


def test_a_restored_backup_answers_every_contract_operation_identically(
    throwaway_postgres: PostgresServer,
    demo_database: DemoDatabase,
    demo_app: AppServer,
    app_media: Path,
    tmp_path: Path,
):
    assert set(demo_database.variables) == set(OPERATIONS)
    before = answers(demo_app, demo_database.variables)
    # Real content, so that equality below means something.
    assert before["IssuePage"]["data"]["specialIssue"]["guestEditors"]
    assert before["IssuePreview"]["data"]["specialIssue"]["title"] == DRAFT_TITLE
    assert before["Journals"]["data"]["journals"]["total"] == 2

    backup = tmp_path / "special-issues.dump"
    throwaway_postgres.tool("pg_dump", "-Fc", "-f", str(backup), demo_database.name)
    throwaway_postgres.execute("CREATE DATABASE restored")
    throwaway_postgres.tool(
        "pg_restore", "--clean", "--if-exists", "--no-owner", "-d", "restored", str(backup)
    )
    restored_app = start_app(throwaway_postgres.url("restored"), app_media, tmp_path / "app.log")
    try:
        after = answers(restored_app, demo_database.variables)
    finally:
        restored_app.stop()

    for name in sorted(OPERATIONS):
        assert after[name] == before[name], f"{name} differs after the restore"
