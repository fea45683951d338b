"""The Atom feed of a journal's open calls for papers."""

import datetime as dt
import html
from xml.etree import ElementTree

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from special_issues import conf
from special_issues.models import Deadline, GuestEditor, SpecialIssuePage
from special_issues.urls import journal_feed_path, journal_feed_url
from tests.factories import (
    DeadlineFactory,
    GuestEditorFactory,
    JournalPageFactory,
    PersonFactory,
    SpecialIssuePageFactory,
    publish,
)

FRONTEND = "https://journals.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_URL = "/feeds/cdr/open-calls.atom"
# 15 June 2026, noon UTC.
NOW = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frontend(settings):
    settings.SPECIAL_ISSUES = {"FRONTEND_BASE_URL": FRONTEND}


def parse(content: bytes) -> ElementTree.Element:
    # Our own response, not untrusted input: the stdlib parser is fine here.
    return ElementTree.fromstring(content)  # noqa: S314


def fetch_feed(client, url: str = FEED_URL) -> ElementTree.Element:
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return parse(response.content)


def entries(feed: ElementTree.Element) -> list[ElementTree.Element]:
    return feed.findall(f"{ATOM}entry")


def text(element: ElementTree.Element, tag: str) -> str | None:
    found = element.find(f"{ATOM}{tag}")
    return found.text if found is not None else None


def link(element: ElementTree.Element, rel: str = "alternate") -> str | None:
    for found in element.findall(f"{ATOM}link"):
        if found.get("rel") == rel:
            return found.get("href")
    return None


def summary(entry: ElementTree.Element) -> str:
    """The entry's summary (HTML paragraphs) as the words a reader sees, one per line."""
    markup = text(entry, "summary")
    assert markup.startswith("<p>") and markup.endswith("</p>"), markup
    return "\n".join(html.unescape(part) for part in markup[3:-4].split("</p><p>"))


def _call(journal, title: str, *deadlines: dt.date, **fields) -> SpecialIssuePage:
    issue = SpecialIssuePageFactory(parent=journal, title=title, **fields)
    for date in deadlines:
        DeadlineFactory(page=issue, date=date)
    return publish(issue)


def test_one_entry_per_open_call_in_deadline_order(client, journal):
    later = _call(journal, "Open later", dt.date(2026, 12, 31))
    sooner = _call(journal, "Open sooner", dt.date(2026, 9, 30))
    undated = _call(journal, "Open without a deadline")
    _call(journal, "Upcoming", dt.date(2027, 3, 31), opening_date=dt.date(2026, 9, 1))
    _call(journal, "Closed", dt.date(2026, 1, 31))
    _call(JournalPageFactory(), "Another journal's call", dt.date(2026, 10, 31))
    draft = SpecialIssuePageFactory(parent=journal, title="Draft", live=False)
    DeadlineFactory(page=draft, date=dt.date(2026, 11, 30))
    restricted = _call(journal, "Restricted", dt.date(2026, 11, 30))
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )

    feed = fetch_feed(client)

    assert [text(entry, "title") for entry in entries(feed)] == [
        "Open sooner",
        "Open later",
        "Open without a deadline",
    ]
    issues = [sooner, later, undated]
    assert [link(entry) for entry in entries(feed)] == [
        f"{FRONTEND}/cdr/{issue.slug}/" for issue in issues
    ]
    assert [text(entry, "id") for entry in entries(feed)] == [
        f"tag:journals.example.org,2026:special-issue/{issue.pk}" for issue in issues
    ]
    assert [dt.datetime.fromisoformat(text(entry, "updated")) for entry in entries(feed)] == [
        issue.last_published_at for issue in issues
    ]


def test_the_feed_describes_the_journal(client, journal):
    with time_machine.travel(NOW, tick=False):
        response = client.get(FEED_URL)
    feed = parse(response.content)

    assert response["Cache-Control"] == "public, max-age=300"
    assert text(feed, "title") == "Cancer Drug Resistance — open calls for papers"
    assert link(feed) == f"{FRONTEND}/cdr/"
    assert link(feed, "self") == f"http://testserver{FEED_URL}"
    assert text(feed, "id") == f"tag:journals.example.org,2026:journal/{journal.pk}/open-calls"
    # Atom needs an author for every entry; the feed's covers those with no lead editor.
    assert text(feed.find(f"{ATOM}author"), "name") == "OAE Publishing Inc."
    assert entries(feed) == []


def test_an_entry_summarises_the_introduction_and_states_the_deadline(client, journal):
    issue = SpecialIssuePageFactory(
        parent=journal,
        title="Exosomes",
        introduction=(
            "<p>Exosomes are <b>nano-sized</b> vesicles &amp; messengers.</p>"
            "<p>They carry <i>RNAs</i> &lt;and&gt; proteins.</p>"
        ),
    )
    DeadlineFactory(page=issue, date=dt.date(2026, 12, 31))
    DeadlineFactory(page=issue, kind=Deadline.Kind.ABSTRACT, date=dt.date(2026, 10, 31))
    publish(issue)

    [entry] = entries(fetch_feed(client))

    assert text(entry, "summary") is not None
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert summary(entry) == (
        "Exosomes are nano-sized vesicles & messengers. They carry RNAs <and> proteins.\n"
        "Submission deadline: 31 Dec 2026, Anywhere on Earth (UTC−12)."
    )


def test_a_long_introduction_is_cut_at_a_word_near_400_characters(client, journal):
    words = " ".join(f"word{n}" for n in range(200))
    issue = SpecialIssuePageFactory(parent=journal, title="Long", introduction=f"<p>{words}</p>")
    DeadlineFactory(page=issue, date=dt.date(2026, 12, 31))
    publish(issue)

    [entry] = entries(fetch_feed(client))

    introduction, deadline = summary(entry).split("\n")
    assert introduction.endswith("…")
    assert len(introduction) <= 401
    assert introduction[:-1].split(" ")[-1].startswith("word")
    assert words.startswith(introduction[:-1])
    assert deadline == "Submission deadline: 31 Dec 2026, Anywhere on Earth (UTC−12)."


def test_the_entry_author_is_the_lead_guest_editors(client, journal):
    issue = SpecialIssuePageFactory(parent=journal, title="Edited")
    DeadlineFactory(page=issue, date=dt.date(2026, 12, 31))
    lead_roles = [GuestEditor.Role.LEAD_GUEST_EDITOR, GuestEditor.Role.GUEST_EDITOR]
    for name, role in zip(["William C. S. Cho", "Kenneth K. W. To"], lead_roles, strict=True):
        GuestEditorFactory(page=issue, person=PersonFactory(name=name), role=role)
    GuestEditorFactory(
        page=issue,
        person=PersonFactory(name="Lori Kang", honorific="Prof."),
        role=GuestEditor.Role.LEAD_GUEST_EDITOR,
    )
    publish(issue)

    [entry] = entries(fetch_feed(client))

    assert text(entry.find(f"{ATOM}author"), "name") == "William C. S. Cho, Lori Kang"


def test_entry_ids_and_dates_are_stable_across_requests(client, journal):
    issue = _call(journal, "Stable", dt.date(2026, 12, 31))

    first, second = fetch_feed(client), fetch_feed(client)

    [one], [two] = entries(first), entries(second)
    assert (
        text(one, "id")
        == text(two, "id")
        == (f"tag:journals.example.org,2026:special-issue/{issue.pk}")
    )
    assert text(one, "updated") == text(two, "updated")
    assert dt.datetime.fromisoformat(text(one, "published")) == issue.first_published_at


def test_a_call_leaves_the_feed_when_its_deadline_day_ends_anywhere_on_earth(client, journal):
    _call(journal, "Seed-like", dt.date(2022, 12, 31))

    with time_machine.travel(dt.datetime(2023, 1, 1, 11, 59, 59, tzinfo=dt.UTC), tick=False):
        still_open = parse(client.get(FEED_URL).content)
    with time_machine.travel(dt.datetime(2023, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        closed = parse(client.get(FEED_URL).content)

    assert [text(entry, "title") for entry in entries(still_open)] == ["Seed-like"]
    assert entries(closed) == []


def test_the_feed_costs_the_same_queries_for_many_calls(client, journal):
    def count() -> tuple[int, int]:
        with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
            feed = parse(client.get(FEED_URL).content)
        return len(queries.captured_queries), len(entries(feed))

    first = _call(journal, "First", dt.date(2026, 12, 31))
    GuestEditorFactory(page=first, role=GuestEditor.Role.LEAD_GUEST_EDITOR)
    count()  # warms Wagtail's cache of site root paths
    one, listed = count()
    assert listed == 1

    for n in range(5):
        issue = _call(journal, f"More {n}", dt.date(2026, 12, 1 + n))
        GuestEditorFactory(page=issue, role=GuestEditor.Role.LEAD_GUEST_EDITOR)
    many, listed = count()

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

    response = client.get("/feeds/hidden/open-calls.atom")

    assert response.status_code == 404
    assert b"Secret" not in response.content


def test_feed_urls_are_paths_until_a_public_base_url_is_set(journal, settings, monkeypatch):
    assert journal_feed_path(journal) == FEED_URL
    assert journal_feed_url(journal) == FEED_URL

    monkeypatch.setitem(conf.DEFAULTS, "PUBLIC_BASE_URL", "")
    settings.SPECIAL_ISSUES = {
        "FRONTEND_BASE_URL": FRONTEND,
        "PUBLIC_BASE_URL": "https://cms.example.org",
    }

    assert journal_feed_url(journal) == f"https://cms.example.org{FEED_URL}"


def test_the_self_link_uses_the_public_base_url_when_set(client, journal, settings, monkeypatch):
    monkeypatch.setitem(conf.DEFAULTS, "PUBLIC_BASE_URL", "")
    settings.SPECIAL_ISSUES = {
        "FRONTEND_BASE_URL": FRONTEND,
        "PUBLIC_BASE_URL": "https://cms.example.org",
    }

    assert link(fetch_feed(client), "self") == f"https://cms.example.org{FEED_URL}"
