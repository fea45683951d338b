"""Cached answers are nearly free, and a publish is never followed by a stale read."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from special_issues.models import Person
from tests.factories import (
    GuestEditorFactory,
    PersonFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
    publish,
)

ISSUE = """query($slug: String!) { specialIssue(slug: $slug) {
  title guestEditors { person { name } }
  body { ... on ReusableContentBlock { content { heading } } } } }"""
LISTING = "{ specialIssues(limit: 50) { total items { slug title } } }"


def ask(client, query, variables=None, **extra):
    payload = json.dumps({"query": query, "variables": variables or {}})
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", payload, content_type="application/json", **extra)
    return response.json(), len(queries)


@pytest.fixture
def issue(journal):
    snippet = ReusableContentFactory(heading="Waiver 2026")
    snippet.save_revision().publish()
    page = SpecialIssuePageFactory(
        parent=journal,
        title="Exosomes",
        slug="exosomes",
        body=[("reusable_content", {"content": snippet})],
    )
    GuestEditorFactory(page=page, person=PersonFactory(name="Kenneth To"))
    return publish(page)


def test_a_repeated_anonymous_query_costs_no_sql(client, issue):
    first, first_queries = ask(client, ISSUE, {"slug": "exosomes"})
    second, second_queries = ask(client, ISSUE, {"slug": "exosomes"})

    assert second == first
    assert first_queries > 0
    assert second_queries == 0


def test_publishing_an_issue_is_seen_by_the_next_read(client, issue, committed):
    ask(client, ISSUE, {"slug": "exosomes"})
    with committed():
        issue.title = "Exosomes, revised"
        issue.save_revision().publish()

    body, _ = ask(client, ISSUE, {"slug": "exosomes"})

    assert body["data"]["specialIssue"]["title"] == "Exosomes, revised"


def test_unpublishing_removes_the_issue_from_cached_listings(client, issue, committed):
    before, _ = ask(client, LISTING)
    with committed():
        issue.unpublish()

    after, _ = ask(client, LISTING)

    assert before["data"]["specialIssues"]["total"] == 1
    assert after["data"]["specialIssues"] == {"total": 0, "items": []}


def test_publishing_a_new_issue_adds_it_to_cached_listings(client, issue, journal, committed):
    ask(client, LISTING)
    with committed():
        publish(SpecialIssuePageFactory(parent=journal, title="Organoids", slug="organoids"))

    body, _ = ask(client, LISTING)

    assert {item["slug"] for item in body["data"]["specialIssues"]["items"]} == {
        "exosomes",
        "organoids",
    }


def test_editing_a_person_updates_every_cached_issue_showing_them(client, issue, committed):
    ask(client, ISSUE, {"slug": "exosomes"})
    person = Person.objects.get(name="Kenneth To")
    with committed():
        person.name = "Kenneth K. W. To"
        person.save()

    body, _ = ask(client, ISSUE, {"slug": "exosomes"})

    assert body["data"]["specialIssue"]["guestEditors"][0]["person"]["name"] == "Kenneth K. W. To"


def test_publishing_reusable_content_updates_the_issues_that_place_it(client, issue, committed):
    ask(client, ISSUE, {"slug": "exosomes"})
    snippet = issue.body[0].value["content"]
    with committed():
        snippet.heading = "Waiver 2027"
        snippet.save_revision().publish()

    body, _ = ask(client, ISSUE, {"slug": "exosomes"})

    block = body["data"]["specialIssue"]["body"][0]
    assert block["content"]["heading"] == "Waiver 2027"


def test_a_change_elsewhere_keeps_the_cached_answer(client, issue, journal, committed):
    ask(client, ISSUE, {"slug": "exosomes"})
    with committed():
        other = publish(SpecialIssuePageFactory(parent=journal, title="Other", slug="other"))
        other.title = "Other, revised"
        other.save_revision().publish()

    _, queries = ask(client, ISSUE, {"slug": "exosomes"})

    assert queries == 0


def test_errors_are_not_cached(client, issue):
    ask(client, ISSUE, {"slug": "missing"})
    _, queries = ask(client, ISSUE, {"slug": "missing"})
    assert queries > 0


def test_previews_are_not_cached(client, issue):
    issue.title = "Draft title"
    issue.save_revision()
    token = issue.get_latest_revision_as_object().create_page_preview().token
    query = "query($t: String) { specialIssue(token: $t) { title } }"

    ask(client, query, {"t": token})
    body, queries = ask(client, query, {"t": token})

    assert body["data"]["specialIssue"]["title"] == "Draft title"
    assert queries > 0


def test_authenticated_requests_are_not_cached(client, issue, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    client.force_login(user)
    ask(client, ISSUE, {"slug": "exosomes"})
    _, queries = ask(client, ISSUE, {"slug": "exosomes"})
    assert queries > 0
