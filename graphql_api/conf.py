"""The gateway's settings: one dict, ``settings.GRAPHQL_API``, with defaults.

Unknown keys are rejected so that a typo fails loudly instead of being ignored.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS: dict[str, Any] = {
    # The in-browser IDE at /graphiql/; development only.
    "GRAPHIQL_ENABLED": False,
    # Page size of list queries when the client gives no ``limit``.
    "DEFAULT_LIMIT": 20,
    # The largest ``limit`` a client may ask for; more is an error, never a silent cap.
    "MAX_LIMIT": 100,
    # Seconds a preview token stays valid after the editor clicks Preview.
    "PREVIEW_TOKEN_MAX_AGE": 3600,
    # Limits checked before execution (graphql_api/limits/); a request over one is
    # answered 400 with a code, without touching the database.
    # Size of the query text, checked before parsing (QUERY_TOO_LARGE).
    "MAX_QUERY_BYTES": 10_000,
    # Lexical tokens of the query (names, punctuation, values; not comments).
    "MAX_QUERY_TOKENS": 2_000,
    # Fields nested inside one another, fragments expanded (QUERY_TOO_DEEP).
    "MAX_DEPTH": 12,
    # Aliased fields in one operation, fragments expanded (TOO_MANY_ALIASES).
    "MAX_ALIASES": 15,
    # Estimated field resolutions of one operation (QUERY_TOO_COSTLY); see limits/cost.py.
    "MAX_COST": 10_000,
    # Items the cost estimate assumes for a list field that takes no ``limit``
    # (guest editors, deadlines, stream blocks …).
    "COST_LIST_SIZE": 10,
    # Operations in one batched request, when a view enables batching (BATCH_TOO_LARGE).
    "MAX_BATCH": 5,
    # Largest request body accepted, in bytes (413 REQUEST_TOO_LARGE above it).
    "MAX_BODY_BYTES": 64_000,
    # Requests one client may send per window (429 RATE_LIMITED above it); 0 turns it off.
    "RATE_LIMIT_REQUESTS": 600,
    "RATE_LIMIT_WINDOW": 60,
    # Count clients by the first X-Forwarded-For address (only behind a trusted proxy).
    "TRUST_X_FORWARDED_FOR": False,
    # Seconds a client is told to wait (Retry-After) when the database is unreachable and
    # a request is answered 503 SERVICE_UNAVAILABLE.
    "DATABASE_RETRY_AFTER": 5,
    # Seconds a successful anonymous answer stays in the response cache (0 turns it off).
    # Publishing invalidates exactly the answers that showed the changed content.
    "RESPONSE_CACHE_TIMEOUT": 300,
    # The persisted-operations manifest (JSON); None disables persisted operations.
    "PERSISTED_OPERATIONS": None,
    # Refuse any operation that is not in the manifest (PERSISTED_QUERY_REQUIRED).
    "PERSISTED_ONLY": False,
    # HTTP caching of GET requests for persisted operations (CDN-friendly).
    "HTTP_CACHE_S_MAXAGE": 60,
    "HTTP_CACHE_STALE_WHILE_REVALIDATE": 300,
    # Frontend revalidation endpoints: [{"url": "https://…/api/revalidate", "secret": "…"}].
    "REVALIDATION_WEBHOOKS": [],
    # Seconds to wait for a webhook receiver, and attempts before giving up.
    "WEBHOOK_TIMEOUT": 5,
    "WEBHOOK_MAX_ATTEMPTS": 12,
    # Schema introspection (__schema, __type). Off by default: turn on in development.
    "INTROSPECTION": False,
    # "Did you mean …?" hints in validation errors reveal field names; off by default.
    "FIELD_SUGGESTIONS": False,
}


# The host's dict last checked for unknown keys: settings are read several times per
# request, and checking the same dict again each time was a measurable part of a cached
# answer. A new dict (a deploy, ``override_settings`` in tests) is checked again.
_checked: list[dict] = []


def get_setting(name: str) -> Any:
    """Return one setting of the gateway, the host's value or the default."""
    user = getattr(settings, "GRAPHQL_API", None) or {}
    if not _checked or _checked[0] is not user:
        unknown = set(user) - set(DEFAULTS)
        if unknown:
            raise ImproperlyConfigured(
                f"Unknown GRAPHQL_API setting(s): {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(sorted(DEFAULTS))}."
            )
        _checked[:] = [user]
    if name not in DEFAULTS:
        raise KeyError(name)
    return user.get(name, DEFAULTS[name])
