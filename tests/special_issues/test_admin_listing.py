"""The "Special issues" admin listing: rows, columns, badges, filters, search, query count."""

import datetime as dt
import itertools
import re
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from special_issues.models import GuestEditor, IssueKeyword
from tests.factories import (
    DeadlineFactory,
    GuestEditorFactory,
    JournalPageFactory,
    PersonFactory,
    PublishedArticleFactory,
    SpecialIssuePageFactory,
)

LISTING = "special_issue_listing:index"
RESULTS = "special_issue_listing:index_results"
SOON = timezone.now().date() + dt.timedelta(days=10)


def listing_rows(response) -> dict[str, dict[str, str]]:
    """The listing's rows by issue title: ``{"text": visible text, "html": the row}``."""
    html = response.content.decode()
    table = html[html.index('<table class="listing full-width">') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr.*?</tr>", body, flags=re.S):
        text = " ".join(re.sub(r"<[^>]+>", " ", row).split())
        title = re.search(r'<span id="page_\d+_title">\s*(.*?)\s*</span>', row, flags=re.S)
        rows[title.group(1)] = {"text": text, "html": row}
    return rows


def issue(journal, title, *, deadline=None, opening=None, lead=None, articles=0, **kwargs):
    page = SpecialIssuePageFactory(parent=journal, title=title, opening_date=opening, **kwargs)
    if deadline:
        DeadlineFactory(page=page, date=deadline)
    if lead:
        GuestEditorFactory(page=page, person=lead, role=GuestEditor.Role.LEAD_GUEST_EDITOR)
    for _ in range(articles):
        PublishedArticleFactory(page=page)
    return page


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """Four issues in two journals, one of each call status; built once for the module
    (each test's own changes are rolled back, and these rows after the last test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_catalogue()
        transaction.set_rollback(True)


def build_catalogue() -> SimpleNamespace:
    journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    zoology = JournalPageFactory(title="Zoology Letters", slug="zoology-letters")
    to = PersonFactory(name="Kenneth K. W. To", honorific="Prof.")
    cho = PersonFactory(name="William C. S. Cho")
    return SimpleNamespace(
        journal=journal,
        zoology=zoology,
        to=to,
        cho=cho,
        open=issue(journal, "Exosomes in Drug Resistance", deadline=SOON, lead=to),
        completed=issue(
            journal, "Liquid Biopsy Advances", deadline=dt.date(2001, 6, 30), lead=cho, articles=3
        ),
        upcoming=issue(
            zoology,
            "Tumour Microenvironment",
            opening=dt.date(2098, 1, 1),
            deadline=dt.date(2099, 1, 1),
        ),
        closed=issue(zoology, "Closed Call on Zebrafish", deadline=dt.date(2002, 3, 31)),
    )


def get_rows(client, *, page: bool = False, **params):
    """Rows of the listing's results fragment (what filtering fetches), or of the page."""
    response = client.get(reverse(LISTING if page else RESULTS), params)
    assert response.status_code == 200
    return listing_rows(response)


def test_listing_shows_every_issue_with_its_journal_deadline_badge_editor_and_articles(
    admin_client, catalogue
):
    rows = get_rows(admin_client, page=True)

    assert set(rows) == {
        "Exosomes in Drug Resistance",
        "Liquid Biopsy Advances",
        "Tumour Microenvironment",
        "Closed Call on Zebrafish",
    }
    exosomes = rows["Exosomes in Drug Resistance"]
    assert "Cancer Drug Resistance" in exosomes["text"]
    assert f"{SOON.day} {SOON:%b %Y}" in exosomes["text"]
    assert 'data-call-status="OPEN"' in exosomes["html"]
    assert "w-status--primary" in exosomes["html"]
    assert "Prof. Kenneth K. W. To" in exosomes["text"]
    biopsy = rows["Liquid Biopsy Advances"]
    assert 'data-call-status="COMPLETED"' in biopsy["html"]
    assert "30 Jun 2001" in biopsy["text"]
    assert "Dr. William C. S. Cho" in biopsy["text"]
    assert re.search(r">\s*3\s*<", biopsy["html"]), "three published articles"
    assert 'data-call-status="UPCOMING"' in rows["Tumour Microenvironment"]["html"]
    zebrafish = rows["Closed Call on Zebrafish"]
    assert 'data-call-status="CLOSED"' in zebrafish["html"]
    assert "Zoology Letters" in zebrafish["text"]
    assert "—" in zebrafish["text"], "no lead guest editor"


def test_the_listing_is_in_the_admin_menu(admin_client, catalogue):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert "Special issues" in response.content.decode()
    assert reverse(LISTING) in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param(
            lambda c: {"journal": c.journal.pk},
            {"Exosomes in Drug Resistance", "Liquid Biopsy Advances"},
            id="journal",
        ),
        pytest.param(
            lambda c: {"journal": [c.journal.pk, c.zoology.pk]},
            {
                "Exosomes in Drug Resistance",
                "Liquid Biopsy Advances",
                "Tumour Microenvironment",
                "Closed Call on Zebrafish",
            },
            id="two-journals",
        ),
        pytest.param(
            lambda c: {"call_status": "OPEN"}, {"Exosomes in Drug Resistance"}, id="status-open"
        ),
        pytest.param(
            lambda c: {"call_status": "COMPLETED"},
            {"Liquid Biopsy Advances"},
            id="status-completed",
        ),
        pytest.param(
            lambda c: {"call_status": "CLOSED"}, {"Closed Call on Zebrafish"}, id="status-closed"
        ),
        pytest.param(
            lambda c: {"call_status": "UPCOMING"},
            {"Tumour Microenvironment"},
            id="status-upcoming",
        ),
        pytest.param(
            lambda c: {"deadline_from": "2000-01-01", "deadline_to": "2005-12-31"},
            {"Liquid Biopsy Advances", "Closed Call on Zebrafish"},
            id="deadline-range",
        ),
        pytest.param(
            lambda c: {"deadline_from": "2090-01-01"},
            {"Tumour Microenvironment"},
            id="deadline-from",
        ),
        pytest.param(
            lambda c: {"guest_editor": c.cho.pk}, {"Liquid Biopsy Advances"}, id="guest-editor"
        ),
        pytest.param(
            lambda c: {"journal": c.journal.pk, "call_status": "OPEN"},
            {"Exosomes in Drug Resistance"},
            id="journal-and-status",
        ),
    ],
)
def test_filters(admin_client, catalogue, params, expected):
    assert set(get_rows(admin_client, **params(catalogue))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("biopsy", {"Liquid Biopsy Advances"}, id="title-word"),
        pytest.param("exoso", {"Exosomes in Drug Resistance"}, id="partial-word"),
        pytest.param("drug exosomes", {"Exosomes in Drug Resistance"}, id="every-word"),
        pytest.param("Kenneth", {"Exosomes in Drug Resistance"}, id="guest-editor-name"),
        pytest.param("nothing-like-this", set(), id="no-match"),
    ],
)
def test_search(admin_client, catalogue, query, expected):
    assert set(get_rows(admin_client, q=query)) == expected


def test_search_by_keyword(admin_client, catalogue):
    IssueKeyword.objects.create(page=catalogue.closed, keyword="Danio rerio")

    assert set(get_rows(admin_client, q="rerio")) == {"Closed Call on Zebrafish"}


def test_search_combines_with_filters(admin_client, catalogue):
    rows = get_rows(admin_client, q="call", journal=catalogue.zoology.pk, call_status="CLOSED")

    assert set(rows) == {"Closed Call on Zebrafish"}


def test_ordering_by_deadline_puts_calls_without_one_last(admin_client, catalogue):
    issue(catalogue.journal, "No Deadline Yet")

    rows = get_rows(admin_client, ordering="final_deadline_date")

    assert list(rows) == [
        "Liquid Biopsy Advances",
        "Closed Call on Zebrafish",
        "Exosomes in Drug Resistance",
        "Tumour Microenvironment",
        "No Deadline Yet",
    ]
    assert list(get_rows(admin_client, ordering="-final_deadline_date"))[-1] == "No Deadline Yet"


def test_the_full_page_applies_filters_and_shows_them(admin_client, catalogue):
    response = admin_client.get(reverse(LISTING), {"call_status": "OPEN", "q": "exosomes"})

    assert set(listing_rows(response)) == {"Exosomes in Drug Resistance"}
    html = response.content.decode()
    assert "Call status" in html and "Guest editor" in html and "Final deadline" in html


def count_listing_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LISTING), params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"call_status": "OPEN", "q": "issue", "ordering": "final_deadline_date"}],
    ids=["all", "filtered-searched-ordered"],
)
def test_query_count_does_not_grow_with_the_number_of_rows(admin_client, catalogue, params):
    journal = catalogue.journal

    numbers = itertools.count()

    def add_issues(count: int) -> None:
        for _ in range(count):
            title = f"Another issue {next(numbers)}"
            issue(journal, title, deadline=SOON, lead=PersonFactory(), articles=1)

    add_issues(1)
    admin_client.get(reverse(LISTING))  # warm per-process caches (content types, sites)
    few = count_listing_queries(admin_client, **params)
    add_issues(4)
    many = count_listing_queries(admin_client, **params)

    assert many == few
