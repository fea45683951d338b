"""Facts about a special issue kept on its own row, so listings need no subqueries.

``SpecialIssuePage.final_deadline_date``, ``final_deadline_time_zone`` and
``has_published_articles`` follow from the issue's deadline and article rows. Listings
filter by status and order by deadline on these columns (indexed) instead of three
correlated subqueries per row, and a listing's cards show status and deadline without
loading every deadline and article. The status itself depends on the clock, so it is
still derived when asked (``status.status_from_facts``); only its inputs are stored.

They are written:

* by ``SpecialIssuePage.save()`` from the rows it is about to commit (the admin, a
  published revision, imports, copies): no extra query for an edited page;
* when a ``Deadline`` or ``PublishedArticle`` row is saved or deleted on its own
  (factories, scripts, the shell): one UPDATE computed from the rows in the database;
* by ``refresh([...ids])`` after writes that send no signals (``bulk_create``,
  ``QuerySet.update``), as the benchmark's seed does, and by the migration that added them.
"""

import contextlib
import contextvars
from collections.abc import Iterable, Iterator

from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from special_issues.status import final_deadline

FIELDS = ("final_deadline_date", "final_deadline_time_zone", "has_published_articles")

# Pages whose save() is committing their child rows: those rows' own signals are
# ignored, the page wrote the facts of exactly what it commits.
_committing: contextvars.ContextVar[tuple] = contextvars.ContextVar("committing", default=())


@contextlib.contextmanager
def committing(page) -> Iterator[None]:
    token = _committing.set((*_committing.get(), page))
    try:
        yield
    finally:
        _committing.reset(token)


def compute_from_relations(page) -> None:
    """Set ``page``'s facts from its deadlines and articles (in memory when edited)."""
    final = final_deadline(deadline.as_moment() for deadline in page.deadlines.all())
    page.final_deadline_date = final.date if final else None
    page.final_deadline_time_zone = final.time_zone if final else ""
    # A FakeQuerySet (edited in memory) or a queryset: exists() either way.
    page.has_published_articles = page.published_articles.all().exists()


def fact_expressions(deadline_model, article_model) -> dict:
    """The facts as SQL expressions over a page row (``OuterRef("pk")``).

    Among deadlines on the same date the first listed wins, as ``final_deadline`` does.
    """
    ordered = ("-date", "sort_order", "pk")
    manuscript = deadline_model.objects.filter(
        page=OuterRef("pk"), kind="FULL_MANUSCRIPT"
    ).order_by(*ordered)
    any_kind = deadline_model.objects.filter(page=OuterRef("pk")).order_by(*ordered)
    return {
        "final_deadline_date": Coalesce(
            Subquery(manuscript.values("date")[:1]), Subquery(any_kind.values("date")[:1])
        ),
        "final_deadline_time_zone": Coalesce(
            Subquery(manuscript.values("time_zone")[:1]),
            Subquery(any_kind.values("time_zone")[:1]),
            Value(""),
        ),
        "has_published_articles": Exists(article_model.objects.filter(page=OuterRef("pk"))),
    }


def refresh(page_ids: Iterable[int]) -> int:
    """Recompute the facts of these pages from their rows in the database (one UPDATE)."""
    from special_issues.models import Deadline, PublishedArticle, SpecialIssuePage

    ids = list(page_ids)
    if not ids:
        return 0
    return SpecialIssuePage.objects.filter(pk__in=ids).update(
        **fact_expressions(Deadline, PublishedArticle)
    )


def _child_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    page_id = instance.page_id
    if raw or page_id is None:
        return
    if any(page.pk == page_id for page in _committing.get()):
        return
    refresh([page_id])


for _model in ("special_issues.Deadline", "special_issues.PublishedArticle"):
    post_save.connect(_child_changed, sender=_model, dispatch_uid=f"stored-facts-save-{_model}")
    post_delete.connect(_child_changed, sender=_model, dispatch_uid=f"stored-facts-delete-{_model}")
