"""Offset pagination shared by every list query: a page of items plus the total."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

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

    Two queries: a COUNT, and the window with its LIMIT. A single query with a window
    COUNT had to build every matching row with all its columns before it could return
    the first twenty, and PostgreSQL planned it as if the LIMIT stopped it early: at
    10,000 issues, listing 20 of 6,000 open calls spent 95 ms there. The COUNT alone
    takes 10 ms, and the window, stopping at its LIMIT, 3 ms.
    """
    limit = check_window(limit, offset)
    offset = offset or 0
    total = queryset.count()
    items = list(queryset[offset : offset + limit]) if limit and offset < total else []
    return Page(items=items, total=total, limit=limit, offset=offset)
