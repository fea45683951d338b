"""System checks: a host site's settings that would make the API show hidden content, or
serve cached answers without the headers the rest of its answers carry."""

from django.core.checks import Error, Tags, register
from django.core.checks import Warning as CheckWarning

GUARDED_PAGE_INTERFACE = "graphql_api.guards.pages.PublicPageInterface"


@register(Tags.security)
def check_page_interface(app_configs, **kwargs) -> list[Error]:
    """Grapple's page tree fields must use the guarded interface.

    With Grapple's default ``PageInterface``, ``parent`` answers with a draft or restricted
    page and ``children`` with live pages below unpublished ones, to anyone.
    """
    from grapple.types.interfaces import get_page_interface

    from graphql_api.guards.pages import PublicPageInterface

    interface = get_page_interface()
    if isinstance(interface, type) and issubclass(interface, PublicPageInterface):
        return []
    return [
        Error(
            "Grapple's page interface shows unpublished and restricted pages through "
            "parent, children, siblings, descendants and ancestors.",
            hint=f'Set GRAPPLE["PAGE_INTERFACE"] = "{GUARDED_PAGE_INTERFACE}" (or a subclass).',
            id="graphql_api.E001",
        )
    ]


CACHED_ANSWER_MIDDLEWARE = "graphql_api.middleware.CachedAnswerMiddleware"
# What must run before CachedAnswerMiddleware (their headers, the Host check), and after it
# (a hit must not depend on them, and they must not see it).
MIDDLEWARE_BEFORE = (
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)
MIDDLEWARE_AFTER = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
)


@register()
def check_middleware_order(app_configs, **kwargs) -> list[CheckWarning]:
    """``CachedAnswerMiddleware`` (optional) must come after the middleware whose headers a
    cached answer keeps and the Host check, and before sessions.

    Too early, hits would lack CORS or security headers, or answer a disallowed Host; too
    late, they would cost what the middleware saves.
    """
    from django.conf import settings

    middleware = list(settings.MIDDLEWARE)
    if CACHED_ANSWER_MIDDLEWARE not in middleware:
        return []
    position = middleware.index(CACHED_ANSWER_MIDDLEWARE)
    misplaced = [name for name in MIDDLEWARE_BEFORE if name in middleware[position:]]
    misplaced += [name for name in MIDDLEWARE_AFTER if name in middleware[:position]]
    if not misplaced:
        return []
    return [
        CheckWarning(
            f"{CACHED_ANSWER_MIDDLEWARE} is misplaced in MIDDLEWARE (relative to "
            f"{', '.join(misplaced)}): cached answers would lack headers, skip the Host "
            "check or cost what it saves.",
            hint="Put it after "
            + ", ".join(MIDDLEWARE_BEFORE)
            + " and before "
            + ", ".join(MIDDLEWARE_AFTER)
            + ".",
            id="graphql_api.W001",
        )
    ]
