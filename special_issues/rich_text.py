"""Rich text as clients receive it: HTML with links pointing at the frontend, and plain text.

Editors' rich text is stored in Wagtail's database format (``<a linktype="page" id="3">``).
For clients, page links become absolute frontend URLs (``FRONTEND_BASE_URL`` + the page's
path), and links to pages the public cannot see lose their ``href`` (the words stay, the
draft's URL does not leak). Wagtail's own document and image handlers know nothing of
collection restrictions (a link became a private document's URL, an embed a rendition
of a private image): here a document or image in a restricted collection keeps its
words without an address, or becomes ``<img alt="">``. Every client of rich text (the
API, feeds, JSON-LD) gets this rendering.
"""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html.parser import HTMLParser

import nh3
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images import get_image_model
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from special_issues import lookups
from special_issues.conf import get_setting
from special_issues.images import restricted_collection_ids
from special_issues.visibility import public_pages

BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "div", "ul", "ol")

# What clients may receive, whatever reached the database (an import, a script, a bug):
# the editor's own formatting, links and images; never scripts, event handlers or
# javascript: URLs.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "sup", "sub",
    "ul", "ol", "li", "blockquote", "a", "img", "hr", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "class"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str) -> str:
    """HTML with only the allowed tags, attributes and URL schemes left."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


class _SiteRootPaths:
    """Where Wagtail keeps the site root paths it read (``Page._get_site_root_paths``)."""


def frontend_url(page: Page) -> str | None:
    """The page's URL on the public frontend, or None if it has no route in any site."""
    # Within a request the sites' root paths are read once, not once per page (Wagtail
    # reads them from the cache, unpickled, for every page asked without a request).
    holder = lookups.remember("site_root_paths", _SiteRootPaths)
    parts = page.get_url_parts(holder)
    if parts is None:
        return None
    return get_setting("FRONTEND_BASE_URL").rstrip("/") + parts[2]


PAGE_LINK = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*\bid="(\d+)"')


def linked_page_urls(ids: set[str]) -> dict[str, str | None]:
    """Frontend URLs of the linked pages the public may see (None for the others).

    Within a request the answers are kept, so each linked page is looked up once.
    """
    known = lookups.mapping("linked_page_urls")
    if known is None:
        known = {}
    missing = {i for i in ids if i not in known}
    if missing:
        pages = public_pages(Page.objects.filter(id__in=[i for i in missing if i.isdigit()]))
        found = {str(page.pk): frontend_url(page) for page in pages}
        for page_id in missing:
            known[page_id] = found.get(page_id)
    return {i: known[i] for i in ids}


def preload_page_links(sources: list[str]) -> None:
    """Look up, in one query, every page linked from these rich-text sources."""
    ids = {match for source in sources for match in PAGE_LINK.findall(source or "")}
    if ids:
        linked_page_urls(ids)


def expand_page_links(attrs_list: list[dict]) -> list[str]:
    """Opening ``<a>`` tags for page links: frontend URLs for public pages, else no href."""
    ids = [str(attrs.get("id")) for attrs in attrs_list]
    urls = linked_page_urls(set(ids))
    return [f'<a href="{escape(urls[i])}">' if urls.get(i) else "<a>" for i in ids]


def _public_many(model, attrs_list: list[dict]) -> list:
    """The objects of ``model`` the entities refer to, None for missing or restricted ones."""
    ids = [str(attrs.get("id", "")) for attrs in attrs_list]
    public = model.objects.exclude(collection_id__in=restricted_collection_ids())
    # A malformed id (an import, a hand-edited database) is a missing object, not an error.
    found = public.in_bulk([int(pk) for pk in ids if pk.isdigit()])
    return [found.get(int(pk)) if pk.isdigit() else None for pk in ids]


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """Document links: the URL of documents outside restricted collections only."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _public_many(get_document_model(), attrs_list)


class PublicImageEmbedHandler(ImageEmbedHandler):
    """Embedded images: images outside restricted collections only."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        return _public_many(get_image_model(), attrs_list)


@lru_cache(maxsize=1)
def frontend_rewriter() -> MultiRuleRewriter:
    """Wagtail's rich-text rewriter with page links sent to the frontend, and documents
    and images of restricted collections left out."""
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


def client_html(source: str | None) -> str:
    """Client HTML of rich text from the database (rendered once per request for the same
    text: a snippet placed on 100 listed issues is rendered once)."""
    rendered = lookups.mapping("client_rich_text")
    if rendered is not None and source in rendered:
        return rendered[source]
    html = sanitize_html(frontend_rewriter()(source or ""))
    if rendered is not None:
        rendered[source] = html
    return html


class _TextCollector(HTMLParser):
    """The text of HTML, with a line break for ``<br>`` and after each block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n" if tag == "li" else "\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of HTML: blocks separated by a blank line, list items one per line.

    Read with the standard library's event parser rather than a BeautifulSoup tree: the
    same text, five times faster (about 30 µs a text; an issue page has several). The
    HTML is the sanitised client HTML, so every block is closed.
    """
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    text = "".join(collector.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class FormattedRichText:
    """Rich text from the database, rendered for clients on first use."""

    source: str

    @cached_property
    def html(self) -> str:
        return client_html(self.source)

    @cached_property
    def plain_text(self) -> str:
        return html_to_text(self.html)
