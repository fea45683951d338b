"""What the public may see, as conditions inside one SQL query.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction, one extra query
each time it is used. These conditions are correlated subqueries instead, so checking
visibility costs nothing beyond the query that fetches the pages or images.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, QuerySet
from django.db.models.lookups import StartsWith
from wagtail.models import CollectionViewRestriction, PageViewRestriction


def _outer(field: str) -> ExpressionWrapper:
    # A lookup needs a typed left-hand side; OuterRef alone has no output field.
    return ExpressionWrapper(OuterRef(field), output_field=CharField())


def restricted_page_exists() -> Exists:
    """True for a page under a view restriction (password, login or groups)."""
    return Exists(PageViewRestriction.objects.filter(StartsWith(_outer("path"), F("page__path"))))


def unpublished_ancestor_exists() -> Exists:
    """True for a page below an unpublished page (e.g. an issue of an unpublished journal)."""
    from wagtail.models import Page

    return Exists(Page.objects.filter(live=False).filter(StartsWith(_outer("path"), F("path"))))


def public_pages(pages: QuerySet) -> QuerySet:
    """Only live pages outside every restricted section and below no unpublished page."""
    return pages.live().filter(~restricted_page_exists() & ~unpublished_ancestor_exists())


def restricted_collection_exists() -> Exists:
    """True for an image or document in a collection under a view restriction."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            StartsWith(_outer("collection__path"), F("collection__path"))
        )
    )
