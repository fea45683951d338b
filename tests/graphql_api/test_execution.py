"""The gateway's middleware runs on the fields it guards, whichever view executes them;
leaf fields read directly answer (and fail) as graphql-core would.

``graphql_api.execution`` installs the middleware on the schema's fields once, instead
of graphql-core wrapping every resolver of every request; these tests check that what a
client sees is the same: guards refuse and filter as before, even from a view that was
given no middleware, and plain fields resolve unchanged.
"""

import json

import graphene
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from graphene_django.settings import graphene_settings
from graphql import ExecutionContext as CoreExecutionContext
from graphql import execute, parse

from graphql_api.caching import TaggingMiddleware
from graphql_api.execution import (
    ExecutionContext,
    acts_on,
    install_field_middleware,
    is_awaitable,
)
from graphql_api.views import SpecialIssuesGraphQLView
from tests.factories import SpecialIssuePageFactory, error_codes, graphql, publish


@pytest.fixture
def endpoint_served(client, db):
    """``/graphql/`` has answered a request (its view installs the middleware)."""
    graphql(client, "{ __typename }")


def ask_bare_view(query: str) -> dict:
    """POST ``query`` to a view built with no middleware of its own."""
    view = SpecialIssuesGraphQLView.as_view()
    request = RequestFactory().post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    return json.loads(view(request).content)


def test_a_view_without_middleware_still_refuses_a_raw_order(endpoint_served):
    body = ask_bare_view('{ pages(order: "owner__password") { id } }')

    assert error_codes(body) == ["BAD_USER_INPUT"]


def test_a_view_without_middleware_still_hides_draft_titles(endpoint_served, journal):
    issue = publish(SpecialIssuePageFactory(parent=journal, title="Live call", slug="live"))
    issue.title = "Unannounced draft title"
    issue.save_revision()

    body = ask_bare_view(
        '{ pages(contentType: "special_issues.SpecialIssuePage") '
        "{ ... on SpecialIssuePage { draftTitle } } }"
    )

    assert body["data"]["pages"] == [{"draftTitle": "Live call"}]


def test_plain_fields_resolve_as_before(gql, issue):
    status, body = gql('{ specialIssue(slug: "exosomes") { title slug status journal { slug } } }')

    assert status == 200
    assert body["data"]["specialIssue"] == {
        "title": "Exosomes",
        "slug": "exosomes",
        "status": "OPEN",  # no opening date, no deadline
        "journal": {"slug": "cdr"},
    }


def test_only_argument_less_scalars_below_the_root_go_unwrapped(db):
    schema = graphene_settings.SCHEMA.graphql_schema
    issue = schema.type_map["SpecialIssuePage"]
    query = schema.query_type

    assert not acts_on(schema, issue, "title", issue.fields["title"])
    assert not acts_on(schema, issue, "keywords", issue.fields["keywords"])
    assert acts_on(schema, issue, "journal", issue.fields["journal"])  # an object
    assert acts_on(schema, issue, "draftTitle", issue.fields["draftTitle"])  # a guard
    assert acts_on(schema, query, "keywords", query.fields["keywords"])  # the root


def test_a_second_different_middleware_list_is_refused(endpoint_served):
    schema = graphene_settings.SCHEMA.graphql_schema

    with pytest.raises(ImproperlyConfigured):
        install_field_middleware(schema, [TaggingMiddleware()])


def test_awaitables_are_still_told_apart():
    async def later():
        return 1

    coroutine = later()
    try:
        assert is_awaitable(coroutine)
    finally:
        coroutine.close()
    assert not is_awaitable("a title")
    assert not is_awaitable([1, 2])
    assert not is_awaitable(None)


class _Source:
    """A parent object as resolvers see it: a plain attribute, a missing value, a failure."""

    title = "Exosomes"
    missing = None
    status = "OPEN"

    @property
    def broken(self):
        raise ValueError("cannot be read")


class _Status(graphene.Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class _Item(graphene.ObjectType):
    class Meta:
        name = "Item"

    title = graphene.String(required=True)
    missing = graphene.String(required=True)
    optional = graphene.String(source="missing")
    broken = graphene.String()
    status = graphene.Field(_Status)


class _Query(graphene.ObjectType):
    items = graphene.List(_Item)

    def resolve_items(root, info):
        return [_Source(), _Source()]


SMALL_SCHEMA = graphene.Schema(query=_Query).graphql_schema


def _execute(query: str) -> dict:
    """``query`` against a small graphene schema, run by the gateway's ExecutionContext;
    the answer must be graphql-core's own, whatever it is."""
    answers = []
    for context_class in (ExecutionContext, CoreExecutionContext):
        result = execute(SMALL_SCHEMA, parse(query), execution_context_class=context_class)
        errors = [(e.message, e.path) for e in result.errors or []]
        answers.append({"data": result.data, "errors": errors})
    assert answers[0] == answers[1]
    return answers[0]


def test_leaf_fields_read_directly_answer_as_graphql_core_would():
    answer = _execute("{ items { title optional status } }")

    assert answer == {
        "data": {"items": [{"title": "Exosomes", "optional": None, "status": "OPEN"}] * 2},
        "errors": [],
    }


def test_a_null_in_a_non_null_leaf_is_still_a_located_error():
    answer = _execute("{ items { title missing } }")

    assert answer["data"] == {"items": [None, None]}  # each item nulled, as the spec says
    assert answer["errors"] == [
        ("Cannot return null for non-nullable field Item.missing.", ["items", 0, "missing"]),
        ("Cannot return null for non-nullable field Item.missing.", ["items", 1, "missing"]),
    ]


def test_a_leaf_that_fails_to_read_is_still_a_located_error():
    answer = _execute("{ items { title broken } }")

    assert answer["data"] == {"items": [{"title": "Exosomes", "broken": None}] * 2}
    assert answer["errors"] == [
        ("cannot be read", ["items", 0, "broken"]),
        ("cannot be read", ["items", 1, "broken"]),
    ]
