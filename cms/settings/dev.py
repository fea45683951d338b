"""Development settings: debug on, a throwaway secret, GraphiQL on, local hosts only."""

from cms.settings.base import *  # noqa: F403
from cms.settings.base import GRAPHQL_API, SECRET_KEY, env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-secret-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
GRAPHQL_API = {
    **GRAPHQL_API,
    "GRAPHIQL_ENABLED": True,
    "INTROSPECTION": True,
    "FIELD_SUGGESTIONS": True,
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
