"""Root queries for journals: the list, and one by slug."""

import graphene
from graphql import GraphQLResolveInfo
from grapple.registry import registry

from graphql_api.pagination import Page, paginate
from graphql_api.queries.special_issues import published_journal
from special_issues.models import JournalPage
from special_issues.visibility import public_pages


def journal_type() -> type:
    return registry.pages[JournalPage]


class JournalList(graphene.ObjectType):
    """One page of the journal listing, with the total across all pages."""

    items = graphene.List(graphene.NonNull(journal_type), required=True)
    total = graphene.Int(required=True)
    limit = graphene.Int(required=True)
    offset = graphene.Int(required=True)
    has_next_page = graphene.Boolean(required=True)


class JournalsQuery:
    """Root fields ``journal`` and ``journals``."""

    journal = graphene.Field(
        journal_type,
        slug=graphene.String(required=True),
        description="One published journal. Not found is an error with code NOT_FOUND.",
    )
    journals = graphene.Field(
        graphene.NonNull(JournalList),
        limit=graphene.Int(description="Page size (default 20, at most 100)."),
        offset=graphene.Int(default_value=0),
        description="Published journals, by title.",
    )

    def resolve_journal(self, info: GraphQLResolveInfo, slug: str) -> JournalPage:
        return published_journal(slug)

    def resolve_journals(
        self, info: GraphQLResolveInfo, limit: int | None = None, offset: int = 0
    ) -> Page:
        journals = public_pages(JournalPage.objects.all()).order_by("title", "pk")
        return paginate(journals, limit, offset)
