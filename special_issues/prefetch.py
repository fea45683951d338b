"""Bulk loading for lists of special issues: the query count does not grow with the list.

``prefetch_special_issues(pages)`` loads, in a fixed number of queries, what clients show
of each issue: deadlines, guest editors and contacts with their people, keywords,
articles, the parent journals (with their keywords, sections and default contact), and
everything the bodies and rich text refer to (snippets, images, linked pages). Call it
inside ``lookups.batched_lookups()`` so the body lookups are shared.
"""

from collections.abc import Collection

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.models import Page

from special_issues import lookups
from special_issues.images import images_by_id
from special_issues.models import (
    GuestEditor,
    IssueContact,
    JournalPage,
    ReusableContent,
    SpecialIssuePage,
)
from special_issues.rich_text import preload_page_links

# Which related rows each GraphQL field needs, by the field's camelCase name.
RELATIONS_BY_FIELD = {
    "deadlines": ["deadlines"],
    "status": ["deadlines", "published_articles"],
    "submissionDeadline": ["deadlines"],
    "submissionInfo": ["deadlines"],
    "guestEditors": ["guest_editors"],
    "keywords": ["keyword_items"],
    "contacts": ["contacts"],
    "publishedArticles": ["published_articles"],
    "structuredData": ["deadlines", "guest_editors", "keyword_items", "published_articles"],
}
JOURNAL_FIELDS = {"journal", "contacts", "submissionInfo", "copyright", "structuredData"}
BODY_FIELDS = {"body", "topics", "structuredData"}


def _relation(name: str):
    if name == "guest_editors":
        return Prefetch(
            "guest_editors", queryset=GuestEditor.objects.select_related("person__photo")
        )
    if name == "contacts":
        return Prefetch("contacts", queryset=IssueContact.objects.select_related("person__photo"))
    return name


def prefetch_special_issues(
    pages: list[SpecialIssuePage], fields: Collection[str] | None = None
) -> None:
    """Load what ``fields`` (camelCase names; None means all) will read from ``pages``."""
    if not pages:
        return
    wanted = set(RELATIONS_BY_FIELD) | JOURNAL_FIELDS | BODY_FIELDS if fields is None else fields
    relations = sorted({r for f in wanted for r in RELATIONS_BY_FIELD.get(f, [])})
    if relations:
        prefetch_related_objects(pages, *[_relation(r) for r in relations])
    if wanted & JOURNAL_FIELDS:
        _attach_journals(pages)
    if wanted & BODY_FIELDS or "introduction" in wanted or "eligibility" in wanted:
        _preload_body_references(pages)


def _attach_journals(pages: list[SpecialIssuePage]) -> None:
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.path}
    journals = (
        JournalPage.objects.filter(path__in=parent_paths)
        .select_related("default_contact")
        .prefetch_related("hot_keyword_items")
    )
    by_path = {journal.path: journal for journal in journals}
    for page in pages:
        if page.path and not hasattr(page, "_journal_cache"):
            page._journal_cache = by_path.get(page.path[: -Page.steplen])


def _preload_body_references(pages: list[SpecialIssuePage]) -> None:
    snippet_ids, image_ids, sources = set(), set(), []
    for page in pages:
        sources += [page.introduction, page.eligibility]
        image_ids.add(page.cover_image_id)
        for block in page.body.raw_data:
            value = block.get("value") or {}
            if block["type"] == "reusable_content":
                snippet_ids.add(value.get("content"))
            elif block["type"] == "image":
                image_ids.add(value.get("image"))
            elif block["type"] == "paragraph":
                sources.append(value.get("text", ""))
    snippets = lookups.in_bulk(ReusableContent, snippet_ids)
    sources += [snippet.body for snippet in snippets.values()]
    for page in pages:
        for relation in ("guest_editors", "contacts"):
            cached = getattr(page, "_prefetched_objects_cache", {}).get(relation, [])
            image_ids.update(row.person.photo_id for row in cached)
    images_by_id(image_ids)
    preload_page_links(sources)
