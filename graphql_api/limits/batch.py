"""The batch limits: a JSON list of operations in one request (BATCH_TOO_LARGE).

graphene-django runs every operation of a batched request (a JSON list) when the view
has ``batch = True``; such a view accepts at most ``GRAPHQL_API["MAX_BATCH"]`` of them.
A view without batching refuses a list with BATCH_NOT_SUPPORTED instead of the generic
error graphene-django would give.
"""

from graphql import GraphQLError

from graphql_api.conf import get_setting

BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
BATCH_NOT_SUPPORTED = "BATCH_NOT_SUPPORTED"

# JSON's insignificant whitespace (RFC 8259).
_JSON_WHITESPACE = b" \t\r\n"


class RequestRejected(Exception):
    """A request refused before any operation is parsed; the view answers 400 with it."""

    def __init__(self, error: GraphQLError) -> None:
        super().__init__(error.message)
        self.error = error


def reject_json_list(body: bytes) -> None:
    """Refuse a JSON list body: for a view without batching, one operation per request."""
    if body.lstrip(_JSON_WHITESPACE)[:1] == b"[":
        raise RequestRejected(
            GraphQLError(
                "This endpoint takes one operation per request (a JSON object), "
                "not a list of operations.",
                extensions={"code": BATCH_NOT_SUPPORTED},
            )
        )


def check_batch_size(size: int) -> None:
    """Refuse a batch of more than ``GRAPHQL_API["MAX_BATCH"]`` operations."""
    max_batch: int = get_setting("MAX_BATCH")
    if size > max_batch:
        raise RequestRejected(
            GraphQLError(
                f"The request holds {size} operations; a batch holds at most {max_batch}.",
                extensions={"code": BATCH_TOO_LARGE, "operations": size, "maximum": max_batch},
            )
        )
