"""Images as clients receive them: original size, alt text, and allow-listed renditions.

Renditions are generated only for filter specs in ``SPECIAL_ISSUES["IMAGE_FILTERS"]``
(and widths in ``SPECIAL_ISSUES["IMAGE_WIDTHS"]`` for ``srcSet``): an unknown spec is an
error and creates no file, so clients cannot fill the media storage with variants.
Images in a collection with view restrictions are never served.
"""

from dataclasses import dataclass

import graphene
from django.db.models import Q, QuerySet
from graphql import GraphQLError
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, CollectionViewRestriction

from special_issues import lookups
from special_issues.conf import get_setting
from special_issues.visibility import InRestrictedCollection

IMAGE_FILTER_NOT_ALLOWED = "IMAGE_FILTER_NOT_ALLOWED"


@dataclass(frozen=True)
class ImageWithAlt:
    """An image as placed somewhere, with the text alternative for that place."""

    image: AbstractImage
    alt: str


def image_queryset() -> QuerySet:
    """Images, flagged if their collection is restricted, with their renditions loaded.

    Loading the existing renditions with the images (one query for all of them) lets
    ``rendition`` and ``srcSet`` answer without a query per image.
    """
    return (
        get_image_model()
        .objects.annotate(in_restricted_collection=InRestrictedCollection())
        .prefetch_renditions()
    )


def images_by_id(ids) -> dict:
    """Images by id, looked up once per request, with their restriction flag."""
    return lookups.in_bulk(get_image_model(), ids, queryset=image_queryset())


def public_image(image: AbstractImage | None, alt: str = "") -> ImageWithAlt | None:
    """Wrap ``image`` for clients, or None if it is missing or in a restricted collection."""
    if image is None:
        return None
    restricted = getattr(image, "in_restricted_collection", None)
    if restricted is None:
        restricted = image.collection_id in restricted_collection_ids()
    if restricted:
        return None
    return ImageWithAlt(image=image, alt=alt or getattr(image, "description", "") or "")


def restricted_collection_ids() -> frozenset[int]:
    """Ids of collections with a view restriction, and of every collection inside them."""

    def compute() -> frozenset[int]:
        paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        if not paths:
            return frozenset()
        query = Q()
        for path in paths:
            query |= Q(path__startswith=path)
        return frozenset(Collection.objects.filter(query).values_list("pk", flat=True))

    return lookups.remember("restricted_collection_ids", compute)


def _absolute(info, url: str) -> str:
    request = getattr(info, "context", None)
    if url.startswith("/") and request is not None and hasattr(request, "build_absolute_uri"):
        return request.build_absolute_uri(url)
    return url


def check_filter(spec: str) -> None:
    """Raise ``IMAGE_FILTER_NOT_ALLOWED`` for a rendition spec not in ``IMAGE_FILTERS``."""
    allowed = get_setting("IMAGE_FILTERS")
    if spec not in allowed:
        raise GraphQLError(
            f'Image filter "{spec}" is not allowed. Allowed: {", ".join(allowed)}.',
            extensions={"code": IMAGE_FILTER_NOT_ALLOWED, "allowed": list(allowed)},
        )


def check_widths(widths: list) -> None:
    """Raise ``IMAGE_FILTER_NOT_ALLOWED`` for a srcSet width not in ``IMAGE_WIDTHS``."""
    allowed = get_setting("IMAGE_WIDTHS")
    for width in widths:
        if width not in allowed:
            raise GraphQLError(
                f"Width {width} is not allowed in srcSet. Allowed: {', '.join(map(str, allowed))}.",
                extensions={"code": IMAGE_FILTER_NOT_ALLOWED, "allowed": list(allowed)},
            )


class ImageRendition(graphene.ObjectType):
    """A resized copy of an image."""

    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    filter = graphene.String(required=True, description="The filter spec that made it.")


class ResponsiveImage(graphene.ObjectType):
    """An image with its alt text, original size and allow-listed renditions."""

    url = graphene.String(required=True, description="The original file.")
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    alt = graphene.String(required=True, description="Text alternative for this placement.")
    title = graphene.String(required=True)
    rendition = graphene.Field(
        graphene.NonNull(ImageRendition),
        filter=graphene.String(required=True, description='An allowed spec, e.g. "fill-640x360".'),
    )
    src_set = graphene.Field(
        graphene.NonNull(graphene.String),
        widths=graphene.List(
            graphene.NonNull(graphene.Int),
            description="Allowed widths to include (default: all allowed widths).",
        ),
        description='For <img srcset>: "url 320w, url 640w, …", never wider than the original.',
    )

    @staticmethod
    def resolve_url(root: ImageWithAlt, info) -> str:
        return _absolute(info, root.image.file.url)

    @staticmethod
    def resolve_width(root: ImageWithAlt, info) -> int:
        return root.image.width

    @staticmethod
    def resolve_height(root: ImageWithAlt, info) -> int:
        return root.image.height

    @staticmethod
    def resolve_title(root: ImageWithAlt, info) -> str:
        return root.image.title

    @staticmethod
    def resolve_rendition(root: ImageWithAlt, info, filter: str) -> ImageRendition:  # noqa: A002
        check_filter(filter)
        rendition = root.image.get_rendition(filter)
        return ImageRendition(
            url=_absolute(info, rendition.url),
            width=rendition.width,
            height=rendition.height,
            filter=filter,
        )

    @staticmethod
    def resolve_src_set(root: ImageWithAlt, info, widths: list[int] | None = None) -> str:
        if widths is None:
            widths = list(get_setting("IMAGE_WIDTHS"))
        check_widths(widths)
        usable = sorted({w for w in widths if w <= root.image.width}) or [root.image.width]
        renditions = root.image.get_renditions(*[f"width-{w}" for w in usable])
        return ", ".join(
            f"{_absolute(info, rendition.url)} {rendition.width}w"
            for rendition in renditions.values()
        )
