"""Time as content: announce calls whose status changed because the clock moved.

Nothing is published when a call opens or its deadline day ends, so no publish signal
fires. ``announce_clock_changes(now)`` compares each published call's derived status
with the one last announced (``CallAnnouncement``) and, for each difference, sends
``content_changed`` (cache invalidation and revalidation webhooks) exactly once: the
announcement row is claimed with a conditional UPDATE, so overlapping runs cannot both
send it. It also sends one ``deadline-reminder`` per final deadline that is
``SPECIAL_ISSUES["DEADLINE_REMINDER_DAYS"]`` days away or less.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Prefetch

from special_issues.change_tracking import announce
from special_issues.conf import get_setting
from special_issues.models import CallAnnouncement, Deadline, SpecialIssuePage
from special_issues.status import IssueStatus


@dataclass
class ClockReport:
    """What one run announced."""

    transitions: list[tuple[str, str, str]] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)


def _claim_transition(issue: SpecialIssuePage, status: IssueStatus, now: dt.datetime) -> str | None:
    """Record ``status`` as announced; return the previous status if this run won."""
    try:
        with transaction.atomic():
            record, created = CallAnnouncement.objects.get_or_create(
                page=issue, defaults={"status": status.value, "announced_at": now}
            )
    except IntegrityError:  # another run created it at the same moment
        return None
    if created:
        return ""
    if record.status == status.value:
        return None
    won = CallAnnouncement.objects.filter(pk=record.pk, status=record.status).update(
        status=status.value, announced_at=now
    )
    return record.status if won else None


def _claim_reminder(issue: SpecialIssuePage, deadline: dt.date) -> bool:
    updated = (
        CallAnnouncement.objects.filter(page=issue)
        .exclude(reminded_deadline=deadline)
        .update(reminded_deadline=deadline)
    )
    return bool(updated)


def announce_clock_changes(now: dt.datetime) -> ClockReport:
    """Announce every status change and due reminder of published calls at ``now``."""
    report = ClockReport()
    reminder_days = get_setting("DEADLINE_REMINDER_DAYS")
    issues = (
        SpecialIssuePage.objects.listed_publicly(now)
        .prefetch_related(
            Prefetch("deadlines", queryset=Deadline.objects.all()), "published_articles"
        )
        .order_by("pk")
    )
    for issue in issues.iterator(chunk_size=500):
        status = issue.status_at(now)
        previous = _claim_transition(issue, status, now)
        if previous:
            # A first sighting ("") only records the status: nothing changed for readers.
            with transaction.atomic():
                announce([issue], reason="status-changed", membership=True)
            report.transitions.append((issue.slug, previous, status.value))
        final = issue.final_deadline
        if (
            reminder_days
            and status is IssueStatus.OPEN
            and final is not None
            and 0 <= (final.date - now.date()).days <= reminder_days
            and _claim_reminder(issue, final.date)
        ):
            with transaction.atomic():
                announce([issue], reason="deadline-reminder", membership=False)
            report.reminders.append(issue.slug)
    return report
