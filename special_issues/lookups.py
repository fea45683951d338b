"""A per-request store of objects looked up by id, so lists cost the same as one item.

Rendering a list of special issues touches the same kinds of objects on every page:
reusable snippets and images placed in bodies, pages linked from rich text, restricted
collections. Inside ``batched_lookups()`` (the GraphQL view opens one per request) these
are fetched once, in bulk, and reused; outside it every lookup goes to the database, so
nothing can be served stale from a previous request.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models

_store: ContextVar[dict | None] = ContextVar("special_issues_lookups", default=None)


@contextmanager
def batched_lookups() -> Iterator[None]:
    """Share bulk lookups for the duration of the block (one request)."""
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def active() -> bool:
    """Whether a request's store is open (a public API request is being answered)."""
    return _store.get() is not None


def _bucket(key: Any) -> dict | None:
    store = _store.get()
    if store is None:
        return None
    return store.setdefault(key, {})


def in_bulk(
    model: type[models.Model], ids: Iterable[Any], queryset: models.QuerySet | None = None
) -> dict[Any, models.Model]:
    """``queryset.in_bulk(ids)``, answered from the request's store where possible.

    ``queryset`` defaults to ``model.objects``; pass the same one for every lookup of a
    model within a request (the store is keyed by model).
    """
    queryset = model.objects.all() if queryset is None else queryset
    ids = [pk for pk in ids if pk is not None]
    bucket = _bucket(model)
    if bucket is None:
        return queryset.in_bulk(ids)
    missing = {pk for pk in ids if pk not in bucket}
    if missing:
        found = queryset.in_bulk(missing)
        for pk in missing:
            bucket[pk] = found.get(pk)
    return {pk: bucket[pk] for pk in ids if bucket.get(pk) is not None}


def remember(key: str, compute):
    """A value computed once per request (or every time outside ``batched_lookups``)."""
    bucket = _bucket("values")
    if bucket is None:
        return compute()
    if key not in bucket:
        bucket[key] = compute()
    return bucket[key]


def mapping(key: str) -> dict | None:
    """A dict kept for the request under ``key`` (None outside ``batched_lookups``)."""
    return _bucket(("mapping", key))
