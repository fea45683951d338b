"""Persisted operations: the contract's operations, requested by name or SHA-256 hash.

The manifest (``GRAPHQL_API["PERSISTED_OPERATIONS"]``, a JSON file made by
``manage.py export_persisted_operations``) maps each operation's hash to its name and
full text. A client may then send ``GET /graphql/?id=<hash or name>&variables=…``: the
URL is short and stable, so a CDN can cache the answer (see ``views.py`` for ETag and
Cache-Control). With ``PERSISTED_ONLY`` on, any other query text is refused.
"""

import hashlib
import json
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graphql_api.conf import get_setting
from graphql_api.operations import load_operations

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
PERSISTED_QUERY_REQUIRED = "PERSISTED_QUERY_REQUIRED"


@dataclass(frozen=True)
class PersistedOperation:
    """One operation of the manifest."""

    name: str
    sha256: str
    document: str


def document_hash(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def build_manifest(operations_dir: Path) -> dict:
    """The manifest for the ``.graphql`` operations in ``operations_dir``."""
    operations = load_operations(operations_dir)
    return {
        "version": 1,
        "operations": {
            document_hash(op.document): {"name": op.name, "document": op.document}
            for op in sorted(operations.values(), key=lambda op: op.name)
        },
    }


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[dict, dict]:
    data = json.loads(Path(path).read_text())
    by_hash, by_name = {}, {}
    for sha256, entry in data["operations"].items():
        operation = PersistedOperation(entry["name"], sha256, entry["document"])
        by_hash[sha256] = operation
        by_name[entry["name"]] = operation
    return by_hash, by_name


# The manifest changes on deploy, not between requests: its file is looked at (one stat)
# at most once a second per process, and read again only when its mtime changed.
RECHECK_SECONDS = 1.0
_checked: dict[str, tuple[float, float | None]] = {}  # path -> (checked at, mtime or None)


def _mtime(path: str) -> float | None:
    now = time.monotonic()
    checked = _checked.get(path)
    if checked is None or now - checked[0] >= RECHECK_SECONDS:
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            mtime = None
        checked = _checked[path] = (now, mtime)
    return checked[1]


def manifest() -> tuple[dict, dict]:
    """(by hash, by name) of the configured manifest; empty when none is configured."""
    path = get_setting("PERSISTED_OPERATIONS")
    if not path:
        return {}, {}
    path = str(path)
    mtime = _mtime(path)
    if mtime is None:
        return {}, {}
    return _load(path, mtime)


def manifest_version() -> str | None:
    """Which manifest is in use (its path and modification time), or None without one."""
    path = get_setting("PERSISTED_OPERATIONS")
    if not path:
        return None
    mtime = _mtime(str(path))
    return None if mtime is None else f"{path}:{mtime!r}"


def find(identifier: str) -> PersistedOperation | None:
    """The persisted operation with this hash or name."""
    by_hash, by_name = manifest()
    return by_hash.get(identifier) or by_name.get(identifier)


def is_persisted(document: str) -> bool:
    by_hash, _ = manifest()
    return document_hash(document) in by_hash
