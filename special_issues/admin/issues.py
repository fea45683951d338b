"""Facts about special issues that the admin shows in lists, loaded a page of rows at a time.

``with_admin_facts`` annotates what the database can compute (final deadline, number of
published articles); ``attach_admin_facts`` fills in the rest for an evaluated list of
issues with a fixed number of queries, whatever the number of rows. ``call_status`` then
derives each row's status from the annotations, with no query.
"""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from special_issues.models import GuestEditor, PublishedArticle, SpecialIssuePage
from special_issues.status import IssueStatus, status_from_facts

STATUS_LABELS = {
    IssueStatus.UPCOMING: "Upcoming",
    IssueStatus.OPEN: "Open",
    IssueStatus.CLOSED: "Closed",
    IssueStatus.COMPLETED: "Completed",
}


def with_admin_facts(queryset):
    """Annotate ``article_count`` (a subquery); the final deadline is stored on the row."""
    articles = (
        PublishedArticle.objects.filter(page=OuterRef("pk"))
        .order_by()
        .values("page")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        article_count=Coalesce(Subquery(articles, output_field=IntegerField()), Value(0))
    )


def call_status(page: SpecialIssuePage, now: dt.datetime) -> IssueStatus:
    """The status of an issue annotated by :func:`with_admin_facts`, at ``now``."""
    return status_from_facts(
        opening_date=page.opening_date,
        final_deadline_date=page.final_deadline_date,
        final_deadline_time_zone=page.final_deadline_time_zone,
        has_published_articles=bool(page.article_count),
        now=now,
    )


def attach_admin_facts(pages: Sequence[SpecialIssuePage], now: dt.datetime) -> None:
    """Set ``admin_status`` and ``admin_lead_guest_editor`` on each page (one query)."""
    if not pages:
        return
    leads: dict[int, object] = {}
    rows = (
        GuestEditor.objects.filter(
            page_id__in=[page.pk for page in pages], role=GuestEditor.Role.LEAD_GUEST_EDITOR
        )
        .select_related("person")
        .order_by("page_id", "sort_order", "pk")
    )
    for row in rows:
        leads.setdefault(row.page_id, row.person)
    for page in pages:
        page.admin_status = call_status(page, now)
        page.admin_lead_guest_editor = leads.get(page.pk)


def editable_issues(user):
    """Special issues ``user`` may edit (all of them for a superuser)."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return SpecialIssuePage.objects.filter(pk__in=pages.values("pk"))


def search_issues(queryset, query: str):
    """Issues whose title, keywords or guest editors' names contain every word of ``query``.

    Plain database matching (not the search backend): the admin searches titles as typed,
    partial words included, and finds an issue by its guest editor.
    """
    matches = SpecialIssuePage.objects.all()
    for word in query.split():
        matches = matches.filter(
            Q(title__icontains=word)
            | Q(keyword_items__keyword__icontains=word)
            | Q(guest_editors__person__name__icontains=word)
        )
    return queryset.filter(pk__in=matches.values("pk"))


def load_journals(pages: Iterable[SpecialIssuePage]) -> None:
    """Load every page's parent journal at once (as ``_parent_page``, like Wagtail's listing)."""
    pages = list(pages)
    if pages:
        Page.objects.annotate_parent_page(pages)
