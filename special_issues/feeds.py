"""Atom feed of a journal's open calls for papers: ``/feeds/<journal>/open-calls.atom``.

One entry per call OPEN now (status derived as everywhere else), earliest final deadline
first. Links point at the public frontend; entry ids are tag URIs built from the page id
(``tag:<frontend host>,2026:special-issue/<pk>``), so they survive title and slug changes.
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from special_issues import lookups
from special_issues.calendar import (
    CACHE_SECONDS,
    day,
    open_calls,
    published_journal,
    uid_domain,
    zone_statement,
)
from special_issues.conf import get_setting
from special_issues.models import GuestEditor, JournalPage, SpecialIssuePage
from special_issues.rich_text import FormattedRichText, frontend_url, preload_page_links

__all__ = ["OpenCallsFeed", "entry_id", "entry_summary"]

SUMMARY_CHARS = 400
# The year in entry ids (RFC 4151 tag URIs): fixed, so that an id never changes.
TAG_YEAR = 2026


def entry_id(issue: SpecialIssuePage) -> str:
    """The entry's permanent id, from the page id."""
    return f"tag:{uid_domain()},{TAG_YEAR}:special-issue/{issue.pk}"


def _shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` on one line, cut at a word boundary near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def entry_summary(issue: SpecialIssuePage) -> str:
    """The introduction's opening words and the deadline, as HTML (Atom ``type="html"``)."""
    paragraphs = []
    introduction = _shorten(FormattedRichText(issue.introduction).plain_text)
    if introduction:
        paragraphs.append(introduction)
    final = issue.final_deadline
    if final is None:
        paragraphs.append("No submission deadline has been set yet.")
    else:
        statement = zone_statement(final.date, final.time_zone)
        paragraphs.append(f"Submission deadline: {day(final.date)}, {statement}.")
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


class OpenCallsFeed(Feed):
    """The journal's calls open for submissions, as an Atom feed; 404 for no such journal."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # One store for the request, so links in all introductions are looked up at once.
        with lookups.batched_lookups():
            response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    def get_object(self, request: HttpRequest, journal_slug: str) -> JournalPage:
        return published_journal(journal_slug)

    def title(self, journal: JournalPage) -> str:
        return f"{journal.title} — open calls for papers"

    def subtitle(self, journal: JournalPage) -> str:
        return f"Special issues of {journal.title} open for submissions, by deadline."

    def link(self, journal: JournalPage) -> str:
        return frontend_url(journal) or get_setting("FRONTEND_BASE_URL")

    def feed_url(self, journal: JournalPage) -> str:
        from special_issues.urls import journal_feed_url

        return journal_feed_url(journal)

    def feed_guid(self, journal: JournalPage) -> str:
        return f"tag:{uid_domain()},{TAG_YEAR}:journal/{journal.pk}/open-calls"

    def author_name(self, journal: JournalPage) -> str:
        # Atom wants an author for every entry; the feed's covers entries with no lead editor.
        return journal.publisher or journal.title

    def items(self, journal: JournalPage) -> list[SpecialIssuePage]:
        issues = list(
            open_calls(journal, timezone.now()).prefetch_related(
                "deadlines",
                Prefetch(
                    "guest_editors",
                    queryset=GuestEditor.objects.select_related("person"),
                ),
            )
        )
        preload_page_links([issue.introduction for issue in issues])
        for issue in issues:
            issue._journal_cache = journal
        return issues

    def item_title(self, issue: SpecialIssuePage) -> str:
        return issue.title

    def item_link(self, issue: SpecialIssuePage) -> str:
        return frontend_url(issue) or self.link(issue.journal)

    def item_description(self, issue: SpecialIssuePage) -> str:
        return entry_summary(issue)

    def item_guid(self, issue: SpecialIssuePage) -> str:
        return entry_id(issue)

    item_guid_is_permalink = False

    def item_author_name(self, issue: SpecialIssuePage) -> str | None:
        leads = [
            editor.person.name
            for editor in issue.guest_editor_list
            if editor.role == GuestEditor.Role.LEAD_GUEST_EDITOR
        ]
        return ", ".join(leads) or None

    def item_updateddate(self, issue: SpecialIssuePage) -> dt.datetime | None:
        return issue.last_published_at or issue.first_published_at

    def item_pubdate(self, issue: SpecialIssuePage) -> dt.datetime | None:
        return issue.first_published_at
