"""Root queries for special issues: one by slug, and a filtered, paginated listing.

Only live, public pages are returned; a draft, unpublished or restricted issue is
reported as not found, exactly like a slug that never existed.
"""

import datetime as dt
from typing import Any

import graphene
from django.utils import timezone
from graphql import GraphQLResolveInfo
from grapple.registry import registry

from graphql_api.errors import bad_input, not_found
from graphql_api.pagination import Page, paginate
from graphql_api.preview import mark_preview, page_from_preview_token
from special_issues.graphql import IssueStatusEnum
from special_issues.models import JournalPage, SpecialIssuePage
from special_issues.prefetch import (
    deferrable_columns,
    prefetch_special_issues,
    selected_issue_fields,
)
from special_issues.status import IssueStatus
from special_issues.visibility import public_pages

# Card fields answered from the facts stored on the issue's row (``use_stored_facts``).
STORED_FACT_FIELDS = frozenset({"status", "submissionDeadline"})


def special_issue_type() -> type:
    return registry.pages[SpecialIssuePage]


class SpecialIssueOrder(graphene.Enum):
    """How a listing of special issues is ordered."""

    DEADLINE_ASC = "DEADLINE_ASC"
    DEADLINE_DESC = "DEADLINE_DESC"
    NEWEST = "NEWEST"
    TITLE = "TITLE"


class SpecialIssueList(graphene.ObjectType):
    """One page of a special issue listing, with the total across all pages.

    ``hasNextPage`` is true while ``offset`` + the items returned is below ``total``.
    """

    items = graphene.List(graphene.NonNull(special_issue_type), required=True)
    total = graphene.Int(required=True, description="Matching issues across all pages.")
    limit = graphene.Int(required=True)
    offset = graphene.Int(required=True)
    has_next_page = graphene.Boolean(required=True)


def published_journal(slug: str) -> JournalPage:
    """The live, public journal with ``slug``, or a NOT_FOUND error."""
    journal = public_pages(JournalPage.objects.filter(slug=slug)).first()
    if journal is None:
        raise not_found(f'No published journal has the slug "{slug}".')
    return journal


def published_issues():
    """Special issues the public may see: live, not restricted, under a live journal."""
    return SpecialIssuePage.objects.visible_to_public().select_related("section")


class SpecialIssuesQuery:
    """Root fields ``specialIssue`` and ``specialIssues``."""

    special_issue = graphene.Field(
        special_issue_type,
        slug=graphene.String(description="The issue's slug."),
        journal=graphene.String(description="The journal's slug, when slugs repeat."),
        token=graphene.String(description="A preview token: returns the editor's draft."),
        description=(
            "One published special issue by slug, or a draft by preview token. "
            "Not found is an error with code NOT_FOUND."
        ),
    )
    special_issues = graphene.Field(
        graphene.NonNull(SpecialIssueList),
        journal=graphene.String(description="Only issues of the journal with this slug."),
        status=graphene.Argument(IssueStatusEnum, description="Only calls in this status."),
        keyword=graphene.String(description="Only issues with this keyword (case-insensitive)."),
        editor=graphene.ID(description="Only issues guest-edited by the person with this id."),
        deadline_after=graphene.Date(description="Final deadline on or after this date."),
        deadline_before=graphene.Date(description="Final deadline on or before this date."),
        search=graphene.String(description="Full-text search over titles, texts and keywords."),
        order=graphene.Argument(SpecialIssueOrder, default_value=SpecialIssueOrder.DEADLINE_ASC),
        limit=graphene.Int(description="Page size (default 20, at most 100)."),
        offset=graphene.Int(default_value=0),
        description="Published special issues, filtered, ordered and paginated.",
    )

    def resolve_special_issue(
        self,
        info: GraphQLResolveInfo,
        slug: str | None = None,
        journal: str | None = None,
        token: str | None = None,
    ) -> SpecialIssuePage:
        if token is not None:
            mark_preview(info.context)
            draft = page_from_preview_token(token, SpecialIssuePage)
            prefetch_special_issues([draft], selected_issue_fields(info))
            return draft
        if not slug:
            raise bad_input("Pass the issue's slug (or a preview token).", argument="slug")
        issues = published_issues().filter(slug=slug)
        if journal is not None:
            issues = issues.child_of(published_journal(journal))
        found = list(issues[:2])
        if not found:
            raise not_found(f'No published special issue has the slug "{slug}".')
        if len(found) > 1:
            raise bad_input(
                f'Several journals have a special issue "{slug}"; pass journal: "<slug>".',
                argument="journal",
            )
        prefetch_special_issues(found, selected_issue_fields(info))
        return found[0]

    def resolve_special_issues(
        self,
        info: GraphQLResolveInfo,
        order: Any = SpecialIssueOrder.DEADLINE_ASC,
        limit: int | None = None,
        offset: int = 0,
        journal: str | None = None,
        status: Any = None,
        keyword: str | None = None,
        editor: str | None = None,
        deadline_after: dt.date | None = None,
        deadline_before: dt.date | None = None,
        search: str | None = None,
    ) -> Page:
        # Checked journal by journal: suited to counting thousands (``listed_publicly``).
        issues = SpecialIssuePage.objects.listed_publicly()
        if journal is not None:
            issues = issues.child_of(published_journal(journal))
        if status is not None:
            issues = issues.with_status(IssueStatus(_enum_value(status)), timezone.now())
        if keyword:
            issues = issues.with_keyword(keyword)
        if editor is not None:
            issues = issues.edited_by(_person_id(editor))
        if deadline_after is not None or deadline_before is not None:
            if deadline_after and deadline_before and deadline_after > deadline_before:
                raise bad_input("deadlineAfter must not be later than deadlineBefore.")
            issues = issues.with_deadline_between(deadline_after, deadline_before)
        if search is not None and search.strip():
            issues = issues.matching(search.strip())

        order = _enum_value(order)
        if order == SpecialIssueOrder.DEADLINE_DESC.value:
            issues = issues.order_by_deadline(descending=True)
        elif order == SpecialIssueOrder.NEWEST.value:
            issues = issues.order_by("-first_published_at", "pk")
        elif order == SpecialIssueOrder.TITLE.value:
            issues = issues.order_by("title", "pk")
        else:
            issues = issues.order_by_deadline()

        fields = selected_issue_fields(info, "items") - STORED_FACT_FIELDS
        # A card list shows no body: its large text columns are not even read.
        deferred = deferrable_columns(fields)
        if deferred:
            issues = issues.defer(*deferred)
        if "section" in fields:
            issues = issues.select_related("section")
        page = paginate(issues, limit, offset)
        # Rows just read: their stored facts give status and deadline without loading
        # every deadline and article of every listed issue.
        for issue in page.items:
            issue.use_stored_facts()
        prefetch_special_issues(page.items, fields)
        return page


def _person_id(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_input(f'editor must be a person id, not "{value}".', argument="editor") from None


def _enum_value(value: Any) -> str:
    """graphene passes enum arguments as Python enum members; take their value."""
    return getattr(value, "value", value)
