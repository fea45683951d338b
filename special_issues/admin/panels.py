"""Read-only admin panels.

Imported by the models (in their ``panels``): this module must not import them at module
level.
"""

from django.db.models import F
from django.utils import timezone
from wagtail.admin.panels import Panel


class IssuesEditedPanel(Panel):
    """On a person's edit page: the special issues they guest-edit, with role and status.

    Read-only (it has no form field); hidden while the person is being created.
    """

    def __init__(self, heading="Special issues edited", **kwargs):
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "issues_edited"

    class BoundPanel(Panel.BoundPanel):
        template_name = "special_issues/admin/issues_edited_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            from special_issues.admin.issues import (
                STATUS_LABELS,
                call_status,
                load_journals,
                with_admin_facts,
            )
            from special_issues.models import GuestEditor, SpecialIssuePage

            context = super().get_context_data(parent_context)
            roles = dict(
                GuestEditor.objects.filter(person=self.instance)
                .order_by("page_id", "sort_order")
                .values_list("page_id", "role")
            )
            pages = list(
                with_admin_facts(SpecialIssuePage.objects.filter(pk__in=list(roles)))
                .defer_streamfields()
                # Latest deadline first, calls without one last (on every database).
                .order_by(F("final_deadline_date").desc(nulls_last=True), "title", "pk")
            )
            load_journals(pages)
            now = timezone.now()
            role_labels = dict(GuestEditor.Role.choices)
            context["issues"] = [
                {
                    "page": page,
                    "journal": page._parent_page,
                    "role": role_labels.get(roles[page.pk], roles[page.pk]),
                    "status": STATUS_LABELS[call_status(page, now)],
                }
                for page in pages
            ]
            return context
