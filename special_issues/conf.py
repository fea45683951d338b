"""The app's settings: one dict, ``settings.SPECIAL_ISSUES``, with defaults.

Unknown keys are rejected so that a typo fails loudly instead of being ignored.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS: dict[str, Any] = {
    # Public site that renders the content; internal links and preview URLs point there.
    "FRONTEND_BASE_URL": "http://localhost:3000",
    # The CMS's own public address, e.g. "https://cms.example.org": the API's links to its
    # calendar (.ics) and feed files start with it. Empty: those links are bare paths.
    "PUBLIC_BASE_URL": "",
    # Days before a final deadline when one "deadline-reminder" notice goes out (0: none).
    "DEADLINE_REMINDER_DAYS": 7,
    # The only image renditions clients may ask for (Wagtail filter specs).
    "IMAGE_FILTERS": [
        "fill-160x160",
        "fill-320x320",
        "fill-640x360",
        "fill-1280x720",
        "width-640",
        "width-1280",
        "width-1920",
        "max-1600x1600",
    ],
    # Widths a srcSet may include.
    "IMAGE_WIDTHS": [320, 640, 960, 1280, 1920],
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
