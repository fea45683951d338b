"""Response cache for anonymous, successful GraphQL queries, invalidated by content tags.

A cached answer is keyed by the operation text, operation name, variables and site
(host), and the schema (a deploy that changes it starts afresh). A GET for a persisted
operation is keyed by its raw URL instead, and a hit on it is answered before any
parsing (see ``persisted_get_key``). While a response is computed,
``TaggingMiddleware`` records what it shows: ``page:<id>`` for every journal or issue,
``person:<id>``, ``snippet:<id>``, and ``lists`` for root lists (whose membership can
change). Each tag has a version number
in the cache; an entry remembers the versions it was built with and is served only
while they are unchanged. ``content_changed`` bumps the versions of the tags it names,
so exactly the answers that showed the changed content stop being served — from the
moment the publishing request's transaction commits. It also bumps one global epoch,
before and after the tags (``_bump_versions`` says why): a cache hit costs one round
trip (entry and epoch) while nothing changed since the entry was stored, however many
tags the answer has (a listing of 100 issues has hundreds); only after a change are the
entry's tag versions read.

Never cached: previews, errors, authenticated requests, anything but queries. With
``REDIS_URL`` the cache is shared by all processes; if Redis is unreachable, requests
are answered uncached and a warning is logged.

An invalidation that cannot reach the cache is not lost. django-redis with
``IGNORE_EXCEPTIONS`` swallows the error, but ``add``/``incr`` then answer None instead of
a bool/int, which ``bump`` treats as a failure: it logs a warning, records the tags as a
``PendingInvalidation`` row (after the publish committed, so the publish never fails
because of the cache) and marks this process as having seen the cache fail. They are
applied — tags and epoch bumped, row deleted — by whichever comes first once Redis answers:

- the next cache lookup of any process that saw the cache fail (its publish failed to
  bump, or a lookup found Redis unreachable): while marked, such a process reads the
  pending rows (one query) before each lookup and serves nothing from the cache until they
  are applied;
- every pass of the ``deliver_webhooks --loop`` worker (before it sends webhooks).

The guarantee, honestly: the process that published, and every process that tried the
cache during the outage, never serve an answer from before the publish. A process that
did not touch the cache during the outage cannot know (the cache is the only thing it
asks, without SQL, on a hit), so when Redis comes back with its old entries it may serve
them until the worker's next pass: at most the worker's ``--interval`` (5 s) plus one
Redis timeout. Without the worker running, that window is ``RESPONSE_CACHE_TIMEOUT``. A
cache hit while nothing is pending still costs no SQL.
"""

import contextvars
import functools
import hashlib
import json
import logging
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.dispatch import receiver
from django.http import HttpRequest
from graphql import GraphQLSchema, get_named_type, is_leaf_type, print_schema
from wagtail.models import Page

from graphql_api import persisted
from graphql_api.conf import get_setting
from graphql_api.models import PendingInvalidation
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

# Set while this process may have missed an invalidation: it saw the cache fail (a bump,
# or a lookup). Then lookups first apply pending invalidations (see ``get_cached``).
_cache_failed = threading.Event()
# Pending rows applied per query, so a long outage's backlog is never read at once.
PENDING_BATCH = 200


class CacheUnavailable(Exception):
    """The cache did not carry out an operation (django-redis ignoring a connection error)."""


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

    @staticmethod
    def acts_on_field(schema, parent, name: str, field) -> bool:
        """Root fields, and fields returning objects (``execution.install_field_middleware``):
        a scalar is never a page, a person or a snippet."""
        roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
        return parent in roots or not is_leaf_type(get_named_type(field.type))

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


@functools.lru_cache(maxsize=4)
def schema_fingerprint(schema: GraphQLSchema) -> str:
    """A short hash of the schema's SDL: part of every key, so that after a deploy that
    changes the schema (or what a field means) no answer of the old code is served."""
    return hashlib.sha256(print_schema(schema).encode()).hexdigest()[:16]


def _tags_key(key: str) -> str:
    return f"{key}:tags"


def cache_key(
    request: HttpRequest, schema: GraphQLSchema, query: str, variables: Any, operation_name: Any
) -> str:
    material = json.dumps(
        [
            schema_fingerprint(schema),
            request.get_host(),
            query,
            variables or {},
            operation_name or "",
        ],
        sort_keys=True,
        separators=(",", ":"),
    )
    return f"{PREFIX}:entry:{hashlib.sha256(material.encode()).hexdigest()}"


def persisted_get_key(request: HttpRequest, schema: GraphQLSchema) -> str | None:
    """The key of a GET for a persisted operation (by id or name), from the raw URL.

    Such a request's answer depends only on the host, the path, the manifest and the query
    string (``id``, ``variables``, ``operationName``), so the query string is keyed as it
    came, neither split into a ``QueryDict`` nor its JSON variables decoded: a cache hit
    costs no more than reading the entry (``SpecialIssuesGraphQLView.cached_persisted_get``).
    The manifest's version is part of the key, so a new manifest never serves an answer
    of the old one. Two spellings of the same variables are two entries, never a wrong
    answer. None for anything else (POST, ``query=`` text, a request body); an unknown id
    is keyed too, but its error answer is never stored.
    """
    if request.method != "GET" or request.META.get("CONTENT_LENGTH") not in (None, "", "0"):
        return None
    query_string = request.META.get("QUERY_STRING", "")
    names = {unquote_plus(part.partition("=")[0]) for part in query_string.split("&")}
    if "query" in names or not ("id" in names or "operationName" in names):
        return None
    manifest = persisted.manifest_version()
    if manifest is None:
        return None
    # The Host header as sent (``get_host`` validates it on every call, a tenth of a hit).
    # An answer that depends on the host read it through ``get_host``, which refuses a
    # disallowed one (as Django's CommonMiddleware does before any view), so none is
    # stored for a refused host; an answer that does not read it is the same for all.
    material = "\n".join(
        (schema_fingerprint(schema), manifest, request._get_raw_host(), request.path, query_string)
    )
    return f"{PREFIX}:get:{hashlib.sha256(material.encode()).hexdigest()}"


def etag_for(body: bytes) -> str:
    """The strong ETag of an answer's bytes (stored with a cached answer)."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def signed_in(request: HttpRequest) -> bool:
    """True for a request from a signed-in user.

    Without a session cookie nobody is signed in, and the session is left untouched:
    reading it would add `Vary: Cookie`, which keeps CDNs from sharing the answer.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    if user is None:
        # Asked before ``AuthenticationMiddleware`` (``middleware.CachedAnswerMiddleware``):
        # with a session cookie the visitor may be signed in; the view will know.
        return True
    return user.is_authenticated


def cacheable(request: HttpRequest) -> bool:
    """Only anonymous requests are cached; staff sessions may see more than the public."""
    if not get_setting("RESPONSE_CACHE_TIMEOUT"):
        return False
    return not signed_in(request)


def get_cached(key: str) -> str | None:
    """The cached answer's body under ``key`` (see ``get_entry``), or None."""
    entry = get_entry(key)
    return None if entry is None else entry["body"]


def get_entry(key: str) -> dict | None:
    """The cached answer under ``key`` if none of the content it showed changed since:
    a dict with its ``body`` (str) and ``etag``.

    One round trip for the common case: the entry and the epoch, a counter that every
    invalidation also bumps. An entry stored at the current epoch is fresh without
    looking at its tags; after an invalidation anywhere, its tags' versions decide (two
    more round trips: the tags stored beside the entry, then their versions), and a
    still-fresh entry is stamped with the new epoch.

    While this process may have missed an invalidation (it saw the cache fail), nothing
    is served until the pending invalidations are applied (see the module docstring).
    """
    if _cache_failed.is_set() and not _recover():
        return None
    try:
        found = cache.get_many([key, EPOCH])
        # No epoch: a new (or flushed) cache, or an unreachable one (django-redis ignoring
        # the error answers {} too). ``add`` tells them apart: None, it did not happen.
        if EPOCH not in found and cache.add(EPOCH, 0, timeout=None) is None:
            raise CacheUnavailable(EPOCH)
        epoch = found.get(EPOCH, 0)
        _request_epoch.set(epoch)
        entry = found.get(key)
        if entry is None:
            return None
        if entry.get("epoch") == epoch:
            return entry
        # Something changed since the entry was stamped: its tags' versions decide.
        tags = cache.get(_tags_key(key))
        if tags is None:
            return None  # evicted apart from the entry: recompute
        current = cache.get_many([_version_key(tag) for tag in tags])
        for tag, version in tags.items():
            if current.get(_version_key(tag), 0) != version:
                return None
        entry = {**entry, "epoch": epoch}
        cache.set(key, entry, get_setting("RESPONSE_CACHE_TIMEOUT"))
        return entry
    except Exception:  # noqa: BLE001 - the cache is an optimisation, never a failure
        _mark_failed("GraphQL response cache unreachable; answering uncached.")
        return None


def store(key: str, body: str, tags: set[str]) -> str | None:
    """Cache ``body`` with the versions of ``tags``, unless content changed meanwhile.

    Returns the answer's ETag when it was stored (None otherwise), so that the response
    need not hash the body again.

    If anything was invalidated while the answer was computed (the epoch moved since
    ``get_cached`` looked), the answer may show content from before the change: it is
    not stored. A change after this check bumps a version the entry remembers.
    """
    try:
        if _cache_failed.is_set():
            return None  # the lookup did not vouch for the cache (see ``get_cached``)
        version_keys = [_version_key(tag) for tag in tags]
        current = cache.get_many([EPOCH, *version_keys])
        epoch = current.get(EPOCH, 0)
        seen = _request_epoch.get()
        if seen is not None and seen != epoch:
            return None
        versions = {tag: current.get(_version_key(tag), 0) for tag in tags}
        entry = {"body": body, "etag": etag_for(body.encode()), "epoch": epoch}
        # The tag versions apart from the body: a hit reads them only after a change, and
        # a listing of 100 issues has hundreds (unpickled on every hit, they were a
        # fifth of a cached answer's time).
        cache.set_many(
            {key: entry, _tags_key(key): versions}, get_setting("RESPONSE_CACHE_TIMEOUT")
        )
        return entry["etag"]
    except Exception:  # noqa: BLE001
        logger.warning("GraphQL response cache unreachable; not storing.", exc_info=True)
        return None
    finally:
        _request_epoch.set(None)


def _mark_failed(message: str) -> None:
    """Remember that this process saw the cache fail; log it once per outage."""
    if not _cache_failed.is_set():
        logger.warning(message, exc_info=True)
    _cache_failed.set()


def _increment(key: str) -> None:
    """Add one to the counter under ``key``, or raise.

    django-redis with ``IGNORE_EXCEPTIONS`` swallows a connection error and returns None
    where ``add`` returns a bool and ``incr`` an int: None means nothing was written.
    """
    if cache.add(key, 0, timeout=None) is None:
        raise CacheUnavailable(key)
    try:
        value = cache.incr(key)
    except ValueError:
        # Evicted between add and incr: a fresh counter also invalidates.
        added = cache.add(key, 1, timeout=None)
        if added is None:
            raise CacheUnavailable(key) from None
        value = 1 if added else cache.incr(key)
    if not isinstance(value, int):
        raise CacheUnavailable(key)


def _bump_versions(tags: Iterable[str]) -> None:
    """Bump the epoch, ``tags``, then the epoch again; stop at the first failure (a frozen
    Redis costs one timeout, not one per tag; the caller records all of them)."""
    # Before the tags: an answer computed from before the publish and stored while the
    # tags are being bumped would otherwise pass ``store``'s epoch check and remember the
    # new versions (a load test served such an answer, stale, until the next publish).
    _increment(EPOCH)
    for tag in sorted(tags):
        _increment(_version_key(tag))
    # After the tags: an entry re-stamped meanwhile (its tags not bumped yet) is checked
    # again at the final epoch, against their new versions.
    _increment(EPOCH)


def bump(tags: set[str]) -> bool:
    """Invalidate every cached answer that showed any of ``tags``.

    Returns False when the cache did not carry it out: the tags are then recorded as a
    ``PendingInvalidation`` and applied as soon as the cache answers (module docstring).
    Never raises: it runs after the publishing transaction committed.
    """
    try:
        _bump_versions(tags)
    except Exception as error:  # noqa: BLE001 - a down cache must not fail the publish
        _cache_failed.set()
        _record_pending(tags, error)
        return False
    return True


def _record_pending(tags: set[str], error: Exception) -> None:
    named = ", ".join(sorted(tags))
    try:
        with transaction.atomic():
            PendingInvalidation.objects.create(tags=sorted(tags))
    except DatabaseError:
        logger.exception(
            "GraphQL response cache unreachable and the pending invalidation of %s could "
            "not be recorded: answers cached before it may be served for up to %s s.",
            named,
            get_setting("RESPONSE_CACHE_TIMEOUT"),
        )
        return
    logger.warning(
        "GraphQL response cache unreachable (%s): the invalidation of %s is pending. It is "
        "applied when the cache answers again (by the deliver_webhooks worker at the latest); "
        "this process serves no cached answers until then.",
        repr(error),
        named,
    )


def apply_pending(*, check_cache: bool = False) -> int | None:
    """Apply the invalidations recorded while the cache was unreachable.

    Returns how many were applied, or None if the cache is still unreachable (they stay
    pending). With ``check_cache``, the cache is also tried when nothing is pending (the
    epoch is bumped), so None reliably means "still unreachable". The ``deliver_webhooks``
    worker calls this on every pass; costs one query when nothing is pending.
    """
    applied = 0
    while True:
        rows = list(PendingInvalidation.objects.order_by("pk")[:PENDING_BATCH])
        if not rows and (applied or not check_cache):
            return applied
        try:
            _bump_versions({tag for row in rows for tag in row.tags})
        except Exception as error:  # noqa: BLE001
            if rows:
                logger.warning(
                    "GraphQL response cache still unreachable (%r): %d invalidation(s) pending "
                    "since %s.",
                    error,
                    len(rows),
                    rows[0].created_at.isoformat(),
                )
            return None
        PendingInvalidation.objects.filter(pk__in=[row.pk for row in rows]).delete()
        if rows:
            logger.info("Applied %d pending GraphQL cache invalidation(s).", len(rows))
        applied += len(rows)
        if len(rows) < PENDING_BATCH:
            return applied


def _recover() -> bool:
    """After this process saw the cache fail: apply what is pending; True if it is back."""
    try:
        applied = apply_pending(check_cache=True)
    except DatabaseError:
        logger.warning("Could not read pending GraphQL cache invalidations.", exc_info=True)
        return False
    if applied is None:
        return False
    _cache_failed.clear()
    logger.info("GraphQL response cache reachable again; serving cached answers.")
    return True


@receiver(content_changed)
def invalidate(sender, pages, tags=(), membership=False, **kwargs) -> None:
    stale = {f"page:{page.id}" for page in pages} | set(tags)
    if membership:
        stale.add(LISTS)
    bump(stale)
