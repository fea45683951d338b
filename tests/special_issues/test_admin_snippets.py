"""Snippets in the admin: reusable content's usage and protected deletion; the person
chooser's search; a person's page listing the issues they edit."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from special_issues.admin import roles
from special_issues.models import GuestEditor, Person, ReusableContent
from tests.factories import (
    DeadlineFactory,
    GuestEditorFactory,
    JournalPageFactory,
    PersonFactory,
    ReusableContentFactory,
    SpecialIssuePageFactory,
)

SNIPPET_URLS = "wagtailsnippets_special_issues_reusablecontent"


def placing(snippet) -> list:
    return [("reusable_content", {"content": snippet})]


@pytest.fixture
def placements(journal):
    """A snippet placed by two issues (one only in a draft), and one placed nowhere."""
    snippet = ReusableContentFactory(name="APC waiver 2026")
    SpecialIssuePageFactory(parent=journal, title="Exosomes Issue", body=placing(snippet))
    draft = SpecialIssuePageFactory(parent=journal, title="Biopsy Issue")
    draft.body = placing(snippet)
    draft.save_revision()
    SpecialIssuePageFactory(parent=journal, title="Unrelated Issue")
    return SimpleNamespace(snippet=snippet, unused=ReusableContentFactory(name="Old notice"))


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- reusable content: usage and deletion -----------------------------------------------


def test_usage_lists_the_issues_whose_live_content_places_the_snippet(admin_client, placements):
    url = reverse(f"{SNIPPET_URLS}:usage", args=[placements.snippet.pk])

    html = admin_client.get(url).content.decode()

    assert "Exosomes Issue" in html
    assert "Unrelated Issue" not in html


def test_marketing_sees_which_published_issues_place_the_snippet(client, journal, placements):
    # Marketing may edit no page: Wagtail alone would show "(Private page)" for each one.
    SpecialIssuePageFactory(
        parent=journal, title="Unannounced Issue", live=False, body=placing(placements.snippet)
    )
    marketing = get_user_model().objects.create_user("mark")
    marketing.groups.add(Group.objects.get(name=roles.MARKETING))
    client.force_login(marketing)
    url = reverse(f"{SNIPPET_URLS}:usage", args=[placements.snippet.pk])

    html = client.get(url).content.decode()

    assert "Exosomes Issue" in html
    # Titles only: no link to an edit view marketing cannot open.
    assert not re.search(r'href="/admin/pages/\d+/edit/', html)
    # What the public cannot read keeps Wagtail's placeholder.
    assert "Unannounced Issue" not in html
    assert html.count("(Private page)") == 1


def test_the_edit_page_links_to_the_usage(admin_client, placements):
    url = reverse(f"{SNIPPET_URLS}:edit", args=[placements.snippet.pk])

    html = admin_client.get(url).content.decode()

    assert reverse(f"{SNIPPET_URLS}:usage", args=[placements.snippet.pk]) in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_content_in_use_is_refused_with_the_list_of_issues(
    admin_client, placements, method
):
    snippet = placements.snippet
    url = reverse(f"{SNIPPET_URLS}:delete", args=[snippet.pk])

    response = getattr(admin_client, method)(url, follow=True)

    usage_url = reverse(f"{SNIPPET_URLS}:usage", args=[snippet.pk])
    assert response.redirect_chain == [(usage_url, 302)]
    assert messages_of(response) == [
        "“APC waiver 2026” cannot be deleted: it is used by 2 special issues: "
        "“Biopsy Issue”; “Exosomes Issue”. Remove it from these issues first."
    ]
    assert "Exosomes Issue" in response.content.decode()
    assert ReusableContent.objects.filter(pk=snippet.pk).exists()


def test_bulk_deleting_content_in_use_is_refused(admin_client, placements):
    url = reverse("wagtail_bulk_action", args=["special_issues", "reusablecontent", "delete"])
    ids = f"?id={placements.snippet.pk}&id={placements.unused.pk}"

    response = admin_client.post(url + ids, follow=True)

    assert response.redirect_chain[0] == (reverse(f"{SNIPPET_URLS}:list"), 302)
    assert "“APC waiver 2026” cannot be deleted" in messages_of(response)[0]
    assert ReusableContent.objects.count() == 2, "nothing is deleted"


def test_content_used_nowhere_can_be_deleted(admin_client, placements):
    url = reverse(f"{SNIPPET_URLS}:delete", args=[placements.unused.pk])

    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)

    assert response.status_code == 302
    assert not ReusableContent.objects.filter(pk=placements.unused.pk).exists()


def test_content_removed_from_every_issue_can_be_deleted(admin_client, journal):
    snippet = ReusableContentFactory(name="Short-lived")
    issue = SpecialIssuePageFactory(parent=journal, body=placing(snippet))
    issue.body = []
    issue.save_revision().publish()

    response = admin_client.post(reverse(f"{SNIPPET_URLS}:delete", args=[snippet.pk]))

    assert response.status_code == 302
    assert not ReusableContent.objects.filter(pk=snippet.pk).exists()


# --- the person chooser -----------------------------------------------------------------

CHOOSER_RESULTS = "wagtailsnippetchoosers_special_issues_person:choose_results"


@pytest.fixture
def people(db):
    return SimpleNamespace(
        carberry=PersonFactory(
            name="Josiah Carberry", institution="Brown University", orcid="0000-0002-1825-0097"
        ),
        to=PersonFactory(
            name="Kenneth K. W. To", institution="The Chinese University of Hong Kong"
        ),
        cho=PersonFactory(name="William C. S. Cho", institution="Queen Elizabeth Hospital"),
    )


def chooser_names(client, query: str) -> set[str]:
    response = client.get(reverse(CHOOSER_RESULTS), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return {p.name for p in Person.objects.all() if p.display_name in html}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("Carberry", {"Josiah Carberry"}, id="surname"),
        pytest.param("kenn", {"Kenneth K. W. To"}, id="partial-name"),
        pytest.param("Brown", {"Josiah Carberry"}, id="institution"),
        pytest.param("hong kong university", {"Kenneth K. W. To"}, id="institution-words"),
        pytest.param("0000-0002-1825-0097", {"Josiah Carberry"}, id="orcid"),
        pytest.param("https://orcid.org/0000-0002-1825-0097", {"Josiah Carberry"}, id="orcid-url"),
        pytest.param("1825-0097", {"Josiah Carberry"}, id="partial-orcid"),
        pytest.param("hospital", {"William C. S. Cho"}, id="hospital"),
        pytest.param("nobody", set(), id="no-match"),
    ],
)
def test_person_chooser_searches_name_institution_and_orcid(admin_client, people, query, expected):
    assert chooser_names(admin_client, query) == expected


def test_person_chooser_shows_institution_and_orcid(admin_client, people):
    html = admin_client.get(reverse(CHOOSER_RESULTS), {"q": "Carberry"}).content.decode()

    assert "Brown University" in html
    assert "0000-0002-1825-0097" in html
    headings = re.findall(r"<th[^>]*>\s*(.*?)\s*</th>", html, flags=re.S)
    assert [re.sub(r"<[^>]+>", "", h).strip() for h in headings][:3] == [
        "Name",
        "Institution",
        "ORCID iD",
    ]


def test_people_listing_searches_institution_too(admin_client, people):
    url = reverse("wagtailsnippets_special_issues_person:list")

    html = admin_client.get(url, {"q": "Queen Elizabeth"}).content.decode()

    assert "William C. S. Cho" in html
    assert "Josiah Carberry" not in html


# --- a person's page --------------------------------------------------------------------


def test_a_persons_edit_page_lists_the_issues_they_edit(admin_client, journal):
    person = PersonFactory(name="Kenneth K. W. To", honorific="Prof.")
    other_journal = JournalPageFactory(title="Zoology Letters", slug="zoology")
    lead = SpecialIssuePageFactory(parent=journal, title="Exosomes Issue")
    DeadlineFactory(page=lead, date=dt.date(2099, 12, 31))
    GuestEditorFactory(page=lead, person=person, role=GuestEditor.Role.LEAD_GUEST_EDITOR)
    draft = SpecialIssuePageFactory(parent=other_journal, title="Zebrafish Issue", live=False)
    GuestEditorFactory(page=draft, person=person)
    SpecialIssuePageFactory(parent=journal, title="Someone Else's Issue")

    url = reverse("wagtailsnippets_special_issues_person:edit", args=[person.pk])
    html = admin_client.get(url).content.decode()

    panel = html[html.index("data-issues-edited") :]
    panel = panel[: panel.index("</table>")]
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", r).split())
        for r in re.findall(r"<tr>.*?</tr>", panel, flags=re.S)
    ]
    assert rows[1:] == [
        "Exosomes Issue Cancer Drug Resistance Lead guest editor Open",
        "Zebrafish Issue Draft Zoology Letters Guest editor Open",
    ]
    assert reverse("wagtailadmin_pages:edit", args=[lead.pk]) in panel
    assert "Someone Else" not in html


def test_a_person_without_issues_says_so(admin_client, db):
    person = PersonFactory()
    url = reverse("wagtailsnippets_special_issues_person:edit", args=[person.pk])

    html = admin_client.get(url).content.decode()

    assert "Special issues edited" in html
    assert "This person does not guest-edit any special issue yet." in html


def test_the_add_form_has_no_issues_panel(admin_client, db):
    html = admin_client.get(reverse("wagtailsnippets_special_issues_person:add")).content.decode()

    assert "Special issues edited" not in html
