"""Test settings: fast hashing, local-memory cache unless REDIS_URL is set, no debug."""

import tempfile
from pathlib import Path

from cms.settings.base import *  # noqa: F403
from cms.settings.base import GRAPHQL_API, SECRET_KEY

DEBUG = False
SECRET_KEY = SECRET_KEY or "test-only-insecure-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Rate limiting is off here (the suite sends many requests from one address); its own
# tests turn it on.
GRAPHQL_API = {
    **GRAPHQL_API,
    "GRAPHIQL_ENABLED": True,
    "INTROSPECTION": True,
    "RATE_LIMIT_REQUESTS": 0,
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Uploaded and generated images go to a throwaway folder, never into the project.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="special-issues-test-media-"))
