"""What the public may see, as conditions inside one SQL query.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction, one extra query
each time it is used. These conditions are correlated subqueries instead, so checking
visibility costs nothing beyond the query that fetches the pages or images.
"""

from collections.abc import Iterable

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.db.models.lookups import GreaterThan, StartsWith
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, PageViewRestriction


def _outer(field: str) -> ExpressionWrapper:
    # A lookup needs a typed left-hand side; OuterRef alone has no output field.
    return ExpressionWrapper(OuterRef(field), output_field=CharField())


def restricted_page_exists() -> Exists:
    """True for a page under a view restriction (password, login or groups)."""
    return Exists(PageViewRestriction.objects.filter(StartsWith(_outer("path"), F("page__path"))))


def expired(now=None) -> Q:
    """True for a page whose expiry time has passed.

    Wagtail unpublishes such a page only when its ``publish_scheduled`` job next runs;
    until then it is still ``live``, but the public must not see it any more.
    """
    return Q(expire_at__lte=now or timezone.now())


# Ancestors of pages up to this depth are looked up by exact path (see below). The content
# model nests root > site root > journal > issue (depth 4); 12 levels leave room for
# deeper trees, and a page below that depth is still checked, by the slower scan.
INDEXED_DEPTH = 12


def unpublished_ancestor_exists(now=None) -> Q:
    """True for a page below an unpublished or expired page (e.g. an unpublished journal).

    The page itself counts too: it is its own first "ancestor" here, as in Wagtail's
    path order (a page's path starts with its own path).
    """
    from wagtail.models import Page

    hidden = Page.objects.filter(Q(live=False) | expired(now))
    steplen = Page.steplen
    # Treebeard gives a page at depth d a path of d × steplen characters, each ancestor's
    # path being its first k × steplen characters. Looking those few paths up in the
    # unique index on ``path`` costs a handful of index probes per row; matching the
    # page's path against every hidden page's path (``LIKE path || '%'``) scanned them
    # all for every row (55 of the 70 ms of listing 1,000 issues on SQLite). A prefix
    # longer than the path is the path itself, which is harmless: the page counts anyway.
    prefixes = [Substr(OuterRef("path"), 1, steplen * k) for k in range(1, INDEXED_DEPTH + 1)]
    by_path = Exists(hidden.filter(path__in=prefixes))
    # Deeper pages keep the scan, so the rule holds at any depth.
    deeper = GreaterThan(Length("path"), steplen * INDEXED_DEPTH)
    by_scan = Exists(hidden.filter(StartsWith(_outer("path"), F("path"))))
    return Q(by_path) | (Q(deeper) & Q(by_scan))


def public_pages(pages: QuerySet, now=None) -> QuerySet:
    """Only live, unexpired pages outside every restricted section and below no hidden page."""
    now = now or timezone.now()
    return (
        pages.live()
        .exclude(expired(now))
        .filter(~restricted_page_exists() & ~unpublished_ancestor_exists(now))
    )


def searchable(pages: QuerySet) -> QuerySet:
    """The same rows as a primary-key subquery, which Wagtail's search backends can run.

    They cannot translate the negated EXISTS conditions of ``public_pages`` ("no
    attribute 'target'").
    """
    return pages.model._default_manager.filter(pk__in=pages.values("pk"))


def public_page_ids(pages: Iterable) -> set[int]:
    """The ids of those of ``pages`` (page objects, None allowed) the public may see."""
    from wagtail.models import Page

    ids = [page.pk for page in pages if page is not None]
    if not ids:
        return set()
    return set(public_pages(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def restricted_collection_exists() -> Exists:
    """True for an image or document in a collection under a view restriction."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            StartsWith(_outer("collection__path"), F("collection__path"))
        )
    )
