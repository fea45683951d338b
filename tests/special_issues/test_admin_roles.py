"""Roles: what Editors, Managing editors and Marketing can and cannot do in the admin.

The groups and the "Special issue review" workflow come from the data migration; a
journal created later gets its editors group when an editor is granted it (or when the
journal is created in the admin).
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from special_issues.admin import roles
from special_issues.models import JournalPage, SpecialIssuePage
from tests.admin_forms import deadline, special_issue_form_data
from tests.factories import JournalPageFactory, ReusableContentFactory, SpecialIssuePageFactory

ADMIN_HOME = "/admin/"


def make_user(username: str, *groups: str):
    user = get_user_model().objects.create_user(username, password="pw")  # noqa: S106
    user.groups.add(*[Group.objects.get(name=name) for name in groups])
    return user


@pytest.fixture
def world(db):
    """Two journals with an issue each; an editor of the first, marketing, a managing editor."""
    cdr = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    other = JournalPageFactory(title="Zoology Letters", slug="zoology")
    editor = make_user("edith")
    roles.grant_journal_editor(editor, cdr)
    return SimpleNamespace(
        cdr=cdr,
        other=other,
        own_issue=SpecialIssuePageFactory(parent=cdr, title="Own Issue", slug="own"),
        other_issue=SpecialIssuePageFactory(parent=other, title="Other Issue", slug="other"),
        editor=editor,
        marketing=make_user("mark", roles.MARKETING),
        managing=make_user("mona", roles.MANAGING_EDITORS),
    )


def issue_form(title: str, slug: str, **actions) -> dict:
    return {
        **special_issue_form_data(
            title=title,
            slug=slug,
            deadlines=inline_formset([deadline("2031-12-31")]),
            introduction=rich_text("<p>About the issue.</p>"),
        ),
        **actions,
    }


def add_url(journal) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=["special_issues", "specialissuepage", journal.pk]
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def assert_denied(response) -> None:
    """Wagtail refuses with a redirect to the dashboard (and a message) or a 403."""
    if response.status_code == 302:
        assert response["Location"] == ADMIN_HOME, response["Location"]
    else:
        assert response.status_code == 403, response.status_code


# --- what the migration installs --------------------------------------------------------


def test_the_migration_created_the_groups_and_the_workflow(db):
    editors = Group.objects.get(name=roles.EDITORS)
    marketing = Group.objects.get(name=roles.MARKETING)
    managing = Group.objects.get(name=roles.MANAGING_EDITORS)

    assert not GroupPagePermission.objects.filter(group=editors).exists(), (
        "Editors reach pages only through their journal's group"
    )
    assert {"access_admin", "add_person", "change_person"} <= set(
        editors.permissions.values_list("codename", flat=True)
    )
    assert set(marketing.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        *roles.REUSABLE_CONTENT_PERMISSIONS,
    }
    assert not GroupPagePermission.objects.filter(group=marketing).exists()
    root = Page.get_first_root_node()
    assert set(
        GroupPagePermission.objects.filter(group=managing, page=root).values_list(
            "permission__codename", flat=True
        )
    ) == set(roles.MANAGING_EDITOR_PAGE_PERMISSIONS)
    workflow = Workflow.objects.get(name=roles.REVIEW_WORKFLOW)
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.all()) == [managing]


def test_installing_twice_changes_nothing(db):
    JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    roles.install_editorial_roles()
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())

    roles.install_editorial_roles()

    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )


def test_uninstalling_restores_wagtails_editors_and_removes_the_rest(db):
    journal = JournalPageFactory(title="Cancer Drug Resistance", slug="cdr")
    roles.ensure_journal_roles(journal)

    roles.uninstall_editorial_roles()

    assert set(Group.objects.values_list("name", flat=True)) == {"Editors", "Moderators"}
    editors = Group.objects.get(name="Editors")
    assert set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page"}
    assert not Workflow.objects.filter(name=roles.REVIEW_WORKFLOW).exists()
    assert not WorkflowPage.objects.filter(page=journal).exists()

    roles.install_editorial_roles()  # and back again
    assert roles.journal_editors_group(journal) is not None


def test_each_journal_gets_its_own_editors_group_and_the_review_workflow(world):
    group = roles.journal_editors_group(world.cdr)

    assert group.name == "Editors — Cancer Drug Resistance"
    assert set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    ) == {(world.cdr.pk, "add_page"), (world.cdr.pk, "change_page")}
    assert WorkflowPage.objects.get(page=world.cdr).workflow.name == roles.REVIEW_WORKFLOW
    assert set(world.editor.groups.values_list("name", flat=True)) == {"Editors", group.name}


def test_a_journal_created_in_the_admin_gets_its_editors_group(admin_client, db):
    root = Page.objects.get(depth=2)
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["special_issues", "journalpage", root.pk]),
        nested_form_data(
            {
                "title": "Journal of New Things",
                "slug": "new-things",
                "issn_online": "",
                "issn_print": "",
                "publisher": "",
                "copyright_line": "",
                "hot_keyword_items": inline_formset([]),
                "sections": inline_formset([]),
                "author_instructions_url": "",
                "online_submission_url": "",
                "default_contact": "",
                "default_contact_role": "Assistant Editor",
                "min_published_articles": "5",
            }
        ),
    )

    assert response.status_code == 302
    journal = JournalPage.objects.get(slug="new-things")
    assert roles.journal_editors_group(journal).name == "Editors — Journal of New Things"
    assert WorkflowPage.objects.get(page=journal).workflow.name == roles.REVIEW_WORKFLOW


# --- a journal editor -------------------------------------------------------------------


def test_editor_creates_an_issue_under_their_journal_but_cannot_publish_it(client, world):
    client.force_login(world.editor)

    assert client.get(add_url(world.cdr)).status_code == 200
    response = client.post(
        add_url(world.cdr), issue_form("New Issue", "new-issue", **{"action-publish": "1"})
    )

    assert response.status_code == 302
    issue = SpecialIssuePage.objects.get(slug="new-issue")
    assert not issue.live, "publishing needs a managing editor"
    assert issue.owner == world.editor


def test_editor_submits_an_issue_for_review_and_a_managing_editor_approves_it(client, world):
    client.force_login(world.editor)
    client.post(
        add_url(world.cdr), issue_form("Reviewed Issue", "reviewed", **{"action-submit": "1"})
    )
    issue = SpecialIssuePage.objects.get(slug="reviewed")
    state = issue.current_workflow_state
    assert state.workflow.name == roles.REVIEW_WORKFLOW
    assert state.current_task_state.task.name == roles.REVIEW_TASK
    assert not issue.live

    client.force_login(world.managing)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[issue.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.live


def test_editor_edits_an_issue_of_their_journal_as_a_draft(client, world):
    client.force_login(world.editor)
    issue = world.own_issue

    assert client.get(edit_url(issue)).status_code == 200
    response = client.post(
        edit_url(issue), issue_form("Own Issue, Revised", "own", **{"action-publish": "1"})
    )

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.title == "Own Issue", "the live page is unchanged"
    assert issue.has_unpublished_changes
    assert issue.get_latest_revision_as_object().title == "Own Issue, Revised"
    assert not issue.permissions_for_user(world.editor).can_publish()


def test_editor_cannot_touch_another_journal(client, world):
    client.force_login(world.editor)

    assert_denied(client.get(edit_url(world.other_issue)))
    assert_denied(client.post(edit_url(world.other_issue), issue_form("Hijacked", "other")))
    assert_denied(client.get(add_url(world.other)))
    assert SpecialIssuePage.objects.get(pk=world.other_issue.pk).title == "Other Issue"


def test_editor_lists_only_their_journals_issues(client, world):
    client.force_login(world.editor)

    html = client.get(reverse("special_issue_listing:index")).content.decode()

    assert "Own Issue" in html
    assert "Other Issue" not in html


def test_adding_from_the_listing_goes_straight_to_the_editors_journal(client, world):
    client.force_login(world.editor)

    response = client.get(reverse("special_issue_listing:choose_parent"))

    assert response.status_code == 302
    assert response["Location"] == add_url(world.cdr)


def test_editor_adds_people_and_places_reusable_content_but_cannot_edit_it(client, world):
    ReusableContentFactory(name="APC waiver")
    client.force_login(world.editor)

    assert client.get(reverse("wagtailsnippets_special_issues_person:add")).status_code == 200
    chooser = client.get(reverse("wagtailsnippetchoosers_special_issues_reusablecontent:choose"))
    assert chooser.status_code == 200
    assert "APC waiver" in chooser.content.decode()
    assert_denied(client.get(reverse("wagtailsnippets_special_issues_reusablecontent:add")))


# --- marketing --------------------------------------------------------------------------


def test_marketing_edits_and_publishes_reusable_content(client, world):
    snippet = ReusableContentFactory(name="APC waiver")
    client.force_login(world.marketing)
    url = reverse("wagtailsnippets_special_issues_reusablecontent:edit", args=[snippet.pk])

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "APC waiver",
            "kind": "NOTICE",
            "heading": "Waived fees",
            "body": rich_text("<p>No fees this year.</p>"),
            "button_label": "",
            "button_url": "",
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    snippet.refresh_from_db()
    assert (snippet.heading, snippet.live) == ("Waived fees", True)


def test_marketing_cannot_edit_pages_or_people(client, world):
    client.force_login(world.marketing)

    assert_denied(client.get(edit_url(world.own_issue)))
    assert_denied(client.get(add_url(world.cdr)))
    assert_denied(client.get(reverse("special_issue_listing:index")))
    assert_denied(client.get(reverse("wagtailsnippets_special_issues_person:add")))


def test_marketing_does_not_see_the_special_issues_menu(client, world):
    client.force_login(world.marketing)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("special_issue_listing:index") not in html
    assert reverse("wagtailsnippets_special_issues_reusablecontent:list") in html


def test_managing_editor_publishes_directly(client, world):
    client.force_login(world.managing)

    response = client.post(
        edit_url(world.other_issue),
        issue_form("Other Issue, Revised", "other", **{"action-publish": "1"}),
    )

    assert response.status_code == 302
    assert SpecialIssuePage.objects.get(pk=world.other_issue.pk).title == "Other Issue, Revised"
