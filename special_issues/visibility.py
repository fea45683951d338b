"""What the public may see, as conditions inside one SQL query.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction, one extra query
each time it is used. These conditions are correlated subqueries instead, so checking
visibility costs nothing beyond the query that fetches the pages or images.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.lookups import StartsWith
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


def unpublished_ancestor_exists(now=None) -> Exists:
    """True for a page below an unpublished or expired page (e.g. an unpublished journal)."""
    from wagtail.models import Page

    hidden = Page.objects.filter(Q(live=False) | expired(now))
    return Exists(hidden.filter(StartsWith(_outer("path"), F("path"))))


def public_pages(pages: QuerySet, now=None) -> QuerySet:
    """Only live, unexpired pages outside every restricted section and below no hidden page."""
    now = now or timezone.now()
    return (
        pages.live()
        .exclude(expired(now))
        .filter(~restricted_page_exists() & ~unpublished_ancestor_exists(now))
    )


def restricted_collection_exists() -> Exists:
    """True for an image or document in a collection under a view restriction."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            StartsWith(_outer("collection__path"), F("collection__path"))
        )
    )
