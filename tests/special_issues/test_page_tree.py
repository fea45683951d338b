"""Where editors may put journals and special issues in the page tree."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from special_issues.models import JournalPage, SpecialIssuePage
from tests.factories import JournalPageFactory, SpecialIssuePageFactory, default_site_root


class PageTypeRulesTests(WagtailPageTestCase):
    """The allowed parent and child page types, as the model declares them."""

    def test_special_issue_lives_only_under_a_journal(self):
        self.assertAllowedParentPageTypes(SpecialIssuePage, {JournalPage})
        self.assertCanCreateAt(JournalPage, SpecialIssuePage)
        self.assertCanNotCreateAt(Page, SpecialIssuePage)
        self.assertCanNotCreateAt(SpecialIssuePage, SpecialIssuePage)

    def test_journal_holds_only_special_issues(self):
        self.assertAllowedSubpageTypes(JournalPage, {SpecialIssuePage})
        self.assertCanNotCreateAt(JournalPage, JournalPage)

    def test_journal_lives_under_a_plain_page(self):
        self.assertAllowedParentPageTypes(JournalPage, {Page})
        self.assertCanCreateAt(Page, JournalPage)

    def test_special_issue_has_no_children(self):
        self.assertAllowedSubpageTypes(SpecialIssuePage, set())


class AddPageInAdminTests(WagtailPageTestCase):
    """What an editor sees when adding pages in the admin."""

    def setUp(self):
        self.login()  # a superuser: only the page type rules stop them
        self.root = default_site_root()
        self.journal = JournalPageFactory(parent=self.root)

    def add_url(self, model, parent) -> str:
        return reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )

    def assert_refused(self, response):
        """Wagtail sends the editor back to the dashboard with a permission message."""
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        dashboard = self.client.get(response["Location"])
        self.assertContains(dashboard, "Sorry, you do not have permission to access this area.")

    def test_adding_a_special_issue_at_the_site_root_is_refused(self):
        response = self.client.get(self.add_url(SpecialIssuePage, self.root))

        self.assert_refused(response)

    def test_adding_a_special_issue_under_a_journal_shows_the_form(self):
        response = self.client.get(self.add_url(SpecialIssuePage, self.journal))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Guest editors")

    def test_add_child_under_a_journal_goes_straight_to_the_special_issue_form(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:add_subpage", args=[self.journal.pk])
        )

        self.assertRedirects(response, self.add_url(SpecialIssuePage, self.journal))

    def test_adding_a_page_under_a_special_issue_is_refused(self):
        issue = SpecialIssuePageFactory(parent=self.journal)

        for model in (SpecialIssuePage, JournalPage):
            with self.subTest(model=model.__name__):
                response = self.client.get(self.add_url(model, issue))
                self.assert_refused(response)

        self.assertFalse(issue.get_children().exists())
