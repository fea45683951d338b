"""The committed schema is what frontends code against: the live schema must match it."""

import io
from pathlib import Path

from django.core.management import call_command
from graphql import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "frontend_contract" / "schema.graphql"


def test_live_schema_matches_committed_sdl(tmp_path):
    out = tmp_path / "schema.graphql"
    call_command("graphql_schema", out=str(out), stdout=io.StringIO())
    live = out.read_text()
    committed = SCHEMA_FILE.read_text()
    assert live == committed, (
        "The live GraphQL schema differs from frontend_contract/schema.graphql. "
        "Run `make schema`, check the change breaks no operation, and commit the file."
    )


def test_committed_sdl_is_a_valid_schema_with_the_documented_entry_points():
    schema = build_schema(SCHEMA_FILE.read_text())
    query = schema.query_type
    assert {"specialIssue", "specialIssues"} <= set(query.fields)
    issue = schema.get_type("SpecialIssuePage")
    for field in [
        "title",
        "slug",
        "status",
        "submissionDeadline",
        "deadlines",
        "journal",
        "guestEditors",
        "introduction",
        "topics",
        "keywords",
        "contacts",
        "publishedArticles",
        "submissionInfo",
        "body",
    ]:
        assert field in issue.fields, field
