"""Generated queries: none is a server error, none shows what the public may not see.

hypothesis-graphql writes valid queries from the live schema, one root field each (so
every root field is fuzzed as often as the others), with any arguments and nested
selections. Each is sent anonymously, in process, to ``/graphql/`` over the demo content
(``load_demo``) and the hidden objects of the leak matrix (``test_leak_matrix``). Every
answer must be JSON (200, or 400 for a query over a limit), carry no
``INTERNAL_SERVER_ERROR``, and contain no marker of a hidden object.

``FUZZ_EXAMPLES`` sets the number of queries (default 2000; CI splits 2,000 between its two
databases). Hypothesis keeps no example database (``database=None``); a failure prints
the query that caused it.

Every server error the fuzzer found is fixed, and its query is kept in ``FOUND`` as a
regression test with the answer it gets now.
"""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from graphene_django.settings import graphene_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from tests.factories import graphql, kept_for_module
from tests.graphql_api.hidden_world import build_world, ids_restored

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))

# Strategies for the schema's custom scalars, as GraphQL literals.
CUSTOM_SCALARS = {
    "PositiveInt": st.integers(min_value=0, max_value=2**31 - 1).map(nodes.Int),
    "Date": st.dates(min_value=dt.date(1900, 1, 1)).map(nodes.String),
    "DateTime": st.datetimes().map(lambda moment: nodes.String(moment.isoformat())),
    "UUID": st.uuids().map(nodes.String),
    "JSONString": st.just(nodes.String("{}")),
}
# Strings and ids a client might send besides random ones: real slugs, paths and ids
# (of hidden objects too), order terms, content types, filter specs, search words.
WORDS = [
    "title", "-title", "id,-first_published_at", "slug", "owner__password", "name",
    "special_issues.SpecialIssuePage", "special_issues.JournalPage", "wagtailcore.Page",
    "fill-640x360", "width-400", "localhost", "Call", "Zq", "exosomes", "cancer", "",
]  # fmt: skip


def site_values() -> tuple[list[str], list[str]]:
    """(strings, ids) found in the database: slugs, URL paths, keywords; primary keys."""
    from wagtail.models import Page

    from special_issues.models import IssueKeyword, Person, ReusableContent

    pages = list(Page.objects.filter(depth__gt=1).values_list("pk", "slug", "url_path"))
    strings = [slug for _, slug, _ in pages]
    strings += ["/" + path.split("/", 2)[2] for _, _, path in pages if path.count("/") > 2]
    strings += list(IssueKeyword.objects.values_list("keyword", flat=True).distinct())
    ids = [pk for pk, _, _ in pages]
    for model in (Person, ReusableContent):
        ids += list(model.objects.values_list("pk", flat=True))
    return sorted(set(strings + WORDS)), sorted({str(pk) for pk in ids})


def scalar_strategies(strings: list[str], ids: list[str]) -> dict:
    """``CUSTOM_SCALARS`` plus String and ID: known values half the time, else random."""
    return {
        **CUSTOM_SCALARS,
        "String": (st.sampled_from(strings) | st.text(max_size=30)).map(nodes.String),
        "ID": (
            st.sampled_from(ids) | st.integers(min_value=0, max_value=2**31).map(str) | st.text()
        ).map(nodes.String),
    }


# hypothesis-graphql has no public knob for the size of a query; its sampler's limits
# are module constants. Smaller queries generate about twice as fast and stay under the
# gateway's depth and cost limits more often (a query over a limit tests nothing else).
SAMPLER_LIMITS = {"MAX_DEPTH": 5, "MAX_FIELDS": 15}


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content and the leak matrix's hidden objects, built once for the module."""
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        kept_for_module(django_db_blocker),
        ids_restored(),
        open(os.devnull, "w") as quiet,
    ):
        call_command("load_demo", stdout=quiet)
        yield build_world()


@pytest.fixture
def site(shared_site, db):
    """The module's site (every test here uses it; ``db``: the test database)."""
    return shared_site


@pytest.fixture
def small_queries(monkeypatch):
    from hypothesis_graphql._strategies import sampler

    for name, value in SAMPLER_LIMITS.items():
        if hasattr(sampler, name):
            monkeypatch.setattr(sampler, name, value)


def error_codes(body: dict) -> list[str | None]:
    return [(error.get("extensions") or {}).get("code") for error in body.get("errors") or []]


def test_generated_queries_never_crash_or_leak(site, small_queries):
    client = Client()
    schema = graphene_settings.SCHEMA.graphql_schema
    scalars = scalar_strategies(*site_values())
    one_root_field_each = st.one_of(
        [
            queries(schema, fields=[name], custom_scalars=scalars)
            for name in schema.query_type.fields
        ]
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(query=one_root_field_each)
    def check(query: str) -> None:
        status_code, body = graphql(client, query)
        assert status_code in (200, 400), (status_code, body, query)
        assert "INTERNAL_SERVER_ERROR" not in error_codes(body), (body, query)
        leaks = {
            kind: found
            for kind, hidden in site.hidden.items()
            if (found := hidden.found_in(body, sent=query))
        }
        assert leaks == {}, (leaks, query)

    check()


# Server errors the fuzzer found, now answered with a client error (or the default).
FOUND = [
    pytest.param(
        '{ search(query: "") { ... on SpecialIssuePage { title } } }', [], id="search-blank"
    ),
    pytest.param(
        '{ search(query: "say \\"hello") { ... on SpecialIssuePage { title } } }',
        [],
        id="search-unbalanced-quote",
    ),
    pytest.param(
        '{ specialIssues(search: "say \\"hello") { total } }', [], id="listing-unbalanced-quote"
    ),
    pytest.param('{ pages(searchQuery: "call") { title } }', [], id="pages-search"),
    pytest.param('{ tag(id: "") { name } }', ["BAD_USER_INPUT"], id="empty-id"),
    pytest.param('{ page(id: "abc") { title } }', ["BAD_USER_INPUT"], id="word-as-id"),
    pytest.param(
        '{ image(id: "123456789012345678901234") { title } }', ["BAD_USER_INPUT"], id="huge-id"
    ),
    pytest.param('{ pages(parent: "x") { title } }', ["BAD_USER_INPUT"], id="word-as-parent-id"),
    pytest.param(
        '{ specialIssue(slug: "a\\u0000b") { title } }', ["BAD_USER_INPUT"], id="nul-in-string"
    ),
    pytest.param('{ page(site: ":") { title } }', ["BAD_USER_INPUT"], id="empty-port"),
    pytest.param('{ site(hostname: "localhost:x") { id } }', ["BAD_USER_INPUT"], id="word-port"),
    pytest.param('{ sites(searchQuery: "x") { id } }', ["BAD_USER_INPUT"], id="search-sites"),
    pytest.param(
        '{ site(hostname: "localhost") { page(token: "x") { title } } }',
        ["BAD_USER_INPUT"],
        id="preview-token-on-site",
    ),
    pytest.param(
        '{ site(hostname: "localhost") { page(slug: "home", contentType: "0") { title } '
        'pages(contentType: "a.b") { title } } }',
        [],
        id="unknown-content-type",
    ),
    pytest.param("{ journals(offset: null) { total } }", [], id="null-offset"),
    pytest.param("{ specialIssues(offset: null, order: null) { total } }", [], id="null-order"),
    pytest.param(
        '{ page(id: ROOT) { children(searchQuery: "call", searchOperator: null) { title } } }',
        [],
        id="null-search-operator",
    ),
    pytest.param(
        '{ specialIssue(slug: "visible-call") { body { rawValue '
        "... on ReusableContentBlock { blocks { rawValue } } } } }",
        [],
        id="raw-value-of-hidden-snippet",
    ),
]


@pytest.mark.parametrize(("query", "expected"), FOUND)
def test_found_inputs_are_client_errors(site, query, expected):
    query = query.replace("ROOT", str(site.pks.home))

    status_code, body = graphql(Client(), query)

    assert status_code == 200
    assert error_codes(body) == expected, body
