"""Two editors save the same issue at the same moment in the admin: both revisions are
kept, each with its own content, and the page stays whole.

Each editor posts the edit form from their own thread, so each has its own database
connection and transaction, as two requests to two server processes would; the test
database is transactional (committed for real), so each request sees what the other
committed. Both forms are built from the same starting state, as two browser tabs opened
before either editor saved.

On PostgreSQL the two posts start together (a barrier). On SQLite they run one after the
other: the in-memory, shared-cache SQLite of the test run answers a second writer
"database table is locked" at once instead of waiting for it, which says nothing about
the application (production runs PostgreSQL, where writers wait for row locks).
"""

import threading
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import rich_text

from special_issues.models import SpecialIssuePage
from tests.admin_forms import special_issue_form_data
from tests.factories import JournalPageFactory, SpecialIssuePageFactory, graphql, publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ORIGINAL_TITLE = "Exosomes and Drug Resistance"


def edit_form(title: str, introduction: str, **extra: Any) -> dict[str, Any]:
    return special_issue_form_data(
        title=title, slug="exosomes", introduction=rich_text(introduction), **extra
    )


def save_together(posts: list[tuple[Client, str, dict[str, Any]]]) -> list[Any]:
    """Post each form from its own thread (its own connection); return the responses."""
    together = connection.vendor != "sqlite"
    barrier = threading.Barrier(len(posts))
    one_at_a_time = threading.Lock()
    responses: list[Any] = [None] * len(posts)
    errors: list[BaseException] = []

    def editor(index: int, client: Client, url: str, data: dict[str, Any]) -> None:
        try:
            barrier.wait(timeout=30)
            if together:
                responses[index] = client.post(url, data)
            else:
                with one_at_a_time:
                    responses[index] = client.post(url, data)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=editor, args=(index, *post)) for index, post in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)
    return responses


@pytest.fixture
def issue() -> SpecialIssuePage:
    journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    return publish(
        SpecialIssuePageFactory(
            parent=journal,
            title=ORIGINAL_TITLE,
            slug="exosomes",
            introduction="<p>Original introduction.</p>",
        )
    )


@pytest.fixture
def editors() -> list[Client]:
    clients = []
    for name in ("alice", "bob"):
        user = get_user_model().objects.create_superuser(name, f"{name}@example.org", "x")
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.mark.parametrize("publishing", [False, True], ids=["save-draft", "publish"])
def test_two_editors_saving_at_once_keep_both_revisions(issue, editors, publishing):
    url = reverse("wagtailadmin_pages:edit", args=[issue.pk])
    action = {"action-publish": "action-publish"} if publishing else {}
    forms = {
        "alice": edit_form("Exosomes (Alice's title)", "<p>Alice's introduction.</p>", **action),
        "bob": edit_form("Exosomes (Bob's title)", "<p>Bob's introduction.</p>", **action),
    }
    revisions_before = set(
        Revision.page_revisions.filter(object_id=str(issue.pk)).values_list("pk", flat=True)
    )

    responses = save_together(
        [(client, url, forms[name]) for client, name in zip(editors, forms, strict=True)]
    )

    assert [response.status_code for response in responses] == [302, 302], [
        response.content.decode()[:2000] for response in responses if response.status_code != 302
    ]
    new = Revision.page_revisions.filter(object_id=str(issue.pk)).exclude(pk__in=revisions_before)
    kept = {revision.user.username: revision.content for revision in new.select_related("user")}
    assert set(kept) == {"alice", "bob"}, "a save was lost"
    assert kept["alice"]["title"] == "Exosomes (Alice's title)"
    assert kept["bob"]["title"] == "Exosomes (Bob's title)"
    assert "Alice's introduction" in kept["alice"]["introduction"]
    assert "Bob's introduction" in kept["bob"]["introduction"]

    # The page is whole: the tree, its URL, and a draft or live version that is one of
    # the two saves, not a mixture of them.
    assert Page.find_problems() == ([], [], [], [], [])
    page = SpecialIssuePage.objects.get(pk=issue.pk)
    assert page.url_path == issue.url_path
    latest = page.get_latest_revision()
    assert latest in new
    winner = latest.as_object()
    assert (winner.title, winner.introduction) in {
        (content["title"], content["introduction"]) for content in kept.values()
    }
    assert page.draft_title == winner.title
    live = graphql(Client(), '{ specialIssue(slug: "exosomes") { title introduction { html } } }')
    if publishing:
        assert page.live_revision == latest
        assert (page.title, page.introduction) == (winner.title, winner.introduction)
        assert live[1]["data"]["specialIssue"]["title"] == winner.title
    else:
        assert page.has_unpublished_changes
        assert live[1]["data"]["specialIssue"]["title"] == ORIGINAL_TITLE
