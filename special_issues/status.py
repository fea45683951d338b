"""How a call's status follows from its dates and content (never typed in by hand).

* UPCOMING  — the opening date has not come yet where the call's deadline is set.
* OPEN      — opened, and the final deadline day has not ended in its time zone
              (a call with no deadline yet stays open).
* CLOSED    — the final deadline day has ended in its time zone; no article yet.
* COMPLETED — closed, and articles have been published in the issue.

A deadline is a calendar date in a time zone (default Anywhere on Earth, UTC−12): the
call is open through the whole of that day there, which is the last moment it is still
that date anywhere on Earth.
"""

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ANYWHERE_ON_EARTH = "Etc/GMT+12"


class IssueStatus(enum.StrEnum):
    """Status of a call for papers, in the order a call goes through them."""

    UPCOMING = "UPCOMING"
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    COMPLETED = "COMPLETED"


@dataclass(frozen=True)
class DeadlineMoment:
    """A deadline as the status rules see it: a date, a time zone, and whether it is final."""

    date: dt.date
    time_zone: str
    is_manuscript: bool


def final_deadline(deadlines: Iterable[DeadlineMoment]) -> DeadlineMoment | None:
    """The deadline that closes the call: the latest full-manuscript deadline, else the latest.

    Among deadlines on the same date the first listed wins (the database queries that
    filter by status pick the same one).
    """
    deadlines = list(deadlines)
    manuscript = [d for d in deadlines if d.is_manuscript]
    candidates = manuscript or deadlines
    if not candidates:
        return None
    return max(candidates, key=lambda d: d.date)


def end_of_day(date: dt.date, time_zone: str) -> dt.datetime:
    """The first instant after ``date`` ends in ``time_zone`` (an aware UTC datetime)."""
    zone = ZoneInfo(time_zone)
    next_midnight = dt.datetime.combine(date + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return next_midnight.astimezone(dt.UTC)


def start_of_day(date: dt.date, time_zone: str) -> dt.datetime:
    """The first instant of ``date`` in ``time_zone`` (an aware UTC datetime)."""
    zone = ZoneInfo(time_zone)
    return dt.datetime.combine(date, dt.time.min, tzinfo=zone).astimezone(dt.UTC)


def derive_status(
    *,
    opening_date: dt.date | None,
    deadlines: Iterable[DeadlineMoment],
    has_published_articles: bool,
    now: dt.datetime,
) -> IssueStatus:
    """Return the status of a call at the instant ``now`` (an aware datetime)."""
    final = final_deadline(deadlines)
    zone = final.time_zone if final else ANYWHERE_ON_EARTH
    if opening_date and now < start_of_day(opening_date, zone):
        return IssueStatus.UPCOMING
    if final is None or now < end_of_day(final.date, final.time_zone):
        return IssueStatus.OPEN
    if has_published_articles:
        return IssueStatus.COMPLETED
    return IssueStatus.CLOSED


def status_from_facts(
    *,
    opening_date: dt.date | None,
    final_deadline_date: dt.date | None,
    final_deadline_time_zone: str,
    has_published_articles: bool,
    now: dt.datetime,
) -> IssueStatus:
    """The status at ``now`` from the stored facts (the same rule as ``derive_status``)."""
    deadlines = []
    if final_deadline_date is not None:
        deadlines.append(
            DeadlineMoment(
                date=final_deadline_date,
                time_zone=final_deadline_time_zone or ANYWHERE_ON_EARTH,
                is_manuscript=True,
            )
        )
    return derive_status(
        opening_date=opening_date,
        deadlines=deadlines,
        has_published_articles=has_published_articles,
        now=now,
    )
