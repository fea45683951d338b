"""Published articles from Crossref: a saved REST API "works" answer → an issue's articles.

``https://api.crossref.org/works/{DOI}`` answers ``{"message-type": "work", "message":
{...}}``; ``/works?filter=…`` answers ``{"message-type": "work-list", "message":
{"items": [...]}}``. Each work adds a PublishedArticle to the issue, or updates the one
with the same DOI (compared case-insensitively, as DOIs are). Crossref gives:

* ``DOI`` → doi; ``title[0]`` → title (markup such as ``<i>`` removed);
* ``author`` → authors, "given family" (or an organisation's ``name``) one per line;
* ``published``, else ``published-print``, else ``published-online`` → publication date
  (the first with a full date; a year-month date is stored as the 1st, with a warning);
* ``URL`` → url, unless it is only the DOI's own doi.org link (which the API already
  gives as the article's link), in which case ``resource.primary.URL``, the article's
  landing page, is used if present. A field Crossref leaves out keeps its current value.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags

from special_issues.interchange.errors import Problems
from special_issues.interchange.records import current_state
from special_issues.models import JournalPage, PublishedArticle, SpecialIssuePage
from special_issues.validators import normalize_doi, validate_doi

__all__ = ["CrossrefReport", "CrossrefWork", "import_crossref", "parse_works"]

DATE_KEYS = ("published", "published-print", "published-online")
# Model field → the Crossref property it comes from, for error messages.
CROSSREF_NAMES = {
    "title": "title",
    "authors": "author",
    "doi": "DOI",
    "publication_date": "published",
    "url": "URL",
}


@dataclass
class CrossrefWork:
    """What one Crossref work says about an article (None: Crossref does not say)."""

    path: str
    doi: str
    title: str | None = None
    authors: str | None = None
    publication_date: dt.date | None = None
    url: str | None = None


@dataclass
class CrossrefReport:
    """What a Crossref import did to the issue's articles."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    published: bool = False
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.dry_run:
            return f"Dry run: nothing was written. Articles: {counts}."
        if not self.added and not self.updated:
            return f"Articles: {counts}; the issue was not changed."
        state = "published" if self.published else "saved as a draft (the issue is not live)"
        return f"Articles: {counts}; the issue was {state}."


def parse_works(text: str, problems: Problems) -> list[CrossrefWork]:
    """The works of a Crossref answer; every problem is recorded with its JSON path."""
    try:
        answer = json.loads(text)
    except json.JSONDecodeError as error:
        problems.error(f"line {error.lineno}, column {error.colno}", f"{error.msg} (not JSON).")
        return []
    if not isinstance(answer, dict) or not isinstance(answer.get("message"), dict):
        problems.error("document", "not a Crossref API answer (no “message” object).")
        return []
    if answer.get("status", "ok") != "ok":
        problems.error("status", f"Crossref answered “{answer['status']}”, not “ok”.")
    kind = answer.get("message-type")
    if kind == "work":
        items = [("message", answer["message"])]
    elif kind == "work-list" and isinstance(answer["message"].get("items"), list):
        items = [(f"message.items[{i}]", item) for i, item in enumerate(answer["message"]["items"])]
    else:
        problems.error("message-type", f"expected “work” or “work-list”, not {kind!r}.")
        return []
    works = [work for path, item in items if (work := _work(path, item, problems))]
    seen: dict[str, str] = {}
    for work in works:
        key = normalize_doi(work.doi).lower()
        if key in seen:
            problems.error(f"{work.path}.DOI", f"“{work.doi}” is also the DOI of {seen[key]}.")
        seen.setdefault(key, work.path)
    return works


def _work(path: str, item: Any, problems: Problems) -> CrossrefWork | None:
    if not isinstance(item, dict):
        problems.error(path, "a work must be an object.")
        return None
    doi = item.get("DOI")
    if not isinstance(doi, str):
        problems.error(f"{path}.DOI", "missing: every work needs its DOI.")
        return None
    try:
        validate_doi(doi)
    except ValidationError as error:
        problems.validation_error(error, f"{path}.DOI")
        return None
    work = CrossrefWork(path=path, doi=normalize_doi(doi))
    titles = item.get("title")
    if isinstance(titles, list) and titles and isinstance(titles[0], str):
        work.title = " ".join(strip_tags(titles[0]).split())
    authors = [_author(author) for author in item.get("author") or []]
    if any(authors):
        work.authors = "\n".join(name for name in authors if name)
    work.publication_date = _date(path, item, problems)
    work.url = _url(item, work.doi)
    return work


def _author(author: Any) -> str:
    if not isinstance(author, dict):
        return ""
    parts = [author.get("given"), author.get("family")]
    return (
        " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        or str(author.get("name") or "").strip()
    )


def _date(path: str, item: dict, problems: Problems) -> dt.date | None:
    """The first full date of published / published-print / published-online."""
    found = []
    for key in DATE_KEYS:
        try:
            parts = item[key]["date-parts"][0]
        except (KeyError, IndexError, TypeError):
            continue
        parts = [p for p in parts if isinstance(p, int)] if isinstance(parts, list) else []
        if parts:
            found.append((key, parts))
    if not found:
        return None
    key, parts = next(((k, p) for k, p in found if len(p) >= 3), found[0])
    if len(parts) < 3:
        problems.warn(f"{path}.{key}", f"only {parts} is known: stored as the first day.")
    try:
        return dt.date(*(parts + [1, 1])[:3])
    except ValueError as error:
        problems.error(f"{path}.{key}", f"{parts} is not a date ({error}).")
        return None


def _url(item: dict, doi: str) -> str | None:
    url = item.get("URL")
    if isinstance(url, str) and not re.fullmatch(
        r"https?://(dx\.)?doi\.org/" + re.escape(doi), url.strip(), flags=re.IGNORECASE
    ):
        return url.strip()
    primary = (item.get("resource") or {}).get("primary") or {}
    landing = primary.get("URL") if isinstance(primary, dict) else None
    return landing.strip() if isinstance(landing, str) else None


def import_crossref(
    text: str, journal_slug: str, issue_slug: str, *, dry_run: bool = False
) -> CrossrefReport:
    """Add or update the issue's articles from a Crossref answer, then publish the issue.

    A live issue is published with the new articles; an issue that is not live gets a
    new draft revision instead (importing articles never makes a call public). A live
    issue with unpublished changes is refused: publishing would publish those too.
    Raises ``InterchangeError`` with every problem; nothing is written then.
    """
    problems = Problems()
    works = parse_works(text, problems)
    issue = _issue(journal_slug, issue_slug, problems)
    if issue is None:
        problems.raise_if_any()
    report = CrossrefReport(dry_run=dry_run, warnings=problems.warnings)
    base = current_state(issue)  # the live version, else the latest draft
    articles = list(base.published_articles.all())
    by_doi = {normalize_doi(article.doi).lower(): article for article in articles if article.doi}
    for work in works:
        article = by_doi.get(work.doi.lower())
        if article is None:
            article = PublishedArticle(doi=work.doi, sort_order=len(articles))
            articles.append(article)
            outcome = "added"
        else:
            outcome = "updated"
        before = _fields(article)
        for name in ("title", "authors", "publication_date", "url"):
            if getattr(work, name) is not None:
                setattr(article, name, getattr(work, name))
        try:
            article.full_clean(exclude=["page"])
        except ValidationError as error:
            problems.validation_error(error, work.path, CROSSREF_NAMES)
        if outcome == "updated" and _fields(article) == before:
            outcome = "unchanged"
        setattr(report, outcome, getattr(report, outcome) + 1)
    problems.raise_if_any()
    if not report.added and not report.updated:
        return report
    with transaction.atomic():
        base.published_articles = articles
        if issue.live:
            base.save_revision().publish()
            report.published = True
        else:
            base.save()
            base.save_revision()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _issue(journal_slug: str, issue_slug: str, problems: Problems) -> SpecialIssuePage | None:
    journal = JournalPage.objects.filter(slug=journal_slug).order_by("path").first()
    if journal is None:
        problems.error("--journal", f"no journal has the slug “{journal_slug}”.")
        return None
    issue = SpecialIssuePage.objects.child_of(journal).filter(slug=issue_slug).first()
    if issue is None:
        problems.error("--issue", f"“{journal.title}” has no special issue “{issue_slug}”.")
    elif issue.live and issue.has_unpublished_changes:
        problems.error(
            "--issue",
            f"“{issue.title}” has unpublished changes: publish or discard them in the admin "
            "first (publishing the articles would publish them too).",
        )
    return issue


def _fields(article: PublishedArticle) -> tuple:
    return (article.title, article.authors, article.publication_date, article.url, article.doi)
