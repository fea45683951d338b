"""Admin registration: the special issues listing, dashboard panels, snippets and roles.

* "Special issues" menu item: a flat listing with filters (``special_issues.admin.listing``).
* Dashboard: calls closing soon, open calls missing editors or deadlines, completed issues
  below the journal's article minimum (``special_issues.admin.dashboard``).
* People and reusable content snippets; reusable content in use cannot be deleted.
* A new journal gets its editors group and the "Special issue review" workflow
  (``special_issues.admin.roles``).
"""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from special_issues.admin.dashboard import dashboard_panels
from special_issues.admin.listing import SpecialIssueListingViewSet
from special_issues.admin.roles import ensure_journal_roles
from special_issues.admin.snippets import (
    PersonViewSet,
    ReusableContentViewSet,
    refuse_deleting_used_content,
)
from special_issues.models import JournalPage

# Re-exported: these lived here before the admin package existed.
__all__ = ["PersonViewSet", "ReusableContentViewSet"]

register_snippet(PersonViewSet)
register_snippet(ReusableContentViewSet)


@hooks.register("register_admin_viewset")
def register_special_issue_listing():
    return SpecialIssueListingViewSet()


@hooks.register("construct_homepage_panels")
def add_special_issue_panels(request, panels) -> None:
    panels.extend(dashboard_panels())


@hooks.register("before_delete_snippet")
def refuse_deleting_reusable_content_in_use(request, instances):
    return refuse_deleting_used_content(request, instances)


@hooks.register("after_create_page")
def set_up_new_journal(request, page) -> None:
    """A journal created in the admin gets its editors group and review workflow."""
    if isinstance(page.specific, JournalPage):
        ensure_journal_roles(page)


@hooks.register("after_copy_page")
def set_up_copied_journal(request, page, new_page) -> None:
    """A journal copied in the admin is a new journal: it gets its own group too."""
    if isinstance(new_page.specific, JournalPage):
        ensure_journal_roles(new_page)
