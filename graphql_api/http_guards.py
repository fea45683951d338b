"""Checks on the HTTP request itself, before any GraphQL work.

* POST bodies must be JSON (or ``application/graphql``). Form-encoded, multipart and
  ``text/plain`` bodies are what a browser sends cross-site *without* a CORS preflight,
  so accepting them would let any web page make visitors' browsers query the API with
  their cookies; they are refused with 415.
* Bodies larger than ``GRAPHQL_API["MAX_BODY_BYTES"]`` are refused with 413 before
  they are read.
"""

from django.http import HttpRequest

from graphql_api.conf import get_setting

ACCEPTED_POST_TYPES = ("application/json", "application/graphql")


class HttpRejection(Exception):
    """A request refused at the HTTP level, with the status and code to answer."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def check_http_request(request: HttpRequest) -> None:
    """Raise ``HttpRejection`` for a body that is too large or of a refused type."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    max_bytes = get_setting("MAX_BODY_BYTES")
    if not length.isdigit() or int(length) > max_bytes:
        raise HttpRejection(
            413,
            "REQUEST_TOO_LARGE",
            f"The request body is larger than {max_bytes} bytes.",
        )
    # An empty body carries no query; graphene-django answers it with a clear 400.
    if request.method == "POST" and int(length) > 0:
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type not in ACCEPTED_POST_TYPES:
            raise HttpRejection(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "POST the query as JSON with Content-Type: application/json.",
            )
