"""Grapple's own image fields make only the allow-listed renditions.

Grapple's image type (``images``, ``image``) has ``rendition(fill:, width:, …)`` and
``srcSet(sizes:, format:)``, which make any rendition asked for unless the host sets
``GRAPPLE["ALLOWED_IMAGE_FILTERS"]``: a client could fill the media storage with
variants, and a malformed spec (``max: "x"``, ``webpquality: null``) failed as a server
error. The same allow-list as our ``ResponsiveImage`` applies here
(``SPECIAL_ISSUES["IMAGE_FILTERS"]`` and ``["IMAGE_WIDTHS"]``): anything else is refused
with ``IMAGE_FILTER_NOT_ALLOWED`` before Grapple runs. Both guards are in the table of
``guards.visibility`` (any parent type: our own ``ResponsiveImage`` passes through).
"""

from typing import Any

from graphql import GraphQLResolveInfo
from wagtail.images.models import AbstractImage

from graphql_api.errors import bad_input
from special_issues.images import check_filter, check_widths


def allow_listed_rendition(next_, root: Any, info: GraphQLResolveInfo, args: dict) -> Any:
    """Grapple's ``rendition``: only a spec in ``IMAGE_FILTERS`` (``guards.visibility``)."""
    if isinstance(root, AbstractImage):
        # The spec exactly as Grapple builds it from the same arguments.
        spec = "|".join(f"{key}-{value}" for key, value in args.items() if key != "preserve_svg")
        check_filter(spec)
    return next_(root, info, **args)


def allow_listed_src_set(next_, root: Any, info: GraphQLResolveInfo, args: dict) -> Any:
    """Grapple's ``srcSet``: only widths in ``IMAGE_WIDTHS``, no other format."""
    if isinstance(root, AbstractImage):
        if args.get("sizes") is None:
            message = "srcSet needs sizes, e.g. srcSet(sizes: [640, 1280])."
            raise bad_input(message, argument="sizes")
        if args.get("format") is not None:
            check_filter(f"format-{args['format']}")
        check_widths(args["sizes"])
    return next_(root, info, **args)
