"""``manage.py load_demo``: fill an empty site with demo journals and special issues.

The content itself lives in ``special_issues.demo_content``; this command only turns it
into published pages, people and snippets. Running it again changes nothing: each
object is looked up by its natural key (a page's slug under its parent, a person's or a
snippet's name) and only what is missing is created, so no duplicate or new revision
appears.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from special_issues.demo_content import JOURNALS, PEOPLE, REUSABLE_CONTENT
from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    JournalHotKeyword,
    JournalPage,
    JournalSection,
    Person,
    PublishedArticle,
    ReusableContent,
    SpecialIssuePage,
)

DEV_USERNAME = "admin"
DEV_PASSWORD = "admin"  # noqa: S105 (a development-only login, created only when DEBUG)


class Command(BaseCommand):
    """Load the demo journals, special issues, people and reusable content."""

    help = "Create demo journals, special issues, people and reusable content (idempotent)."

    def handle(self, *args, **options) -> None:
        self.today = timezone.now().date()
        self.created: dict[str, int] = {}
        with transaction.atomic():
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None:
                raise CommandError("No default site: create one in Settings → Sites first.")
            people = {data["name"]: self._person(data) for data in PEOPLE}
            snippets = {data["name"]: self._snippet(data) for data in REUSABLE_CONTENT}
            for journal_data in JOURNALS:
                journal = self._journal(site.root_page, journal_data, people)
                for issue_data in journal_data["issues"]:
                    self._issue(journal, issue_data, people, snippets)
            login_message = self._dev_login()

        if self.created:
            summary = ", ".join(f"{what}: {count}" for what, count in self.created.items())
            self.stdout.write(self.style.SUCCESS(f"Created {summary}."))
        else:
            self.stdout.write("Demo content already loaded.")
        self.stdout.write(login_message)

    # --- people and snippets ----------------------------------------------------------

    def _person(self, data: dict) -> Person:
        person = Person.objects.filter(name=data["name"]).first()
        if person is None:
            person = Person(**data)
            person.full_clean()
            person.save()
            self._count("people")
        return person

    def _snippet(self, data: dict) -> ReusableContent:
        snippet = ReusableContent.objects.filter(name=data["name"]).first()
        if snippet is None:
            snippet = ReusableContent(**data, live=False)
            snippet.full_clean()
            snippet.save()
            # Publish through a revision, as marketing would, so the history shows it.
            snippet.save_revision().publish()
            self._count("reusable content snippets")
        return snippet

    # --- pages ------------------------------------------------------------------------

    def _journal(self, root: Page, data: dict, people: dict[str, Person]) -> JournalPage:
        existing = JournalPage.objects.child_of(root).filter(slug=data["slug"]).first()
        if existing is not None:
            return existing
        fields = {k: v for k, v in data.items() if k not in {"hot_keywords", "sections", "issues"}}
        fields["default_contact"] = people[data["default_contact"]]
        journal = JournalPage(**fields, live=False)
        journal.hot_keyword_items = _ordered(JournalHotKeyword, keyword=data["hot_keywords"])
        journal.sections = _ordered(JournalSection, name=data.get("sections", []))
        self._publish_child(root, journal, "journals")
        return journal

    def _issue(
        self,
        journal: JournalPage,
        data: dict,
        people: dict[str, Person],
        snippets: dict[str, ReusableContent],
    ) -> None:
        if SpecialIssuePage.objects.child_of(journal).filter(slug=data["slug"]).exists():
            return
        issue = SpecialIssuePage(
            title=data["title"],
            slug=data["slug"],
            live=False,
            opening_date=self._date(data.get("opening_date")),
            introduction=data["introduction"],
            eligibility=data.get("eligibility", ""),
            section=journal.sections.filter(name=data["section"]).first()
            if "section" in data
            else None,
            body=[_resolve_block(block, snippets) for block in data["body"]],
        )
        issue.deadlines = [
            Deadline(sort_order=i, **{**d, "date": self._date(d["date"])})
            for i, d in enumerate(data["deadlines"])
        ]
        issue.guest_editors = [
            GuestEditor(sort_order=i, person=people[name], role=role)
            for i, (name, role) in enumerate(data["guest_editors"])
        ]
        issue.contacts = [
            IssueContact(sort_order=i, person=people[name], role=role)
            for i, (name, role) in enumerate(data.get("contacts", []))
        ]
        issue.keyword_items = _ordered(IssueKeyword, keyword=data["keywords"])
        issue.published_articles = [
            self._article(i, article) for i, article in enumerate(data.get("articles", []))
        ]
        for child in [*issue.deadlines.all(), *issue.published_articles.all()]:
            # Child rows skip the page's own validation; check DOIs and dates here.
            child.full_clean(exclude=["page"])
        self._publish_child(journal, issue, "special issues")

    def _article(self, index: int, data: dict) -> PublishedArticle:
        published = self._date(data["publication_date"])
        return PublishedArticle(
            sort_order=index,
            title=data["title"],
            authors=data["authors"],
            doi=data["doi"].format(year=published.year),
            publication_date=published,
            url=data.get("url", "").format(year=published.year),
        )

    def _publish_child(self, parent: Page, page: Page, what: str) -> None:
        parent.add_child(instance=page)
        # Publish through a revision, as an editor would, so the page has a history.
        page.save_revision().publish()
        self._count(what)

    # --- helpers ----------------------------------------------------------------------

    def _date(self, value: dt.date | int | None) -> dt.date | None:
        """A fixed date stays; a number of days counts from today (see demo_content)."""
        if value is None or isinstance(value, dt.date):
            return value
        return self.today + dt.timedelta(days=value)

    def _count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1

    def _dev_login(self) -> str:
        """Create the development superuser when DEBUG is on; say how to log in."""
        if not settings.DEBUG:
            return (
                "No admin login was created (DEBUG is off). "
                "Create one with: python manage.py createsuperuser"
            )
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEV_USERNAME).first()
        if user is None:
            user_model.objects.create_superuser(DEV_USERNAME, "", DEV_PASSWORD)
            self._count("admin login")
        elif not user.check_password(DEV_PASSWORD):
            # Never reset someone's password; just do not advertise a login that fails.
            return f'A user "{DEV_USERNAME}" already exists with another password; left as is.'
        return f"Admin login (development only): {DEV_USERNAME} / {DEV_PASSWORD}"


def _ordered(model: type[models.Model], **values: list[str]) -> list[models.Model]:
    """One child row per value, in the given order (``_ordered(Kw, keyword=[...])``)."""
    ((field, items),) = values.items()
    return [model(sort_order=i, **{field: item}) for i, item in enumerate(items)]


def _resolve_block(block: tuple[str, object], snippets: dict[str, ReusableContent]) -> tuple:
    """Swap a reusable content block's snippet name for the snippet itself."""
    block_type, value = block
    if block_type == "reusable_content":
        return block_type, {"content": snippets[value["content"]]}
    return block_type, value
