"""Settings shared by every environment, read from the environment where they vary.

Environment variables:
    DATABASE_URL       database (default: SQLite file ``db.sqlite3`` in the project)
    REDIS_URL          shared cache (default: local memory, one process)
    SECRET_KEY         signing key (dev/test have a default; production refuses one)
    ALLOWED_HOSTS      comma-separated host names
    DEBUG              "1"/"true" to enable debug (never in production)
    FRONTEND_BASE_URL  public site that renders the content (preview and links)
    REVALIDATION_WEBHOOK_URLS / REVALIDATION_WEBHOOK_SECRET  frontend revalidation webhooks
    CORS_ALLOWED_ORIGINS  comma-separated origins allowed to call /graphql/ from a browser
                       (default: FRONTEND_BASE_URL's origin)
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
FRONTEND_BASE_URL = os.environ.get("FRONTEND_BASE_URL", "http://localhost:3000").rstrip("/")

INSTALLED_APPS = [
    "special_issues",
    "graphql_api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Grapple and friends must come after the Wagtail apps, modelcluster and taggit,
    # or the schema fails to build at the first request (see shared/RECIPES.md).
    "grapple",
    "graphene_django",
    "wagtail_headless_preview",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A cached persisted GET is answered here, with the headers of the four above (the
    # Host already checked), before sessions, CSRF, auth and the URL resolver run.
    "graphql_api.middleware.CachedAnswerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # With persistent connections (DB_CONN_MAX_AGE > 0), check a reused connection
        # before a request uses it: after a database restart the stale one is replaced
        # instead of failing the request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on these short queries: it dominated
    # the listings' time at 10,000 issues (bench/scale.py). Off for every connection.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "options": "-c jit=off",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "special-issues",
            "OPTIONS": {
                # An unreachable Redis degrades to "no cache" instead of failing requests.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs search-index and reference-index updates as tasks; one line each.
        "django_tasks": {"level": "WARNING"},
    },
}

# CORS: only the frontend's origins may call the API from a browser.
CORS_ALLOWED_ORIGINS = env_list(
    "CORS_ALLOWED_ORIGINS", "{0.scheme}://{0.netloc}".format(urlsplit(FRONTEND_BASE_URL))
)
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]
CORS_ALLOW_HEADERS = ["content-type", "if-none-match", "authorization"]
CORS_EXPOSE_HEADERS = ["etag", "retry-after"]
CORS_PREFLIGHT_MAX_AGE = 86400

# Wagtail
WAGTAIL_SITE_NAME = "Special Issues CMS"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# SEARCH_CONFIG (used on PostgreSQL only) names the text search configuration, so index
# and queries never depend on the server's default; and a query names it, so
# PostgreSQL turns the words into a query once, not once per issue it checks.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# GraphQL (Grapple). Every app with page models must be listed in APPS.
GRAPPLE = {
    "APPS": ["special_issues"],
    "AUTO_CAMELCASE": True,
    "EXPOSE_GRAPHIQL": False,
    "ADD_SEARCH_HIT": False,
    "PAGE_SIZE": 10,
    "MAX_PAGE_SIZE": 100,
    "RICHTEXT_FORMAT": "html",
    # Page tree fields (parent, children, descendants …) show public pages only.
    "PAGE_INTERFACE": "graphql_api.guards.pages.PublicPageInterface",
}
GRAPHENE = {"SCHEMA": "grapple.schema.schema"}

# Preview: the admin's Preview opens the frontend's preview route with a token.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": f"{FRONTEND_BASE_URL}/preview"},
    "SERVE_BASE_URL": FRONTEND_BASE_URL,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": False,
}

# The plugin apps' own settings, one dict each (defaults live in the apps).
SPECIAL_ISSUES = {
    "FRONTEND_BASE_URL": FRONTEND_BASE_URL,
    "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "").rstrip("/"),
}
GRAPHQL_API = {
    "GRAPHIQL_ENABLED": False,
    # Frontend revalidation: REVALIDATION_WEBHOOK_URLS (comma-separated) share one secret.
    "REVALIDATION_WEBHOOKS": [
        {"url": url, "secret": os.environ.get("REVALIDATION_WEBHOOK_SECRET", "")}
        for url in env_list("REVALIDATION_WEBHOOK_URLS")
    ],
    "PERSISTED_OPERATIONS": BASE_DIR / "frontend_contract" / "persisted-operations.json",
    "PERSISTED_ONLY": env_bool("GRAPHQL_PERSISTED_ONLY", False),
}
