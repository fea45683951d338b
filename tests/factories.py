"""Factories for the special issues content model, and two small test helpers.

Pages are created live under their parent (Wagtail's ``add_child``) without a revision;
call ``publish(page)`` when a test needs the revision history an editor would create.
A body is given as ``(block_type, value)`` pairs, e.g.
``SpecialIssuePageFactory(body=[("quote", {"quote": "…", "attribution": "…"})])``.
"""

import datetime as dt
import json
from typing import Any

import factory
import wagtail_factories
from django.test import Client
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from special_issues.models import (
    Deadline,
    GuestEditor,
    JournalPage,
    Person,
    PublishedArticle,
    ReusableContent,
    SpecialIssuePage,
)
from special_issues.status import ANYWHERE_ON_EARTH

__all__ = [
    "DeadlineFactory",
    "GuestEditorFactory",
    "JournalPageFactory",
    "PersonFactory",
    "PublishedArticleFactory",
    "ReusableContentFactory",
    "SpecialIssuePageFactory",
    "default_site_root",
    "graphql",
    "publish",
]

# Real ISSNs with correct check digits (Cancer Drug Resistance, two others).
VALID_ISSNS = ["2578-532X", "0317-8471", "1050-124X"]


def default_site_root() -> Page:
    """The root page of the default Site (Wagtail's migrations create one)."""
    return Site.objects.get(is_default_site=True).root_page


class PersonFactory(DjangoModelFactory):
    """A researcher with an affiliation; e-mail private unless ``email_is_public=True``."""

    class Meta:
        model = Person

    honorific = "Dr."
    name = factory.Sequence(lambda n: f"Researcher {n}")
    department = "Department of Clinical Oncology"
    institution = "Queen Elizabeth Hospital"
    city = "Hong Kong"
    country = "Hong Kong SAR, China"
    email = factory.LazyAttribute(lambda person: f"{slugify(person.name)}@example.org")
    email_is_public = False
    orcid = ""


class JournalPageFactory(wagtail_factories.PageFactory):
    """A live journal under the default site's root page, with a valid online ISSN."""

    class Meta:
        model = JournalPage

    title = factory.Sequence(lambda n: f"Journal of Test Studies {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    parent = factory.LazyFunction(default_site_root)
    issn_online = factory.Iterator(VALID_ISSNS)
    publisher = "OAE Publishing Inc."
    copyright_line = "© 2016-2023 OAE Publishing Inc."


class SpecialIssuePageFactory(wagtail_factories.PageFactory):
    """A live special issue under a (new, unless given) journal; no deadline unless added."""

    class Meta:
        model = SpecialIssuePage

    title = factory.Sequence(lambda n: f"Special issue {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    parent = factory.SubFactory(JournalPageFactory)
    introduction = "<p>What the issue is about.</p>"


class DeadlineFactory(DjangoModelFactory):
    """A full-manuscript deadline, Anywhere on Earth."""

    class Meta:
        model = Deadline

    page = factory.SubFactory(SpecialIssuePageFactory)
    kind = Deadline.Kind.FULL_MANUSCRIPT
    date = dt.date(2030, 12, 31)
    time_zone = ANYWHERE_ON_EARTH
    sort_order = factory.Sequence(int)


class GuestEditorFactory(DjangoModelFactory):
    """A guest editor of an issue."""

    class Meta:
        model = GuestEditor

    page = factory.SubFactory(SpecialIssuePageFactory)
    person = factory.SubFactory(PersonFactory)
    role = GuestEditor.Role.GUEST_EDITOR
    sort_order = factory.Sequence(int)


class PublishedArticleFactory(DjangoModelFactory):
    """An article published in an issue."""

    class Meta:
        model = PublishedArticle

    page = factory.SubFactory(SpecialIssuePageFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    authors = "Kenneth K. W. To\nWilliam C. S. Cho"
    doi = factory.Sequence(lambda n: f"10.20517/cdr.2022.{n:02d}")
    publication_date = dt.date(2022, 6, 1)
    sort_order = factory.Sequence(int)


class ReusableContentFactory(DjangoModelFactory):
    """A live call to action maintained by marketing (no revision until ``publish``)."""

    class Meta:
        model = ReusableContent

    name = factory.Sequence(lambda n: f"Reusable content {n}")
    kind = ReusableContent.Kind.CALL_TO_ACTION
    heading = factory.LazyAttribute(lambda content: f"{content.name} heading")
    body = "<p>Publish with us.</p>"
    button_label = "Submit your paper"
    button_url = "https://example.org/submit"
    live = True


def publish(page: Page) -> Page:
    """Publish the page as an editor would (a revision, then publish); return it reloaded."""
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def graphql(
    client: Client, query: str, variables: dict[str, Any] | None = None
) -> tuple[int, dict[str, Any]]:
    """POST a GraphQL request as JSON to ``/graphql/``; return (status code, decoded body)."""
    payload: dict[str, Any] = {"query": query}
    if variables is not None:
        payload["variables"] = variables
    response = client.post("/graphql/", data=json.dumps(payload), content_type="application/json")
    return response.status_code, json.loads(response.content)


def error_codes(body: dict[str, Any]) -> list[str]:
    """The ``extensions.code`` of each error in a GraphQL answer, in order (None for an
    error without one)."""
    return [(error.get("extensions") or {}).get("code") for error in body.get("errors", [])]


# --- helpers added for the API behaviour tests ----------------------------------------


def kept_for_module(django_db_blocker):
    """A context manager for a module-scoped fixture: data created inside it is shared by
    the module's tests (each test still rolls back its own changes) and rolled back after
    the last one.

    Building a catalogue of published pages once instead of once per test keeps the suite
    fast; every test in the module must then use the fixture, or it would see the data.
    """
    from contextlib import contextmanager

    from django.db import transaction

    @contextmanager
    def shared_data():
        with django_db_blocker.unblock(), transaction.atomic():
            yield
            transaction.set_rollback(True)

    return shared_data()
