"""Validation messages in the admin forms: identifiers, URLs, deadline order, alt text and
duplicate people. Each test posts the form as an editor would and reads the page back."""

import re

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from special_issues.models import JournalPage, Person, SpecialIssuePage
from tests.admin_forms import deadline, special_issue_form_data
from tests.factories import PersonFactory, SpecialIssuePageFactory


def issue_data(**overrides) -> dict:
    return special_issue_form_data(
        **{
            "title": "Exosomes and Drug Resistance",
            "slug": "exosomes",
            "deadlines": inline_formset([deadline("2031-12-31")]),
            "introduction": rich_text("<p>About the issue.</p>"),
            **overrides,
        }
    )


def post_issue(client, journal, **overrides):
    url = reverse("wagtailadmin_pages:add", args=["special_issues", "specialissuepage", journal.pk])
    return client.post(url, issue_data(**overrides))


def field_errors(response, field: str) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def deadline_errors(response) -> list[list[str]]:
    """Errors of each deadline form's date field, in order."""
    formset = response.context["form"].formsets["deadlines"]
    return [[str(e) for e in form.errors.get("date", [])] for form in formset.forms]


def assert_refused(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert "could not be created due to validation errors" in html
    return html


# --- identifiers and URLs ---------------------------------------------------------------


def test_a_wrong_issn_check_digit_is_explained_on_the_journal_form(admin_client, db):
    root = JournalPage.get_first_root_node().get_children().first()
    url = reverse("wagtailadmin_pages:add", args=["special_issues", "journalpage", root.pk])
    data = nested_form_data(
        {
            "title": "Journal of Errors",
            "slug": "errors",
            "issn_online": "2578-5321",
            "issn_print": "",
            "publisher": "",
            "copyright_line": "",
            "hot_keyword_items": inline_formset([]),
            "sections": inline_formset([]),
            "author_instructions_url": "not a url",
            "online_submission_url": "",
            "default_contact": "",
            "default_contact_role": "",
            "min_published_articles": "5",
        }
    )

    html = assert_refused(admin_client.post(url, data))

    assert "“2578-5321” is not a valid ISSN" in html
    assert "An ISSN looks like 2578-532X." in html
    assert "Enter a valid URL." in html
    assert not JournalPage.objects.filter(slug="errors").exists()


def test_a_malformed_doi_and_urls_are_explained_on_the_issue_form(admin_client, journal):
    response = post_issue(
        admin_client,
        journal,
        published_articles=inline_formset(
            [
                {
                    "title": "An article",
                    "authors": "A. Author",
                    "doi": "20517/cdr.2022.01",
                    "publication_date": "",
                    "url": "not a link",
                }
            ]
        ),
        online_submission_url="submit here",
    )

    html = assert_refused(response)
    assert "“20517/cdr.2022.01” is not a DOI. A DOI looks like 10.20517/cdr.2022.01" in html
    assert "Enter a valid URL." in html
    assert field_errors(response, "online_submission_url") == ["Enter a valid URL."]


# --- deadline order ---------------------------------------------------------------------


def test_an_abstract_due_after_the_final_manuscript_is_refused(admin_client, journal):
    response = post_issue(
        admin_client,
        journal,
        deadlines=inline_formset(
            [deadline("2031-06-30", "FULL_MANUSCRIPT"), deadline("2031-07-15", "ABSTRACT")]
        ),
    )

    html = assert_refused(response)
    message = (
        "The abstract deadline (15 Jul 2031) must come before the full-manuscript deadline "
        "that closes the call (30 Jun 2031)."
    )
    assert deadline_errors(response) == [[], [message]]
    assert message in html
    assert not SpecialIssuePage.objects.exists()


def issue_form(journal, admin_user, **overrides):
    """The admin's special issue form, bound to the data an editor would post."""
    form_class = SpecialIssuePage.get_edit_handler().get_form_class()
    return form_class(
        issue_data(**overrides),
        instance=SpecialIssuePage(),
        parent_page=journal,
        for_user=admin_user,
    )


@pytest.mark.parametrize(
    ("opening", "deadlines", "errors"),
    [
        pytest.param(
            "",
            [deadline("2031-06-30", "ABSTRACT"), deadline("2031-06-30", "FULL_MANUSCRIPT")],
            {"deadline-0": "must come before the full-manuscript deadline"},
            id="abstract-same-day-as-manuscript",
        ),
        pytest.param(
            "",
            [
                deadline("2031-03-31", "FULL_MANUSCRIPT"),
                deadline("2031-04-30", "ABSTRACT"),
                deadline("2031-06-30", "FULL_MANUSCRIPT", "Extended deadline"),
            ],
            {},
            id="abstract-before-the-extended-manuscript-deadline",
        ),
        pytest.param(
            "",
            [
                deadline("2031-06-30", "FULL_MANUSCRIPT"),
                deadline("2031-07-15", "ABSTRACT", DELETE="on"),
            ],
            {},
            id="deleted-deadline-is-not-checked",
        ),
        pytest.param(
            "",
            [deadline("2031-07-15", "ABSTRACT"), deadline("2031-09-30", "OTHER")],
            {},
            id="no-manuscript-deadline-no-abstract-rule",
        ),
        pytest.param(
            "2031-01-01",
            [deadline("2031-04-30", "ABSTRACT"), deadline("2031-12-31", "FULL_MANUSCRIPT")],
            {},
            id="opening-before-every-deadline",
        ),
        pytest.param(
            "2031-12-31",
            [deadline("2031-12-31", "FULL_MANUSCRIPT")],
            {"opening_date": "Full manuscript on 31 Dec 2031"},
            id="opening-on-the-deadline-day",
        ),
    ],
)
def test_deadline_order_rules(journal, admin_user, opening, deadlines, errors):
    form = issue_form(
        journal, admin_user, opening_date=opening, deadlines=inline_formset(deadlines)
    )

    assert form.is_valid() == (not errors)
    found = {}
    if form.errors.get("opening_date"):
        found["opening_date"] = form.errors["opening_date"][0]
    for index, deadline_form in enumerate(form.formsets["deadlines"].forms):
        if deadline_form.errors.get("date"):
            found[f"deadline-{index}"] = deadline_form.errors["date"][0]
    assert set(found) == set(errors)
    for key, fragment in errors.items():
        assert fragment in found[key]


def test_the_call_must_open_before_every_deadline(admin_client, journal):
    response = post_issue(
        admin_client,
        journal,
        opening_date="2031-05-01",
        deadlines=inline_formset(
            [
                deadline("2031-04-30", "ABSTRACT"),
                deadline("2031-05-01", "OTHER", "Proposal"),
                deadline("2031-12-31", "FULL_MANUSCRIPT"),
            ]
        ),
    )

    html = assert_refused(response)
    [message] = field_errors(response, "opening_date")
    assert message == (
        "The call must open before every deadline, but the opening date (1 May 2031) is on "
        "or after: Abstract on 30 Apr 2031, Proposal on 1 May 2031. "
        "Move the opening date earlier or the deadline later."
    )
    assert "Move the opening date earlier" in html


def test_deadline_order_is_checked_when_editing_too(admin_client, journal):
    issue = SpecialIssuePageFactory(parent=journal, slug="exosomes")
    url = reverse("wagtailadmin_pages:edit", args=[issue.pk])

    response = admin_client.post(url, issue_data(opening_date="2032-01-01"))

    assert response.status_code == 200
    assert "The page could not be saved due to validation errors" in response.content.decode()
    assert "The call must open before every deadline" in field_errors(response, "opening_date")[0]


# --- alt text ---------------------------------------------------------------------------


def test_an_image_without_alt_text_cannot_be_published(admin_client, journal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = wagtail_factories.ImageFactory(title="Micrograph")
    body = streamfield(
        [("image", {"image": str(image.pk), "alt_text": "", "caption": "", "credit": ""})]
    )

    response = post_issue(admin_client, journal, body=body, **{"action-publish": "1"})

    html = assert_refused(response)
    [error] = response.context["form"].errors["body"].as_data()
    assert error.block_errors[0].block_errors["alt_text"].messages == ["This field is required."]
    assert "This field is required." in html
    # The editor is told why before they submit, too.
    assert "Describe the image for people who cannot see it (required)." in html
    assert not SpecialIssuePage.objects.exists()


def test_a_draft_may_wait_for_its_alt_text(admin_client, journal, settings, tmp_path):
    # Wagtail defers required fields while saving a draft; the public never sees a draft.
    settings.MEDIA_ROOT = tmp_path
    image = wagtail_factories.ImageFactory(title="Micrograph")
    body = streamfield(
        [("image", {"image": str(image.pk), "alt_text": "", "caption": "", "credit": ""})]
    )

    assert post_issue(admin_client, journal, body=body).status_code == 302
    assert not SpecialIssuePage.objects.get().live


# --- duplicate people -------------------------------------------------------------------

PERSON_ADD = "wagtailsnippets_special_issues_person:add"


def person_data(**overrides) -> dict:
    data = {
        "honorific": "Dr.",
        "name": "Josiah Carberry",
        "orcid": "",
        "department": "",
        "institution": "Brown University",
        "city": "",
        "country": "",
        "website": "",
        "email": "",
        "photo": "",
        "bio": "",
        "research_interests": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def carberry(db):
    return PersonFactory(
        honorific="Prof.",
        name="Josiah S. Carberry",
        institution="Brown University",
        orcid="0000-0002-1825-0097",
        email="josiah@example.org",
    )


def test_a_second_person_with_the_same_orcid_is_refused_with_a_link(admin_client, carberry):
    response = admin_client.post(
        reverse(PERSON_ADD), person_data(orcid="https://orcid.org/0000-0002-1825-0097")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "The person could not be created due to errors." in html
    assert (
        "Prof. Josiah S. Carberry (Brown University) already has the ORCID iD "
        "https://orcid.org/0000-0002-1825-0097."
    ) in html
    edit_url = reverse("wagtailsnippets_special_issues_person:edit", args=[carberry.pk])
    assert re.search(rf'<a href="{edit_url}"[^>]*>edit Prof. Josiah S. Carberry</a>', html)
    assert Person.objects.count() == 1


def test_a_second_person_with_the_same_email_is_refused(admin_client, carberry):
    response = admin_client.post(reverse(PERSON_ADD), person_data(email="Josiah@Example.org"))

    assert response.status_code == 200
    assert "already has the e-mail address Josiah@Example.org" in response.content.decode()
    assert Person.objects.count() == 1


def test_saving_a_person_does_not_find_them_a_duplicate_of_themselves(admin_client, carberry):
    url = reverse("wagtailsnippets_special_issues_person:edit", args=[carberry.pk])

    response = admin_client.post(
        url,
        person_data(
            name="Josiah S. Carberry", orcid="0000-0002-1825-0097", email="josiah@example.org"
        ),
    )

    assert response.status_code == 302
