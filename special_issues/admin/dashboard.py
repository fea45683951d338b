"""Dashboard panels: the special issues that need an editor's attention now.

* **Calls closing in the next 30 days** — open calls whose final deadline is within 30 days.
* **Open calls missing a guest editor or a deadline** — what the public page would lack.
* **Completed issues below the journal's article minimum** — completed issues with fewer
  published articles than ``JournalPage.min_published_articles`` (OAE hides those).

Each panel lists the issues the user may edit (drafts included, marked as such), at most
``limit`` of them, with a link to the filtered listing; it is hidden when empty. Each
costs a fixed number of queries, whatever the number of issues.
"""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from special_issues.admin.issues import editable_issues, load_journals, with_admin_facts
from special_issues.models import GuestEditor, JournalPage
from special_issues.status import IssueStatus

CLOSING_SOON_DAYS = 30


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


class SpecialIssuesPanel(Component):
    """A dashboard panel listing special issues, each with a one-line note."""

    name = ""
    heading = ""
    order = 50
    limit = 10
    template_name = "special_issues/admin/dashboard_panel.html"

    def get_issues(self, user, now: dt.datetime):
        """The issues to list (a queryset), most urgent first."""
        raise NotImplementedError

    def describe(self, page, now: dt.datetime) -> str:
        """The note shown beside an issue."""
        raise NotImplementedError

    def get_listing_url(self, now: dt.datetime) -> str | None:
        """The special issues listing filtered to (a superset of) these issues."""
        return None

    def get_context_data(self, parent_context=None):
        request = parent_context["request"]
        now = timezone.now()
        queryset = self.get_issues(request.user, now)
        pages = list(queryset[: self.limit + 1])
        more = len(pages) > self.limit
        pages = pages[: self.limit]
        load_journals(pages)
        return {
            "request": request,
            "panel_id": self.name,
            "heading": self.heading,
            "rows": [
                {
                    "page": page,
                    "journal": getattr(page, "_parent_page", None),
                    "note": self.describe(page, now),
                }
                for page in pages
            ],
            "more": more,
            "listing_url": self.get_listing_url(now),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"]:
            return ""
        return get_template(self.template_name).render(context)


def _open_issues(user, now: dt.datetime):
    return with_admin_facts(editable_issues(user)).with_status(IssueStatus.OPEN, now)


def _listing_url(**params) -> str:
    return f"{reverse('special_issue_listing:index')}?{urlencode(params)}"


class ClosingSoonPanel(SpecialIssuesPanel):
    """Open calls whose final deadline falls within the next 30 days."""

    name = "special_issues_closing_soon"
    heading = f"Calls closing in the next {CLOSING_SOON_DAYS} days"
    order = 50

    def _window(self, now: dt.datetime) -> tuple[dt.date, dt.date]:
        today = now.astimezone(dt.UTC).date()
        return today, today + dt.timedelta(days=CLOSING_SOON_DAYS)

    def get_issues(self, user, now):
        first, last = self._window(now)
        return (
            _open_issues(user, now)
            .filter(final_deadline_date__gte=first, final_deadline_date__lte=last)
            .order_by("final_deadline_date", "title", "pk")
        )

    def describe(self, page, now):
        days = (page.final_deadline_date - now.astimezone(dt.UTC).date()).days
        when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
        return f"Closes {when} ({_day(page.final_deadline_date)})"

    def get_listing_url(self, now):
        first, last = self._window(now)
        return _listing_url(
            call_status="OPEN",
            deadline_from=first.isoformat(),
            deadline_to=last.isoformat(),
            ordering="final_deadline_date",
        )


class IncompleteOpenCallsPanel(SpecialIssuesPanel):
    """Open calls that name no guest editor, or have no deadline."""

    name = "special_issues_incomplete_open_calls"
    heading = "Open calls missing a guest editor or a deadline"
    order = 51

    def get_issues(self, user, now):
        has_editor = Exists(GuestEditor.objects.filter(page=OuterRef("pk")))
        return (
            _open_issues(user, now)
            .annotate(has_guest_editor=has_editor)
            .filter(Q(has_guest_editor=False) | Q(final_deadline_date__isnull=True))
            .order_by("title", "pk")
        )

    def describe(self, page, now):
        missing = []
        if not page.has_guest_editor:
            missing.append("no guest editor")
        if page.final_deadline_date is None:
            missing.append("no deadline")
        return ", ".join(missing).capitalize()

    def get_listing_url(self, now):
        return _listing_url(call_status="OPEN")


class BelowArticleMinimumPanel(SpecialIssuesPanel):
    """Completed issues with fewer published articles than their journal's minimum."""

    name = "special_issues_below_article_minimum"
    heading = "Completed issues below the journal's article minimum"
    order = 52

    def get_issues(self, user, now):
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        minimum = JournalPage.objects.filter(path=parent_path).values("min_published_articles")
        return (
            with_admin_facts(editable_issues(user))
            .with_status(IssueStatus.COMPLETED, now)
            .annotate(min_articles=Subquery(minimum[:1], output_field=IntegerField()))
            .filter(article_count__lt=F("min_articles"))
            .order_by("final_deadline_date", "title", "pk")
        )

    def describe(self, page, now):
        return f"{page.article_count} of {page.min_articles} articles published"

    def get_listing_url(self, now):
        return _listing_url(call_status="COMPLETED")


def dashboard_panels() -> list[SpecialIssuesPanel]:
    """The panels to add to the dashboard, in order."""
    return [ClosingSoonPanel(), IncompleteOpenCallsPanel(), BelowArticleMinimumPanel()]
