"""Adds the gateway's root queries to Grapple's schema."""

from wagtail import hooks

from graphql_api.queries.journals import JournalsQuery
from graphql_api.queries.keywords import KeywordsQuery
from graphql_api.queries.people import PeopleQuery
from graphql_api.queries.special_issues import SpecialIssuesQuery


@hooks.register("register_schema_query")
def register_gateway_queries(query_mixins: list) -> None:
    query_mixins += [SpecialIssuesQuery, JournalsQuery, PeopleQuery, KeywordsQuery]
