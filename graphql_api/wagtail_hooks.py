"""Adds the gateway's root queries to Grapple's schema, and guards Grapple's own."""

from wagtail import hooks

from graphql_api.queries.grapple_guards import GrappleGuardsQuery
from graphql_api.queries.journals import JournalsQuery
from graphql_api.queries.keywords import KeywordsQuery
from graphql_api.queries.people import PeopleQuery
from graphql_api.queries.special_issues import SpecialIssuesQuery


# Runs after Grapple's own hook (order 0), whatever the order of INSTALLED_APPS.
@hooks.register("register_schema_query", order=100)
def register_gateway_queries(query_mixins: list) -> None:
    query_mixins += [SpecialIssuesQuery, JournalsQuery, PeopleQuery, KeywordsQuery]
    # First in the bases, so its resolvers take precedence over Grapple's.
    query_mixins.insert(0, GrappleGuardsQuery)
