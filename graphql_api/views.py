"""The ``/graphql/`` endpoint: Grapple's schema behind graphene-django's view.

Every error a client sees carries a message and an ``extensions.code``. Unexpected
exceptions are logged with a request id and reach the client only as a generic message
with that id: no exception text, no SQL, no traceback.
"""

import logging
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from graphene_django.views import GraphQLView
from graphql import GraphQLError

from graphql_api.errors import (
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    INTERNAL_SERVER_ERROR,
)

logger = logging.getLogger("graphql_api")


class SpecialIssuesGraphQLView(GraphQLView):
    """GraphQL over HTTP (GET and POST) with client-safe errors."""

    graphiql = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().dispatch(request, *args, **kwargs)
        if getattr(request, "is_graphql_preview", False):
            # A draft must never be stored by a browser, proxy or CDN.
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if not isinstance(error, GraphQLError):
            return _internal_error(error)
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            return _internal_error(original, error)
        formatted = dict(error.formatted)
        extensions = dict(formatted.get("extensions") or {})
        if "code" not in extensions:
            parse_failed = error.message.startswith("Syntax Error")
            extensions["code"] = GRAPHQL_PARSE_FAILED if parse_failed else GRAPHQL_VALIDATION_FAILED
        formatted["extensions"] = extensions
        return formatted


def _internal_error(exception: BaseException, located: GraphQLError | None = None) -> dict:
    request_id = uuid.uuid4().hex
    logger.error(
        "GraphQL resolver failed (request id %s)",
        request_id,
        exc_info=(type(exception), exception, exception.__traceback__),
    )
    formatted: dict[str, Any] = {
        "message": f"Internal server error (request id {request_id}).",
        "extensions": {"code": INTERNAL_SERVER_ERROR, "requestId": request_id},
    }
    if located is not None and located.path is not None:
        formatted["path"] = located.path
    return formatted
