"""Dashboard panels: calls closing soon, open calls missing editors or deadlines, completed
issues below their journal's article minimum."""

import datetime as dt
import itertools
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from special_issues.admin.roles import grant_journal_editor
from special_issues.models import GuestEditor
from tests.factories import (
    DeadlineFactory,
    GuestEditorFactory,
    JournalPageFactory,
    PublishedArticleFactory,
    SpecialIssuePageFactory,
)

CLOSING_SOON = "special_issues_closing_soon"
INCOMPLETE = "special_issues_incomplete_open_calls"
BELOW_MINIMUM = "special_issues_below_article_minimum"
TODAY = timezone.now().astimezone(dt.UTC).date()
numbers = itertools.count()


def in_days(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def issue(journal, title, *, deadline=None, editor=True, articles=0, **kwargs):
    page = SpecialIssuePageFactory(parent=journal, title=title, **kwargs)
    if deadline:
        DeadlineFactory(page=page, date=deadline)
    if editor:
        GuestEditorFactory(page=page, role=GuestEditor.Role.LEAD_GUEST_EDITOR)
    for _ in range(articles):
        PublishedArticleFactory(page=page)
    return page


def build_issues() -> SimpleNamespace:
    cdr = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    lenient = JournalPageFactory(title="Zoology Letters", slug="zoology", min_published_articles=2)
    return SimpleNamespace(
        cdr=cdr,
        lenient=lenient,
        closing_soon=issue(cdr, "Exosomes Closing Soon", deadline=in_days(10)),
        closing_draft=issue(cdr, "Draft Closing in Five Days", deadline=in_days(5), live=False),
        closing_later=issue(cdr, "Closing in Two Months", deadline=in_days(60)),
        no_editor=issue(lenient, "Call Without Editor", deadline=in_days(100), editor=False),
        no_deadline=issue(cdr, "Call Without Deadline"),
        bare=issue(lenient, "Call With Nothing", editor=False),
        thin=issue(cdr, "Thin Completed Issue", deadline=dt.date(2001, 6, 30), articles=2),
        enough=issue(lenient, "Completed With Enough", deadline=dt.date(2001, 6, 30), articles=2),
        closed=issue(cdr, "Closed Without Articles", deadline=dt.date(2002, 1, 31)),
    )


@pytest.fixture(scope="module")
def issues(django_db_setup, django_db_blocker):
    """Issues in every situation the panels look for; built once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_issues()
        transaction.set_rollback(True)


def panel_rows(response, panel: str) -> dict[str, str] | None:
    """The panel's rows by issue title (visible text of the row), or None if not shown."""
    html = response.content.decode()
    match = re.search(rf'data-special-issues-panel="{panel}">(.*?)</table>', html, flags=re.S)
    if match is None:
        return None
    rows = {}
    for row in re.findall(r"<tr data-issue-id.*?</tr>", match.group(1), flags=re.S):
        title = re.search(r'title="Edit this special issue">(.*?)</a>', row).group(1)
        rows[title] = " ".join(re.sub(r"<[^>]+>", " ", row).split())
    return rows


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response


def test_calls_closing_in_the_next_30_days_soonest_first(admin_client, issues):
    rows = panel_rows(dashboard(admin_client), CLOSING_SOON)

    assert list(rows) == ["Draft Closing in Five Days", "Exosomes Closing Soon"]
    assert "Closes in 10 days" in rows["Exosomes Closing Soon"]
    assert "Cancer Drug Resistance" in rows["Exosomes Closing Soon"]
    assert "Draft" in rows["Draft Closing in Five Days"]
    assert "Draft" not in rows["Exosomes Closing Soon"]


def test_closing_soon_links_to_the_filtered_listing(admin_client, issues):
    html = dashboard(admin_client).content.decode()

    assert (
        f"/admin/special-issues/?call_status=OPEN&amp;deadline_from={TODAY.isoformat()}"
        f"&amp;deadline_to={in_days(30).isoformat()}"
    ) in html


def test_open_calls_without_guest_editor_or_deadline(admin_client, issues):
    rows = panel_rows(dashboard(admin_client), INCOMPLETE)

    assert rows == {
        "Call Without Deadline": "Call Without Deadline Cancer Drug Resistance No deadline",
        "Call Without Editor": "Call Without Editor Zoology Letters No guest editor",
        "Call With Nothing": "Call With Nothing Zoology Letters No guest editor, no deadline",
    }


def test_completed_issues_below_their_journals_minimum(admin_client, issues):
    rows = panel_rows(dashboard(admin_client), BELOW_MINIMUM)

    assert rows == {
        "Thin Completed Issue": "Thin Completed Issue Cancer Drug Resistance "
        "2 of 5 articles published"
    }


def test_a_journal_editor_sees_only_their_journals_issues(client, issues):
    editor = get_user_model().objects.create_user("zoe", password="pw")  # noqa: S106
    grant_journal_editor(editor, issues.lenient)
    client.force_login(editor)

    response = dashboard(client)

    assert panel_rows(response, CLOSING_SOON) is None, "nothing closing soon in Zoology Letters"
    assert set(panel_rows(response, INCOMPLETE)) == {"Call Without Editor", "Call With Nothing"}
    assert panel_rows(response, BELOW_MINIMUM) is None


def test_panels_are_hidden_when_there_is_nothing_to_show(client, issues):
    editor = get_user_model().objects.create_user("new", password="pw")  # noqa: S106
    grant_journal_editor(editor, JournalPageFactory(title="New Journal", slug="new-journal"))
    client.force_login(editor)

    html = dashboard(client).content.decode()

    assert "data-special-issues-panel" not in html
    assert "Calls closing in the next 30 days" not in html


def test_query_count_does_not_grow_with_the_number_of_issues(admin_client, issues):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            dashboard(admin_client)
        return len(queries)

    dashboard(admin_client)  # warm per-process caches
    few = count()
    for _ in range(3):
        issue(issues.cdr, f"Closing Too {next(numbers)}", deadline=in_days(3))
        issue(issues.lenient, f"Bare Too {next(numbers)}", editor=False)
        issue(issues.cdr, f"Thin Too {next(numbers)}", deadline=dt.date(2001, 1, 1), articles=1)

    assert count() == few
