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
}


def get_setting(name: str) -> Any:
    """Return one setting of the gateway, the host's value or the default."""
    user = getattr(settings, "GRAPHQL_API", {}) or {}
    unknown = set(user) - set(DEFAULTS)
    if unknown:
        raise ImproperlyConfigured(
            f"Unknown GRAPHQL_API setting(s): {', '.join(sorted(unknown))}. "
            f"Known: {', '.join(sorted(DEFAULTS))}."
        )
    if name not in DEFAULTS:
        raise KeyError(name)
    return user.get(name, DEFAULTS[name])
