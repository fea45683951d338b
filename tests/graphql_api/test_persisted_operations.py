"""Persisted operations: short GET URLs a CDN can cache, and an optional allow-list mode."""

import json
from pathlib import Path

import pytest
from django.test import override_settings

from graphql_api.persisted import build_manifest, document_hash

CONTRACT = Path(__file__).resolve().parents[2] / "frontend_contract"
MANIFEST = CONTRACT / "persisted-operations.json"


def test_the_committed_manifest_matches_the_operations():
    committed = json.loads(MANIFEST.read_text())
    assert committed == build_manifest(CONTRACT / "operations"), (
        "frontend_contract/persisted-operations.json is out of date: run `make manifest`."
    )


def get(client, identifier, variables, **headers):
    return client.get(
        "/graphql/", {"id": identifier, "variables": json.dumps(variables)}, **headers
    )


@pytest.mark.parametrize("by", ["name", "hash"])
def test_a_persisted_get_is_cacheable_by_a_cdn(client, issue, by):
    manifest = json.loads(MANIFEST.read_text())["operations"]
    identifier = (
        "IssuePage"
        if by == "name"
        else next(h for h, op in manifest.items() if op["name"] == "IssuePage")
    )
    response = get(client, identifier, {"slug": "exosomes"})

    assert response.status_code == 200
    assert response.json()["data"]["specialIssue"]["title"] == "Exosomes"
    assert response["ETag"].startswith('"')
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control


def test_a_persisted_get_sets_no_cookie_and_does_not_vary_on_cookies(client, issue):
    # A CDN neither stores an answer that sets a cookie nor shares one that varies on them.
    # (graphene-django's dispatch would make a CSRF token and cookie: the view skips it.)
    response = get(client, "IssuePage", {"slug": "exosomes"})

    assert response.status_code == 200
    assert "Set-Cookie" not in response
    assert not response.cookies
    vary = [value.strip().lower() for value in response.get("Vary", "").split(",")]
    assert "cookie" not in vary


def test_a_matching_if_none_match_gets_304(client, issue):
    first = get(client, "IssuePage", {"slug": "exosomes"})
    again = get(client, "IssuePage", {"slug": "exosomes"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_changed_answer_gets_a_new_etag(client, issue, committed):
    first = get(client, "IssuePage", {"slug": "exosomes"})
    with committed():
        issue.title = "Exosomes, revised"
        issue.save_revision().publish()

    again = get(client, "IssuePage", {"slug": "exosomes"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_errors_are_not_cacheable(client, db):
    response = get(client, "IssuePage", {"slug": "missing"})

    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_an_unknown_persisted_id_is_a_clear_error(client, db):
    response = get(client, "NoSuchOperation", {})

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


def test_ad_hoc_queries_are_not_cdn_cacheable(client, issue):
    response = client.get("/graphql/", {"query": '{ specialIssue(slug: "exosomes") { title } }'})

    assert response.status_code == 200
    assert "ETag" not in response


def test_persisted_only_mode_refuses_other_operations(client, issue, settings):
    settings.GRAPHQL_API = {**settings.GRAPHQL_API, "PERSISTED_ONLY": True}
    ad_hoc = client.post(
        "/graphql/",
        json.dumps({"query": "{ specialIssues { total } }"}),
        content_type="application/json",
    )
    document = json.loads(MANIFEST.read_text())["operations"]
    issue_page = next(op["document"] for op in document.values() if op["name"] == "IssuePage")
    same_text = client.post(
        "/graphql/",
        json.dumps({"query": issue_page, "variables": {"slug": "exosomes"}}),
        content_type="application/json",
    )
    by_id = get(client, "IssuePage", {"slug": "exosomes"})

    assert ad_hoc.status_code == 400
    assert ad_hoc.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_REQUIRED"
    assert same_text.status_code == 200
    assert by_id.status_code == 200
    assert document_hash(issue_page) in document


@override_settings(GRAPHQL_API={"PERSISTED_OPERATIONS": None})
def test_without_a_manifest_ids_are_unknown(client, db):
    response = get(client, "IssuePage", {"slug": "exosomes"})
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


def test_a_cached_persisted_get_is_the_same_answer_without_sql(
    client, issue, settings, django_assert_num_queries
):
    # A hit is answered ahead of most of the middleware (CachedAnswerMiddleware); a CDN or
    # browser must not see the difference: CORS, security, framing, length, caching.
    origin = settings.CORS_ALLOWED_ORIGINS[0]
    first = get(client, "IssuePage", {"slug": "exosomes"}, HTTP_ORIGIN=origin)
    with django_assert_num_queries(0):
        again = get(client, "IssuePage", {"slug": "exosomes"}, HTTP_ORIGIN=origin)

    assert again.status_code == 200
    assert again.content == first.content
    assert dict(again.headers) == dict(first.headers)
    for header in (
        "ETag",
        "Cache-Control",
        "Vary",
        "Access-Control-Allow-Origin",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Content-Length",
    ):
        assert header in again


def test_cached_answers_count_once_against_the_rate_limit(client, issue, settings):
    settings.GRAPHQL_API = {
        **settings.GRAPHQL_API,
        "RATE_LIMIT_REQUESTS": 3,
        "RATE_LIMIT_WINDOW": 60,
    }
    statuses = [get(client, "IssuePage", {"slug": "exosomes"}).status_code for _ in range(4)]

    # The first is computed, the next two are cache hits: each counted once.
    assert statuses == [200, 200, 200, 429]


def test_a_visitor_with_a_stale_session_cookie_gets_the_public_answer(client, issue):
    first = get(client, "IssuePage", {"slug": "exosomes"})
    client.cookies["sessionid"] = "no-such-session"

    response = get(client, "IssuePage", {"slug": "exosomes"})

    assert response.status_code == 200
    assert response.json()["data"]["specialIssue"]["title"] == "Exosomes"
    assert "public" in response["Cache-Control"]
    assert response["ETag"] == first["ETag"]


def test_a_signed_in_editor_is_not_served_the_public_cached_answer(client, issue, admin_user):
    get(client, "IssuePage", {"slug": "exosomes"})
    get(client, "IssuePage", {"slug": "exosomes"})  # now answered from the cache
    client.force_login(admin_user)

    response = get(client, "IssuePage", {"slug": "exosomes"})

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


def test_every_spelling_of_the_variables_sees_a_publish(client, issue, committed):
    spellings = ['{"slug":"exosomes"}', '{ "slug": "exosomes" }']
    for variables in spellings:
        client.get("/graphql/", {"id": "IssuePage", "variables": variables})
    with committed():
        issue.title = "Exosomes, revised"
        issue.save_revision().publish()

    for variables in spellings:
        response = client.get("/graphql/", {"id": "IssuePage", "variables": variables})
        assert response.json()["data"]["specialIssue"]["title"] == "Exosomes, revised"


def test_a_new_manifest_is_not_answered_from_the_old_operation(client, issue, tmp_path):
    def manifest_with(document):
        path = tmp_path / f"{document_hash(document)}.json"
        entry = {"name": "IssueTitle", "document": document}
        path.write_text(json.dumps({"version": 1, "operations": {document_hash(document): entry}}))
        return {"PERSISTED_OPERATIONS": str(path)}

    old = "query IssueTitle($slug: String!) { specialIssue(slug: $slug) { title } }"
    new = "query IssueTitle($slug: String!) { specialIssue(slug: $slug) { title slug } }"
    with override_settings(GRAPHQL_API=manifest_with(old)):
        get(client, "IssueTitle", {"slug": "exosomes"})
        get(client, "IssueTitle", {"slug": "exosomes"})
    with override_settings(GRAPHQL_API=manifest_with(new)):
        response = get(client, "IssueTitle", {"slug": "exosomes"})

    assert response.json()["data"]["specialIssue"] == {"title": "Exosomes", "slug": "exosomes"}


def test_a_disallowed_host_is_refused(client, issue):
    response = get(client, "IssuePage", {"slug": "exosomes"}, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert b"exosomes" not in response.content.lower()
