"""URLs of the gateway: ``graphql/`` and, when enabled, ``graphiql/``."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from graphql_api.caching import TaggingMiddleware
from graphql_api.conf import get_setting
from graphql_api.graphiql import graphiql_view
from graphql_api.guards.arguments import ArgumentsMiddleware
from graphql_api.guards.order import OrderAllowListMiddleware
from graphql_api.guards.visibility import VisibilityMiddleware
from graphql_api.views import SpecialIssuesGraphQLView


def graphiql_if_enabled(request: HttpRequest) -> HttpResponse:
    """GraphiQL, or 404 when ``GRAPHQL_API["GRAPHIQL_ENABLED"]`` is off (production)."""
    if not get_setting("GRAPHIQL_ENABLED"):
        raise Http404("GraphiQL is disabled.")
    return graphiql_view(request)


# Graphene runs the last middleware first: the argument and order checks refuse a field
# before its resolver (or any SQL) runs; the visibility guards filter what resolvers
# return; tagging, innermost, records what the resolvers found.
GRAPHENE_MIDDLEWARE = [
    TaggingMiddleware(),
    VisibilityMiddleware(),
    OrderAllowListMiddleware(),
    ArgumentsMiddleware(),
]

urlpatterns = [
    # Frontends call the API cross-site without cookies; CSRF does not apply.
    path(
        "graphql/",
        csrf_exempt(SpecialIssuesGraphQLView.as_view(middleware=GRAPHENE_MIDDLEWARE)),
        name="graphql",
    ),
    path("graphiql/", graphiql_if_enabled, name="graphiql"),
]
