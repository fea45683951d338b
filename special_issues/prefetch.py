"""Bulk loading for lists of special issues: the query count does not grow with the list.

``prefetch_special_issues(pages)`` loads, in a fixed number of queries, what clients show
of each issue: deadlines, guest editors and contacts with their people, keywords,
articles, the parent journals (with their keywords, sections and default contact), and
everything the bodies and rich text refer to (snippets, images, linked pages). Call it
inside ``lookups.batched_lookups()`` so the body lookups are shared.
"""

from collections.abc import Collection

from graphql import GraphQLResolveInfo
from modelcluster.queryset import FakeQuerySet
from wagtail.models import Page

from special_issues import lookups
from special_issues.graphql import selected_fields
from special_issues.images import images_by_id
from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    JournalPage,
    PublishedArticle,
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
    "contacts": ["contacts"],
    "publishedArticles": ["published_articles"],
    "structuredData": ["deadlines", "guest_editors", "published_articles"],
}
# Fields reading the keywords, which are loaded as plain strings (``_load_keywords``).
KEYWORD_FIELDS = {"keywords", "structuredData"}
JOURNAL_FIELDS = {"journal", "contacts", "submissionInfo", "copyright", "structuredData"}
BODY_FIELDS = {"body", "topics", "structuredData"}
# Not a field: added by ``selected_issue_fields`` when a guest editor's or contact's photo
# is selected, so that the photos are loaded (one query) only for clients that show them.
PERSON_PHOTOS = "person.photo"
# Not fields either: the journal's hot keywords and sections (one query each) and default
# contact (joined), loaded only when a client shows them (``journal { hotKeywords
# sectionList defaultContact }``) or an issue field reads them (``contacts`` falls back
# on the journal's contact). A card showing ``journal { title slug }`` built 100 keyword
# rows and 20 people for none.
JOURNAL_HOT_KEYWORDS = "journal.hotKeywords"
JOURNAL_SECTIONS = "journal.sectionList"
JOURNAL_CONTACT = "journal.defaultContact"
JOURNAL_CONTACT_READERS = {"contacts", JOURNAL_CONTACT, PERSON_PHOTOS}
# The large text columns, and the fields that read each: a listing that shows none of a
# column's fields does not load it (``deferrable_columns``).
COLUMN_READERS = {
    "body": BODY_FIELDS,
    "introduction": {"introduction", "structuredData"},
    "eligibility": {"eligibility"},
}


# Every name ``prefetch_special_issues`` acts on: what ``fields=None`` loads.
EVERYTHING = frozenset(
    {*RELATIONS_BY_FIELD, *JOURNAL_FIELDS, *KEYWORD_FIELDS, "coverImage", PERSON_PHOTOS}
    | {JOURNAL_HOT_KEYWORDS, JOURNAL_SECTIONS, JOURNAL_CONTACT}
    | {reader for readers in COLUMN_READERS.values() for reader in readers}
)


def selected_issue_fields(info: GraphQLResolveInfo, *path: str) -> set[str]:
    """``selected_fields(info, *path)`` of a special issue, plus ``PERSON_PHOTOS`` when a
    guest editor's or contact's photo is among them and the ``JOURNAL_…`` names for the
    journal's details shown: what ``prefetch_special_issues`` takes."""
    fields = selected_fields(info, *path)
    for relation in ("guestEditors", "contacts"):
        if relation in fields and "photo" in selected_fields(info, *path, relation, "person"):
            fields |= {PERSON_PHOTOS}
    if "journal" in fields:
        shown = selected_fields(info, *path, "journal")
        if "hotKeywords" in shown:
            fields |= {JOURNAL_HOT_KEYWORDS}
        if "sectionList" in shown:
            fields |= {JOURNAL_SECTIONS}
        if "defaultContact" in shown:
            fields |= {JOURNAL_CONTACT}
            if "photo" in selected_fields(info, *path, "journal", "defaultContact"):
                fields |= {PERSON_PHOTOS}
    return fields


def deferrable_columns(fields: Collection[str]) -> list[str]:
    """The large columns of ``SpecialIssuePage`` that no field in ``fields`` reads."""
    return sorted(column for column, readers in COLUMN_READERS.items() if not readers & set(fields))


# The child rows each relation holds, and what is joined to them. The person's photo is
# not joined: ``Person.photo_public`` reads it from the batch ``images_by_id`` loads (see
# ``_preload_references``), and only when it is shown.
CHILD_ROWS = {
    "deadlines": (Deadline, ()),
    "guest_editors": (GuestEditor, ("person",)),
    "contacts": (IssueContact, ("person",)),
    "published_articles": (PublishedArticle, ()),
}


def _load_child_rows(pages: list[SpecialIssuePage], relation: str) -> None:
    """Each page's rows of ``relation`` in one query, where Django's prefetching leaves
    them (``_prefetched_objects_cache``), so ``page.<relation>.all()`` reads no more.

    Django's ``prefetch_related_objects`` with a ``Prefetch`` queryset clones that
    queryset once per page, copying its ``select_related`` (a fifth of the prefetching
    of a 100-card listing); the rows are the same, in the model's order. They are held
    in modelcluster's ``FakeQuerySet``, which filters and orders in memory, as a
    queryset with a result cache would.
    """
    model, joined = CHILD_ROWS[relation]
    # A page whose rows are held in memory (a draft being previewed) shows those.
    pages_by_id = {
        page.pk: page for page in pages if page.pk and not page.holds_child_rows(relation)
    }
    rows_by_id: dict[int, list] = {pk: [] for pk in pages_by_id}
    parent = model._meta.get_field("page")
    rows = model.objects.filter(page_id__in=list(pages_by_id))
    if joined:  # (``select_related()`` without names would join every foreign key)
        rows = rows.select_related(*joined)
    for row in rows:
        parent.set_cached_value(row, pages_by_id[row.page_id])
        rows_by_id[row.page_id].append(row)
    for pk, page in pages_by_id.items():
        if not hasattr(page, "_prefetched_objects_cache"):
            page._prefetched_objects_cache = {}
        page._prefetched_objects_cache[relation] = FakeQuerySet(model, rows_by_id[pk])


def prefetch_special_issues(
    pages: list[SpecialIssuePage], fields: Collection[str] | None = None
) -> None:
    """Load what ``fields`` (camelCase names; None means all) will read from ``pages``."""
    if not pages:
        return
    wanted = EVERYTHING if fields is None else set(fields)
    relations = sorted({r for f in wanted for r in RELATIONS_BY_FIELD.get(f, [])})
    for relation in relations:
        _load_child_rows(pages, relation)
    if wanted & KEYWORD_FIELDS:
        _load_keywords(pages)
    if wanted & JOURNAL_FIELDS:
        _attach_journals(pages, wanted)
    columns = [column for column, readers in COLUMN_READERS.items() if readers & wanted]
    if columns or wanted & {PERSON_PHOTOS, "coverImage"}:
        _preload_references(pages, columns, wanted)


def _load_keywords(pages: list[SpecialIssuePage]) -> None:
    """Each page's keywords as strings, in the editor's order, in one query.

    Strings rather than ``IssueKeyword`` rows: building 400 model instances for a
    100-issue listing cost five times the query. A page whose keyword rows are held in
    memory (a preview's draft) keeps them.
    """
    stored = [page for page in pages if page.pk and not page.holds_child_rows("keyword_items")]
    by_page: dict[int, list[str]] = {page.pk: [] for page in stored}
    rows = (
        IssueKeyword.objects.filter(page_id__in=list(by_page))
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "keyword")
    )
    for page_id, keyword in rows:
        by_page[page_id].append(keyword)
    for page in stored:
        page.loaded_keywords = by_page[page.pk]


def _attach_journals(pages: list[SpecialIssuePage], wanted: Collection[str]) -> None:
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.path}
    # Pages by path first (the unique index on path), then their journal rows: joined
    # directly, PostgreSQL walked the page table in id order checking each path, which
    # took 3 ms at 10,000 issues against 0.3.
    journals = JournalPage.objects.filter(
        pk__in=Page.objects.filter(path__in=parent_paths).values("pk")
    )
    if JOURNAL_CONTACT_READERS & set(wanted):
        journals = journals.select_related("default_contact")
    if JOURNAL_HOT_KEYWORDS in wanted:
        journals = journals.prefetch_related("hot_keyword_items")
    if JOURNAL_SECTIONS in wanted:
        journals = journals.prefetch_related("sections")
    by_path = {journal.path: journal for journal in journals}
    for page in pages:
        if page.path and not hasattr(page, "_journal_cache"):
            page._journal_cache = by_path.get(page.path[: -Page.steplen])


def _preload_references(
    pages: list[SpecialIssuePage], columns: list[str], wanted: set[str]
) -> None:
    """Load, in one query each, the snippets, images and linked pages that the text
    ``columns`` of ``pages`` refer to, their cover images and (``PERSON_PHOTOS``) their
    people's photos, as far as ``wanted`` shows them. Only the given columns are read:
    the others may not have been loaded."""
    snippet_ids, image_ids, sources = set(), set(), []
    for page in pages:
        if "coverImage" in wanted:
            image_ids.add(page.cover_image_id)
        sources += [
            getattr(page, column) for column in ("introduction", "eligibility") if column in columns
        ]
        if "body" not in columns:
            continue
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
    if PERSON_PHOTOS in wanted:
        for page in pages:
            for relation in ("guest_editors", "contacts"):
                cached = getattr(page, "_prefetched_objects_cache", {}).get(relation, [])
                image_ids.update(row.person.photo_id for row in cached)
            journal = getattr(page, "_journal_cache", None)
            if journal is not None and journal.default_contact is not None:
                image_ids.add(journal.default_contact.photo_id)
    images_by_id(image_ids)
    preload_page_links(sources)
