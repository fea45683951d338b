"""iCalendar files: one issue's dates, and a journal's open calls, as all-day events."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from special_issues import conf
from special_issues.calendar import deadline_statement
from special_issues.models import Deadline, SpecialIssuePage
from special_issues.status import ANYWHERE_ON_EARTH
from special_issues.urls import (
    issue_calendar_path,
    issue_calendar_url,
    journal_calendar_path,
    journal_calendar_url,
)
from tests.factories import (
    DeadlineFactory,
    JournalPageFactory,
    PublishedArticleFactory,
    SpecialIssuePageFactory,
    publish,
)

FRONTEND = "https://journals.example.org"
SEED_TITLE = "Extracellular Vesicles: Emerging Modulators of Cancer Drug Resistance"
SEED_SLUG = "extracellular-vesicles-cancer-drug-resistance"


@pytest.fixture(autouse=True)
def frontend(settings):
    settings.SPECIAL_ISSUES = {"FRONTEND_BASE_URL": FRONTEND}


@pytest.fixture
def seed_issue(journal):
    """Like the seed page: one full-manuscript deadline, 31 Dec 2022 Anywhere on Earth."""
    issue = SpecialIssuePageFactory(parent=journal, title=SEED_TITLE, slug=SEED_SLUG)
    DeadlineFactory(page=issue, date=dt.date(2022, 12, 31), time_zone=ANYWHERE_ON_EARTH)
    return publish(issue)


def fetch(client, url: str) -> tuple[Calendar, str]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    return Calendar.from_ical(text), text


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def uids(calendar: Calendar) -> list[str]:
    return [str(event["UID"]) for event in events(calendar)]


# --- one issue ---------------------------------------------------------------------------


def test_seed_like_issue_gives_an_all_day_event_on_the_deadline_date(client, seed_issue):
    response = client.get(f"/calendar/cdr/{SEED_SLUG}.ics")
    calendar = Calendar.from_ical(response.content)

    assert response["Content-Disposition"] == f'inline; filename="{SEED_SLUG}.ics"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == SEED_TITLE

    [event] = events(calendar)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    # A date, not a datetime: an all-day event, shown on 31 December in every zone.
    assert type(start) is dt.date and start == dt.date(2022, 12, 31)
    assert type(end) is dt.date and end == dt.date(2023, 1, 1)
    assert b"DTSTART;VALUE=DATE:20221231" in response.content
    assert b"DTEND;VALUE=DATE:20230101" in response.content
    assert str(event["SUMMARY"]) == f"Full manuscript deadline: {SEED_TITLE}"
    page_url = f"{FRONTEND}/cdr/{SEED_SLUG}/"
    assert str(event["URL"]) == page_url
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Submissions accepted until the end of 31 Dec 2022, Anywhere on Earth (UTC−12), "
        "that is until 12:00 UTC on 1 Jan 2023."
    )
    assert description.endswith(page_url)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_abstract_and_full_manuscript_deadlines_are_two_events_with_their_own_summaries(
    client, journal
):
    issue = SpecialIssuePageFactory(parent=journal, title="Organoids", slug="organoids")
    DeadlineFactory(page=issue, kind=Deadline.Kind.FULL_MANUSCRIPT, date=dt.date(2026, 12, 31))
    DeadlineFactory(page=issue, kind=Deadline.Kind.ABSTRACT, date=dt.date(2026, 9, 30))
    DeadlineFactory(page=issue, label="Extended deadline", date=dt.date(2027, 1, 31))

    calendar, _ = fetch(client, "/calendar/cdr/organoids.ics")

    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events(calendar)] == [
        ("Abstract deadline: Organoids", dt.date(2026, 9, 30)),
        ("Full manuscript deadline: Organoids", dt.date(2026, 12, 31)),
        ("Extended deadline: Organoids", dt.date(2027, 1, 31)),
    ]
    abstract = events(calendar)[0]
    assert str(abstract["DESCRIPTION"]).startswith("Abstracts accepted until the end of 30 Sep")


def test_the_opening_date_is_an_all_day_event_before_the_deadlines(client, journal):
    issue = SpecialIssuePageFactory(
        parent=journal,
        title="Spatial omics",
        slug="spatial-omics",
        opening_date=dt.date(2026, 3, 1),
    )
    DeadlineFactory(page=issue, date=dt.date(2026, 12, 31))

    calendar, text = fetch(client, "/calendar/cdr/spatial-omics.ics")

    opening, deadline = events(calendar)
    assert str(opening["SUMMARY"]) == "Submissions open: Spatial omics"
    assert opening.decoded("DTSTART") == dt.date(2026, 3, 1)
    assert opening.decoded("DTEND") == dt.date(2026, 3, 2)
    assert "DTSTART;VALUE=DATE:20260301" in text
    assert str(opening["UID"]) == f"opening-{issue.pk}@journals.example.org"
    assert str(deadline["SUMMARY"]) == "Full manuscript deadline: Spatial omics"


def test_an_issue_without_dates_gives_an_empty_calendar(client, journal):
    SpecialIssuePageFactory(parent=journal, title="Undated", slug="undated")

    calendar, _ = fetch(client, "/calendar/cdr/undated.ics")

    assert str(calendar["X-WR-CALNAME"]) == "Undated"
    assert events(calendar) == []


def test_uids_are_stable_across_requests_and_distinct_per_event(client, seed_issue):
    DeadlineFactory(page=seed_issue, kind=Deadline.Kind.ABSTRACT, date=dt.date(2022, 10, 31))
    url = f"/calendar/cdr/{SEED_SLUG}.ics"

    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False):
        first, _ = fetch(client, url)
    with time_machine.travel(dt.datetime(2026, 1, 2, tzinfo=dt.UTC), tick=False):
        second, _ = fetch(client, url)

    assert uids(first) == uids(second)
    assert len(set(uids(first))) == 2
    deadline_pks = sorted(seed_issue.deadlines.values_list("pk", flat=True))
    assert sorted(uids(first)) == sorted(
        f"deadline-{pk}@journals.example.org" for pk in deadline_pks
    )
    # DTSTAMP is when the file was made; it is the only thing that changed.
    assert events(first)[0].decoded("DTSTAMP") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert events(second)[0].decoded("DTSTAMP") == dt.datetime(2026, 1, 2, tzinfo=dt.UTC)


def test_a_moved_deadline_keeps_its_uid(client, seed_issue):
    url = f"/calendar/cdr/{SEED_SLUG}.ics"
    [before] = uids(fetch(client, url)[0])

    seed_issue.deadlines.update(date=dt.date(2023, 1, 31))

    calendar, _ = fetch(client, url)
    assert uids(calendar) == [before]
    assert events(calendar)[0].decoded("DTSTART") == dt.date(2023, 1, 31)


def _draft(journal) -> SpecialIssuePage:
    return SpecialIssuePageFactory(parent=journal, title="Secret draft", slug="hidden", live=False)


def _unpublished(journal) -> SpecialIssuePage:
    issue = publish(
        SpecialIssuePageFactory(parent=journal, title="Secret withdrawn", slug="hidden")
    )
    issue.unpublish()
    return issue


def _password_protected(journal) -> SpecialIssuePage:
    issue = SpecialIssuePageFactory(parent=journal, title="Secret restricted", slug="hidden")
    PageViewRestriction.objects.create(
        page=issue, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    return issue


def _under_unpublished_journal(journal) -> SpecialIssuePage:
    issue = SpecialIssuePageFactory(parent=journal, title="Secret orphan", slug="hidden")
    journal.unpublish()
    return issue


@pytest.mark.parametrize(
    "make_issue",
    [
        pytest.param(_draft, id="draft"),
        pytest.param(_unpublished, id="unpublished"),
        pytest.param(_password_protected, id="password-restricted"),
        pytest.param(_under_unpublished_journal, id="journal-unpublished"),
    ],
)
def test_an_issue_the_public_cannot_see_is_not_found_and_its_title_not_leaked(
    client, journal, make_issue
):
    issue = make_issue(journal)
    DeadlineFactory(page=issue, date=dt.date(2026, 12, 31))

    response = client.get("/calendar/cdr/hidden.ics")

    assert response.status_code == 404
    assert b"Secret" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/calendar/cdr/no-such-issue.ics", id="unknown-issue"),
        pytest.param(f"/calendar/no-such-journal/{SEED_SLUG}.ics", id="unknown-journal"),
        pytest.param(f"/calendar/other-journal/{SEED_SLUG}.ics", id="issue-of-another-journal"),
    ],
)
def test_an_unknown_address_is_not_found(client, seed_issue, url):
    JournalPageFactory(title="Other journal", slug="other-journal")

    response = client.get(url)

    assert response.status_code == 404
    assert SEED_TITLE.encode() not in response.content


def test_only_get_and_head_are_allowed(client, seed_issue):
    url = f"/calendar/cdr/{SEED_SLUG}.ics"

    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


@pytest.mark.parametrize(
    ("date", "zone", "statement"),
    [
        pytest.param(
            dt.date(2022, 12, 31),
            ANYWHERE_ON_EARTH,
            "Submissions accepted until the end of 31 Dec 2022, Anywhere on Earth (UTC−12), "
            "that is until 12:00 UTC on 1 Jan 2023.",
            id="AoE",
        ),
        pytest.param(
            dt.date(2022, 12, 31),
            "UTC",
            "Submissions accepted until the end of 31 Dec 2022, UTC.",
            id="UTC",
        ),
        pytest.param(
            dt.date(2022, 12, 31),
            "Asia/Hong_Kong",
            "Submissions accepted until the end of 31 Dec 2022, Asia/Hong Kong time (UTC+8), "
            "that is until 16:00 UTC on 31 Dec 2022.",
            id="Hong-Kong",
        ),
        pytest.param(
            dt.date(2022, 7, 5),
            "America/New_York",
            "Submissions accepted until the end of 5 Jul 2022, America/New York time (UTC−4), "
            "that is until 04:00 UTC on 6 Jul 2022.",
            id="New-York-summer",
        ),
        pytest.param(
            dt.date(2022, 3, 1),
            "Asia/Kolkata",
            "Submissions accepted until the end of 1 Mar 2022, Asia/Kolkata time (UTC+5:30), "
            "that is until 18:30 UTC on 1 Mar 2022.",
            id="Kolkata",
        ),
    ],
)
def test_the_description_states_the_cut_off_in_its_zone_and_in_utc(date, zone, statement):
    deadline = Deadline(kind=Deadline.Kind.FULL_MANUSCRIPT, date=date, time_zone=zone)

    assert deadline_statement(deadline) == statement


# --- a journal's open calls --------------------------------------------------------------

# 15 June 2026, noon UTC.
NOW = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)


def _issue(journal, title: str, *deadlines: dt.date, **fields) -> SpecialIssuePage:
    issue = SpecialIssuePageFactory(parent=journal, title=title, **fields)
    for date in deadlines:
        DeadlineFactory(page=issue, date=date)
    return issue


def test_the_journal_calendar_lists_the_final_deadline_of_each_open_call(client, journal):
    later = _issue(journal, "Open later", dt.date(2026, 12, 31))
    sooner = _issue(journal, "Open sooner", dt.date(2026, 9, 30))
    DeadlineFactory(page=sooner, kind=Deadline.Kind.ABSTRACT, date=dt.date(2026, 7, 31))
    _issue(journal, "Open without a deadline")
    _issue(journal, "Upcoming", dt.date(2027, 3, 31), opening_date=dt.date(2026, 9, 1))
    _issue(journal, "Closed", dt.date(2026, 1, 31))
    PublishedArticleFactory(page=_issue(journal, "Completed", dt.date(2025, 12, 31)))
    _issue(journal, "Draft", dt.date(2026, 11, 30), live=False)
    _issue(JournalPageFactory(), "Another journal's call", dt.date(2026, 10, 31))

    with time_machine.travel(NOW, tick=False):
        calendar, _ = fetch(client, "/calendar/cdr.ics")

    assert str(calendar["X-WR-CALNAME"]) == "Cancer Drug Resistance — open calls for papers"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events(calendar)] == [
        ("Full manuscript deadline: Open sooner", dt.date(2026, 9, 30)),
        ("Full manuscript deadline: Open later", dt.date(2026, 12, 31)),
    ]
    assert [str(e["URL"]) for e in events(calendar)] == [
        f"{FRONTEND}/cdr/{sooner.slug}/",
        f"{FRONTEND}/cdr/{later.slug}/",
    ]
    # The same event, with the same UID, as in the issue's own calendar.
    sooner_final = sooner.deadlines.get(kind=Deadline.Kind.FULL_MANUSCRIPT)
    assert uids(calendar)[0] == f"deadline-{sooner_final.pk}@journals.example.org"


@pytest.mark.parametrize(
    ("now", "listed"),
    [
        pytest.param("2023-01-01T11:59:59", True, id="last-second-of-31-Dec-AoE"),
        pytest.param("2023-01-01T12:00:00", False, id="1-Jan-everywhere"),
    ],
)
def test_a_call_stays_in_the_journal_calendar_through_its_whole_deadline_day(
    client, seed_issue, now, listed
):
    moment = dt.datetime.fromisoformat(now).replace(tzinfo=dt.UTC)

    with time_machine.travel(moment, tick=False):
        calendar, _ = fetch(client, "/calendar/cdr.ics")

    assert bool(events(calendar)) is listed


def test_the_journal_calendar_response_headers(client, journal):
    response = client.get("/calendar/cdr.ics")

    assert response["Content-Disposition"] == 'inline; filename="cdr.ics"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in response.content
    assert b"X-PUBLISHED-TTL:PT12H" in response.content


def _count_queries(client) -> tuple[int, int]:
    """(queries, events) for one request of the journal calendar at NOW."""
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        calendar, _ = fetch(client, "/calendar/cdr.ics")
    return len(queries.captured_queries), len(events(calendar))


def test_the_journal_calendar_costs_the_same_queries_for_many_calls(client, journal):
    _issue(journal, "First", dt.date(2026, 12, 31))
    _count_queries(client)  # warms Wagtail's cache of site root paths
    one, listed = _count_queries(client)
    assert listed == 1

    for n in range(5):
        _issue(journal, f"More {n}", dt.date(2026, 12, 1 + n))
    many, listed = _count_queries(client)

    assert listed == 6
    assert many == one


@pytest.mark.parametrize(
    "make_journal",
    [
        pytest.param(lambda: None, id="unknown"),
        pytest.param(
            lambda: JournalPageFactory(title="Secret journal", slug="hidden", live=False),
            id="draft",
        ),
    ],
)
def test_an_unknown_or_unpublished_journal_is_not_found(client, db, make_journal):
    make_journal()

    response = client.get("/calendar/hidden.ics")

    assert response.status_code == 404
    assert b"Secret" not in response.content


# --- URL helpers (what the GraphQL fields return) ----------------------------------------


def test_calendar_paths_are_reversed_from_the_routes(seed_issue, journal):
    assert issue_calendar_path(seed_issue) == f"/calendar/cdr/{SEED_SLUG}.ics"
    assert journal_calendar_path(journal) == "/calendar/cdr.ics"


def test_the_issue_path_needs_no_query(seed_issue, django_assert_num_queries):
    issue = SpecialIssuePage.objects.get(pk=seed_issue.pk)

    with django_assert_num_queries(0):
        assert issue_calendar_path(issue) == f"/calendar/cdr/{SEED_SLUG}.ics"


def test_calendar_urls_are_paths_until_a_public_base_url_is_set(
    seed_issue, journal, settings, monkeypatch
):
    assert issue_calendar_url(seed_issue) == f"/calendar/cdr/{SEED_SLUG}.ics"
    assert journal_calendar_url(journal) == "/calendar/cdr.ics"

    monkeypatch.setitem(conf.DEFAULTS, "PUBLIC_BASE_URL", "")
    settings.SPECIAL_ISSUES = {
        "FRONTEND_BASE_URL": FRONTEND,
        "PUBLIC_BASE_URL": "https://cms.example.org/",
    }

    assert issue_calendar_url(seed_issue) == f"https://cms.example.org/calendar/cdr/{SEED_SLUG}.ics"
    assert journal_calendar_url(journal) == "https://cms.example.org/calendar/cdr.ics"
