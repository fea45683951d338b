"""Per-client rate limiting of ``/graphql/`` in fixed windows, counted in the shared cache.

Each client (its IP address; behind a proxy, the first address of ``X-Forwarded-For``
when ``GRAPHQL_API["TRUST_X_FORWARDED_FOR"]`` is on) may send
``RATE_LIMIT_REQUESTS`` requests per ``RATE_LIMIT_WINDOW`` seconds. Beyond that it gets
429 with ``Retry-After``. The counter lives in Django's cache (Redis in production), so
every app process shares it; if the cache is unreachable, requests are let through.
"""

import logging
import time

from django.core.cache import cache
from django.http import HttpRequest

from graphql_api.conf import get_setting
from graphql_api.http_guards import HttpRejection

logger = logging.getLogger("graphql_api")


def client_id(request: HttpRequest) -> str:
    """The address requests are counted under."""
    if get_setting("TRUST_X_FORWARDED_FOR"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def check_rate_limit(request: HttpRequest) -> None:
    """Raise ``HttpRejection`` (429) when the client is over its limit in this window."""
    limit = get_setting("RATE_LIMIT_REQUESTS")
    if not limit:
        return
    window = get_setting("RATE_LIMIT_WINDOW")
    now = time.time()
    window_start = int(now // window) * window
    key = f"graphql-rate:{client_id(request)}:{window_start}"
    try:
        cache.add(key, 0, timeout=window + 1)
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 - a cache outage must not take the API down
        logger.warning("Rate limiting skipped: the cache is unreachable.", exc_info=True)
        return
    if count > limit:
        retry_after = max(1, int(window_start + window - now + 0.999))
        raise HttpRejection(
            429,
            "RATE_LIMITED",
            f"Too many requests: at most {limit} every {window} seconds. "
            f"Retry after {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )
