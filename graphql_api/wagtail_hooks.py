"""Adds the gateway's root queries to Grapple's schema."""

from wagtail import hooks

from graphql_api.queries.special_issues import SpecialIssuesQuery


@hooks.register("register_schema_query")
def register_special_issue_queries(query_mixins: list) -> None:
    query_mixins.append(SpecialIssuesQuery)
