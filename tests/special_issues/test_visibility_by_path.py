"""``public_pages`` finds hidden ancestors by exact path, at any depth, as the scan did.

The ancestors of pages up to ``INDEXED_DEPTH`` are looked up by their paths (prefixes
of the page's path); deeper pages fall back to the scan. Both must agree with the
original rule: no unpublished or expired page on the path from the root to the page,
the page included.
"""

import datetime as dt

import pytest
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.utils import timezone
from wagtail.models import Page

from special_issues.visibility import INDEXED_DEPTH, public_pages

pytestmark = pytest.mark.django_db


def scanned_public(now) -> set[int]:
    """The rule as it was first written: every hidden page's path matched as a prefix."""
    outer = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    hidden = Page.objects.filter(Q(live=False) | Q(expire_at__lte=now))
    below_hidden = Exists(hidden.filter(StartsWith(outer, F("path"))))
    pages = Page.objects.live().exclude(expire_at__lte=now).filter(~below_hidden)
    return set(pages.values_list("pk", flat=True))


def chain(parent: Page, depth: int, name: str, hidden_at: dict | None = None) -> list[Page]:
    """Pages nested under ``parent`` down to ``depth``; ``hidden_at`` = {depth: fields}."""
    pages = []
    while parent.depth < depth:
        level = parent.depth + 1
        fields = (hidden_at or {}).get(level, {})
        parent = parent.add_child(
            instance=Page(title=f"{name} {level}", slug=f"{name}-{level}", **fields)
        )
        pages.append(parent)
    return pages


def public_ids(pages: list[Page], now) -> set[int]:
    ids = [page.pk for page in pages]
    return set(public_pages(Page.objects.filter(pk__in=ids), now).values_list("pk", flat=True))


@pytest.fixture
def root():
    return Page.get_first_root_node()


@pytest.mark.parametrize(
    ("hidden_depth", "how"),
    [
        (3, "unpublished"),
        (INDEXED_DEPTH, "unpublished"),
        (INDEXED_DEPTH + 1, "unpublished"),
        (INDEXED_DEPTH + 3, "expired"),
        (2, "expired"),
    ],
    ids=lambda value: str(value),
)
def test_every_page_at_or_below_a_hidden_page_is_hidden_at_any_depth(root, hidden_depth, how):
    now = timezone.now()
    fields = {"live": False} if how == "unpublished" else {"expire_at": now - dt.timedelta(1)}
    pages = chain(root, INDEXED_DEPTH + 4, "deep", {hidden_depth: fields})

    public = public_ids(pages, now)

    assert public == {page.pk for page in pages if page.depth < hidden_depth}
    assert public == scanned_public(now) & {page.pk for page in pages}


def test_a_live_tree_deeper_than_the_indexed_depth_is_public(root):
    pages = chain(root, INDEXED_DEPTH + 3, "live")

    assert public_ids(pages, timezone.now()) == {page.pk for page in pages}


def test_a_hidden_sibling_hides_nothing_but_its_own_branch(root):
    now = timezone.now()
    kept = chain(root, INDEXED_DEPTH + 2, "kept")
    hidden = chain(kept[2], INDEXED_DEPTH + 2, "hidden", {6: {"live": False}})
    # A path that merely starts like a hidden page's path at a non-step boundary is not
    # below it; prefixes are whole steps.
    later = chain(root, 6, "later", {6: {"expire_at": now + dt.timedelta(1)}})

    public = public_ids([*kept, *hidden, *later], now)

    assert public == {page.pk for page in [*kept, *hidden[:1], *later]}
    assert public == scanned_public(now) & {page.pk for page in [*kept, *hidden, *later]}
