"""Grapple's page interface, answering its tree fields with public pages only.

Stock ``PageInterface`` resolves ``parent`` to whatever page is above (a draft journal,
a restricted section) and filters ``children``, ``siblings``, ``descendants`` and
``ancestors`` with ``live().public()``, which lets through a live page below an
unpublished one. Here each uses ``special_issues.visibility.public_pages``, the rule
every root query follows, and a hidden parent is null.

Enabled by ``GRAPPLE["PAGE_INTERFACE"] = "graphql_api.guards.pages.PublicPageInterface"``.
Grapple reads that setting while it builds its types (at start-up), so it cannot be
switched with ``override_settings``.

The class keeps the GraphQL name ``PageInterface`` and has no docstring, deliberately:
graphene would publish a docstring as the interface's description, and the public
schema (``frontend_contract/schema.graphql``) must stay exactly as it is.
"""

from django.db.models import QuerySet
from graphql import GraphQLResolveInfo
from grapple.types.interfaces import PageInterface
from grapple.utils import resolve_queryset
from wagtail.models import Page

from special_issues.visibility import public_pages, searchable


def _public(pages: QuerySet, info: GraphQLResolveInfo, **kwargs):
    pages = public_pages(pages)
    if kwargs.get("search_query"):
        pages = searchable(pages)
    return resolve_queryset(pages.specific(), info, **kwargs)


class PublicPageInterface(PageInterface):
    # Grapple's PageInterface with its tree fields limited to public pages (see the
    # module docstring for why this class has a comment instead of a docstring).

    class Meta:
        name = "PageInterface"

    def resolve_parent(self, info: GraphQLResolveInfo, **kwargs) -> Page | None:
        """The parent if the public may see it, else null (never a draft or restricted page)."""
        if not self.path or self.depth is None or self.depth <= 1:
            return None
        parent_path = self.path[: -self.steplen]
        return public_pages(Page.objects.filter(path=parent_path)).specific().first()

    def resolve_children(self, info: GraphQLResolveInfo, **kwargs):
        return _public(self.get_children(), info, **kwargs)

    def resolve_siblings(self, info: GraphQLResolveInfo, **kwargs):
        return _public(self.get_siblings().exclude(pk=self.pk), info, **kwargs)

    def resolve_next_siblings(self, info: GraphQLResolveInfo, **kwargs):
        return _public(self.get_next_siblings().exclude(pk=self.pk), info, **kwargs)

    def resolve_previous_siblings(self, info: GraphQLResolveInfo, **kwargs):
        return _public(self.get_prev_siblings().exclude(pk=self.pk), info, **kwargs)

    def resolve_descendants(self, info: GraphQLResolveInfo, **kwargs):
        return _public(self.get_descendants(), info, **kwargs)

    def resolve_ancestors(self, info: GraphQLResolveInfo, **kwargs):
        return _public(self.get_ancestors(), info, **kwargs)
