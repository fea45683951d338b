"""Every contract operation validates against the committed schema."""

from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from graphql_api.operations import load_operations

CONTRACT = Path(__file__).resolve().parents[2] / "frontend_contract"
OPERATIONS = load_operations(CONTRACT / "operations")
EXPECTED = {"IssuePage", "IssuePreview", "OpenCalls", "JournalPage", "PersonPage", "Journals"}


def test_the_documented_operations_exist():
    assert set(OPERATIONS) >= EXPECTED


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_operation_validates_against_committed_schema(name):
    schema = build_schema((CONTRACT / "schema.graphql").read_text())
    errors = validate(schema, parse(OPERATIONS[name].document))
    assert errors == [], [error.message for error in errors]


def test_a_broken_operation_is_reported():
    schema = build_schema((CONTRACT / "schema.graphql").read_text())
    errors = validate(schema, parse("query Broken { specialIssue(slug: 1) { nope } }"))
    assert errors
