"""The facts stored on an issue's row follow its deadline and article rows however they change."""

import datetime as dt

import pytest

from special_issues.models import Deadline, PublishedArticle, SpecialIssuePage
from special_issues.models.stored_facts import refresh
from special_issues.status import ANYWHERE_ON_EARTH
from tests.factories import DeadlineFactory, PublishedArticleFactory, SpecialIssuePageFactory

pytestmark = pytest.mark.django_db

MS, ABSTRACT = Deadline.Kind.FULL_MANUSCRIPT, Deadline.Kind.ABSTRACT


def stored(issue: SpecialIssuePage) -> tuple:
    row = SpecialIssuePage.objects.values_list(
        "final_deadline_date", "final_deadline_time_zone", "has_published_articles"
    ).get(pk=issue.pk)
    return tuple(row)


def test_a_new_issue_has_no_deadline_and_no_articles():
    issue = SpecialIssuePageFactory()

    assert stored(issue) == (None, "", False)


def test_rows_saved_and_deleted_on_their_own_update_the_issue():
    issue = SpecialIssuePageFactory()
    DeadlineFactory(page=issue, kind=ABSTRACT, date=dt.date(2030, 1, 1))
    assert stored(issue) == (dt.date(2030, 1, 1), ANYWHERE_ON_EARTH, False)

    final = DeadlineFactory(page=issue, date=dt.date(2029, 6, 30), time_zone="Asia/Hong_Kong")
    article = PublishedArticleFactory(page=issue)
    # The manuscript deadline closes the call, although the abstract one is later.
    assert stored(issue) == (dt.date(2029, 6, 30), "Asia/Hong_Kong", True)

    final.delete()
    article.delete()
    assert stored(issue) == (dt.date(2030, 1, 1), ANYWHERE_ON_EARTH, False)


def test_the_first_listed_of_equal_deadlines_wins_as_in_python():
    issue = SpecialIssuePageFactory()
    DeadlineFactory(page=issue, date=dt.date(2030, 1, 1), time_zone="UTC", sort_order=0)
    DeadlineFactory(page=issue, date=dt.date(2030, 1, 1), time_zone="Asia/Tokyo", sort_order=1)

    issue = SpecialIssuePage.objects.get(pk=issue.pk)
    assert issue.final_deadline.time_zone == "UTC"
    assert stored(issue) == (dt.date(2030, 1, 1), "UTC", False)


def test_publishing_an_edited_page_stores_the_facts_of_the_rows_it_commits():
    issue = SpecialIssuePageFactory()
    DeadlineFactory(page=issue, date=dt.date(2030, 1, 1))
    issue = SpecialIssuePage.objects.get(pk=issue.pk)

    # As the admin form does: the child rows are replaced in memory, then published.
    issue.deadlines = [Deadline(kind=MS, date=dt.date(2031, 3, 1), time_zone="UTC")]
    issue.published_articles = [PublishedArticle(title="First", authors="A. Author")]
    issue.save_revision().publish()

    assert stored(issue) == (dt.date(2031, 3, 1), "UTC", True)
    assert list(Deadline.objects.filter(page=issue).values_list("date", flat=True)) == [
        dt.date(2031, 3, 1)
    ]


def test_a_draft_leaves_the_live_facts_alone():
    issue = SpecialIssuePageFactory()
    DeadlineFactory(page=issue, date=dt.date(2030, 1, 1))
    issue = SpecialIssuePage.objects.get(pk=issue.pk)

    issue.deadlines = [Deadline(kind=MS, date=dt.date(2031, 3, 1))]
    issue.save_revision()

    assert stored(issue) == (dt.date(2030, 1, 1), ANYWHERE_ON_EARTH, False)


def test_refresh_repairs_rows_written_without_signals():
    issue = SpecialIssuePageFactory()
    Deadline.objects.bulk_create([Deadline(page=issue, date=dt.date(2030, 5, 5), sort_order=0)])
    PublishedArticle.objects.bulk_create([PublishedArticle(page=issue, title="T", authors="A")])
    assert stored(issue) == (None, "", False)

    assert refresh([issue.pk]) == 1

    assert stored(issue) == (dt.date(2030, 5, 5), ANYWHERE_ON_EARTH, True)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), "OPEN", id="open"),
        pytest.param(dt.datetime(2031, 1, 1, tzinfo=dt.UTC), "COMPLETED", id="completed"),
    ],
)
def test_status_from_stored_facts_equals_status_from_rows(now, expected):
    issue = SpecialIssuePageFactory()
    DeadlineFactory(page=issue, date=dt.date(2030, 6, 30), time_zone="Asia/Hong_Kong")
    PublishedArticleFactory(page=issue)

    from_rows = SpecialIssuePage.objects.get(pk=issue.pk)
    from_facts = SpecialIssuePage.objects.get(pk=issue.pk)
    from_facts.use_stored_facts()

    assert from_rows.status_at(now).value == from_facts.status_at(now).value == expected
    assert from_rows.submission_deadline == from_facts.submission_deadline
