"""The editor's Preview: the admin opens the frontend's /preview page with a signed token,
and the frontend asks ``specialIssue(token: …)`` for the draft.

A valid token shows the draft (never cached: ``Cache-Control: private, no-store``); a
forged, cleared or expired token is an error with a code and shows nothing.
"""

import datetime as dt
import html
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.core.signing import TimestampSigner
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text
from wagtail_headless_preview.models import PagePreview

from special_issues.models import SpecialIssuePage
from tests.admin_forms import special_issue_form_data
from tests.factories import SpecialIssuePageFactory, error_codes, publish

PREVIEW = """query ($token: String!) {
  specialIssue(token: $token) { title slug introduction { plainText } journal { slug title } }
}"""
PUBLIC = 'query { specialIssue(slug: "exosomes") { title } }'
CREATED = dt.datetime(2026, 3, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def issue(journal):
    return publish(
        SpecialIssuePageFactory(
            parent=journal,
            title="Published Title",
            slug="exosomes",
            introduction="<p>Published words.</p>",
        )
    )


def post_graphql(client, query, variables=None):
    payload = {"query": query, "variables": variables or {}}
    response = client.post("/graphql/", json.dumps(payload), content_type="application/json")
    return response, json.loads(response.content)


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def draft_token(page, **changes):
    """Save a draft with ``changes`` and make its preview, as the Preview button does."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision()
    return page.get_latest_revision_as_object().create_page_preview().token


def editor_form(**overrides):
    return special_issue_form_data(
        **{
            "title": "Draft Title",
            "slug": "exosomes",
            "introduction": rich_text("<p>Words the editor is still writing.</p>"),
            **overrides,
        }
    )


def preview_in_admin(admin_client, preview_url, form):
    """What the preview panel does: POST the form, then load the preview in its iframe."""
    posted = admin_client.post(preview_url, form)
    assert posted.json() == {"is_valid": True, "is_available": True}
    page = admin_client.get(preview_url)
    assert page.status_code == 200
    [src] = re.findall(r'<iframe[^>]+src="([^"]+)"', page.content.decode())
    return html.unescape(src)


def token_of(iframe_src):
    return parse_qs(urlparse(iframe_src).query)["token"][0]


# --- the admin's Preview button -----------------------------------------------------------


def test_admin_preview_opens_the_frontend_which_gets_the_draft(
    client, admin_client, settings, issue
):
    iframe_src = preview_in_admin(
        admin_client,
        reverse("wagtailadmin_pages:preview_on_edit", args=(issue.pk,)),
        editor_form(),
    )

    frontend = settings.SPECIAL_ISSUES["FRONTEND_BASE_URL"]
    assert iframe_src.startswith(f"{frontend}/preview?")
    assert parse_qs(urlparse(iframe_src).query)["content_type"] == [
        "special_issues.specialissuepage"
    ]
    response, body = post_graphql(client, PREVIEW, {"token": token_of(iframe_src)})
    assert error_codes(body) == []
    assert body["data"]["specialIssue"]["title"] == "Draft Title"
    assert body["data"]["specialIssue"]["introduction"]["plainText"] == (
        "Words the editor is still writing."
    )
    assert {"private", "no-store"} <= cache_control(response)
    # The public still sees the published version.
    assert post_graphql(client, PUBLIC)[1]["data"]["specialIssue"]["title"] == "Published Title"


def test_admin_preview_of_a_page_never_saved_shows_its_journal(client, admin_client, journal):
    iframe_src = preview_in_admin(
        admin_client,
        reverse(
            "wagtailadmin_pages:preview_on_add",
            args=("special_issues", "specialissuepage", journal.pk),
        ),
        editor_form(title="A Call Not Yet Saved", slug="not-yet-saved"),
    )

    response, body = post_graphql(client, PREVIEW, {"token": token_of(iframe_src)})

    assert error_codes(body) == []
    assert body["data"]["specialIssue"]["title"] == "A Call Not Yet Saved"
    assert body["data"]["specialIssue"]["journal"] == {
        "slug": "cdr",
        "title": "Cancer Drug Resistance",
    }
    assert {"private", "no-store"} <= cache_control(response)
    assert not SpecialIssuePage.objects.filter(slug="not-yet-saved").exists()


# --- tokens -------------------------------------------------------------------------------


def test_token_shows_the_draft_and_is_never_cached(client, issue):
    token = draft_token(issue, title="Draft Title")

    response, body = post_graphql(client, PREVIEW, {"token": token})

    assert error_codes(body) == []
    assert body["data"]["specialIssue"]["title"] == "Draft Title"
    assert {"private", "no-store"} <= cache_control(response)


def test_grapple_page_by_token_shows_the_draft_and_is_never_cached(client, issue):
    token = draft_token(issue, title="Draft Title")

    response, body = post_graphql(
        client, "query ($t: String) { page(token: $t) { title } }", {"t": token}
    )

    assert body["data"]["page"] == {"title": "Draft Title"}
    assert {"private", "no-store"} <= cache_control(response)


def test_a_public_answer_is_not_marked_no_store(client, issue):
    response, body = post_graphql(client, PUBLIC)

    assert body["data"]["specialIssue"]["title"] == "Published Title"
    assert "no-store" not in cache_control(response)
    assert "private" not in cache_control(response)


def forged_tokens(issue):
    real = draft_token(issue, title="Draft Title")
    value, timestamp, signature = real.rsplit(":", 2)
    return {
        "not-a-token": "hello",
        "tampered-signature": f"{value}:{timestamp}:{signature[:-2]}xx",
        "another-page-id": f"id=1:{timestamp}:{signature}",
        "signed-with-another-salt": TimestampSigner(salt="another.salt").sign(value),
        "signed-but-preview-cleared": TimestampSigner(salt="headlesspreview.token").sign(
            "id=987654"
        ),
        "empty": "",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "not-a-token",
        "tampered-signature",
        "another-page-id",
        "signed-with-another-salt",
        "signed-but-preview-cleared",
        "empty",
    ],
)
def test_a_forged_or_cleared_token_shows_nothing(client, issue, kind):
    token = forged_tokens(issue)[kind]

    response, body = post_graphql(client, PREVIEW, {"token": token})

    assert body["data"] == {"specialIssue": None}
    assert error_codes(body) == ["PREVIEW_TOKEN_INVALID"]
    assert "Draft Title" not in json.dumps(body)
    assert "no-store" in cache_control(response)


def test_a_token_of_a_journal_preview_does_not_open_an_issue(client, journal, issue):
    journal.title = "Draft Journal Title"
    token = journal.create_page_preview().token

    body = post_graphql(client, PREVIEW, {"token": token})[1]

    assert error_codes(body) == ["PREVIEW_TOKEN_INVALID"]
    assert "Draft Journal Title" not in json.dumps(body)


def test_a_cleared_preview_shows_nothing(client, issue):
    token = draft_token(issue, title="Draft Title")
    PagePreview.objects.filter(token=token).delete()

    body = post_graphql(client, PREVIEW, {"token": token})[1]

    assert error_codes(body) == ["PREVIEW_TOKEN_INVALID"]
    assert "Draft Title" not in json.dumps(body)


@pytest.mark.parametrize(
    ("max_age", "age", "expected"),
    [
        pytest.param(None, dt.timedelta(minutes=59), [], id="default-59-minutes-valid"),
        pytest.param(
            None, dt.timedelta(minutes=61), ["PREVIEW_TOKEN_EXPIRED"], id="default-61-minutes"
        ),
        pytest.param(None, dt.timedelta(days=2), ["PREVIEW_TOKEN_EXPIRED"], id="default-two-days"),
        pytest.param(60, dt.timedelta(seconds=50), [], id="60-seconds-50-seconds-valid"),
        pytest.param(60, dt.timedelta(minutes=2), ["PREVIEW_TOKEN_EXPIRED"], id="60-seconds"),
    ],
)
def test_a_token_expires_after_preview_token_max_age(
    client, settings, issue, max_age, age, expected
):
    if max_age is not None:
        settings.GRAPHQL_API = {**settings.GRAPHQL_API, "PREVIEW_TOKEN_MAX_AGE": max_age}
    with time_machine.travel(CREATED, tick=False) as traveller:
        token = draft_token(issue, title="Draft Title")
        traveller.move_to(CREATED + age)

        response, body = post_graphql(client, PREVIEW, {"token": token})

    assert error_codes(body) == expected
    if expected:
        assert body["data"] == {"specialIssue": None}
        assert "Draft Title" not in json.dumps(body)
        assert "expired" in body["errors"][0]["message"]
    else:
        assert body["data"]["specialIssue"]["title"] == "Draft Title"
    assert {"private", "no-store"} <= cache_control(response)
