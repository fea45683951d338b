"""On PostgreSQL, each issue's search vector kept on its own row, for filtering listings.

Wagtail's database search backend keeps one index entry per issue in another table and
matches ``(title || body) @@ query`` there. A listing that also filters by status, journal
or deadline then checks every candidate issue against its entry: three index probes and a
concatenation per row. Counting the 6,000 open calls that contain a common word among
10,000 issues took 45 ms that way. The same vector on the issue's own row
(``special_issues_specialissuepage.search_vector``, GIN-indexed, migration 0010) is checked
in the scan the listing makes anyway: 15 ms.

The column is the vector Wagtail indexes (its title and body vectors, concatenated, built
by its own indexer), so a search finds what Wagtail's search would. It is not a model
field: pages, revisions and copies never carry it, and no query loads it. It is written

* when an issue is saved whole (created, published, copied, imported) or its searched
  fields are saved: ``store``, from ``SpecialIssuePage.save`` (``reindex``);
* from Wagtail's index entries, where rows were written without signals and the index
  rebuilt (``manage.py update_index``, then ``manage.py update_search_vectors``), by the
  benchmark's seed, and by the migration that added it: ``copy_from_index``.

A trigger on Wagtail's index table could follow every write of the index instead, but it
made two editors publishing the same issue at once deadlock: Wagtail writes the index
entry in its own statement, which then waited for the issue row the other editor's
publish held, while that publish waited for the entry.

It exists only on PostgreSQL, and is read only where Wagtail's search backend is its
PostgreSQL database backend; elsewhere ``matching_condition`` answers None and searches go
through the backend as before.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.db.models.expressions import CombinedExpression
from django.db.models.sql import Query
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MatchAll, Not, SearchQuery

from special_issues.sql_conditions import WrittenCondition

COLUMN = "search_vector"


def _postgres_backend(using: str):
    """Wagtail's search backend if it is the PostgreSQL database backend and the database
    ``using`` is PostgreSQL, else None."""
    if connections[using].vendor != "postgresql":
        return None
    try:
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
    except ImportError:  # another modelsearch layout: searches use the backend
        return None
    backend = get_search_backend()
    return backend if isinstance(backend, PostgresSearchBackend) else None


class MatchesSearchVector(WrittenCondition):
    """True for an issue whose stored search vector matches ``tsquery``."""

    def __init__(self, tsquery) -> None:
        # Resolved against the query, the primary key names the issue table's alias.
        super().__init__(F("pk"), tsquery)

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        pk, tsquery = self.expressions
        tsquery_sql, params = compiler.compile(tsquery)
        return f"{quote(pk.alias)}.{quote(COLUMN)} @@ {tsquery_sql}", params


def matching_condition(query: SearchQuery, using: str) -> MatchesSearchVector | None:
    """The condition "the issue matches ``query``" on the stored vectors of database
    ``using``, or None where there are none (another database or search backend) or
    there is nothing to match (text of punctuation only; the backend answers that)."""
    from special_issues.models import SpecialIssuePage

    backend = _postgres_backend(using)
    if backend is None or isinstance(query, MatchAll | Not):
        return None
    # The backend's own translation of the query (phrases, AND of words, its text
    # search configuration), so both ways find the same issues.
    compiler = SpecialIssuePage.objects.none().search(query).query_compiler
    try:
        tsquery = compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))
    except NotImplementedError:  # a query the backend answers otherwise
        return None
    if tsquery is None:
        return None
    return MatchesSearchVector(tsquery)


def searched_fields(page) -> set[str]:
    """The fields whose text Wagtail's search indexes for ``page`` (its ``search_fields``):
    saving any of them, or the whole page, calls for ``reindex``."""
    return {
        field.field_name
        for field in page.get_search_fields()
        if isinstance(field, index.SearchField | index.RelatedFields)
    }


def reindex(page) -> None:
    """Store ``page``'s vector (PostgreSQL), and once the save is committed, index it for
    search again.

    Wagtail indexes a page when its row is saved, which is before the page's keywords
    (child rows) are written: an issue published with new keywords was still found by its
    old ones, and not by the new, until its next save. Indexed again inside the saving
    transaction, two editors publishing the same issue at once deadlocked on Wagtail's
    index table (each held its own entry and waited for the other's); after the commit,
    this transaction holds nothing.
    """
    store(page)
    transaction.on_commit(
        lambda: index.insert_or_update_object(page), using=page._state.db or DEFAULT_DB_ALIAS
    )


def store(page) -> None:
    """Write ``page``'s vector from its fields and keywords, in the database it was saved to."""
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer

    from special_issues.models import SpecialIssuePage

    using = page._state.db or DEFAULT_DB_ALIAS
    backend = _postgres_backend(using)
    if backend is None:
        return
    connection = connections[using]
    indexer = ObjectIndexer(page, backend)
    vector = CombinedExpression(indexer.title, "||", indexer.body)
    query = Query(SpecialIssuePage)
    compiler = query.get_compiler(connection=connection)
    sql, params = vector.resolve_expression(query, allow_joins=False, for_save=True).as_sql(
        compiler, connection
    )
    table = connection.ops.quote_name(SpecialIssuePage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {COLUMN} = {sql} WHERE page_ptr_id = %s",  # noqa: S608
            [*params, page.pk],
        )


def copy_from_index(using: str = DEFAULT_DB_ALIAS) -> int:
    """Copy every issue's vector from Wagtail's index entries (one UPDATE); how many."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    from special_issues.models import SpecialIssuePage

    if _postgres_backend(using) is None:
        return 0
    content_type = ContentType.objects.db_manager(using).get_for_model(SpecialIssuePage)
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(SpecialIssuePage._meta.db_table)} AS issue"  # noqa: S608
            f" SET {COLUMN} = entry.title || entry.body"
            f" FROM {quote(IndexEntry._meta.db_table)} AS entry"
            " WHERE entry.content_type_id = %s AND entry.object_id = issue.page_ptr_id::text",
            [content_type.pk],
        )
        return cursor.rowcount
