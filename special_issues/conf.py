"""The app's settings: one dict, ``settings.SPECIAL_ISSUES``, with defaults.

Unknown keys are rejected so that a typo fails loudly instead of being ignored.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS: dict[str, Any] = {
    # Public site that renders the content; internal links and preview URLs point there.
    "FRONTEND_BASE_URL": "http://localhost:3000",
    # Time zone of a deadline when an editor does not choose one: Anywhere on Earth.
    "DEFAULT_DEADLINE_TIME_ZONE": "Etc/GMT+12",
}


def get_setting(name: str) -> Any:
    """Return one setting of the app, the host's value or the default."""
    user = getattr(settings, "SPECIAL_ISSUES", {}) or {}
    unknown = set(user) - set(DEFAULTS)
    if unknown:
        raise ImproperlyConfigured(
            f"Unknown SPECIAL_ISSUES setting(s): {', '.join(sorted(unknown))}. "
            f"Known: {', '.join(sorted(DEFAULTS))}."
        )
    if name not in DEFAULTS:
        raise KeyError(name)
    return user.get(name, DEFAULTS[name])
