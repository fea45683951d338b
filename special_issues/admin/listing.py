"""The "Special issues" listing: every issue the user may see, with its call's facts.

Columns: title, journal, final deadline, call status (a badge), lead guest editor, number
of published articles, publishing status. Filters: journal, call status, deadline range,
guest editor (plus Wagtail's own: updated, owner, edited by). Search matches titles,
keywords and guest editors' names.

The query count does not grow with the number of rows: the deadline and article count
are annotations; lead guest editors and journals are loaded for the whole page at once.
"""

from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django_filters import (
    ChoiceFilter,
    DateFromToRangeFilter,
    ModelChoiceFilter,
    ModelMultipleChoiceFilter,
)
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import (
    BulkActionsColumn,
    PageStatusColumn,
    PageTitleColumn,
    ParentPageColumn,
)
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from special_issues.admin.issues import (
    STATUS_LABELS,
    attach_admin_facts,
    search_issues,
    with_admin_facts,
)
from special_issues.models import JournalPage, Person, SpecialIssuePage
from special_issues.status import IssueStatus


def _journal_choices(request):
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    return JournalPage.objects.filter(pk__in=explorable.values("pk")).order_by("title")


def _guest_editor_choices(request):
    return Person.objects.filter(guest_editorships__isnull=False).distinct().order_by("name")


class SpecialIssueFilterSet(PageFilterSet):
    """Filters of the special issues listing (the call status is derived, see ``with_status``)."""

    journal = ModelMultipleChoiceFilter(
        label="Journal",
        queryset=_journal_choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_journal",
    )
    call_status = ChoiceFilter(
        label="Call status",
        choices=[(status.value, label) for status, label in STATUS_LABELS.items()],
        empty_label="Any",
        widget=forms.RadioSelect,
        method="filter_call_status",
    )
    deadline = DateFromToRangeFilter(
        label="Final deadline",
        widget=DateRangePickerWidget,
        method="filter_deadline",
    )
    guest_editor = ModelChoiceFilter(
        label="Guest editor",
        queryset=_guest_editor_choices,
        method="filter_guest_editor",
    )
    # Not useful here: issues have no children, and each journal is on one site.
    site = None
    has_child_pages = None

    class Meta:
        model = SpecialIssuePage
        fields = []

    def filter_journal(self, queryset, name, journals):
        if not journals:
            return queryset
        under_any = Q()
        for journal in journals:
            under_any |= Q(path__startswith=journal.path, depth=journal.depth + 1)
        return queryset.filter(under_any)

    def filter_call_status(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_status(IssueStatus(value), timezone.now())

    def filter_deadline(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_deadline_between(value.start, value.stop)

    def filter_guest_editor(self, queryset, name, person):
        if person is None:
            return queryset
        return queryset.filter(pk__in=SpecialIssuePage.objects.edited_by(person.pk).values("pk"))


class DeadlineColumn(Column):
    """The final deadline as a date (“31 Dec 2031”), or a dash when there is none."""

    def get_value(self, instance):
        date = getattr(instance, "final_deadline_date", None)
        return f"{date.day} {date:%b %Y}" if date else "—"


class CallStatusColumn(Column):
    """The call's derived status as a badge (Open is highlighted)."""

    cell_template_name = "special_issues/admin/call_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        status = instance.admin_status
        context.update(status=status.value, label=STATUS_LABELS[status])
        return context


class LeadGuestEditorColumn(Column):
    """The lead guest editor's name, or a dash."""

    def get_value(self, instance):
        person = getattr(instance, "admin_lead_guest_editor", None)
        return person.display_name if person else "—"


class SpecialIssueIndexView(IndexView):
    """The flat listing of special issues across journals."""

    page_title = "Special issues"

    def get_base_queryset(self):
        return with_admin_facts(super().get_base_queryset())

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_issues(queryset, self.search_query)

    def get_ordering(self):
        # The search is a database filter: the chosen (or default) ordering always applies.
        ordering = self.request.GET.get("ordering", self.default_ordering)
        return ordering if ordering in self.get_valid_orderings() else self.default_ordering

    def order_queryset(self, queryset):
        if not self.ordering:
            return queryset.order_by("-pk")
        key = self.ordering.lstrip("-")
        descending = self.ordering.startswith("-")
        if key == "final_deadline_date":
            # Calls without a deadline last, whichever the direction.
            nulls = {"nulls_last": True}
        elif key == "latest_revision_created_at":
            # Like Wagtail's explorer: never-edited pages count as the oldest.
            nulls = {"nulls_last": True} if descending else {"nulls_first": True}
        else:
            nulls = {}
        expression = F(key).desc(**nulls) if descending else F(key).asc(**nulls)
        return queryset.order_by(expression, "pk")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        attach_admin_facts(list(object_list), timezone.now())
        return paginator, page, object_list, is_paginated

    @cached_property
    def verbose_name_plural(self):
        return "special issues"


class SpecialIssuesMenuItem(MenuItem):
    """Shown to users with any page permission (not to marketing)."""

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


class SpecialIssueListingViewSet(PageListingViewSet):
    """Registers the listing as the "Special issues" item of the admin menu."""

    model = SpecialIssuePage
    name = "special_issue_listing"
    url_prefix = "special-issues"
    icon = "doc-full-inverse"
    menu_label = "Special issues"
    menu_order = 150
    add_to_admin_menu = True
    menu_item_class = SpecialIssuesMenuItem
    index_view_class = SpecialIssueIndexView
    filterset_class = SpecialIssueFilterSet
    ordering = "-latest_revision_created_at"
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        ParentPageColumn("parent", label="Journal"),
        DeadlineColumn("final_deadline", label="Deadline", sort_key="final_deadline_date"),
        CallStatusColumn("call_status", label="Call"),
        LeadGuestEditorColumn("lead_guest_editor", label="Lead guest editor"),
        Column("article_count", label="Published articles", sort_key="article_count"),
        PageStatusColumn("status", label="Status", sort_key="live"),
    ]
