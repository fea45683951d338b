"""``order`` takes allow-listed field names only: never a raw Django path.

Grapple's lists pass ``order`` to ``QuerySet.order_by``; ``owner__password`` would sort
pages by a user's password hash. Each term must be an allowed field of what the list
returns (with an optional ``-``); anything else is ``BAD_USER_INPUT``, raised before the
resolver runs, so a refused request costs no SQL. Our own ``specialIssues(order:)`` is
an enum and is left to GraphQL validation.
"""

import json

import pytest
from graphene_django.settings import graphene_settings
from graphql import GraphQLString, get_nullable_type

from graphql_api.guards.order import ORDER_FIELDS, list_kind
from tests.factories import SpecialIssuePageFactory, default_site_root, error_codes, publish

FORBIDDEN = [
    pytest.param("owner__password", id="relation-path"),
    pytest.param("title,owner__password", id="second-term"),
    pytest.param("-owner__email", id="descending-relation-path"),
    pytest.param("latest_revision__content", id="revision-content"),
    pytest.param("draft_title", id="not-allowed-field"),
    pytest.param("?", id="random"),
    pytest.param("", id="empty"),
    pytest.param("title,", id="empty-term"),
    pytest.param("-", id="minus-alone"),
    pytest.param("--title", id="double-minus"),
]

# Every list field with a String `order`, reached from the root (ROOT: the home page).
LISTS = {
    "pages": "{ pages(order: $order) { title } }",
    "children": "{ page(id: ROOT) { children(order: $order) { title } } }",
    "siblings": "{ page(id: ROOT) { siblings(order: $order) { title } } }",
    "nextSiblings": "{ page(id: ROOT) { nextSiblings(order: $order) { title } } }",
    "previousSiblings": "{ page(id: ROOT) { previousSiblings(order: $order) { title } } }",
    "descendants": "{ page(id: ROOT) { descendants(order: $order) { title } } }",
    "ancestors": "{ page(id: ROOT) { ancestors(order: $order) { title } } }",
    "site-pages": "{ sites { pages(order: $order) { title } } }",
    "sites": "{ sites(order: $order) { hostname } }",
    "images": "{ images(order: $order) { title } }",
    "documents": "{ documents(order: $order) { title } }",
    "collections": "{ collections(order: $order) { name } }",
    "tags": "{ tags(order: $order) { name } }",
}
ROOT_LISTS = ["pages", "sites", "images", "documents", "collections", "tags"]


def ask(gql, name: str, order: str):
    query = LISTS[name]
    if "ROOT" in query:
        query = query.replace("ROOT", str(default_site_root().pk))
    return gql(f"query ($order: String) {query}", {"order": order})


@pytest.mark.parametrize("order", FORBIDDEN)
@pytest.mark.parametrize("name", list(LISTS))
def test_order_outside_the_allow_list_is_bad_user_input(gql, name, order):
    status_code, body = ask(gql, name, order)

    assert status_code == 200
    assert error_codes(body) == ["BAD_USER_INPUT"]
    error = body["errors"][0]
    assert error["extensions"]["argument"] == "order"
    assert "owner" not in error["extensions"]["allowed"]
    assert "password" not in json.dumps(body["data"] or {})


@pytest.mark.parametrize("name", ROOT_LISTS)
def test_refused_order_costs_no_sql(gql, django_assert_num_queries, name):
    with django_assert_num_queries(0):
        status_code, body = ask(gql, name, "owner__password")

    assert error_codes(body) == ["BAD_USER_INPUT"]


@pytest.mark.parametrize(
    ("name", "order"),
    [
        pytest.param("pages", "-title", id="pages-descending"),
        pytest.param("pages", " depth , -first_published_at ,id", id="pages-several-spaced"),
        pytest.param("children", "slug", id="children"),
        pytest.param("descendants", "-latest_revision_created_at", id="descendants"),
        pytest.param("images", "created_at,-width", id="images"),
        pytest.param("documents", "-file_size", id="documents"),
        pytest.param("sites", "hostname", id="sites"),
        pytest.param("collections", "-depth,name", id="collections"),
        pytest.param("tags", "name", id="tags"),
    ],
)
def test_allowed_order_is_applied(gql, journal, name, order):
    status_code, body = ask(gql, name, order)

    assert status_code == 200
    assert "errors" not in body, body


def test_pages_are_ordered_as_asked(gql, journal):
    for title in ("Beta call", "Alpha call", "Gamma call"):
        publish(SpecialIssuePageFactory(parent=journal, title=title))

    body = gql('{ pages(order: "-title", contentType: "special_issues.SpecialIssuePage") '
               "{ title } }")[1]  # fmt: skip

    assert [page["title"] for page in body["data"]["pages"]] == [
        "Gamma call",
        "Beta call",
        "Alpha call",
    ]


def test_while_searching_only_indexed_fields_sort(gql, journal):
    root = default_site_root().pk
    body = gql(
        f'{{ page(id: {root}) {{ children(searchQuery: "call", order: "slug") {{ title }} }} }}'
    )[1]

    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "slug" not in body["errors"][0]["extensions"]["allowed"]
    assert "title" in body["errors"][0]["extensions"]["allowed"]


def test_enum_order_of_special_issues_is_left_to_graphql(gql, journal):
    status_code, body = gql("{ specialIssues(order: TITLE) { total } }")

    assert (status_code, body.get("errors")) == (200, None)


def test_every_string_order_argument_is_covered():
    """A new list with a String ``order`` must get an allow-list (and a row in LISTS)."""
    schema = graphene_settings.SCHEMA.graphql_schema
    found = {
        (type_name, field_name, list_kind(field.type))
        for type_name, graphql_type in schema.type_map.items()
        if not type_name.startswith("__")
        for field_name, field in (getattr(graphql_type, "fields", None) or {}).items()
        if "order" in field.args and get_nullable_type(field.args["order"].type) is GraphQLString
    }

    assert {kind for _, _, kind in found} <= set(ORDER_FIELDS)
    field_names = {field_name for _, field_name, _ in found}
    assert field_names == {"pages", "sites", "images", "documents", "collections", "tags"} | {
        "children", "siblings", "nextSiblings", "previousSiblings", "descendants", "ancestors"
    }  # fmt: skip
