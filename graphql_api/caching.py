"""Response cache for anonymous, successful GraphQL queries, invalidated by content tags.

A cached answer is keyed by the operation text, operation name, variables and site
(host). While a response is computed, ``TaggingMiddleware`` records what it shows:
``page:<id>`` for every journal or issue, ``person:<id>``, ``snippet:<id>``, and
``lists`` for root lists (whose membership can change). Each tag has a version number
in the cache; an entry remembers the versions it was built with and is served only
while they are unchanged. ``content_changed`` bumps the versions of the tags it names,
so exactly the answers that showed the changed content stop being served — from the
moment the publishing request's transaction commits. It also bumps one global epoch:
a cache hit costs one round trip (entry and epoch) while nothing changed since the
entry was stored, however many tags the answer has (a listing of 100 issues has
hundreds); only after a change are the entry's tag versions read.

Never cached: previews, errors, authenticated requests, anything but queries. With
``REDIS_URL`` the cache is shared by all processes; if Redis is unreachable, requests
are answered uncached and a warning is logged.
"""

import contextvars
import hashlib
import json
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest
from wagtail.models import Page

from graphql_api.conf import get_setting
from special_issues.models import Person, ReusableContent
from special_issues.signals import content_changed

logger = logging.getLogger("graphql_api")

PREFIX = "gql-response"
LISTS = "lists"
EPOCH = f"{PREFIX}:epoch"

# The epoch seen by this request's cache lookup (see ``store``); requests run one per
# thread (or task), so a context variable keeps them apart.
_request_epoch: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "graphql_cache_epoch", default=None
)


def tag_for(value: Any) -> str | None:
    if isinstance(value, Page):
        return f"page:{value.pk}"
    if isinstance(value, Person):
        return f"person:{value.pk}"
    if isinstance(value, ReusableContent):
        return f"snippet:{value.pk}"
    return None


class TaggingMiddleware:
    """Graphene middleware noting which content a response shows (see module docstring)."""

    def resolve(self, next_, root, info, **args):
        result = next_(root, info, **args)
        tags = getattr(info.context, "graphql_cache_tags", None)
        if tags is None:
            return result
        if root is None and info.field_name not in ("specialIssue", "journal"):
            # Root lists (and person pages, which list issues) change when pages are
            # published or unpublished anywhere.
            tags.add(LISTS)
        values = result if isinstance(result, list) else getattr(result, "items", [result])
        for value in values if isinstance(values, list) else [values]:
            tag = tag_for(value)
            if tag:
                tags.add(tag)
        return result


def _version_key(tag: str) -> str:
    return f"{PREFIX}:tag:{tag}"


def cache_key(request: HttpRequest, query: str, variables: Any, operation_name: Any) -> str:
    material = json.dumps(
        [request.get_host(), query, variables or {}, operation_name or ""],
        sort_keys=True,
        separators=(",", ":"),
    )
    return f"{PREFIX}:entry:{hashlib.sha256(material.encode()).hexdigest()}"


def signed_in(request: HttpRequest) -> bool:
    """True for a request from a signed-in user.

    Without a session cookie nobody is signed in, and the session is left untouched:
    reading it would add `Vary: Cookie`, which keeps CDNs from sharing the answer.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def cacheable(request: HttpRequest) -> bool:
    """Only anonymous requests are cached; staff sessions may see more than the public."""
    if not get_setting("RESPONSE_CACHE_TIMEOUT"):
        return False
    return not signed_in(request)


def get_cached(key: str) -> str | None:
    """The cached answer under ``key`` if none of the content it showed changed since.

    One round trip for the common case: the entry and the epoch, a counter that every
    invalidation also bumps. An entry stored at the current epoch is fresh without
    looking at its tags; after an invalidation anywhere, its tags' versions decide (one
    more round trip), and a still-fresh entry is stamped with the new epoch.
    """
    try:
        found = cache.get_many([key, EPOCH])
        epoch = found.get(EPOCH, 0)
        _request_epoch.set(epoch)
        entry = found.get(key)
        if entry is None:
            return None
        if entry.get("epoch") == epoch:
            return entry["body"]
        tags = entry["tags"]
        current = cache.get_many([_version_key(tag) for tag in tags])
        for tag, version in tags.items():
            if current.get(_version_key(tag), 0) != version:
                return None
        cache.set(key, {**entry, "epoch": epoch}, get_setting("RESPONSE_CACHE_TIMEOUT"))
        return entry["body"]
    except Exception:  # noqa: BLE001 - the cache is an optimisation, never a failure
        logger.warning("GraphQL response cache unreachable; answering uncached.", exc_info=True)
        return None


def store(key: str, body: str, tags: set[str]) -> None:
    """Cache ``body`` with the versions of ``tags``, unless content changed meanwhile.

    If anything was invalidated while the answer was computed (the epoch moved since
    ``get_cached`` looked), the answer may show content from before the change: it is
    not stored. A change after this check bumps a version the entry remembers.
    """
    try:
        version_keys = [_version_key(tag) for tag in tags]
        current = cache.get_many([EPOCH, *version_keys])
        epoch = current.get(EPOCH, 0)
        seen = _request_epoch.get()
        if seen is not None and seen != epoch:
            return
        versions = {tag: current.get(_version_key(tag), 0) for tag in tags}
        entry = {"body": body, "tags": versions, "epoch": epoch}
        cache.set(key, entry, get_setting("RESPONSE_CACHE_TIMEOUT"))
    except Exception:  # noqa: BLE001
        logger.warning("GraphQL response cache unreachable; not storing.", exc_info=True)
    finally:
        _request_epoch.set(None)


def _increment(key: str) -> None:
    try:
        cache.add(key, 0, timeout=None)
        cache.incr(key)
    except ValueError:
        # Evicted between add and incr: a fresh counter also invalidates.
        cache.set(key, 1, timeout=None)


def bump(tags: set[str]) -> None:
    """Invalidate every cached answer that showed any of ``tags``."""
    for tag in tags:
        try:
            _increment(_version_key(tag))
        except Exception:  # noqa: BLE001
            logger.warning("Could not invalidate cached GraphQL answers for %s.", tag)
    # After the tags: an entry read at the new epoch is checked against their new versions.
    try:
        _increment(EPOCH)
    except Exception:  # noqa: BLE001
        logger.warning("Could not move the GraphQL response cache epoch.")


@receiver(content_changed)
def invalidate(sender, pages, tags=(), membership=False, **kwargs) -> None:
    stale = {f"page:{page.id}" for page in pages} | set(tags)
    if membership:
        stale.add(LISTS)
    bump(stale)
