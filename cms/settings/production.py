"""Production settings: refuse to start without a real secret and explicit hosts.

Required environment: SECRET_KEY (50+ characters, not a dev default), ALLOWED_HOSTS
(comma-separated, no "*"). DEBUG may not be enabled.
"""

from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import *  # noqa: F403
from cms.settings.base import (
    ALLOWED_HOSTS,
    CORS_ALLOWED_ORIGINS,
    DEBUG,
    GRAPHQL_API,
    SECRET_KEY,
    env_bool,
)

# Never "allow all": only the origins listed below may call the API from a browser.
CORS_ALLOW_ALL_ORIGINS = False

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production; unset DEBUG.")
if len(SECRET_KEY) < 50 or "insecure" in SECRET_KEY or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list this site's host names explicitly in production (no '*')."
    )

if "*" in CORS_ALLOWED_ORIGINS or not CORS_ALLOWED_ORIGINS:
    raise ImproperlyConfigured(
        "CORS must list the frontend's origins in production: set CORS_ALLOWED_ORIGINS "
        "(or FRONTEND_BASE_URL) and never allow all origins."
    )

if any(len(hook["secret"]) < 32 for hook in GRAPHQL_API["REVALIDATION_WEBHOOKS"]):
    raise ImproperlyConfigured(
        "REVALIDATION_WEBHOOK_SECRET must be a random value of at least 32 characters "
        "when REVALIDATION_WEBHOOK_URLS is set."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
