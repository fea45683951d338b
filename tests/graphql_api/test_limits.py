"""Limits checked before execution: each refuses abuse with its code, 400 and no SQL.

Abusive queries are the ones stock Grapple ran: 26 levels of ``parent``, a 3-level
``children { parent { … } }`` (51 s, ~9,000 SQL queries) and 30 aliases of
``pages(limit: 100)`` (10 s). Realistic operations, the contract operations and
GraphiQL's introspection query must still pass.
"""

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import RequestFactory
from graphql import (
    ASTValidationRule,
    get_introspection_query,
    parse,
    specified_rules,
    validate,
)
from grapple.schema import schema

from graphql_api.conf import DEFAULTS
from graphql_api.limits import (
    BATCH_NOT_SUPPORTED,
    BATCH_TOO_LARGE,
    QUERY_TOO_COSTLY,
    QUERY_TOO_DEEP,
    QUERY_TOO_LARGE,
    TOO_MANY_ALIASES,
    VALIDATION_RULES,
    MaxAliasesRule,
    MaxCostRule,
    MaxDepthRule,
)
from graphql_api.limits.size import count_tokens
from graphql_api.operations import load_operations
from graphql_api.views import SpecialIssuesGraphQLView
from tests.factories import DeadlineFactory, GuestEditorFactory, SpecialIssuePageFactory

LIMIT_CODES = {
    QUERY_TOO_DEEP,
    TOO_MANY_ALIASES,
    QUERY_TOO_COSTLY,
    QUERY_TOO_LARGE,
    BATCH_TOO_LARGE,
    BATCH_NOT_SUPPORTED,
}
# A hang guard, not a speed target: a measure linear in the query takes milliseconds, an
# exponential one would not finish. How fast rejections are is `python -m bench.limits`.
HANG = 10.0
CONTRACT_OPERATIONS = load_operations(
    Path(__file__).resolve().parents[2] / "frontend_contract" / "operations"
)


# Queries whose measure is exactly ``n`` -------------------------------------------------


def nested_query(depth: int) -> str:
    """``page { parent { … { title } } }``: ``depth`` fields deep, none of them a list."""
    parents = depth - 2
    return "{ page(id: 1) { " + "parent { " * parents + "title" + " }" * parents + " } }"


def aliases_query(aliases: int) -> str:
    return "{ " + " ".join(f"a{i}: __typename" for i in range(aliases)) + " }"


def costly_query(cost: int) -> str:
    """``pages(limit: a) { children(limit: 100) { __typename } }`` costs 1 + a × 101."""
    pages = min((cost - 1) // 101, 100)
    leaves = cost - 1 - pages * 101
    return (
        f"{{ pages(limit: {pages}) {{ children(limit: 100) {{ __typename }} }}"
        + " __typename" * leaves
        + " }"
    )


def sized_query(size: int, pad: str = "x") -> str:
    """A valid query of exactly ``size`` UTF-8 bytes, padded by a comment."""
    head = "{ __typename }\n#"
    room = size - len(head)
    width = len(pad.encode())
    return head + pad * (room // width) + "x" * (room % width)


def tokens_query(tokens: int) -> str:
    """A valid query of exactly ``tokens`` tokens: one fragment spread many times."""
    # "{" "}" and "fragment F on Query { __typename }" are 9 tokens; a spread is 2.
    spreads, odd = divmod(tokens - 9, 2)
    body = "...F " * spreads + "__typename " * odd
    return "{ " + body + "} fragment F on Query { __typename }"


DEEP_PARENT_CHAIN = nested_query(26)
CHILDREN_PARENT = (
    "{ pages { children { parent { children { parent { children { parent { title } } } } } } } }"
)
THIRTY_ALIASED_PAGES = (
    "{ " + " ".join(f"p{i}: pages(limit: 100) {{ title }}" for i in range(30)) + " }"
)
# The brief's issue page, with the paragraph's rich text under its current name, richText.
ISSUE_PAGE = """{ specialIssue(slug: "x") { title status submissionDeadline
  deadlines { kind date timeZone }
  journal { title issnOnline issnPrint hotKeywords copyright }
  guestEditors { role person { honorific name department institution website email orcid
    specialIssues { title slug } } }
  introduction { html plainText } topics keywords contacts { role person { name email } }
  publishedArticles { title authors doi publicationDate url }
  submissionInfo { authorInstructionsUrl onlineSubmissionUrl }
  body { blockType
    ... on TopicListBlock { heading leadIn items notLimitedTo }
    ... on ParagraphBlock { richText { html plainText } }
    ... on ReusableContentBlock { content { name heading body { html } buttonLabel buttonUrl } }
  } } }"""
OPEN_CALLS = """{ specialIssues(status: OPEN, limit: 100) { total hasNextPage items {
  title slug status submissionDeadline journal { title } guestEditors { role person { name } }
  keywords } } }"""
GRAPHIQL_INTROSPECTION = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
)


def codes(body: dict) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors", [])]


def assert_rejected(status: int, body: dict, code: str) -> None:
    assert status == 400, body
    assert "data" not in body, body
    assert codes(body) == [code], body
    assert body["errors"][0]["message"]


def assert_not_limited(status: int, body: dict) -> None:
    assert status == 200, body
    assert not LIMIT_CODES & set(codes(body)), body


def measure(settings, rule: type[MaxDepthRule | MaxAliasesRule | MaxCostRule], query: str) -> int:
    """What ``rule`` measures of ``query``: the value its error reports at a maximum of 0."""
    settings.GRAPHQL_API = {**settings.GRAPHQL_API, rule.setting: 0}
    errors = validate(schema.graphql_schema, parse(query), [rule])
    return errors[0].extensions[rule.measure_name] if errors else 0


# Abuse is refused under the default settings --------------------------------------------

ABUSIVE = [
    pytest.param(DEEP_PARENT_CHAIN, QUERY_TOO_DEEP, id="depth-26-parents"),
    pytest.param(CHILDREN_PARENT, QUERY_TOO_COSTLY, id="cost-children-parent-3-levels"),
    pytest.param(THIRTY_ALIASED_PAGES, TOO_MANY_ALIASES, id="aliases-30-pages-limit-100"),
    pytest.param(
        "{ pages(limit: 100) { children(limit: 100) { children(limit: 100) { title } } } }",
        QUERY_TOO_COSTLY,
        id="cost-nested-limits-100",
    ),
    pytest.param(sized_query(DEFAULTS["MAX_QUERY_BYTES"] + 1), QUERY_TOO_LARGE, id="bytes"),
    pytest.param("{ " + "a " * 2500 + "}", QUERY_TOO_LARGE, id="tokens"),
]


@pytest.mark.parametrize(("query", "code"), ABUSIVE)
def test_abuse_is_rejected_with_its_code_and_no_sql(gql, django_assert_num_queries, query, code):
    # No SQL: refused before execution. The time it takes is measured by bench/limits.py.
    with django_assert_num_queries(0):
        status, body = gql(query)
    assert_rejected(status, body, code)


def test_a_get_request_is_limited_too(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/graphql/", {"query": DEEP_PARENT_CHAIN})
    assert_rejected(response.status_code, json.loads(response.content), QUERY_TOO_DEEP)


def test_errors_say_the_measure_and_the_maximum(gql):
    status, body = gql(DEEP_PARENT_CHAIN)
    assert status == 400
    assert body["errors"][0]["extensions"] == {
        "code": QUERY_TOO_DEEP,
        "depth": 26,
        "maximum": DEFAULTS["MAX_DEPTH"],
    }
    assert "26" in body["errors"][0]["message"]
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 1}]


# Each limit: at the maximum passes, one over is refused -----------------------------------


BOUNDARIES = [
    pytest.param("MAX_DEPTH", nested_query, QUERY_TOO_DEEP, id="depth"),
    pytest.param("MAX_ALIASES", aliases_query, TOO_MANY_ALIASES, id="aliases"),
    pytest.param("MAX_COST", costly_query, QUERY_TOO_COSTLY, id="cost"),
    pytest.param("MAX_QUERY_BYTES", sized_query, QUERY_TOO_LARGE, id="bytes"),
    pytest.param(
        "MAX_QUERY_BYTES",
        lambda size: sized_query(size, pad="é"),
        QUERY_TOO_LARGE,
        id="bytes-not-characters",
    ),
    pytest.param("MAX_QUERY_TOKENS", tokens_query, QUERY_TOO_LARGE, id="tokens"),
]


@pytest.mark.parametrize(("setting", "make_query", "code"), BOUNDARIES)
def test_a_query_at_the_maximum_passes_and_one_over_is_rejected(
    gql, django_assert_num_queries, setting, make_query: Callable[[int], str], code
):
    maximum = DEFAULTS[setting]
    assert_not_limited(*gql(make_query(maximum)))
    with django_assert_num_queries(0):
        status, body = gql(make_query(maximum + 1))
    assert_rejected(status, body, code)


@pytest.mark.parametrize(
    ("rule", "make_query", "size"),
    [
        pytest.param(MaxDepthRule, nested_query, 12, id="depth"),
        pytest.param(MaxAliasesRule, aliases_query, 15, id="aliases"),
        pytest.param(MaxCostRule, costly_query, 10_000, id="cost"),
    ],
)
def test_the_boundary_queries_measure_what_they_claim(settings, rule, make_query, size):
    assert measure(settings, rule, make_query(size)) == size


def test_the_size_builders_are_exact():
    assert len(sized_query(10_000).encode()) == 10_000
    assert len(sized_query(10_001, pad="é").encode()) == 10_001
    assert parse(tokens_query(2_000)).token_count == 2_000
    assert parse(tokens_query(2_001)).token_count == 2_001


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(ISSUE_PAGE, id="issue-page"),
        pytest.param(GRAPHIQL_INTROSPECTION, id="introspection"),
        pytest.param(tokens_query(2_001), id="spreads"),
        pytest.param('{ specialIssue(slug: "a \\" b") { title } }', id="escaped-string"),
    ],
)
def test_tokens_are_counted_like_the_graphql_core_parser(query):
    assert count_tokens(query, stop_after=10**6) == parse(query).token_count


def test_comments_are_not_tokens_and_counting_stops_after_the_limit():
    assert count_tokens("# hello\n{ __typename } # bye", stop_after=100) == 3
    assert count_tokens("{ " + "a " * 5_000 + "}", stop_after=10) == 11


# Fragments are expanded, once each ------------------------------------------------------


def test_depth_is_counted_through_named_and_inline_fragments(gql, django_assert_num_queries):
    # 13 fields deep: page, 2 parents in Up, 1 in an inline fragment, 8 in More, title.
    more = "parent { " * 8 + "title" + " }" * 8
    query = f"""
      {{ page(id: 1) {{ ...Up }} }}
      fragment Up on PageInterface {{
        parent {{ parent {{ ... on Page {{ parent {{ ...More }} }} }} }}
      }}
      fragment More on PageInterface {{ {more} }}
    """
    with django_assert_num_queries(0):
        status, body = gql(query)
    assert_rejected(status, body, QUERY_TOO_DEEP)
    assert body["errors"][0]["extensions"]["depth"] == 13


def test_aliases_are_counted_after_fragment_expansion(gql, django_assert_num_queries):
    # 8 aliases written once, spread twice: 16 resolved, over the maximum of 15.
    aliases = " ".join(f"a{i}: __typename" for i in range(8))
    query = f"{{ ...Eight ...Eight }} fragment Eight on Query {{ {aliases} }}"
    with django_assert_num_queries(0):
        status, body = gql(query)
    assert_rejected(status, body, TOO_MANY_ALIASES)
    assert body["errors"][0]["extensions"]["aliases"] == 16


def test_a_fragment_cycle_is_a_validation_error_not_a_hang(gql, django_assert_num_queries):
    query = "{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }"
    started = time.perf_counter()
    with django_assert_num_queries(0):
        status, body = gql(query)
    assert time.perf_counter() - started < HANG
    assert status == 400
    assert set(codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert any("Cannot spread fragment" in error["message"] for error in body["errors"])


def test_fragments_spread_exponentially_are_measured_in_linear_time(gql, django_assert_num_queries):
    # F30 expands to 2^30 aliased fields; each fragment is measured once.
    fragments = ["fragment F0 on Query { a: __typename }"] + [
        f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 31)
    ]
    query = "{ ...F30 } " + " ".join(fragments)
    started = time.perf_counter()
    with django_assert_num_queries(0):
        status, body = gql(query)
    assert time.perf_counter() - started < HANG
    assert status == 400
    errors = {error["extensions"]["code"]: error for error in body["errors"]}
    assert errors[TOO_MANY_ALIASES]["extensions"]["aliases"] == 2**30
    assert QUERY_TOO_COSTLY in errors


# The cost formula (graphql_api/limits/cost.py) -------------------------------------------


@pytest.mark.parametrize(
    ("query", "cost"),
    [
        pytest.param("{ __typename }", 1, id="leaf"),
        pytest.param("{ pages(limit: 100) { title } }", 101, id="list-with-limit"),
        pytest.param("{ pages(limit: 500) { title } }", 101, id="limit-capped-at-max-limit"),
        pytest.param("{ pages { title } }", 21, id="list-default-limit"),
        pytest.param("{ pages { children { parent { title } } } }", 821, id="nested-lists"),
        pytest.param("{ specialIssues(limit: 50) { total items { title } } }", 53, id="items"),
        pytest.param("{ journals { items { title } } }", 22, id="items-default-limit"),
        pytest.param(
            "query ($n: Int) { specialIssues(limit: $n) { items { title } } }",
            102,
            id="variable-limit-is-max-limit",
        ),
        pytest.param(
            '{ specialIssue(slug: "x") { guestEditors { person { name } } } }',
            1 + (1 + 10 * (1 + 1)),
            id="list-without-limit",
        ),
        pytest.param(
            "{ ...Q ...Q } fragment Q on Query { pages(limit: 5) { title } }", 12, id="fragments"
        ),
        pytest.param(GRAPHIQL_INTROSPECTION, 1, id="introspection-exempt"),
        pytest.param(OPEN_CALLS, 3804, id="open-calls-listing"),
    ],
)
def test_cost_formula(settings, query, cost):
    assert measure(settings, MaxCostRule, query) == cost


# What must still pass --------------------------------------------------------------------


def test_realistic_operations_pass(gql):
    issue = SpecialIssuePageFactory(title="Exosomes", slug="exosomes")
    DeadlineFactory(page=issue)
    GuestEditorFactory(page=issue)

    status, body = gql(ISSUE_PAGE)
    assert_not_limited(status, body)
    assert codes(body) == ["NOT_FOUND"]

    status, body = gql(OPEN_CALLS)
    assert_not_limited(status, body)
    assert "errors" not in body
    assert [item["slug"] for item in body["data"]["specialIssues"]["items"]] == ["exosomes"]


@pytest.mark.parametrize("name", sorted(CONTRACT_OPERATIONS))
def test_contract_operations_pass_the_limits(name):
    errors = validate(
        schema.graphql_schema, parse(CONTRACT_OPERATIONS[name].document), VALIDATION_RULES
    )
    assert not LIMIT_CODES & {(error.extensions or {}).get("code") for error in errors}


def test_graphiql_introspection_query_passes(gql):
    status, body = gql(GRAPHIQL_INTROSPECTION)
    assert status == 200, body
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_nested_introspection_is_still_refused_by_graphql_core(gql):
    fields_of_fields = "fields { type { fields { type { fields { name } } } } }"
    status, body = gql(f"{{ __schema {{ types {{ {fields_of_fields} }} }} }}")
    assert status == 400
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert body["errors"][0]["message"] == "Maximum introspection depth exceeded"


def test_standard_validation_still_runs(gql, django_assert_num_queries):
    assert VALIDATION_RULES[: len(specified_rules)] == specified_rules
    assert all(issubclass(rule, ASTValidationRule) for rule in VALIDATION_RULES)
    with django_assert_num_queries(0):
        status, body = gql("{ specialIssues { items { nope } } }")
    assert status == 400
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "nope" in body["errors"][0]["message"]


def test_a_syntax_error_is_still_a_parse_error(gql):
    status, body = gql("{ specialIssues { ")
    assert status == 400
    assert codes(body) == ["GRAPHQL_PARSE_FAILED"]


# Batches ----------------------------------------------------------------------------------


def test_a_json_list_is_refused_when_batching_is_off(client, db, django_assert_num_queries):
    batch = [{"query": "{ __typename }"}, {"query": "{ __typename }"}]
    with django_assert_num_queries(0):
        response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    assert_rejected(response.status_code, json.loads(response.content), BATCH_NOT_SUPPORTED)


def post_batch(size: int):
    view = SpecialIssuesGraphQLView.as_view(batch=True)
    request = RequestFactory().post(
        "/graphql/",
        json.dumps([{"id": i, "query": "{ __typename }"} for i in range(size)]),
        content_type="application/json",
    )
    return view(request)


def test_a_batching_view_runs_a_batch_up_to_the_maximum(db):
    response = post_batch(DEFAULTS["MAX_BATCH"])
    assert response.status_code == 200
    results = json.loads(response.content)
    assert [result["data"] for result in results] == [{"__typename": "Query"}] * 5


def test_a_batching_view_refuses_a_larger_batch(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = post_batch(DEFAULTS["MAX_BATCH"] + 1)
    body = json.loads(response.content)
    assert_rejected(response.status_code, body, BATCH_TOO_LARGE)
    assert body["errors"][0]["extensions"]["operations"] == 6
