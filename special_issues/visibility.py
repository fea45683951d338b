"""What the public may see, as conditions inside one SQL query.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction, one extra query
each time it is used. These conditions are correlated subqueries instead, so checking
visibility costs nothing beyond the query that fetches the pages or images.
``public_children`` states the same rule for scanning thousands of pages of one type:
the parents are checked once, and each page only by its own columns.
"""

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Length, Substr
from django.db.models.lookups import GreaterThan, StartsWith
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


# Ancestors of pages up to this depth are looked up by exact path (see below). The content
# model nests root > site root > journal > issue (depth 4); 12 levels leave room for
# deeper trees, and a page below that depth is still checked, by the slower scan.
INDEXED_DEPTH = 12


class _Condition(Expression):
    """A condition on two expressions, written out by the subclass's ``as_sql``: Django
    builds and compiles one node instead of a tree of functions and lookups."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, left, right):
        super().__init__()
        self.left, self.right = left, right

    def get_source_expressions(self) -> list:
        return [self.left, self.right]

    def set_source_expressions(self, expressions: list) -> None:
        self.left, self.right = expressions


class AmongAncestorPaths(_Condition):
    """True where ``path`` (left) is one of the first ``INDEXED_DEPTH`` ancestor paths of
    ``page_path`` (right; the page's own path included): ``path IN (SUBSTR(page_path, 1,
    4), SUBSTR(page_path, 1, 8), …)``.

    Built from Django's ``Substr`` and an ``IN`` lookup, the twelve prefixes took 4 ms to
    build and compile, for every query that checks visibility (a fifth of an uncached
    issue page); written out here, 2 ms.
    """

    def as_sql(self, compiler, connection):
        from wagtail.models import Page

        path_sql, path_params = compiler.compile(self.left)
        page_sql, page_params = compiler.compile(self.right)
        prefixes = ", ".join(
            f"SUBSTR({page_sql}, 1, {Page.steplen * k})" for k in range(1, INDEXED_DEPTH + 1)
        )
        return f"{path_sql} IN ({prefixes})", (*path_params, *page_params * INDEXED_DEPTH)


def unpublished_ancestor_exists(now=None) -> Q:
    """True for a page below an unpublished or expired page (e.g. an unpublished journal).

    The page itself counts too: it is its own first "ancestor" here, as in Wagtail's
    path order (a page's path starts with its own path).
    """
    from wagtail.models import Page

    hidden = Page.objects.filter(Q(live=False) | expired(now))
    # Treebeard gives a page at depth d a path of d × steplen characters, each ancestor's
    # path being its first k × steplen characters. Looking those few paths up in the
    # unique index on ``path`` costs a handful of index probes per row; matching the
    # page's path against every hidden page's path (``LIKE path || '%'``) scanned them
    # all for every row (55 of the 70 ms of listing 1,000 issues on SQLite). A prefix
    # longer than the path is the path itself, which is harmless: the page counts anyway.
    by_path = Exists(hidden.filter(AmongAncestorPaths(F("path"), OuterRef("path"))))
    # Deeper pages keep the scan, so the rule holds at any depth.
    deeper = GreaterThan(Length("path"), Page.steplen * INDEXED_DEPTH)
    by_scan = Exists(hidden.filter(StartsWith(_outer("path"), F("path"))))
    return Q(by_path) | (Q(deeper) & Q(by_scan))


def public_pages(pages: QuerySet, now=None) -> QuerySet:
    """Only live, unexpired pages outside every restricted section and below no hidden page."""
    now = now or timezone.now()
    return (
        pages.live()
        .exclude(expired(now))
        .filter(~restricted_page_exists() & ~unpublished_ancestor_exists(now))
    )


def parent_path() -> Substr:
    """A page's parent's path: its own path without the last step (Treebeard's scheme).

    ``special_issues.migrations.0009`` indexes this expression on Wagtail's page table,
    which gives the database statistics on it and so a good plan for ``public_children``.
    """
    from wagtail.models import Page

    return Substr("path", 1, Length("path") - Page.steplen)


class OneOf(_Condition):
    """True where ``expression`` equals one of the values ``queryset`` selects.

    Most databases get ``expression IN (subquery)``. PostgreSQL gets ``expression =
    ANY(ARRAY(subquery))``: the subquery then runs once, before the scan, and each row
    compares its value with the few found. ``IN (subquery)`` is planned as a semi-join
    instead, and for parent paths PostgreSQL misjudged it: counting the 6,000 open
    calls among 10,000 issues took 45 ms, against under 20 this way.
    """

    def __init__(self, expression, queryset: QuerySet):
        super().__init__(expression, Subquery(queryset))

    def as_sql(self, compiler, connection, template: str = "%s IN %s"):
        value_sql, value_params = compiler.compile(self.left)
        subquery_sql, subquery_params = compiler.compile(self.right)
        return template % (value_sql, subquery_sql), (*value_params, *subquery_params)

    def as_postgresql(self, compiler, connection):
        # The subquery's SQL comes in parentheses: ARRAY(SELECT ...).
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def public_children(pages: QuerySet, parent_model: type, now=None) -> QuerySet:
    """Those of ``pages`` the public may see, when each is a child of a ``parent_model``
    page (as Wagtail's ``parent_page_types`` makes special issues children of journals).

    The same rule as ``public_pages``, in two steps within one query: the few public
    parents are found once; then each page is checked by its own columns, its own view
    restriction and its parent's path, with no subquery per row. ``public_pages`` runs
    its ancestor and restriction subqueries for every candidate row: on PostgreSQL,
    counting the 6,000 open calls among 10,000 issues took 340 ms that way and under
    10 ms this way (with the index of ``parent_path()``). A page whose parent is of
    another type is never shown: the safe side.
    """
    from wagtail.models import Page

    now = now or timezone.now()
    # Pages whose id is a parent's, rather than the parent model's own rows: joined to
    # its table, SQLite checked the visibility of every page before keeping the
    # journals (7.5 ms for 1,000 issues, against 0.3).
    parent_ids = parent_model._default_manager.values("pk")
    parents = public_pages(Page.objects.filter(pk__in=parent_ids), now)
    return (
        pages.live()
        .exclude(expired(now))
        .exclude(pk__in=PageViewRestriction.objects.values("page_id"))
        .filter(OneOf(parent_path(), parents.order_by().values("path")))
    )


def searchable(pages: QuerySet) -> QuerySet:
    """The same rows as a primary-key subquery, which Wagtail's search backends can run.

    They cannot translate the negated EXISTS conditions of ``public_pages`` ("no
    attribute 'target'").
    """
    return pages.model._default_manager.filter(pk__in=pages.values("pk"))


def public_page_ids(pages: Iterable) -> set[int]:
    """The ids of those of ``pages`` (page objects, None allowed) the public may see."""
    from wagtail.models import Page

    ids = [page.pk for page in pages if page is not None]
    if not ids:
        return set()
    return set(public_pages(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def restricted_collection_exists() -> Exists:
    """True for an image or document in a collection under a view restriction."""
    return Exists(
        CollectionViewRestriction.objects.filter(
            StartsWith(_outer("collection__path"), F("collection__path"))
        )
    )
