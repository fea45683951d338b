"""System checks: a host site's settings that would make the API show hidden content."""

from django.core.checks import Error, Tags, register

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
