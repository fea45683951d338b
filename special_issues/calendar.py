"""iCalendar (.ics) files of calls for papers, for readers to add to their calendars.

* ``/calendar/<journal>/<issue>.ics``: every deadline of one published issue, and the day
  submissions open when it is set.
* ``/calendar/<journal>.ics``: the final deadline of each call of the journal open now
  (a subscription: calls leave it when they close).

Every event is an **all-day event on the deadline date**, not a timed one. A deadline is a
calendar date in a time zone (default Anywhere on Earth, UTC−12; see
``special_issues.status``): "31 Dec 2022" is what the call announces and what an author
plans for. A timed event at the instant that day ends (12:00 UTC on 1 Jan 2023 for AoE)
would appear on 1 January for most readers, and no calendar app shows events in AoE. An
all-day event has a floating date, so it appears on 31 December in every calendar; the
exact cut-off (its time zone and the UTC instant) is stated in the event's description.
Events are marked transparent, so they do not make anyone look busy.

UIDs are built from database ids (``deadline-<pk>@<host>``, ``opening-<pk>@<host>``, the
host of ``FRONTEND_BASE_URL``), so they are the same in every response and a calendar
updates an event when an editor moves a deadline instead of adding a second one.
"""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, vDuration

from special_issues.conf import get_setting
from special_issues.models import Deadline, JournalPage, SpecialIssuePage
from special_issues.querysets import SpecialIssueQuerySet
from special_issues.rich_text import frontend_url
from special_issues.status import ANYWHERE_ON_EARTH, IssueStatus, end_of_day
from special_issues.visibility import public_pages

__all__ = [
    "deadline_statement",
    "issue_calendar",
    "journal_calendar",
    "journal_calendar_view",
    "open_calls",
    "published_journal",
    "special_issue_calendar_view",
]

PRODID = "-//Special Issues CMS//Calls for papers//EN"
CACHE_SECONDS = 300
# How often subscribed calendar apps should fetch the journal calendar again.
REFRESH_INTERVAL = dt.timedelta(hours=12)

# What is due, as the first words of a deadline's description.
DUE_PHRASES = {
    Deadline.Kind.FULL_MANUSCRIPT: "Submissions accepted until the end of",
    Deadline.Kind.ABSTRACT: "Abstracts accepted until the end of",
    Deadline.Kind.OTHER: "Due by the end of",
}


# --- what the public may see ----------------------------------------------------------


def published_journal(slug: str) -> JournalPage:
    """The live, public journal with ``slug``; 404 otherwise (as for a slug never used)."""
    journal = public_pages(JournalPage.objects.filter(slug=slug)).first()
    if journal is None:
        raise Http404("No published journal at this address.")
    return journal


def open_calls(journal: JournalPage, now: dt.datetime) -> SpecialIssueQuerySet:
    """The journal's public calls that are OPEN at ``now``, earliest final deadline first."""
    return (
        SpecialIssuePage.objects.listed_publicly(now)
        .child_of(journal)
        .with_status(IssueStatus.OPEN, now)
        .order_by_deadline()
    )


# --- wording ---------------------------------------------------------------------------


def day(date: dt.date) -> str:
    """A date as calls for papers write it: ``31 Dec 2022``."""
    return f"{date.day} {date:%b %Y}"


def _utc_offset(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"  # a true minus sign, as in "UTC−12"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zone_statement(date: dt.date, time_zone: str) -> str:
    """The deadline's time zone in words, with its UTC offset on that day."""
    if time_zone == ANYWHERE_ON_EARTH:
        return "Anywhere on Earth (UTC−12)"
    if time_zone == "UTC":
        return "UTC"
    last_instant = end_of_day(date, time_zone) - dt.timedelta(microseconds=1)
    offset = last_instant.astimezone(ZoneInfo(time_zone)).utcoffset() or dt.timedelta(0)
    return f"{time_zone.replace('_', ' ')} time ({_utc_offset(offset)})"


def deadline_statement(deadline: Deadline) -> str:
    """E.g. "Submissions accepted until the end of 31 Dec 2022, Anywhere on Earth (UTC−12),
    that is until 12:00 UTC on 1 Jan 2023."""
    phrase = DUE_PHRASES.get(deadline.kind, DUE_PHRASES[Deadline.Kind.OTHER])
    text = f"{phrase} {day(deadline.date)}, {zone_statement(deadline.date, deadline.time_zone)}"
    if deadline.time_zone == "UTC":
        return text + "."
    closes = deadline.closes_at
    return f"{text}, that is until {closes:%H:%M} UTC on {day(closes.date())}."


def deadline_summary(deadline: Deadline, issue: SpecialIssuePage) -> str:
    """E.g. "Full manuscript deadline: <issue>", or "<label>: <issue>" for a labelled one."""
    if deadline.label:
        return f"{deadline.label}: {issue.title}"
    if deadline.kind == Deadline.Kind.OTHER:
        return f"Deadline: {issue.title}"
    return f"{deadline.get_kind_display()} deadline: {issue.title}"


def _with_link(text: str, url: str | None) -> str:
    return f"{text}\n\n{url}" if url else text


# --- events and calendars --------------------------------------------------------------


def uid_domain() -> str:
    """The host name in event UIDs: the public site's, the same in every response."""
    return urlsplit(get_setting("FRONTEND_BASE_URL")).hostname or "special-issues.invalid"


def _all_day_event(
    *,
    uid: str,
    date: dt.date,
    summary: str,
    description: str,
    url: str | None,
    stamp: dt.datetime,
    issue: SpecialIssuePage,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", date)
    event.add("dtend", date + dt.timedelta(days=1))  # exclusive: one whole day
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    event.add("transp", "TRANSPARENT")
    if issue.last_published_at:
        event.add("last-modified", issue.last_published_at.astimezone(dt.UTC))
    return event


def deadline_event(
    deadline: Deadline, issue: SpecialIssuePage, *, stamp: dt.datetime, domain: str
) -> Event:
    """An all-day event on the deadline date, its exact cut-off in the description."""
    url = frontend_url(issue)
    return _all_day_event(
        uid=f"deadline-{deadline.pk}@{domain}",
        date=deadline.date,
        summary=deadline_summary(deadline, issue),
        description=_with_link(deadline_statement(deadline), url),
        url=url,
        stamp=stamp,
        issue=issue,
    )


def opening_event(issue: SpecialIssuePage, *, stamp: dt.datetime, domain: str) -> Event:
    """An all-day event on the day submissions open."""
    url = frontend_url(issue)
    return _all_day_event(
        uid=f"opening-{issue.pk}@{domain}",
        date=issue.opening_date,
        summary=f"Submissions open: {issue.title}",
        description=_with_link(
            f"The call for papers “{issue.title}” opens for submissions on "
            f"{day(issue.opening_date)}.",
            url,
        ),
        url=url,
        stamp=stamp,
        issue=issue,
    )


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    return calendar


def issue_calendar(issue: SpecialIssuePage, now: dt.datetime) -> Calendar:
    """The opening day (if set) and every deadline of one issue, in date order."""
    calendar = _calendar(issue.title)
    stamp, domain = now.astimezone(dt.UTC), uid_domain()
    if issue.opening_date:
        calendar.add_component(opening_event(issue, stamp=stamp, domain=domain))
    for deadline in sorted(issue.deadline_list, key=lambda d: (d.date, d.sort_order or 0, d.pk)):
        calendar.add_component(deadline_event(deadline, issue, stamp=stamp, domain=domain))
    return calendar


def journal_calendar(
    journal: JournalPage, issues: list[SpecialIssuePage], now: dt.datetime
) -> Calendar:
    """The final deadline of each of ``issues`` (calls without a deadline add nothing)."""
    calendar = _calendar(f"{journal.title} — open calls for papers")
    # Typed by hand: older icalendar releases would write a timedelta as "12:00:00".
    calendar.add("refresh-interval", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"})
    # The same, for Outlook and older clients.
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    stamp, domain = now.astimezone(dt.UTC), uid_domain()
    for issue in issues:
        final = issue.final_deadline
        if final is not None:
            calendar.add_component(deadline_event(final, issue, stamp=stamp, domain=domain))
    return calendar


# --- views -----------------------------------------------------------------------------


def ics_response(calendar: Calendar, filename_slug: str) -> HttpResponse:
    """The calendar as a cacheable ``text/calendar`` response, shown inline."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{filename_slug}.ics"
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@require_safe
def special_issue_calendar_view(
    request: HttpRequest, journal_slug: str, issue_slug: str
) -> HttpResponse:
    """The .ics file of one published issue; 404 for a draft, restricted or unknown one."""
    journal = published_journal(journal_slug)
    issue = (
        SpecialIssuePage.objects.visible_to_public()
        .child_of(journal)
        .filter(slug=issue_slug)
        .prefetch_related("deadlines")
        .first()
    )
    if issue is None:
        raise Http404("No published special issue at this address.")
    return ics_response(issue_calendar(issue, timezone.now()), issue.slug)


@require_safe
def journal_calendar_view(request: HttpRequest, journal_slug: str) -> HttpResponse:
    """The .ics file of the journal's open calls (their final deadlines)."""
    journal = published_journal(journal_slug)
    now = timezone.now()
    issues = list(open_calls(journal, now).prefetch_related("deadlines"))
    return ics_response(journal_calendar(journal, issues, now), journal.slug)
