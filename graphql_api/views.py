"""The ``/graphql/`` endpoint: Grapple's schema behind graphene-django's view.

Every error a client sees carries a message and an ``extensions.code``. Unexpected
exceptions are logged with a request id and reach the client only as a generic message
with that id: no exception text, no SQL, no traceback.

Requests over a limit (size, batch, depth, aliases, cost: ``graphql_api.limits``) are
answered 400 before anything executes.

While the database is unreachable (a restart, a failover, a network cut) a request that
needs it is answered 503 ``SERVICE_UNAVAILABLE`` with ``Retry-After``, whether the
failure surfaced in a resolver (graphene keeps it in ``result.errors``) or before
execution (a signed-in user's session). Django drops the broken connection when the
request ends (``close_old_connections`` on ``request_finished``; with persistent
connections, ``CONN_HEALTH_CHECKS`` replaces a stale one), so the service recovers on
its own once the database is back.
"""

import functools
import logging
import re
import uuid
from typing import Any

from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseNotModified,
)
from django.utils.cache import patch_cache_control
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    NoSchemaIntrospectionCustomRule,
    OperationType,
    execute,
    get_operation_ast,
    validate_schema,
)

from graphql_api import caching, documents, persisted
from graphql_api.conf import get_setting
from graphql_api.errors import (
    BAD_REQUEST,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    INTERNAL_SERVER_ERROR,
    SERVICE_UNAVAILABLE,
)
from graphql_api.execution import ExecutionContext, install_field_middleware
from graphql_api.http_guards import HttpRejection, check_http_request
from graphql_api.limits import (
    VALIDATION_RULES,
    RequestRejected,
    check_batch_size,
    reject_json_list,
)
from graphql_api.rate_limit import check_rate_limit
from special_issues.lookups import batched_lookups

logger = logging.getLogger("graphql_api")
SUGGESTION = re.compile(r" Did you mean .*\?$")
# What Django raises when the database cannot be reached or the connection broke.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# graphene-django's dispatch without its ``ensure_csrf_cookie`` (``method_decorator``
# keeps the undecorated function as ``__wrapped__``): the endpoint is CSRF-exempt, and
# making a token for a cookie that is then dropped was a fifth of a cached request.
# graphene-django is pinned (3.2.x); should a release drop the attribute, this import fails
# loudly rather than the cookie coming back unnoticed.
_UNDECORATED_DISPATCH = GraphQLView.dispatch.__wrapped__


class DatabaseUnavailable(Exception):
    """A resolver failed because the database is unreachable; answered 503, not 200/500."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(type(cause).__name__)
        self.cause = cause


def current_validation_rules() -> tuple:
    """The standard rules, our limits, and no introspection unless it is enabled."""
    if get_setting("INTROSPECTION"):
        return VALIDATION_RULES
    return (*VALIDATION_RULES, NoSchemaIntrospectionCustomRule)


class SpecialIssuesGraphQLView(GraphQLView):
    """GraphQL over HTTP (GET and POST) with client-safe errors."""

    graphiql = False
    # The standard rules plus the depth, alias and cost limits (graphene-django hands
    # these to graphql-core's validate(), which runs only the rules it is given).
    validation_rules = VALIDATION_RULES

    # graphql-core's execution, with the awaitable check decided per type (execution.py).
    execution_context_class = ExecutionContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.middleware:
            # Django makes a view instance per request; installing is done once per
            # schema and is a single attribute check after that.
            install_field_middleware(self.schema.graphql_schema, self.middleware)

    def get_middleware(self, request: HttpRequest) -> None:
        """None: the middleware is installed on the schema's fields (``__init__``)."""
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            check_rate_limit(request)
            check_http_request(request)
        except HttpRejection as rejected:
            return self._rejected(request, rejected)
        try:
            # Inside the try: a signed-in visitor's session is read from the database.
            cached = self.cached_persisted_get(request)
            if cached is not None:
                return cached
            response = _UNDECORATED_DISPATCH(self, request, *args, **kwargs)
        except RequestRejected as rejected:
            body = {"errors": [self.format_error(rejected.error)]}
            response = HttpResponse(
                self.json_encode(request, body), status=400, content_type="application/json"
            )
        except DatabaseUnavailable as unavailable:
            return self._database_unavailable(request, unavailable.cause)
        except DATABASE_UNAVAILABLE as error:
            return self._database_unavailable(request, error)
        if getattr(request, "is_graphql_preview", False):
            # A draft must never be stored by a browser, proxy or CDN.
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        elif self._http_cacheable(request, response):
            # The ETag computed when the answer was stored, if it just was (``store``).
            return http_cached(request, response, getattr(request, "graphql_etag", None))
        return response

    def _rejected(self, request: HttpRequest, rejected: HttpRejection) -> HttpResponse:
        body = {"errors": [{"message": rejected.message, "extensions": {"code": rejected.code}}]}
        response = HttpResponse(
            self.json_encode(request, body), status=rejected.status, content_type="application/json"
        )
        for header, value in rejected.headers.items():
            response[header] = value
        return response

    def answer_from_cache(self, request: HttpRequest) -> HttpResponse | None:
        """A cached persisted GET's answer (or 304, or 429 over the rate limit); None on a
        miss, after which the request goes on to the view, which computes and stores it.

        For ``middleware.CachedAnswerMiddleware``, which calls it before the rest of the
        middleware stack and the URL resolver. The rate limit is counted here only for a
        hit: a miss is counted once, by ``dispatch``.
        """
        response = self.cached_persisted_get(request)
        if response is None:
            return None
        try:
            check_rate_limit(request)
        except HttpRejection as rejected:
            return self._rejected(request, rejected)
        return response

    def _database_unavailable(self, request: HttpRequest, error: BaseException) -> HttpResponse:
        """503 with Retry-After: no exception text or SQL, a request id that is in the log."""
        request_id = uuid.uuid4().hex
        # One line per request, no traceback: an outage would otherwise flood the log.
        logger.warning(
            "Database unavailable, answered 503 (request id %s): %s: %s",
            request_id,
            type(error).__name__,
            str(error).strip().splitlines()[0] if str(error).strip() else "",
        )
        body = {
            "errors": [
                {
                    "message": "The service is briefly unavailable; retry shortly "
                    f"(request id {request_id}).",
                    "extensions": {"code": SERVICE_UNAVAILABLE, "requestId": request_id},
                }
            ]
        }
        response = HttpResponse(
            self.json_encode(request, body), status=503, content_type="application/json"
        )
        response["Retry-After"] = str(get_setting("DATABASE_RETRY_AFTER"))
        # Neither a browser nor a CDN may keep the outage answer.
        patch_cache_control(response, no_store=True, max_age=0)
        return response

    def cached_persisted_get(self, request: HttpRequest) -> HttpResponse | None:
        """A persisted GET answered straight from the response cache, or None.

        The common request of a frontend (or a CDN revalidating) costs one cache read:
        nothing is parsed, validated or executed, and the ETag stored with the answer is
        compared with ``If-None-Match``. The answer is byte for byte the one the full path
        stored (same key, ``caching.persisted_get_key``), with the same headers.
        """
        if (
            self.batch
            # Looked up already, and missed, by ``CachedAnswerMiddleware``.
            or getattr(request, "graphql_cache_key", None) is not None
            or not caching.cacheable(request)
        ):
            return None
        key = caching.persisted_get_key(request, self.schema.graphql_schema)
        if key is None:
            return None
        entry = caching.get_entry(key)
        if entry is None:
            request.graphql_cache_key = key  # the full path computes the answer, stores it
            return None
        response = HttpResponse(entry["body"], content_type="application/json")
        return http_cached(request, response, entry.get("etag"))

    @staticmethod
    def _http_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method == "GET"
            and getattr(request, "graphql_persisted", False)
            and response.status_code == 200
            and not getattr(request, "graphql_had_errors", True)
            and not caching.signed_in(request)
        )

    def get_graphql_params(self, request: HttpRequest, data: dict) -> tuple:
        query, variables, operation_name, id_ = super().get_graphql_params(request, data)
        identifier = id_ or (operation_name if not query else None)
        if not query and identifier:
            operation = persisted.find(identifier)
            if operation is None:
                raise RequestRejected(
                    GraphQLError(
                        f'No persisted operation "{identifier}".',
                        extensions={"code": persisted.PERSISTED_QUERY_NOT_FOUND},
                    )
                )
            request.graphql_persisted = True
            return operation.document, variables, operation.name, id_
        if query and persisted.is_persisted(query):
            request.graphql_persisted = True
        elif query and get_setting("PERSISTED_ONLY"):
            raise RequestRejected(
                GraphQLError(
                    "Only the published operations are accepted: send their id.",
                    extensions={"code": persisted.PERSISTED_QUERY_REQUIRED},
                )
            )
        return query, variables, operation_name, id_

    def get_response(self, request: HttpRequest, data: dict, show_graphiql: bool = False):
        query, variables, operation_name, _ = self.get_graphql_params(request, data)
        key = getattr(request, "graphql_cache_key", None)
        if key is not None:
            # A persisted GET whose lookup just missed (``cached_persisted_get``).
            request.graphql_cache_tags = set()
        elif isinstance(query, str) and caching.cacheable(request):
            schema = self.schema.graphql_schema
            key = caching.cache_key(request, schema, query, variables, operation_name)
            cached = caching.get_cached(key)
            if cached is not None:
                request.graphql_had_errors = False
                return cached, 200
            request.graphql_cache_tags = set()
        result, status_code = super().get_response(request, data, show_graphiql)
        if (
            key
            and status_code == 200
            and result
            and not request.graphql_had_errors
            and not getattr(request, "is_graphql_preview", False)
        ):
            request.graphql_etag = caching.store(key, result, request.graphql_cache_tags)
        return result, status_code

    def parse_body(self, request: HttpRequest) -> Any:
        if not self.batch and self.get_content_type(request) == "application/json":
            reject_json_list(request.body)
        data = super().parse_body(request)
        if self.batch and isinstance(data, list):
            check_batch_size(len(data))
        return data

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: Any,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        self.validation_rules = current_validation_rules()
        # Objects that listed issues share (snippets, images, linked pages) are looked up
        # once for the whole request, however many issues are shown.
        with batched_lookups():
            if isinstance(query, str) and query:
                result = self._execute_prepared(request, query, variables, operation_name)
            else:
                # No text, or not a string: graphene-django's answers ("Must provide
                # query string.", or its error for a value it cannot parse).
                result = super().execute_graphql_request(
                    request, data, query, variables, operation_name, show_graphiql
                )
        request.graphql_had_errors = result is None or bool(result.errors)
        for error in (result.errors or []) if result is not None else []:
            cause = getattr(error, "original_error", None) or error
            if isinstance(cause, DATABASE_UNAVAILABLE):
                # Partial data would look like "not found" to the client: fail it whole.
                raise DatabaseUnavailable(cause)
        return result

    def _execute_prepared(
        self, request: HttpRequest, query: str, variables: Any, operation_name: str | None
    ) -> ExecutionResult:
        """graphene-django's ``execute_graphql_request``, with the parse and validation cached.

        The same steps in the same order (size limits, parse, no mutation over GET,
        validation, execution) as graphene-django 3.2, except that a text already seen
        with the same rules and settings is neither lexed, parsed nor validated again
        (``graphql_api.documents``).
        """
        schema = self.schema.graphql_schema
        schema_errors = validate_schema(schema)
        if schema_errors:
            return ExecutionResult(data=None, errors=schema_errors)
        prepared = documents.prepare(schema, query, self.validation_rules)
        if prepared.document is None:
            # Over a size limit (before parsing), or not a GraphQL document.
            return ExecutionResult(data=None, errors=list(prepared.errors))
        operation_ast = get_operation_ast(prepared.document, operation_name)
        if (
            request.method.lower() == "get"
            and operation_ast is not None
            and operation_ast.operation != OperationType.QUERY
        ):
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"],
                    f"Can only perform a {operation_ast.operation.value} operation "
                    "from a POST request.",
                )
            )
        if prepared.errors:
            return ExecutionResult(data=None, errors=list(prepared.errors))
        try:
            options = {
                "root_value": self.get_root_value(request),
                "context_value": self.get_context(request),
                "variable_values": variables,
                "operation_name": operation_name,
                "middleware": self.get_middleware(request),
            }
            if self.execution_context_class:
                options["execution_context_class"] = self.execution_context_class
            if (
                operation_ast is not None
                and operation_ast.operation == OperationType.MUTATION
                and (
                    graphene_settings.ATOMIC_MUTATIONS is True
                    or connection.settings_dict.get("ATOMIC_MUTATIONS", False) is True
                )
            ):
                with transaction.atomic():
                    result = execute(schema, prepared.document, **options)
                    if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                        transaction.set_rollback(True)
                return result
            return execute(schema, prepared.document, **options)
        except Exception as error:  # noqa: BLE001 - as graphene-django: reported, not raised
            return ExecutionResult(errors=[error])

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if isinstance(error, HttpError):
            # graphene-django's own request errors ("POST body sent invalid JSON.", "Must
            # provide query string."): written for clients, safe to show.
            return {"message": str(error), "extensions": {"code": BAD_REQUEST}}
        if not isinstance(error, GraphQLError):
            return _internal_error(error)
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            return _internal_error(original, error)
        formatted = dict(error.formatted)
        if not get_setting("FIELD_SUGGESTIONS"):
            # "Did you mean 'email'?" would reveal the schema to someone guessing at it.
            formatted["message"] = SUGGESTION.sub("", formatted["message"])
        extensions = dict(formatted.get("extensions") or {})
        if "code" not in extensions:
            parse_failed = error.message.startswith("Syntax Error")
            extensions["code"] = GRAPHQL_PARSE_FAILED if parse_failed else GRAPHQL_VALIDATION_FAILED
        formatted["extensions"] = extensions
        return formatted


def http_cached(
    request: HttpRequest, response: HttpResponse, etag: str | None = None
) -> HttpResponse:
    """ETag and public Cache-Control for a persisted GET answer; 304 when unchanged.

    ``etag``, when given, is the one stored with a cached answer (``caching.etag_for`` of
    the same bytes), so a hit does not hash the body again.
    """
    etag = etag or caching.etag_for(response.content)
    # META rather than ``request.headers``, which copies every header into a new dict.
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match and etag in [tag.strip() for tag in if_none_match.split(",")]:
        response = HttpResponseNotModified()
    response["ETag"] = etag
    # The response is new (a cache hit's, or graphene's): neither header is set yet.
    response["Cache-Control"] = _public_cache_control_header(
        get_setting("HTTP_CACHE_S_MAXAGE"), get_setting("HTTP_CACHE_STALE_WHILE_REVALIDATE")
    )
    response["Vary"] = "Origin"
    return response


@functools.lru_cache(maxsize=8)
def _public_cache_control_header(s_maxage: int, stale_while_revalidate: int) -> str:
    """``Cache-Control`` of a cacheable answer, as ``patch_cache_control`` writes it (made
    once per pair of settings rather than on every request)."""
    response = HttpResponse()
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=s_maxage,
        stale_while_revalidate=stale_while_revalidate,
    )
    return response["Cache-Control"]


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
