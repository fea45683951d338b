"""App configuration for the GraphQL gateway."""

from django.apps import AppConfig


class GraphQLAPIConfig(AppConfig):
    """Serves the special issues content over GraphQL at ``/graphql/``."""

    name = "graphql_api"
    label = "graphql_api"
    verbose_name = "GraphQL API"
