"""Public non-GraphQL outputs of the special issues app: calendars and feeds.

The host site includes these at its root. The ``*_url`` helpers are what the GraphQL
fields return: the path prefixed with ``PUBLIC_BASE_URL`` (the CMS's public address), or
the bare path while that setting is empty.
"""

from django.urls import path, reverse

from special_issues.calendar import journal_calendar_view, special_issue_calendar_view
from special_issues.conf import get_setting
from special_issues.feeds import OpenCallsFeed

urlpatterns = [
    # Slugs use the ``str`` converter: Wagtail allows Unicode slugs, ``slug`` would not.
    path(
        "calendar/<str:journal_slug>/<str:issue_slug>.ics",
        special_issue_calendar_view,
        name="special-issue-calendar",
    ),
    path("calendar/<str:journal_slug>.ics", journal_calendar_view, name="journal-calendar"),
    path(
        "feeds/<str:journal_slug>/open-calls.atom",
        OpenCallsFeed(),
        name="journal-open-calls-feed",
    ),
]


def public_url(path: str) -> str:
    """``path`` on the CMS's public address (``PUBLIC_BASE_URL``), or ``path`` if unset."""
    base = get_setting("PUBLIC_BASE_URL")
    return base.rstrip("/") + path if base else path


def _journal_slug(issue) -> str | None:
    """The slug of the issue's journal, read from its URL path when possible (no query)."""
    cached = getattr(issue, "_journal_cache", None)
    if cached is not None:
        return cached.slug
    # An issue's url_path is its journal's url_path plus its own slug.
    segments = [segment for segment in (issue.url_path or "").split("/") if segment]
    if len(segments) >= 2:
        return segments[-2]
    journal = issue.journal
    return journal.slug if journal is not None else None


def issue_calendar_path(issue) -> str | None:
    """Path of the issue's .ics file (None for an issue with no journal yet)."""
    journal_slug = _journal_slug(issue)
    if not journal_slug or not issue.slug:
        return None
    return reverse(
        "special-issue-calendar",
        kwargs={"journal_slug": journal_slug, "issue_slug": issue.slug},
    )


def journal_calendar_path(journal) -> str:
    """Path of the .ics file of the journal's open calls."""
    return reverse("journal-calendar", kwargs={"journal_slug": journal.slug})


def journal_feed_path(journal) -> str:
    """Path of the Atom feed of the journal's open calls."""
    return reverse("journal-open-calls-feed", kwargs={"journal_slug": journal.slug})


def issue_calendar_url(issue) -> str | None:
    """Public URL of the issue's .ics file (a path while PUBLIC_BASE_URL is empty)."""
    calendar_path = issue_calendar_path(issue)
    return public_url(calendar_path) if calendar_path else None


def journal_calendar_url(journal) -> str:
    """Public URL of the .ics file of the journal's open calls."""
    return public_url(journal_calendar_path(journal))


def journal_feed_url(journal) -> str:
    """Public URL of the Atom feed of the journal's open calls."""
    return public_url(journal_feed_path(journal))
