"""The leak matrix's world: a published journal and issues, and beside them one object of
every kind the public may not see, each referenced from the visible issue wherever it
can be (``test_leak_matrix.py`` queries it; ``test_fuzz.py`` fuzzes over it).

Hidden objects get primary keys from 900000 up, so a bare number is a reliable marker.
"""

import datetime as dt
import io
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from special_issues.models import GuestEditor, IssueKeyword, Person, ReusableContent
from tests.factories import (
    JournalPageFactory,
    PersonFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
    default_site_root,
    publish,
)

# Hidden objects get primary keys from HIDDEN_IDS (one range per table, so no visible
# object shares one); visible objects created after them start at VISIBLE_IDS.
HIDDEN_IDS = 900_000
VISIBLE_IDS = 990_000


def id_tables():
    return [
        model._meta.db_table
        for model in (
            Page, ReusableContent, get_image_model(), get_document_model(), Person,
            get_user_model(),
        )
    ]  # fmt: skip


def start_ids_at(first: int, step: int = 0) -> None:
    """Make the next primary key of each table ``first`` (+ ``step`` per table)."""
    with connection.cursor() as cursor:
        for n, table in enumerate(id_tables()):
            value = first + n * step
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, value]
                )
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, value]
                )


@contextmanager
def ids_restored():
    """Put the primary-key sequences back afterwards (PostgreSQL's survive a rollback)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        saved = []
        for table in id_tables():
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            [sequence] = cursor.fetchone()
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
            saved.append((sequence, *cursor.fetchone()))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sequence, last_value, is_called in saved:
                cursor.execute("SELECT setval(%s, %s, %s)", [sequence, last_value, is_called])


@dataclass
class Hidden:
    """A hidden object and the strings that would betray it in a response."""

    kind: str
    markers: list[str] = field(default_factory=list)
    pk: int | None = None

    def found_in(self, body: dict, sent: str = "") -> list[str]:
        """The markers in a response; ``sent``: the query, whose echoes are not leaks."""
        text = json.dumps(body)
        found = [marker for marker in self.markers if marker in text and marker not in sent]
        # Values only: a client's own aliases (p900001: page(id: 900001)), error messages
        # and arguments echoed back (offset: 900001) repeat what it sent.
        pk = rf"(?<!\d){self.pk}(?!\d)"
        values = json.dumps(list(scalar_values(body.get("data"))))
        if self.pk is not None and re.search(pk, values) and not re.search(pk, sent):
            found.append(f"pk {self.pk}")
        return found


def scalar_values(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from scalar_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from scalar_values(value)
    elif data is not None:
        yield data


class World:
    """The module's site: what is visible, and the hidden objects by kind."""

    def __init__(self) -> None:
        self.hidden: dict[str, Hidden] = {}

    def hide(self, kind: str, obj=None, *markers: str) -> None:
        self.hidden[kind] = Hidden(kind, [m for m in markers if m], obj.pk if obj else None)


def hidden_issue(world: World, kind: str, parent, **kwargs):
    """A special issue whose title, slug and keyword name its kind."""
    slug = f"zq-{kind}-call"
    title = f"Zq Hidden {kind.replace('-', ' ').title()} Call"
    page = SpecialIssuePageFactory(parent=parent, title=title, slug=slug, **kwargs)
    IssueKeyword.objects.create(page=page, keyword=f"zqkeyword-{kind}")
    return page


def restrict(page, restriction_type, **kwargs):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **kwargs
    )
    return page, restriction


def build_pages(world: World, journal) -> dict:
    pages = {}
    pages["draft"] = hidden_issue(world, "draft", journal, live=False)
    pages["draft"].save_revision()
    pages["unpublished"] = publish(hidden_issue(world, "unpublished", journal))
    pages["unpublished"].unpublish()
    past = timezone.now() - dt.timedelta(days=1)
    # Expired by the scheduled-publishing job: not live any more.
    pages["expired"] = hidden_issue(world, "expired", journal, expire_at=past)
    pages["expired"].live, pages["expired"].expired = False, True
    pages["expired"].save()
    pages["password"] = hidden_issue(world, "password", journal)
    restrict(pages["password"], PageViewRestriction.PASSWORD, password="s3cret")
    pages["login"] = hidden_issue(world, "login", journal)
    restrict(pages["login"], PageViewRestriction.LOGIN)
    pages["groups"] = hidden_issue(world, "groups", journal)
    _, restriction = restrict(pages["groups"], PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Editorial board"))

    closed = publish(JournalPageFactory(title="Zq Hidden Closed Journal", slug="zq-closed"))
    pages["under-unpublished-journal"] = hidden_issue(world, "orphan", closed)
    closed.unpublish()
    members = JournalPageFactory(title="Zq Members Journal", slug="zq-members")
    restrict(members, PageViewRestriction.PASSWORD, password="s3cret")
    pages["under-restricted-journal"] = hidden_issue(world, "members", members)

    for kind, page in pages.items():
        world.hide(f"page-{kind}", page, page.title, f"/{page.slug}/", f'"{page.slug}"')
    world.hide("journal-unpublished", closed, closed.title, "zq-closed")
    world.hide("journal-restricted", members, members.title, "zq-members")
    for kind in ("draft", "unpublished", "expired", "password", "orphan", "members"):
        world.hidden[f"keyword-{kind}"] = Hidden(f"keyword-{kind}", [f"zqkeyword-{kind}"])

    # A published page with a newer draft: the draft's title and slug stay private.
    renamed = publish(SpecialIssuePageFactory(parent=journal, title="Renamed Call", slug="renamed"))
    renamed.title, renamed.slug = "Zq Unapproved Draft Title", "zq-unapproved-slug"
    renamed.save_revision()
    world.hide("page-newer-draft", None, "Zq Unapproved Draft Title", "zq-unapproved-slug")
    return pages


def build_snippets(world: World) -> dict:
    now = timezone.now()

    def snippet(kind, **kwargs):
        name = f"Zq Hidden {kind.title()} Snippet"
        content = ReusableContentFactory(name=name, **kwargs)
        world.hide(f"snippet-{kind}", content, name, f"{name} heading")
        return content

    unpublished = snippet("unpublished")
    unpublished.save_revision().publish()
    unpublished.unpublish()
    return {
        "never-published": snippet("draft", live=False),
        "unpublished": unpublished,
        "expired": snippet("expired", expire_at=now - dt.timedelta(hours=1)),
        "scheduled": snippet("scheduled", live=False, go_live_at=now + dt.timedelta(days=7)),
    }


def make_media(title: str, file_stem: str, collection, tag: str) -> tuple:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title=f"{title} Image", file=ImageFile(buffer, name=f"{file_stem}-image.png"),
        collection=collection,
    )  # fmt: skip
    document = get_document_model().objects.create(
        title=f"{title} Document",
        file=ContentFile(b"%PDF-1.4", name=f"{file_stem}-document.pdf"),
        collection=collection,
    )
    image.tags.add(tag)
    document.tags.add(tag)
    return image, document


def build_media(world: World) -> SimpleNamespace:
    root = Collection.get_first_root_node()
    private = root.add_child(name="Zq Private Collection")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    image, document = make_media("Zq Hidden", "zq-hidden", private, "zqsecrettag")
    world.hide("image-private-collection", image, image.title, "zq-hidden-image")
    world.hide("document-private-collection", document, document.title, "zq-hidden-document")
    world.hide("collection-private", None, "Zq Private Collection")
    world.hide("tag-only-on-private-media", None, "zqsecrettag")
    return SimpleNamespace(image=image, document=document, collection=private)


def rich_text(pages: dict, media) -> str:
    links = "".join(
        f'<p>See <a linktype="page" id="{page.pk}">link words {n}</a>.</p>'
        for n, page in enumerate(pages.values())
    )
    return (
        f"<p>Open call.</p>{links}"
        f'<p>Read <a linktype="document" id="{media.document.pk}">the guidelines</a>.</p>'
        f'<embed embedtype="image" id="{media.image.pk}" format="fullwidth" alt="A figure"/>'
    )


def build_world() -> World:
    """The site described in the module docstring (call inside a transaction)."""
    world = World()
    journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")

    start_ids_at(HIDDEN_IDS, step=10_000)
    pages = build_pages(world, journal)
    snippets = build_snippets(world)
    media = build_media(world)
    user = get_user_model().objects.create_user(
        username="zq-hidden-user",
        email="zq.hidden.user@example.org",
        first_name="Zqfirst",
        last_name="Zqlast",
        password="zq-password",
    )
    world.hide("user", user, "zq-hidden-user", "zq.hidden.user@example.org", "Zqfirst")
    only_on_hidden = PersonFactory(name="Zq Hidden Person")
    GuestEditor.objects.create(page=pages["draft"], person=only_on_hidden)
    world.hide("person-only-on-hidden-page", only_on_hidden, only_on_hidden.name)

    start_ids_at(VISIBLE_IDS, step=1_000)
    text = rich_text(pages, media)
    shown = ReusableContentFactory(name="Open access notice for calls", body=text)
    editor = PersonFactory(name="Kenneth To", email="zq.private@example.org")
    world.hide("email-not-public", None, "zq.private@example.org")

    body = [
        ("paragraph", {"text": text}),
        ("reusable_content", {"content": shown}),
        *[("reusable_content", {"content": snippet}) for snippet in snippets.values()],
        ("image", {"image": media.image, "alt_text": "A figure", "caption": "", "credit": ""}),
    ]
    visible = SpecialIssuePageFactory(
        parent=journal,
        title="Open Call on Exosomes",
        slug="visible-call",
        introduction=text,
        eligibility=text,
        body=body,
        cover_image=media.image,
        owner=user,
    )
    GuestEditor.objects.create(page=visible, person=editor)
    IssueKeyword.objects.create(page=visible, keyword="exosomes")
    SpecialIssuePageFactory(parent=journal, title="Open Call on Liquid Biopsy", slug="sibling")

    make_media("Open", "open", Collection.get_first_root_node(), "exosomes")
    # A redirect to a hidden page, one to a public page; an alias (hidden) of the issue.
    Redirect.objects.create(old_path="/old-call", redirect_page=pages["draft"])
    Redirect.objects.create(old_path="/old-visible-call", redirect_page=visible)
    members = pages["under-restricted-journal"].get_parent()
    alias = visible.create_alias(parent=members, update_slug="zq-alias-call")
    world.hide("alias-under-restricted-journal", alias, "zq-alias-call")

    world.pks = SimpleNamespace(
        home=default_site_root().pk,
        journal=journal.pk,
        visible=visible.pk,
        person=editor.pk,
        hidden_person=only_on_hidden.pk,
        hidden_pages=[page.pk for page in pages.values()],
        image=media.image.pk,
        document=media.document.pk,
    )
    return world
