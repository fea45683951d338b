"""Root queries for special issues: one by slug, and a filtered, paginated listing.

Only live, public pages are returned; a draft, unpublished or restricted issue is
reported as not found, exactly like a slug that never existed.
"""

from typing import Any

import graphene
from django.utils import timezone
from graphql import GraphQLResolveInfo
from grapple.registry import registry

from graphql_api.conf import get_setting
from graphql_api.errors import bad_input, not_found
from special_issues.graphql import IssueStatusEnum
from special_issues.models import JournalPage, SpecialIssuePage
from special_issues.status import IssueStatus


def special_issue_type() -> type:
    return registry.pages[SpecialIssuePage]


class SpecialIssueOrder(graphene.Enum):
    """How a listing of special issues is ordered."""

    DEADLINE_ASC = "DEADLINE_ASC"
    DEADLINE_DESC = "DEADLINE_DESC"
    NEWEST = "NEWEST"
    TITLE = "TITLE"


class SpecialIssueList(graphene.ObjectType):
    """One page of a special issue listing, with the total across all pages."""

    items = graphene.List(graphene.NonNull(special_issue_type), required=True)
    total = graphene.Int(required=True, description="Matching issues across all pages.")
    limit = graphene.Int(required=True)
    offset = graphene.Int(required=True)
    has_next_page = graphene.Boolean(required=True)


def published_issues():
    """Special issues the public may see: live, and not restricted by password or group."""
    return SpecialIssuePage.objects.live().public()


def check_page_window(limit: int | None, offset: int) -> int:
    """Validate ``limit``/``offset`` and return the effective limit."""
    max_limit = get_setting("MAX_LIMIT")
    if limit is None:
        limit = get_setting("DEFAULT_LIMIT")
    if limit < 0 or limit > max_limit:
        raise bad_input(
            f"limit must be between 0 and {max_limit}; ask for the next page with offset.",
            argument="limit",
            maximum=max_limit,
        )
    if offset < 0:
        raise bad_input("offset must be 0 or more.", argument="offset")
    return limit


class SpecialIssuesQuery:
    """Root fields ``specialIssue`` and ``specialIssues``."""

    special_issue = graphene.Field(
        special_issue_type,
        slug=graphene.String(required=True, description="The issue's slug."),
        journal=graphene.String(description="The journal's slug, when slugs repeat."),
        description="One published special issue. Not found is an error with code NOT_FOUND.",
    )
    special_issues = graphene.Field(
        graphene.NonNull(SpecialIssueList),
        journal=graphene.String(description="Only issues of the journal with this slug."),
        status=graphene.Argument(IssueStatusEnum, description="Only calls in this status."),
        order=graphene.Argument(SpecialIssueOrder, default_value=SpecialIssueOrder.DEADLINE_ASC),
        limit=graphene.Int(description="Page size (default 20, at most 100)."),
        offset=graphene.Int(default_value=0),
        description="Published special issues, filtered, ordered and paginated.",
    )

    def resolve_special_issue(
        self, info: GraphQLResolveInfo, slug: str, journal: str | None = None
    ) -> SpecialIssuePage:
        issues = published_issues().filter(slug=slug)
        if journal is not None:
            parent = JournalPage.objects.live().public().filter(slug=journal).first()
            if parent is None:
                raise not_found(f'No published journal has the slug "{journal}".')
            issues = issues.child_of(parent)
        found = list(issues[:2])
        if not found:
            raise not_found(f'No published special issue has the slug "{slug}".')
        if len(found) > 1:
            raise bad_input(
                f'Several journals have a special issue "{slug}"; pass journal: "<slug>".',
                argument="journal",
            )
        return found[0]

    def resolve_special_issues(
        self,
        info: GraphQLResolveInfo,
        order: Any = SpecialIssueOrder.DEADLINE_ASC,
        limit: int | None = None,
        offset: int = 0,
        journal: str | None = None,
        status: Any = None,
    ) -> SpecialIssueList:
        limit = check_page_window(limit, offset)
        issues = published_issues()
        if journal is not None:
            parent = JournalPage.objects.live().public().filter(slug=journal).first()
            if parent is None:
                raise not_found(f'No published journal has the slug "{journal}".')
            issues = issues.child_of(parent)
        if status is not None:
            issues = issues.with_status(IssueStatus(_enum_value(status)), timezone.now())

        order = _enum_value(order)
        if order == SpecialIssueOrder.DEADLINE_DESC.value:
            issues = issues.order_by_deadline(descending=True)
        elif order == SpecialIssueOrder.NEWEST.value:
            issues = issues.order_by("-first_published_at", "pk")
        elif order == SpecialIssueOrder.TITLE.value:
            issues = issues.order_by("title", "pk")
        else:
            issues = issues.order_by_deadline()

        total = issues.count()
        items = list(issues[offset : offset + limit]) if limit else []
        return SpecialIssueList(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            has_next_page=offset + len(items) < total,
        )


def _enum_value(value: Any) -> str:
    """graphene passes enum arguments as Python enum members; take their value."""
    return getattr(value, "value", value)
