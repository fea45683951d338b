"""What the public may see, as conditions inside one SQL query.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction, one extra query
each time it is used. These conditions are correlated subqueries instead, so checking
visibility costs nothing beyond the query that fetches the pages or images.
``public_children`` states the same rule for scanning thousands of pages of one type:
the parents are checked once, and each page only by its own columns.
"""

from collections.abc import Iterable

from django.db.models import (
    DateTimeField,
    F,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from special_issues.sql_conditions import WrittenCondition


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


def _starts_with(connection, value_sql: str, column: str) -> str:
    """SQL for "``value_sql`` starts with ``column``", as Django writes ``StartsWith`` with
    an expression on the right (escaping, concatenation and the text cast differ
    between databases)."""
    value = connection.ops.lookup_cast("startswith", "CharField") % value_sql
    pattern = connection.pattern_ops["startswith"].format(connection.pattern_esc)
    return f"{value} {pattern.format(column)}"


class PublicPlacement(WrittenCondition):
    """True for a page outside every restricted section (password, login or groups) and
    below no unpublished or expired page. The page itself counts as its own first
    ancestor, as in Wagtail's path order (a page's path starts with its own path).

    Three correlated subqueries, written out here rather than built from querysets:
    Django took 1.5 ms to build and compile them through the ORM, for every query that
    checks visibility (two of them made a fifth of an uncached issue page); written
    out, 0.3 ms. ``tests/special_issues/test_visibility_by_path.py`` holds it
    to the rule at every depth.

    Hidden ancestors are looked up by exact path: Treebeard gives a page at depth d a
    path of d × steplen characters, each ancestor's path being its first k × steplen
    characters, so the first ``INDEXED_DEPTH`` ancestors are a handful of probes in the
    unique index on ``path``. Matching the page's path against every hidden page's path
    (``LIKE path || '%'``) scanned them all for every row (55 of the 70 ms of listing
    1,000 issues on SQLite); deeper pages keep that scan, so the rule holds at any depth.
    A prefix longer than the path is the path itself, which is harmless.
    """

    def __init__(self, now) -> None:
        super().__init__(F("path"), Value(now, output_field=DateTimeField()))

    def as_sql(self, compiler, connection):
        from wagtail.models import Page, PageViewRestriction

        quote = connection.ops.quote_name
        path, now = self.expressions
        path_sql, path_params = compiler.compile(path)
        now_sql, now_params = compiler.compile(now)
        page, restriction = quote(Page._meta.db_table), quote(PageViewRestriction._meta.db_table)

        def starts_with(column: str) -> str:
            return _starts_with(connection, path_sql, column)

        path, live, expire_at = quote("path"), quote("live"), quote("expire_at")
        hidden = f"(NOT si_hidden.{live} OR si_hidden.{expire_at} <= {now_sql})"
        prefixes = ", ".join(
            f"SUBSTR({path_sql}, 1, {Page.steplen * k})" for k in range(1, INDEXED_DEPTH + 1)
        )
        # Only table and column names and the compiled path go into the text; values are
        # parameters.
        sql = (
            f"(NOT EXISTS(SELECT 1 FROM {restriction} si_restriction"  # noqa: S608
            f" INNER JOIN {page} si_restricted"
            f" ON si_restriction.{quote('page_id')} = si_restricted.{quote('id')}"
            f" WHERE {starts_with(f'si_restricted.{path}')})"
            f" AND NOT EXISTS(SELECT 1 FROM {page} si_hidden"
            f" WHERE {hidden} AND si_hidden.{path} IN ({prefixes}))"
            f" AND NOT (LENGTH({path_sql}) > {Page.steplen * INDEXED_DEPTH}"
            f" AND EXISTS(SELECT 1 FROM {page} si_hidden"
            f" WHERE {hidden} AND {starts_with(f'si_hidden.{path}')})))"
        )
        params = (
            *path_params,  # starts_with
            *now_params,
            *path_params * INDEXED_DEPTH,
            *path_params,  # LENGTH
            *now_params,
            *path_params,  # starts_with
        )
        return sql, params


def public_pages(pages: QuerySet, now=None) -> QuerySet:
    """Only live, unexpired pages outside every restricted section and below no hidden page."""
    now = now or timezone.now()
    return pages.live().exclude(expired(now)).filter(PublicPlacement(now))


def parent_path() -> Substr:
    """A page's parent's path: its own path without the last step (Treebeard's scheme).

    ``special_issues.migrations.0009`` indexes this expression on Wagtail's page table,
    which gives the database statistics on it and so a good plan for ``public_children``.
    """
    from wagtail.models import Page

    return Substr("path", 1, Length("path") - Page.steplen)


class OneOf(WrittenCondition):
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
        value, subquery = self.expressions
        value_sql, value_params = compiler.compile(value)
        subquery_sql, subquery_params = compiler.compile(subquery)
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


class InRestrictedCollection(WrittenCondition):
    """True for an image or document in a collection under a view restriction, or inside
    such a collection.

    Written out for the reason ``PublicPlacement`` is: built as an ``Exists`` over
    querysets, it cost 0.3 ms to build and compile for every image lookup.
    """

    def __init__(self) -> None:
        super().__init__(F("collection__path"))

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        path_sql, path_params = compiler.compile(*self.expressions)
        restriction = quote(CollectionViewRestriction._meta.db_table)
        collection = quote(Collection._meta.db_table)
        restricted_path = f"si_restricted.{quote('path')}"
        sql = (
            f"EXISTS(SELECT 1 FROM {restriction} si_restriction"  # noqa: S608
            f" INNER JOIN {collection} si_restricted"
            f" ON si_restriction.{quote('collection_id')} = si_restricted.{quote('id')}"
            f" WHERE {_starts_with(connection, path_sql, restricted_path)})"
        )
        return sql, path_params
