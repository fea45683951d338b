"""Root query for keywords: how many published issues use each, optionally per journal."""

import graphene
from django.db.models import Count, Min
from django.db.models.functions import Lower
from graphql import GraphQLResolveInfo

from graphql_api.pagination import check_window
from graphql_api.queries.special_issues import published_journal
from special_issues.models import IssueKeyword, SpecialIssuePage


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
        issues = SpecialIssuePage.objects.listed_publicly()
        if journal is not None:
            issues = issues.child_of(published_journal(journal))
        # Counted case-insensitively, like the ``specialIssues(keyword:)`` filter; shown in
        # the spelling that sorts first ("Exosomes" before "exosomes").
        rows = (
            IssueKeyword.objects.filter(page__in=issues.values("pk"))
            .annotate(folded=Lower("keyword"))
            .values("folded")
            .annotate(count=Count("page", distinct=True), shown=Min("keyword"))
            .order_by("-count", "folded")[:limit]
        )
        return [KeywordCount(keyword=row["shown"], count=row["count"]) for row in rows]
