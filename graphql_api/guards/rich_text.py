"""Rich text rendered without documents or images the public may not see.

``special_issues.rich_text`` already sends page links to the frontend and drops links to
hidden pages. Wagtail's own handlers for the other entities know nothing of collection
restrictions: a document link became the private document's URL, an embedded image a
rendition of a private image (served straight from the media storage). The handlers
here look documents and images up among public ones only; a hidden document keeps its
words without an address, a hidden image becomes ``<img alt="">``.

Grapple's ``RichTextBlock.value`` (reachable through a block's ``blocks``) rendered with
Wagtail's rewriter, page links included; it now gets the same HTML as ``FormattedText``.
"""

from functools import lru_cache

from django.db.models import QuerySet
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images import get_image_model
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from special_issues import lookups
from special_issues.rich_text import expand_page_links, html_to_text, sanitize_html
from special_issues.visibility import restricted_collection_exists


def _public_many(queryset: QuerySet, attrs_list: list[dict]) -> list:
    ids = [str(attrs.get("id", "")) for attrs in attrs_list]
    # A malformed id (an import, a hand-edited database) is a missing object, not an error.
    found = queryset.in_bulk([int(pk) for pk in ids if pk.isdigit()])
    return [found.get(int(pk)) if pk.isdigit() else None for pk in ids]


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """Document links: the URL of documents outside restricted collections only."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        documents = get_document_model().objects.filter(~restricted_collection_exists())
        return _public_many(documents, attrs_list)


class PublicImageEmbedHandler(ImageEmbedHandler):
    """Embedded images: images outside restricted collections only."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        images = get_image_model().objects.filter(~restricted_collection_exists())
        return _public_many(images, attrs_list)


@lru_cache(maxsize=1)
def public_rewriter() -> MultiRuleRewriter:
    """``special_issues.rich_text.frontend_rewriter`` with the public handlers above."""
    link_rules = {
        linktype: handler.expand_db_attributes_many
        for linktype, handler in features.get_link_types().items()
    }
    link_rules["page"] = expand_page_links
    link_rules["document"] = PublicDocumentLinkHandler.expand_db_attributes_many
    embed_rules = {
        embedtype: handler.expand_db_attributes_many
        for embedtype, handler in features.get_embed_types().items()
    }
    embed_rules["image"] = PublicImageEmbedHandler.expand_db_attributes_many
    return MultiRuleRewriter(
        [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
    )


def public_html(source: str) -> str:
    """Client HTML of rich text from the database (once per request for the same text)."""
    rendered = lookups.mapping("public_rich_text")
    if rendered is not None and source in rendered:
        return rendered[source]
    html = sanitize_html(public_rewriter()(source or ""))
    if rendered is not None:
        rendered[source] = html
    return html


def public_plain_text(source: str) -> str:
    """The same rich text without markup."""
    return html_to_text(public_html(source))
