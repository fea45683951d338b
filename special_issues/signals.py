"""``content_changed``: one signal for "what the public sees of these pages changed".

Sent (after the database transaction commits) when a journal or special issue is
published, unpublished, moved or deleted, when a ``Person`` is saved, and when reusable
content is published, unpublished or saved. Receivers — the API's response cache, the
frontend revalidation webhooks — get the affected pages and need not know why.

Arguments sent with it:
    pages   list of ``ChangedPage`` (id, frontend path, kind) whose public content changed
    tags    extra cache tags that changed (e.g. ``person:7``, ``snippet:3``)
    membership  True when lists may have gained or lost items (publish, unpublish, move,
                delete), False when only the content of listed items changed
    reason  a short machine-readable word ("published", "unpublished", "moved", …)
"""

from dataclasses import dataclass

from django.dispatch import Signal

content_changed = Signal()


@dataclass(frozen=True)
class ChangedPage:
    """A page whose public content changed, as receivers need it."""

    id: int
    path: str | None
    kind: str  # "journal" or "special_issue"
