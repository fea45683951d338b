"""Offset pagination shared by every list query: a page of items plus the total."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Window

from graphql_api.conf import get_setting
from graphql_api.errors import bad_input


@dataclass
class Page:
    """One page of results as list types expose it (``items``, ``total``, …)."""

    items: list[Any]
    total: int
    limit: int
    offset: int

    @property
    def has_next_page(self) -> bool:
        return self.offset + len(self.items) < self.total


def check_window(limit: int | None, offset: int | None) -> int:
    """Validate ``limit``/``offset`` and return the effective limit.

    A limit above the maximum is an error that says the maximum, never a silent cap.
    """
    max_limit = get_setting("MAX_LIMIT")
    offset = offset or 0  # an explicit null means "from the start", like an omitted offset
    if limit is None:
        limit = get_setting("DEFAULT_LIMIT")
    if limit < 0 or limit > max_limit:
        raise bad_input(
            f"limit must be between 0 and {max_limit}; ask for the next page with offset.",
            argument="limit",
            maximum=max_limit,
        )
    if offset < 0:
        raise bad_input("offset must be 0 or more.", argument="offset")
    return limit


def paginate(queryset: QuerySet, limit: int | None, offset: int | None) -> Page:
    """One window of ``queryset``, and how many rows the whole queryset has.

    The total is counted by the query that fetches the window (a window function), so
    the list's conditions (visibility, status, search) run once per request, not twice
    (a COUNT, then the window). A DISTINCT query would count duplicate rows in the window,
    and an empty window (``limit: 0``, or past the end) carries no count: those are
    counted with a COUNT, as before.
    """
    limit = check_window(limit, offset)
    offset = offset or 0
    if limit and not queryset.query.distinct:
        counted = queryset.annotate(listing_total=Window(Count("pk")))
        items = list(counted[offset : offset + limit])
        if items:
            return Page(items=items, total=items[0].listing_total, limit=limit, offset=offset)
    total = queryset.count()
    items = list(queryset[offset : offset + limit]) if limit and offset < total else []
    return Page(items=items, total=total, limit=limit, offset=offset)
