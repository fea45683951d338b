"""Time as content: a deadline passing is announced once, without anyone publishing."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from graphql_api.models import WebhookDelivery
from special_issues.clock import announce_clock_changes
from special_issues.models import CallAnnouncement
from tests.factories import DeadlineFactory, SpecialIssuePageFactory, publish

# 31 Dec 2026 Anywhere on Earth ends at 1 Jan 2027 12:00 UTC.
BEFORE_END = dt.datetime(2027, 1, 1, 11, 59, tzinfo=dt.UTC)
AFTER_END = dt.datetime(2027, 1, 1, 12, 1, tzinfo=dt.UTC)
LISTING = "{ specialIssues(status: OPEN) { items { slug } } }"


@pytest.fixture
def webhooks(settings):
    settings.GRAPHQL_API = {
        **settings.GRAPHQL_API,
        "REVALIDATION_WEBHOOKS": [{"url": "http://127.0.0.1:9/hook", "secret": "s" * 40}],
    }


@pytest.fixture
def call(journal):
    issue = SpecialIssuePageFactory(parent=journal, title="Exosomes", slug="exosomes")
    DeadlineFactory(page=issue, date=dt.date(2026, 12, 31))
    return publish(issue)


def run_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return announce_clock_changes(moment)


def test_a_deadline_passing_fires_exactly_one_notice(
    call, webhooks, django_capture_on_commit_callbacks
):
    run_at(BEFORE_END, django_capture_on_commit_callbacks)
    WebhookDelivery.objects.all().delete()  # the first sighting is recorded, not announced

    first = run_at(AFTER_END, django_capture_on_commit_callbacks)
    second = run_at(AFTER_END + dt.timedelta(minutes=1), django_capture_on_commit_callbacks)

    assert first.transitions == [("exosomes", "OPEN", "CLOSED")]
    assert second.transitions == []
    [delivery] = WebhookDelivery.objects.filter(event="status-changed")
    assert delivery.payload["paths"] == ["/cdr/exosomes/"]
    assert CallAnnouncement.objects.get(page=call).status == "CLOSED"


def test_the_cached_listing_drops_the_call_when_its_deadline_passes(
    call, client, django_capture_on_commit_callbacks
):
    with time_machine.travel(BEFORE_END, tick=False):
        run_at(BEFORE_END, django_capture_on_commit_callbacks)
        before = client.post("/graphql/", {"query": LISTING}, content_type="application/json")
    with time_machine.travel(AFTER_END, tick=False):
        run_at(AFTER_END, django_capture_on_commit_callbacks)
        after = client.post("/graphql/", {"query": LISTING}, content_type="application/json")

    assert before.json()["data"]["specialIssues"]["items"] == [{"slug": "exosomes"}]
    assert after.json()["data"]["specialIssues"]["items"] == []


def test_a_reminder_goes_out_once_a_week_before_the_deadline(
    call, webhooks, django_capture_on_commit_callbacks
):
    week_before = dt.datetime(2026, 12, 24, 9, tzinfo=dt.UTC)
    run_at(week_before - dt.timedelta(days=1), django_capture_on_commit_callbacks)
    first = run_at(week_before, django_capture_on_commit_callbacks)
    again = run_at(week_before + dt.timedelta(hours=1), django_capture_on_commit_callbacks)

    assert first.reminders == ["exosomes"]
    assert again.reminders == []
    assert WebhookDelivery.objects.filter(event="deadline-reminder").count() == 1


def test_an_extended_deadline_reopens_and_closes_again(call, django_capture_on_commit_callbacks):
    run_at(BEFORE_END, django_capture_on_commit_callbacks)
    closed = run_at(AFTER_END, django_capture_on_commit_callbacks)
    deadline = call.deadlines.get()
    deadline.date = dt.date(2027, 1, 31)
    deadline.save()
    reopened = run_at(AFTER_END + dt.timedelta(minutes=5), django_capture_on_commit_callbacks)

    assert closed.transitions == [("exosomes", "OPEN", "CLOSED")]
    assert reopened.transitions == [("exosomes", "CLOSED", "OPEN")]


def test_the_command_prints_what_it_announced(call, capsys, django_capture_on_commit_callbacks):
    run_at(BEFORE_END, django_capture_on_commit_callbacks)
    with (
        time_machine.travel(AFTER_END, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("update_call_statuses")

    assert "exosomes: OPEN → CLOSED" in capsys.readouterr().out
