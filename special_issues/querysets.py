"""Database queries over special issues: status filters and deadline ordering.

The status of a call is derived (see ``special_issues.status``). To filter by it in the
database, the final deadline and opening date are compared with today's UTC date: any
time zone's local date is within one day of it, so only calls whose dates fall in that
three-day window need the exact rule, which is applied in Python to those few rows.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from wagtail.models import PageManager, PageQuerySet

from special_issues import search_vector
from special_issues.search import search_query
from special_issues.status import IssueStatus, status_from_facts
from special_issues.visibility import public_children, public_pages


class SpecialIssueQuerySet(PageQuerySet):
    """Special issues, filtered by the facts their status depends on.

    Those facts (final deadline and its time zone, whether articles are published) are
    stored on each issue's row (``special_issues.models.stored_facts``).
    """

    def visible_to_public(self) -> "SpecialIssueQuerySet":
        """Live, unrestricted issues whose journal is live too (one query, no pre-loading).

        Each row is checked by subqueries: right for looking up one issue or a few. For
        listings, counts and feeds, which scan many, use ``listed_publicly``.
        """
        return public_pages(self)

    def listed_publicly(self, now: dt.datetime | None = None) -> "SpecialIssueQuerySet":
        """The same issues as ``visible_to_public``, for queries that scan many of them.

        The public journals are found once; each issue is then checked by its own
        columns and its journal's path (see ``visibility.public_children``).
        """
        from special_issues.models import JournalPage

        return public_children(self, JournalPage, now)

    def with_status(self, status: IssueStatus, now: dt.datetime) -> "SpecialIssueQuerySet":
        """Only the calls whose status at ``now`` is ``status``."""
        qs = self
        today = now.astimezone(dt.UTC).date()
        low, high = today - dt.timedelta(days=1), today + dt.timedelta(days=1)

        opening_window = Q(opening_date__gte=low, opening_date__lte=high)
        deadline_window = Q(final_deadline_date__gte=low, final_deadline_date__lte=high)
        opened = Q(opening_date__isnull=True) | Q(opening_date__lt=low)
        # Written out so a missing date (NULL) counts as outside the window.
        outside_opening = (
            Q(opening_date__isnull=True) | Q(opening_date__lt=low) | Q(opening_date__gt=high)
        )
        outside_deadline = (
            Q(final_deadline_date__isnull=True)
            | Q(final_deadline_date__lt=low)
            | Q(final_deadline_date__gt=high)
        )
        certain = {
            IssueStatus.UPCOMING: Q(opening_date__gt=high),
            IssueStatus.OPEN: opened
            & (Q(final_deadline_date__isnull=True) | Q(final_deadline_date__gt=high)),
            IssueStatus.CLOSED: opened
            & Q(final_deadline_date__lt=low, has_published_articles=False),
            IssueStatus.COMPLETED: opened
            & Q(final_deadline_date__lt=low, has_published_articles=True),
        }[status]
        if status is not IssueStatus.UPCOMING:
            certain &= outside_opening & outside_deadline

        # Calls near a day boundary somewhere on Earth: apply the exact rule to those rows.
        # They are looked up among all issues, without this queryset's other conditions
        # (visibility, journal, search): the ids found only widen ``certain``, which the
        # result still combines with every condition. The lookup stays a cheap one.
        not_surely_upcoming = Q(opening_date__isnull=True) | Q(opening_date__lte=high)
        undecided = self.model._default_manager.using(self.db).filter(
            (opening_window | deadline_window) & not_surely_upcoming
        )
        exact = [
            row["pk"]
            for row in undecided.values(
                "pk",
                "opening_date",
                "final_deadline_date",
                "final_deadline_time_zone",
                "has_published_articles",
            )
            if _row_status(row, now) is status
        ]
        return qs.filter(certain | Q(pk__in=exact))

    def with_keyword(self, keyword: str) -> "SpecialIssueQuerySet":
        """Only issues listing ``keyword`` among their keywords (case-insensitive)."""
        from special_issues.models import IssueKeyword

        # A subquery, not a join: a join repeats an issue listing the keyword twice, and
        # the DISTINCT that removes the repeats made the database sort every match
        # before it could return the first page.
        listing = IssueKeyword.objects.filter(keyword__iexact=keyword.strip())
        return self.filter(pk__in=listing.values("page_id"))

    def edited_by(self, person_id: int) -> "SpecialIssueQuerySet":
        """Only issues that ``person_id`` guest-edits."""
        return self.filter(guest_editors__person_id=person_id).distinct()

    def with_deadline_between(
        self, after: dt.date | None, before: dt.date | None
    ) -> "SpecialIssueQuerySet":
        """Only issues whose final deadline is within ``after``..``before`` (inclusive)."""
        qs = self
        if after is not None:
            qs = qs.filter(final_deadline_date__gte=after)
        if before is not None:
            qs = qs.filter(final_deadline_date__lte=before)
        return qs

    def matching(self, terms: str) -> "SpecialIssueQuerySet":
        """Only issues that Wagtail's search backend finds for ``terms``.

        The search runs over live issues (title, introduction, body, keywords) and the
        matches narrow this queryset, so filters and ordering still apply after it.
        """
        from special_issues.models import SpecialIssuePage

        query = search_query(terms)
        # PostgreSQL: the vector stored on each issue's row, checked in the same scan as
        # the other filters (see ``special_issues.search_vector``).
        condition = search_vector.matching_condition(query, self.db)
        if condition is not None:
            return self.filter(condition)
        # The search backend cannot apply the visibility subqueries, so it searches live
        # issues and this queryset (already filtered to public ones) is narrowed by them.
        results = SpecialIssuePage.objects.live().search(query, order_by_relevance=False)
        matches = _search_queryset(results)
        if matches is not None:
            # The database backends (PostgreSQL, SQLite, MySQL) express the search as a
            # queryset: matching, filtering, counting and paging then run as one query.
            # A list of ids instead made a term every call contains cost 4x as much at
            # 10,000 issues as at 1,000 (thousands of ids sent back and forth).
            return self.filter(pk__in=matches.values("pk"))
        return self.filter(pk__in=[page.pk for page in results.only("pk")])

    def order_by_deadline(self, descending: bool = False) -> "SpecialIssueQuerySet":
        """Order by final deadline (calls without one last), then title."""
        qs = self
        date = models.F("final_deadline_date")
        first = date.desc(nulls_last=True) if descending else date.asc(nulls_last=True)
        return qs.order_by(first, "title", "pk")


def _search_queryset(results) -> models.QuerySet | None:
    """The queryset a database search backend runs for ``results``, or None for a backend
    that answers from elsewhere (Elasticsearch, OpenSearch).

    ``get_queryset`` is how the database backends' results build their query (modelsearch
    1.3, pinned with Wagtail); should it change, the search falls back to a list of ids.
    """
    build = getattr(results, "get_queryset", None)
    if build is None:
        return None
    queryset = build()
    return queryset if isinstance(queryset, models.QuerySet) else None


def _row_status(row: dict, now: dt.datetime) -> IssueStatus:
    return status_from_facts(
        opening_date=row["opening_date"],
        final_deadline_date=row["final_deadline_date"],
        final_deadline_time_zone=row["final_deadline_time_zone"],
        has_published_articles=row["has_published_articles"],
        now=now,
    )


SpecialIssueManager = PageManager.from_queryset(SpecialIssueQuerySet)
