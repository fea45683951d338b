"""Snippet admin: people (with a chooser that searches name, institution and ORCID iD) and
reusable content (whose usage lists the issues placing it, by title even for marketing;
deleting it while used is refused).
"""

import json

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet, UsageView

from special_issues.models import Person, ReusableContent, SpecialIssuePage
from special_issues.validators import normalize_orcid
from special_issues.visibility import public_page_ids


def person_search(query: str) -> Q:
    """People whose name, institution, department or ORCID iD contain every word of ``query``.

    Database matching, so partial words and ORCID iDs (with their hyphens, or as an
    https://orcid.org/ link) match as typed.
    """
    condition = Q()
    for word in query.split():
        condition &= (
            Q(name__icontains=word)
            | Q(institution__icontains=word)
            | Q(department__icontains=word)
            | Q(orcid__icontains=normalize_orcid(word))
        )
    return condition


class PersonSearchFilterForm(BaseFilterForm):
    """The chooser's search box: name, institution or ORCID iD."""

    q = forms.CharField(
        label="Search term",
        widget=forms.TextInput(attrs={"placeholder": "Name, institution or ORCID iD"}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(person_search(query))
            self.is_searching = True
            self.search_query = query
        return objects


class PersonChooseViewMixin:
    """Chooser columns: the name, then what tells two namesakes apart."""

    filter_form_class = PersonSearchFilterForm

    @property
    def title_column(self):
        # Wagtail heads the first column "Title"; for people it is the name.
        column = super().title_column
        column.label = "Name"
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("institution", label="Institution"),
            Column("orcid", label="ORCID iD"),
        ]


class PersonChooseView(PersonChooseViewMixin, ChooseView):
    """The person chooser modal."""


class PersonChooseResultsView(PersonChooseViewMixin, ChooseResultsView):
    """The person chooser's results (search and pagination)."""


class PersonChooserViewSet(SnippetChooserViewSet):
    """The person chooser, searching by name, institution and ORCID iD."""

    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView


class PersonViewSet(SnippetViewSet):
    """People (guest editors and contacts), searchable by name, institution and ORCID iD.

    A person's edit page lists the special issues they guest-edit (see the model's panels).
    """

    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["display_name", "institution", "country", "orcid"]
    search_fields = ["name", "institution", "department", "orcid"]
    # Database matching on search_fields (the search index has no partial ORCID iDs).
    search_backend_name = None
    chooser_viewset_class = PersonChooserViewSet


class ReusableContentUsageView(UsageView):
    """Where a reusable snippet is placed, naming the published issues the user cannot edit.

    Wagtail shows each object the user may not edit as "(Private page)". Marketing edits
    reusable content but no page, so the usage of a snippet on three issues read
    "(Private page)" three times: they could not tell which issues a change reaches. An
    issue the public can read is no secret: its title is shown, without an edit link.
    Drafts, unpublished and restricted pages stay hidden as before.
    """

    def get_table(self, object_list, **kwargs):
        table = super().get_table(object_list, **kwargs)
        hidden = [
            row for row in table.data if row["edit_url"] is None and isinstance(row["object"], Page)
        ]
        if hidden:
            public_ids = public_page_ids(row["object"] for row in hidden)
            for row in hidden:
                if row["object"].pk in public_ids:
                    row["label"] = row["object"].title
        return table


class ReusableContentViewSet(SnippetViewSet):
    """Marketing's reusable calls to action, notices and boilerplate."""

    model = ReusableContent
    usage_view_class = ReusableContentUsageView
    icon = "snippet"
    menu_label = "Reusable content"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "live"]
    list_filter = ["kind", "live"]


def _places(body, snippet_pk: int) -> bool:
    """Whether a body's raw stream data (a list, or its JSON text) places the snippet."""
    if isinstance(body, str):
        try:
            body = json.loads(body or "[]")
        except ValueError:
            return False
    return any(
        isinstance(block, dict)
        and block.get("type") == "reusable_content"
        and (block.get("value") or {}).get("content") == snippet_pk
        for block in body or []
    )


def issues_using(snippet: ReusableContent) -> list[SpecialIssuePage]:
    """Special issues that place ``snippet`` in their live content or their latest draft.

    Wagtail's reference index (the "Usage" view) covers the live content; unpublished
    drafts are read from their latest revision, so a deletion cannot break one either.
    """
    live_ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(snippet)
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .values_list("object_id", flat=True)
    }
    drafts = (
        SpecialIssuePage.objects.filter(has_unpublished_changes=True)
        .exclude(pk__in=live_ids)
        .values_list("pk", "latest_revision__content")
    )
    draft_ids = {
        pk for pk, content in drafts if content and _places(content.get("body"), snippet.pk)
    }
    return list(
        SpecialIssuePage.objects.filter(pk__in=live_ids | draft_ids)
        .defer_streamfields()
        .order_by("title", "pk")
    )


def refuse_deleting_used_content(request, instances):
    """``before_delete_snippet``: refuse to delete reusable content that issues place.

    The editor is sent to the snippet's usage page (a single deletion) or back to the
    listing (bulk deletion), with a message naming the issues to change first.
    """
    in_use = [
        (snippet, issues)
        for snippet in instances
        if isinstance(snippet, ReusableContent) and (issues := issues_using(snippet))
    ]
    if not in_use:
        return None
    for snippet, issues in in_use:
        titles = "; ".join(f"“{page.title}”" for page in issues)
        count = f"{len(issues)} special issue{'s' if len(issues) > 1 else ''}"
        messages.error(
            request,
            f"“{snippet}” cannot be deleted: it is used by {count}: {titles}. "
            "Remove it from these issues first.",
        )
    viewset = ReusableContent.snippet_viewset
    if len(instances) == 1:
        return redirect(viewset.get_url_name("usage"), in_use[0][0].pk)
    return redirect(viewset.get_url_name("list"))
