"""What a browser, a script or an abusive client meets before any GraphQL work is done."""

import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import SpecialIssuePageFactory

QUERY = json.dumps({"query": "{ __typename }"})


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_frontend_origin_passes_the_cors_preflight(client):
    response = client.options(
        "/graphql/",
        HTTP_ORIGIN="http://localhost:3000",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"


def test_another_origin_gets_no_cors_permission(client):
    response = client.options(
        "/graphql/",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        pytest.param("application/x-www-form-urlencoded", "query=%7B__typename%7D", id="form"),
        pytest.param("text/plain", QUERY, id="text-plain"),
        pytest.param("multipart/form-data; boundary=xyz", "--xyz--", id="multipart"),
    ],
)
def test_posts_a_browser_sends_without_preflight_are_refused(client, db, content_type, body):
    response = client.post("/graphql/", body, content_type=content_type)

    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_json_posts_are_answered(client, db):
    response = client.post("/graphql/", QUERY, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_an_oversized_body_is_refused_before_it_is_read(client, db, django_assert_num_queries):
    body = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * 70_000}})
    with django_assert_num_queries(0):
        response = client.post("/graphql/", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


@override_settings(GRAPHQL_API={"RATE_LIMIT_REQUESTS": 3, "RATE_LIMIT_WINDOW": 60})
def test_a_client_over_its_rate_gets_429_with_retry_after(client, db):
    statuses = [
        client.post("/graphql/", QUERY, content_type="application/json").status_code
        for _ in range(4)
    ]
    response = client.post("/graphql/", QUERY, content_type="application/json")

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


@override_settings(GRAPHQL_API={"RATE_LIMIT_REQUESTS": 2, "RATE_LIMIT_WINDOW": 60})
def test_rate_limits_are_per_client(client, db):
    for _ in range(2):
        client.post("/graphql/", QUERY, content_type="application/json", REMOTE_ADDR="10.0.0.1")
    blocked = client.post(
        "/graphql/", QUERY, content_type="application/json", REMOTE_ADDR="10.0.0.1"
    )
    other = client.post("/graphql/", QUERY, content_type="application/json", REMOTE_ADDR="10.0.0.2")

    assert blocked.status_code == 429
    assert other.status_code == 200


@override_settings(GRAPHQL_API={"INTROSPECTION": False})
def test_introspection_is_refused_when_off(client, db):
    body = json.dumps({"query": "{ __schema { types { name } } }"})
    response = client.post("/graphql/", body, content_type="application/json")

    assert response.status_code == 400
    assert "introspection" in response.json()["errors"][0]["message"].lower()
    assert "SpecialIssuePage" not in response.content.decode()


@override_settings(GRAPHQL_API={"FIELD_SUGGESTIONS": False})
def test_field_suggestions_do_not_reveal_the_schema(client, db):
    body = json.dumps({"query": "{ specialIssues { totl } }"})
    response = client.post("/graphql/", body, content_type="application/json")

    message = response.json()["errors"][0]["message"]
    assert "totl" in message
    assert "Did you mean" not in message
    assert "total" not in message.replace("totl", "")


@pytest.mark.parametrize(
    ("stored", "forbidden"),
    [
        pytest.param("<p>Hi<script>alert('x')</script></p>", "<script", id="script-tag"),
        pytest.param('<p onmouseover="steal()">Hi</p>', "onmouseover", id="event-handler"),
        pytest.param('<p><a href="javascript:alert(1)">Hi</a></p>', "javascript:", id="js-link"),
        pytest.param('<p><img src="x" onerror="alert(1)">Hi</p>', "onerror", id="img-onerror"),
    ],
)
def test_rich_text_written_straight_into_the_database_comes_out_sanitised(
    gql, journal, stored, forbidden
):
    issue = SpecialIssuePageFactory(parent=journal, slug="raw")
    type(issue).objects.filter(pk=issue.pk).update(introduction=stored)

    status, body = gql('{ specialIssue(slug: "raw") { introduction { html plainText } } }')

    introduction = body["data"]["specialIssue"]["introduction"]
    assert forbidden not in introduction["html"]
    assert "Hi" in introduction["html"]
    assert "alert" not in introduction["plainText"]
