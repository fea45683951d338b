"""Root query for keywords: how many published issues use each, optionally per journal."""

import graphene
from django.db.models import Count
from graphql import GraphQLResolveInfo

from graphql_api.pagination import check_window
from graphql_api.queries.special_issues import published_issues, published_journal
from special_issues.models import IssueKeyword


class KeywordCount(graphene.ObjectType):
    """A keyword and the number of published special issues that list it."""

    keyword = graphene.String(required=True)
    count = graphene.Int(required=True)


class KeywordsQuery:
    """Root field ``keywords``."""

    keywords = graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(KeywordCount))),
        journal=graphene.String(description="Only issues of the journal with this slug."),
        limit=graphene.Int(description="How many keywords (default 20, at most 100)."),
        description="Keywords of published special issues, most used first.",
    )

    def resolve_keywords(
        self, info: GraphQLResolveInfo, journal: str | None = None, limit: int | None = None
    ) -> list[KeywordCount]:
        limit = check_window(limit, 0)
        issues = published_issues()
        if journal is not None:
            issues = issues.child_of(published_journal(journal))
        rows = (
            IssueKeyword.objects.filter(page__in=issues.values("pk"))
            .values("keyword")
            .annotate(count=Count("page", distinct=True))
            .order_by("-count", "keyword")[:limit]
        )
        return [KeywordCount(keyword=row["keyword"], count=row["count"]) for row in rows]
