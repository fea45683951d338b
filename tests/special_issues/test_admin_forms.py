"""Editors' admin journeys: creating a special issue, and adding a person with an ORCID iD."""

import datetime as dt

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from special_issues.models import GuestEditor, Person, SpecialIssuePage
from tests.admin_forms import deadline, special_issue_form_data
from tests.factories import JournalPageFactory, PersonFactory


def list_block(items: list[str]) -> dict:
    """ListBlock form data (Wagtail's ``count`` / ``N-value`` / ``N-deleted`` / ``N-order``)."""
    data: dict = {"count": str(len(items))}
    for index, item in enumerate(items):
        data[str(index)] = {"value": item, "deleted": "", "order": str(index), "id": ""}
    return data


class CreateSpecialIssueTests(WagtailPageTestCase):
    """An editor fills in the special issue form under a journal and publishes it."""

    def setUp(self):
        self.login()
        self.journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
        self.lead = PersonFactory(name="Kenneth K. W. To", honorific="Prof.")
        self.second = PersonFactory(name="William C. S. Cho")

    def form_data(self, **overrides) -> dict:
        return special_issue_form_data(
            **{
                "title": "Exosomes and Drug Resistance in Cancer",
                "slug": "exosomes-drug-resistance",
                "deadlines": inline_formset([deadline("2031-12-31")]),
                "guest_editors": inline_formset(
                    [
                        {"person": str(self.lead.pk), "role": "LEAD_GUEST_EDITOR"},
                        {"person": str(self.second.pk), "role": "GUEST_EDITOR"},
                    ]
                ),
                "introduction": rich_text("<p>Exosomes mediate drug resistance.</p>"),
                "body": streamfield(
                    [
                        (
                            "topic_list",
                            {
                                "heading": "Topics of interest",
                                "lead_in": "Potential topics include:",
                                "items": list_block(["Liquid biopsy", "Exosomal microRNAs"]),
                                "not_limited_to": "on",
                            },
                        )
                    ]
                ),
                "keyword_items": inline_formset(
                    [{"keyword": "Exosomes"}, {"keyword": "Drug resistance"}]
                ),
                **overrides,
            }
        )

    def test_editor_creates_and_publishes_a_special_issue(self):
        self.assertCanCreate(self.journal, SpecialIssuePage, self.form_data())

        issue = SpecialIssuePage.objects.child_of(self.journal).get(slug="exosomes-drug-resistance")
        self.assertTrue(issue.live)
        self.assertEqual(issue.title, "Exosomes and Drug Resistance in Cancer")
        self.assertEqual(
            [(e.person.name, e.role) for e in issue.guest_editors.all()],
            [
                ("Kenneth K. W. To", GuestEditor.Role.LEAD_GUEST_EDITOR),
                ("William C. S. Cho", GuestEditor.Role.GUEST_EDITOR),
            ],
        )
        self.assertEqual(issue.topics, ["Liquid biopsy", "Exosomal microRNAs"])
        self.assertEqual(issue.keywords, ["Exosomes", "Drug resistance"])
        self.assertEqual(issue.submission_deadline, dt.date(2031, 12, 31))

    def test_editors_keep_the_order_the_editor_dragged_them_into(self):
        # The lead was added first, then dragged below the second editor.
        reordered = self.form_data(
            guest_editors=inline_formset(
                [
                    {"person": str(self.lead.pk), "role": "LEAD_GUEST_EDITOR", "ORDER": "1"},
                    {"person": str(self.second.pk), "role": "GUEST_EDITOR", "ORDER": "0"},
                ]
            )
        )

        self.assertCanCreate(self.journal, SpecialIssuePage, reordered)

        issue = SpecialIssuePage.objects.get(slug="exosomes-drug-resistance")
        self.assertEqual(
            [e.person.name for e in issue.guest_editors.all()],
            ["William C. S. Cho", "Kenneth K. W. To"],
        )

    def test_topic_list_without_topics_is_refused(self):
        data = self.form_data(
            body=streamfield(
                [("topic_list", {"heading": "Topics", "lead_in": "", "items": list_block([])})]
            )
        )
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["special_issues", "specialissuepage", self.journal.pk],
        )

        response = self.client.post(add_url, {**data, "action-publish": "action-publish"})

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The page could not be created due to validation errors")
        self.assertFalse(SpecialIssuePage.objects.exists())


class PersonSnippetAdminTests(WagtailPageTestCase):
    """An editor adds a person in the People snippet admin."""

    add_url = "/admin/snippets/special_issues/person/add/"

    def setUp(self):
        self.login()

    def person_data(self, **overrides) -> dict:
        data = {
            "honorific": "Dr.",
            "name": "Josiah Carberry",
            "orcid": "0000-0002-1825-0097",
            "department": "Department of Psychoceramics",
            "institution": "Brown University",
            "city": "Providence",
            "country": "United States",
            "website": "",
            "email": "josiah@example.org",
            "photo": "",
            "bio": "",
            "research_interests": "",
        }
        data.update(overrides)
        return data

    def test_url_is_the_people_snippet_add_view(self):
        self.assertEqual(reverse("wagtailsnippets_special_issues_person:add"), self.add_url)

    def test_invalid_orcid_shows_the_error_and_creates_nobody(self):
        response = self.client.post(self.add_url, self.person_data(orcid="0000-0002-1825-0098"))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The person could not be created due to errors.")
        self.assertContains(response, "0000-0002-1825-0098” has a wrong check digit")
        self.assertFalse(Person.objects.exists())

    def test_malformed_orcid_shows_how_to_write_it(self):
        response = self.client.post(self.add_url, self.person_data(orcid="1825-0097"))

        self.assertContains(response, "“1825-0097” is not an ORCID iD")
        self.assertFalse(Person.objects.exists())

    def test_orcid_link_is_saved_as_the_bare_id(self):
        response = self.client.post(
            self.add_url, self.person_data(orcid="https://orcid.org/0000-0002-1825-0097")
        )

        self.assertEqual(response.status_code, 302)
        person = Person.objects.get()
        self.assertEqual(person.orcid, "0000-0002-1825-0097")
        self.assertFalse(person.email_is_public, "an unticked box must keep the e-mail private")
