"""Checked, parsed and validated operations, shared by every request sending the same text.

Checking the size, parsing and validating an operation took about 38% of an uncached
issue page, and the answer depends only on the text, the schema, the validation rules
and the settings they read (the size limits and the rules' limits in
``graphql_api.conf``, Grapple's page sizes, graphene-django's ``MAX_VALIDATION_ERRORS``).
So the result is kept, per process, in a small LRU keyed by all of them: a changed limit
(a deploy, or ``override_settings`` in a test) is a different key, never a stale
verdict. (Emptying it on Django's ``setting_changed`` signal instead would also empty it
whenever any test or the benchmark overrides an unrelated setting; a test checks that
``LIMIT_SETTINGS`` names every setting the limits read.)

graphql-core never modifies a parsed ``DocumentNode``: threads may share one.

Memory is bounded twice: at most ``MAX_ENTRIES`` operations, and at most
``MAX_TEXT_CHARS`` characters of query text in all (a parsed document takes about 50 to
100 bytes per character, so about 20 MB at most). A text over a size limit or that failed to
parse is not kept: a client sending garbage should not evict the operations frontends
send, and such a text is refused as cheaply as before (the size limits stop lexing at
the limit).
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from graphene_django.settings import graphene_settings
from graphql import ASTValidationRule, DocumentNode, GraphQLSchema, parse, validate
from grapple.settings import grapple_settings

from graphql_api.conf import get_setting
from graphql_api.limits import check_query_size

MAX_ENTRIES = 256
MAX_TEXT_CHARS = 200_000

# Every gateway setting the size check and the validation rules read (graphql_api/limits/).
LIMIT_SETTINGS = (
    "MAX_QUERY_BYTES",
    "MAX_QUERY_TOKENS",
    "MAX_DEPTH",
    "MAX_ALIASES",
    "MAX_COST",
    "COST_LIST_SIZE",
    "MAX_LIMIT",
    "DEFAULT_LIMIT",
)


@dataclass(frozen=True)
class PreparedDocument:
    """An operation's text, checked and parsed, and the errors found (none: ``()``).

    ``document`` is None when the text is over a size limit or is not a GraphQL
    document; ``errors`` then holds that one error, else the validation errors.
    """

    document: DocumentNode | None
    errors: tuple[Exception, ...]


class _DocumentCache:
    """A thread-safe LRU bounded by entries and by the characters of the texts held."""

    def __init__(self, max_entries: int, max_chars: int) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._entries: OrderedDict[Hashable, PreparedDocument] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> PreparedDocument | None:
        with self._lock:
            prepared = self._entries.get(key)
            if prepared is not None:
                self._entries.move_to_end(key)
            return prepared

    def put(self, key: Hashable, chars: int, prepared: PreparedDocument) -> None:
        if chars > self.max_chars:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = prepared
            self._chars += chars
            while len(self._entries) > self.max_entries or self._chars > self.max_chars:
                (old_query, *_), _old = self._entries.popitem(last=False)
                self._chars -= len(old_query)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0

    def __len__(self) -> int:
        return len(self._entries)


_cache = _DocumentCache(MAX_ENTRIES, MAX_TEXT_CHARS)


def limit_settings() -> tuple:
    """The values of every setting the checks read, as part of the cache key."""
    return (
        *(get_setting(name) for name in LIMIT_SETTINGS),
        grapple_settings.MAX_PAGE_SIZE,
        grapple_settings.PAGE_SIZE,
        graphene_settings.MAX_VALIDATION_ERRORS,
    )


def prepare(
    schema: GraphQLSchema, query: str, rules: Sequence[type[ASTValidationRule]]
) -> PreparedDocument:
    """``query`` size-checked, parsed and validated against ``schema`` with ``rules``.

    Each step as graphene-django and ``graphql_api.limits`` take them, cached when the
    text parsed.
    """
    rules = tuple(rules)
    key = (query, schema, rules, limit_settings())
    prepared = _cache.get(key)
    if prepared is not None:
        return prepared
    # The size limits apply to the text, before it is parsed.
    too_large = check_query_size(query)
    if too_large is not None:
        return PreparedDocument(None, (too_large,))
    try:
        document = parse(query)
    except Exception as error:  # noqa: BLE001 - as graphene-django: reported to the client
        return PreparedDocument(None, (error,))
    errors = validate(schema, document, rules, graphene_settings.MAX_VALIDATION_ERRORS)
    prepared = PreparedDocument(document, tuple(errors))
    _cache.put(key, len(query), prepared)
    return prepared


def clear() -> None:
    """Forget every prepared document."""
    _cache.clear()
