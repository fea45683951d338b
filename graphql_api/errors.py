"""Errors a client can act on: a message and an ``extensions.code``, never a traceback."""

from graphql import GraphQLError

BAD_REQUEST = "BAD_REQUEST"
BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
# The database is unreachable (restart, failover, network): HTTP 503 with Retry-After.
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


def client_error(message: str, code: str, **details: object) -> GraphQLError:
    """An error caused by the request, which the client can fix."""
    return GraphQLError(message, extensions={"code": code, **details})


def not_found(message: str) -> GraphQLError:
    """The requested object does not exist or is not published."""
    return client_error(message, NOT_FOUND)


def bad_input(message: str, **details: object) -> GraphQLError:
    """An argument is out of range or malformed."""
    return client_error(message, BAD_USER_INPUT, **details)
