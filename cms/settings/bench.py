"""Benchmark settings (``make bench``): production-like, plus Wagtail's REST API v2 to compare.

Never deployed. ``bench/run.py`` sets the environment before Django starts:

    BENCH_DATABASE_URL    the seeded database: a temporary SQLite file, or
                          ``special_issues_bench`` on the local PostgreSQL (``--postgres``)
    BENCH_MEDIA_ROOT      a temporary directory for the seeded images and their renditions
    BENCH_RESPONSE_CACHE  "1" turns the GraphQL response cache on (300 s), else it is off
    REDIS_URL             as in base.py: the shared cache (Redis) instead of local memory

The REST API v2 (``wagtail.api.v2`` + ``rest_framework``) is installed here only, as a
baseline; ``bench/urls.py`` mounts it at ``/api/v2/`` next to the normal URLs.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url

from cms.settings.base import *  # noqa: F403
from cms.settings.base import GRAPHQL_API, INSTALLED_APPS, env_bool

DEBUG = False
SECRET_KEY = "bench-only-insecure-secret-key-never-used-outside-make-bench"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
ROOT_URLCONF = "bench.urls"

_default_db = Path(tempfile.gettempdir()) / "special-issues-bench.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{_default_db}"),
        # Persistent connections, as production should run (DB_CONN_MAX_AGE in .env):
        # a new PostgreSQL connection per request would dominate every figure.
        conn_max_age=600,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # As in base.py: JIT compilation dominated the 10,000-issue listings.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
MEDIA_ROOT = Path(os.environ.get("BENCH_MEDIA_ROOT", Path(tempfile.gettempdir()) / "bench-media"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

GRAPHQL_API = {
    **GRAPHQL_API,
    # wrk sends thousands of requests a second from one address.
    "RATE_LIMIT_REQUESTS": 0,
    "RESPONSE_CACHE_TIMEOUT": 300 if env_bool("BENCH_RESPONSE_CACHE") else 0,
}

# The REST API's listing may return as many items as the GraphQL listing (100).
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = "http://127.0.0.1"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}, "django_tasks": {"level": "ERROR"}},
}
