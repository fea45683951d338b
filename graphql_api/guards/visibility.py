"""Grapple's other fields that reach hidden content answer with public content only.

``PublicPageInterface`` (``graphql_api.guards.pages``) covers the page tree. These fields
reach pages, media or snippets some other way, or hand out what the database stores:

=============================================  =========================================
field                                          what the public gets
=============================================  =========================================
``draftTitle`` of any page                     the published title, never a newer draft's
``aliases``, ``aliasOf`` of any page           public pages only (else left out / null)
``SiteObjectType.pages`` / ``.page``           public pages only; no preview ``token``;
                                               nothing for an unknown ``contentType``
``redirects``                                  only redirects to public pages (or URLs)
``PageChooserBlock.page``                      a public page, else null
``ImageChooserBlock.image``                    an image outside restricted collections
``DocumentChooserBlock.document``              a document outside restricted collections
``SnippetChooserBlock.snippet``                visible reusable content; people shown
                                               on a published page; else null
``rawValue`` of a block                        plain values (text, numbers) only; empty
                                               for rich text, choosers and structures
``RichTextBlock.value``                        the HTML every ``FormattedText`` has:
                                               without hidden pages, documents or images
                                               (``special_issues.rich_text``)
``collections``, ``CollectionObjectType``      collections without view restrictions
``.descendants``
``tags``                                       tags of public images and documents
``rendition``, ``srcSet`` of Grapple's image   allow-listed renditions only
                                               (``guards.images``)
=============================================  =========================================

``rawValue`` is the block as stored: database ids of chosen objects and rich text with
``<a linktype="page" id="…">``. Filtering ids out of every stored shape would copy each
block's storage format here, and the typed fields already give clients all of a block
(``tests/special_issues/test_blocks_graphql.py``), so for anything but a plain value it
is the empty string: ``String!`` stays non-null and the schema unchanged.

One middleware looks each field up in a table (``GUARDS``) by name, so a field it does
not guard costs a dictionary lookup.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from graphql import GraphQLResolveInfo
from taggit.models import TaggedItem
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from graphql_api.errors import bad_input
from graphql_api.guards.images import allow_listed_rendition, allow_listed_src_set
from special_issues.images import public_image, restricted_collection_ids
from special_issues.models import Person, ReusableContent
from special_issues.rich_text import client_html
from special_issues.visibility import (
    public_page_ids,
)

Resolver = Callable[..., Any]

# Blocks whose stored value may hold ids of other objects or rich-text references.
STRUCTURED_BLOCKS = (
    blocks.StructBlock,
    blocks.StreamBlock,
    blocks.ListBlock,
    blocks.ChooserBlock,
    blocks.RichTextBlock,
)


def only_public_pages(pages) -> list:
    pages = list(pages or [])
    public = public_page_ids(pages)
    return [page for page in pages if page.pk in public]


def public_page_or_none(page):
    if page is None or page.pk not in public_page_ids([page]):
        return None
    return page


# --- the guards: (next_, root, info, args) -> value ---------------------------------


def published_title(next_, root, info, args):
    # The page a client holds is the published version: its title, not a draft's.
    return root.title


def public_page_list(next_, root, info, args):
    return only_public_pages(next_(root, info, **args))


def public_page(next_, root, info, args):
    return public_page_or_none(next_(root, info, **args))


def known_content_type(label: str | None) -> bool:
    """Whether ``label`` names a content type as ``app_label.Model`` (or is absent)."""
    if not label:
        return True
    app_label, dot, model = label.strip().lower().partition(".")
    if not dot or "." in model:
        return False
    try:
        # Django keeps the content types it has looked up for the life of the process.
        ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return False
    return True


def site_pages(next_, root, info, args):
    # Grapple splits contentType on "." and fails on anything else: nothing matches.
    if not known_content_type(args.get("content_type")):
        return []
    return public_page_list(next_, root, info, args)


def site_page(next_, root, info, args):
    if args.get("token"):
        raise bad_input(
            "Previews are answered by page(token:) and specialIssue(token:) only.",
            argument="token",
        )
    if not known_content_type(args.get("content_type")):
        return None
    return public_page(next_, root, info, args)


def public_redirects(next_, root, info, args):
    redirects = list(next_(root, info, **args))
    public = public_page_ids(r.redirect_page for r in redirects)
    return [r for r in redirects if r.redirect_page_id is None or r.redirect_page_id in public]


def public_chosen_image(next_, root, info, args):
    image = next_(root, info, **args)
    return image if image is not None and public_image(image) is not None else None


def public_chosen_document(next_, root, info, args):
    document = next_(root, info, **args)
    if document is None or document.collection_id in restricted_collection_ids():
        return None
    return document


def public_chosen_snippet(next_, root, info, args):
    snippet = next_(root, info, **args)
    if isinstance(snippet, ReusableContent) and snippet.is_visible():
        return snippet
    if isinstance(snippet, Person) and snippet.appears_publicly():
        return snippet
    return None


def plain_raw_value(next_, root, info, args):
    block = getattr(root, "block", None)
    if block is None or isinstance(block, STRUCTURED_BLOCKS):
        return ""
    return next_(root, info, **args)


def public_rich_text_block(next_, root, info, args):
    # Grapple renders RichTextBlock.value with Wagtail's rewriter (page URLs of drafts,
    # private documents); clients get the same HTML as every FormattedText instead.
    value = getattr(root, "value", None)
    return client_html(getattr(value, "source", value) or "")


def public_collections(next_, root, info, args):
    restricted = restricted_collection_ids()
    return [c for c in next_(root, info, **args) if c is not None and c.pk not in restricted]


def _public_tag_ids(tag_ids: list[int]) -> set[int]:
    image_type, document_type = ContentType.objects.get_for_models(
        get_image_model(), get_document_model()
    ).values()
    restricted = restricted_collection_ids()
    public_images = get_image_model().objects.exclude(collection_id__in=restricted)
    public_documents = get_document_model().objects.exclude(collection_id__in=restricted)
    used = TaggedItem.objects.filter(tag__in=tag_ids).filter(
        Q(content_type=image_type, object_id__in=public_images.values("pk"))
        | Q(content_type=document_type, object_id__in=public_documents.values("pk"))
    )
    return set(used.values_list("tag_id", flat=True))


def public_tags(next_, root, info, args):
    tags = list(next_(root, info, **args))
    public = _public_tag_ids([tag.pk for tag in tags])
    return [tag for tag in tags if tag.pk in public]


def public_tag(next_, root, info, args):
    tag = next_(root, info, **args)
    return tag if tag is not None and _public_tag_ids([tag.pk]) else None


# Field name → parent type name ("*": any) → guard. Fields not listed pass through.
GUARDS: dict[str, dict[str, Resolver]] = {
    "draftTitle": {"*": published_title},
    "aliases": {"*": public_page_list},
    "aliasOf": {"*": public_page},
    "pages": {"SiteObjectType": site_pages},
    "page": {
        "SiteObjectType": site_page,
        "Redirect": public_page,
        "PageChooserBlock": public_page,
    },
    "redirects": {"Query": public_redirects},
    "image": {"ImageChooserBlock": public_chosen_image},
    "document": {"DocumentChooserBlock": public_chosen_document},
    "snippet": {"SnippetChooserBlock": public_chosen_snippet},
    "rawValue": {"*": plain_raw_value},
    "value": {"RichTextBlock": public_rich_text_block},
    "collections": {"Query": public_collections},
    "descendants": {"CollectionObjectType": public_collections},
    "tags": {"Query": public_tags},
    "tag": {"Query": public_tag},
    # Grapple's image type (any name a host's image model gives it).
    "rendition": {"*": allow_listed_rendition},
    "srcSet": {"*": allow_listed_src_set},
}


class VisibilityMiddleware:
    """Graphene middleware applying ``GUARDS`` (see the module docstring)."""

    @staticmethod
    def acts_on_field(schema, parent, name: str, field) -> bool:
        """Only the fields a guard is declared for (``execution.install_field_middleware``)."""
        guarded_on = GUARDS.get(name, {})
        return parent.name in guarded_on or "*" in guarded_on

    def resolve(self, next_, root, info: GraphQLResolveInfo, **args):
        by_type = GUARDS.get(info.field_name)
        if by_type is None:
            return next_(root, info, **args)
        guard = by_type.get(info.parent_type.name) or by_type.get("*")
        if guard is None:
            return next_(root, info, **args)
        return guard(next_, root, info, args)
