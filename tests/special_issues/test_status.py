"""A call's status at the edges of its days, in Python and in the database filter."""

import datetime as dt

import pytest
from django.db import transaction

from special_issues.models import Deadline, SpecialIssuePage
from special_issues.status import (
    ANYWHERE_ON_EARTH,
    DeadlineMoment,
    IssueStatus,
    derive_status,
    final_deadline,
)
from tests.factories import (
    DeadlineFactory,
    JournalPageFactory,
    PublishedArticleFactory,
    SpecialIssuePageFactory,
)

OPEN, CLOSED = IssueStatus.OPEN, IssueStatus.CLOSED
UPCOMING, COMPLETED = IssueStatus.UPCOMING, IssueStatus.COMPLETED
ONE_SECOND = dt.timedelta(seconds=1)


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def manuscript(date: dt.date, zone: str = ANYWHERE_ON_EARTH) -> DeadlineMoment:
    return DeadlineMoment(date=date, time_zone=zone, is_manuscript=True)


def other(date: dt.date, zone: str = ANYWHERE_ON_EARTH) -> DeadlineMoment:
    """An abstract or "other" deadline: not a full-manuscript one."""
    return DeadlineMoment(date=date, time_zone=zone, is_manuscript=False)


def status(deadlines, now, opening_date=None, has_articles=False) -> IssueStatus:
    return derive_status(
        opening_date=opening_date,
        deadlines=deadlines,
        has_published_articles=has_articles,
        now=now,
    )


# --- the deadline day ends at midnight in its own time zone --------------------------


@pytest.mark.parametrize(
    ("deadline_date", "zone", "first_closed_instant"),
    [
        pytest.param(dt.date(2022, 12, 31), ANYWHERE_ON_EARTH, "2023-01-01T12:00", id="AoE"),
        pytest.param(dt.date(2022, 12, 31), "Asia/Hong_Kong", "2022-12-31T16:00", id="Hong-Kong"),
        pytest.param(dt.date(2022, 12, 31), "UTC", "2023-01-01T00:00", id="UTC"),
        pytest.param(
            dt.date(2022, 7, 15), "America/New_York", "2022-07-16T04:00", id="New-York-summer"
        ),
        pytest.param(
            dt.date(2022, 12, 31), "America/New_York", "2023-01-01T05:00", id="New-York-winter"
        ),
        pytest.param(
            dt.date(2022, 11, 5), "America/New_York", "2022-11-06T04:00", id="New-York-DST-ends"
        ),
        pytest.param(dt.date(2022, 12, 31), "Pacific/Kiritimati", "2022-12-31T10:00", id="UTC+14"),
    ],
)
def test_call_is_open_through_the_whole_deadline_day_in_its_time_zone(
    deadline_date, zone, first_closed_instant
):
    closes = utc(first_closed_instant)
    deadlines = [manuscript(deadline_date, zone)]

    assert status(deadlines, closes - ONE_SECOND) is OPEN
    assert status(deadlines, closes) is CLOSED


def test_anywhere_on_earth_example_from_the_brief():
    deadlines = [manuscript(dt.date(2022, 12, 31))]

    assert status(deadlines, utc("2023-01-01T11:59:59")) is OPEN
    assert status(deadlines, utc("2023-01-01T12:00:00")) is CLOSED


# --- opening, no deadline, articles --------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "first_open_instant"),
    [
        pytest.param(ANYWHERE_ON_EARTH, "2023-01-10T12:00", id="AoE"),
        pytest.param("Asia/Hong_Kong", "2023-01-09T16:00", id="Hong-Kong"),
        pytest.param("UTC", "2023-01-10T00:00", id="UTC"),
    ],
)
def test_call_is_upcoming_until_its_opening_day_starts_in_the_deadline_zone(
    zone, first_open_instant
):
    opens = utc(first_open_instant)
    deadlines = [manuscript(dt.date(2023, 3, 31), zone)]
    opening = dt.date(2023, 1, 10)

    assert status(deadlines, opens - ONE_SECOND, opening_date=opening) is UPCOMING
    assert status(deadlines, opens, opening_date=opening) is OPEN


def test_opening_day_without_deadline_starts_anywhere_on_earth():
    opening = dt.date(2023, 1, 10)

    assert status([], utc("2023-01-10T11:59:59"), opening_date=opening) is UPCOMING
    assert status([], utc("2023-01-10T12:00:00"), opening_date=opening) is OPEN


@pytest.mark.parametrize(
    "now",
    [
        pytest.param(utc("1990-01-01T00:00"), id="long-ago"),
        pytest.param(utc("2099-12-31T23:59"), id="far-future"),
    ],
)
@pytest.mark.parametrize("has_articles", [False, True], ids=["no-articles", "with-articles"])
def test_call_without_deadline_stays_open(now, has_articles):
    assert status([], now, has_articles=has_articles) is OPEN


@pytest.mark.parametrize(
    ("now", "has_articles", "expected"),
    [
        pytest.param(utc("2023-01-01T11:59:59"), True, OPEN, id="open-with-early-articles"),
        pytest.param(utc("2023-01-01T12:00:00"), False, CLOSED, id="closed-no-articles"),
        pytest.param(utc("2023-01-01T12:00:00"), True, COMPLETED, id="closed-with-articles"),
    ],
)
def test_closed_call_with_articles_is_completed(now, has_articles, expected):
    deadlines = [manuscript(dt.date(2022, 12, 31))]

    assert status(deadlines, now, has_articles=has_articles) is expected


# --- which deadline closes the call --------------------------------------------------


def test_latest_manuscript_deadline_closes_the_call_even_if_another_is_later():
    deadlines = [
        other(dt.date(2022, 10, 1)),  # abstracts
        manuscript(dt.date(2022, 12, 31)),
        other(dt.date(2023, 3, 1)),  # e.g. "decision notification"
    ]

    assert final_deadline(deadlines) == manuscript(dt.date(2022, 12, 31))
    assert status(deadlines, utc("2023-01-01T11:59:59")) is OPEN
    assert status(deadlines, utc("2023-01-01T12:00:00")) is CLOSED


def test_extended_manuscript_deadline_wins_over_the_original():
    deadlines = [manuscript(dt.date(2022, 12, 31)), manuscript(dt.date(2023, 2, 28))]

    assert final_deadline(deadlines) == manuscript(dt.date(2023, 2, 28))
    assert status(deadlines, utc("2023-02-01T00:00")) is OPEN


def test_abstract_deadlines_count_when_there_is_no_manuscript_deadline():
    deadlines = [other(dt.date(2022, 10, 1)), other(dt.date(2022, 11, 1), "Asia/Hong_Kong")]

    assert final_deadline(deadlines) == other(dt.date(2022, 11, 1), "Asia/Hong_Kong")
    assert status(deadlines, utc("2022-10-31T15:59:59")) is OPEN
    assert status(deadlines, utc("2022-11-01T16:00:00")) is CLOSED


@pytest.mark.django_db
def test_page_status_uses_its_deadline_rows():
    issue = SpecialIssuePageFactory()
    DeadlineFactory(page=issue, kind=Deadline.Kind.ABSTRACT, date=dt.date(2022, 10, 1))
    DeadlineFactory(page=issue, date=dt.date(2022, 12, 31), time_zone="Asia/Hong_Kong")
    DeadlineFactory(page=issue, kind=Deadline.Kind.OTHER, date=dt.date(2023, 3, 1))
    issue = SpecialIssuePage.objects.get(pk=issue.pk)

    assert issue.submission_deadline == dt.date(2022, 12, 31)
    assert issue.final_deadline.closes_at == utc("2022-12-31T16:00")
    assert issue.status_at(utc("2022-12-31T15:59:59")) is OPEN
    assert issue.status_at(utc("2022-12-31T16:00:00")) is CLOSED


# --- the database filter agrees with the Python rule ---------------------------------

# 11:00 UTC on 15 June 2024: it is still the 14th Anywhere on Earth, and already past the
# end of the 15th on Kiritimati (UTC+14), so "today" differs from zone to zone.
NOW = utc("2024-06-15T11:00:00")
ZONES = [ANYWHERE_ON_EARTH, "UTC", "Asia/Hong_Kong", "America/New_York", "Pacific/Kiritimati"]


def issue_with(journal, *, deadlines=(), opening_date=None, articles=0) -> SpecialIssuePage:
    issue = SpecialIssuePageFactory(parent=journal, opening_date=opening_date)
    for sort_order, (kind, date, zone) in enumerate(deadlines):
        DeadlineFactory(page=issue, kind=kind, date=date, time_zone=zone, sort_order=sort_order)
    for _ in range(articles):
        PublishedArticleFactory(page=issue)
    return issue


@pytest.fixture(scope="module")
def issues_straddling_now(django_db_setup, django_db_blocker) -> list[SpecialIssuePage]:
    """Calls whose deadlines and openings fall around NOW in several time zones.

    Built once for the module inside a transaction that is rolled back afterwards
    (about 90 pages: building them for each status would be five times slower).
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            issues = _build_issues_straddling_now()
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    yield issues
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _build_issues_straddling_now() -> list[SpecialIssuePage]:
    journal = JournalPageFactory(title="Status filter journal")
    today = NOW.date()
    ms, abstract, other_kind = (
        Deadline.Kind.FULL_MANUSCRIPT,
        Deadline.Kind.ABSTRACT,
        Deadline.Kind.OTHER,
    )
    issues = []
    for zone in ZONES:
        for days in (-2, -1, 0, 1, 2):
            date = today + dt.timedelta(days=days)
            issues.append(issue_with(journal, deadlines=[(ms, date, zone)]))
            issues.append(issue_with(journal, deadlines=[(ms, date, zone)], articles=1))
            # Opening near now, deadline far away in the same zone.
            far = (ms, today + dt.timedelta(days=60), zone)
            issues.append(issue_with(journal, deadlines=[far], opening_date=date))
    # Certain cases, far from any day boundary.
    far_past, far_future = today - dt.timedelta(days=30), today + dt.timedelta(days=30)
    issues += [
        issue_with(journal, opening_date=far_future),
        issue_with(journal, deadlines=[(ms, far_past, "UTC")]),
        issue_with(journal, deadlines=[(ms, far_past, "UTC")], articles=1),
        issue_with(journal, deadlines=[(ms, far_future, "UTC")], opening_date=far_past),
        # The manuscript deadline closes it, although a later "other" deadline is near now.
        issue_with(journal, deadlines=[(ms, far_past, "UTC"), (other_kind, today, "UTC")]),
        # Manuscript deadline today in Hong Kong (the day ends at 16:00 UTC: still open),
        # after an abstract deadline long past.
        issue_with(
            journal,
            deadlines=[(abstract, far_past, "UTC"), (ms, today, "Asia/Hong_Kong")],
        ),
        # Abstract deadlines only: the latest one closes the call.
        issue_with(
            journal,
            deadlines=[
                (abstract, today - dt.timedelta(days=1), "UTC"),
                (abstract, today, "Pacific/Kiritimati"),
            ],
        ),
        # Two manuscript deadlines on the same date in different zones: the first listed.
        issue_with(
            journal,
            deadlines=[(ms, today, "Pacific/Kiritimati"), (ms, today, ANYWHERE_ON_EARTH)],
        ),
        # No deadline yet: open, whatever the opening date in the past or the articles.
        issue_with(journal),
        issue_with(journal, articles=2),
        issue_with(journal, opening_date=far_past),
    ]
    return issues


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wanted",
    [
        pytest.param(IssueStatus.UPCOMING, id="UPCOMING"),
        pytest.param(IssueStatus.OPEN, id="OPEN"),
        pytest.param(IssueStatus.CLOSED, id="CLOSED"),
        pytest.param(IssueStatus.COMPLETED, id="COMPLETED"),
    ],
)
def test_database_status_filter_agrees_with_python(issues_straddling_now, wanted):
    pages = SpecialIssuePage.objects.filter(pk__in=[issue.pk for issue in issues_straddling_now])
    expected = {
        issue.pk
        for issue in pages.prefetch_related("deadlines", "published_articles")
        if issue.status_at(NOW) is wanted
    }

    found = {issue.pk for issue in pages.with_status(wanted, NOW)}

    assert expected, f"the fixture should hold at least one {wanted} call"
    assert found == expected


@pytest.mark.django_db
def test_open_calls_listing_includes_a_call_without_deadline(journal, gql):
    SpecialIssuePageFactory(parent=journal, title="Open-ended call", slug="open-ended")
    dated = SpecialIssuePageFactory(parent=journal, title="Dated call", slug="dated")
    DeadlineFactory(page=dated, date=dt.date(2099, 1, 1))

    status_code, body = gql('{ specialIssues(journal: "cdr", status: OPEN) { items { slug } } }')

    assert status_code == 200
    assert {item["slug"] for item in body["data"]["specialIssues"]["items"]} == {
        "open-ended",
        "dated",
    }
