"""App configuration for the GraphQL gateway."""

from django.apps import AppConfig


class GraphQLAPIConfig(AppConfig):
    """Serves the special issues content over GraphQL at ``/graphql/``."""

    name = "graphql_api"
    label = "graphql_api"
    verbose_name = "GraphQL API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the response cache and the webhooks to content_changed.
        from graphql_api import caching, checks, revalidation  # noqa: F401
