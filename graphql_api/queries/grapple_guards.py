"""Grapple's own root queries, answered under the same visibility rules as ours.

Stock Grapple serves a live page under an unpublished journal (``pages``, ``page``),
searches drafts, snippets, images and documents without any filter (``search``), lists
every snippet (``snippets``) and checks only an image's own collection for restrictions.
These resolvers replace Grapple's while keeping its field names and arguments, so the
public schema does not change: only what it returns does.
"""

from django.db.models import Q
from graphql import GraphQLResolveInfo
from grapple.types.pages import get_site_filter
from grapple.utils import resolve_queryset
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from graphql_api.conf import get_setting
from special_issues.images import restricted_collection_ids
from special_issues.models import JournalPage, Person, ReusableContent, SpecialIssuePage
from special_issues.search import search_query
from special_issues.visibility import public_pages, searchable


def public_images():
    # Plain id filters (not a subquery), so Wagtail search can still run on the queryset.
    restricted = restricted_collection_ids()
    return get_image_model().objects.exclude(collection_id__in=restricted).prefetch_renditions()


def public_documents():
    return get_document_model().objects.exclude(collection_id__in=restricted_collection_ids())


def people_shown_publicly():
    """People named on a published page: guest editors, contacts, journal default contacts."""
    issues = SpecialIssuePage.objects.visible_to_public().values("pk")
    journals = public_pages(JournalPage.objects.all()).values("default_contact_id")
    return Person.objects.filter(
        Q(guest_editorships__page__in=issues)
        | Q(issue_contacts__page__in=issues)
        | Q(pk__in=journals)
    ).distinct()


class GrappleGuardsQuery:
    """Resolvers that take precedence over Grapple's for the same root fields."""

    def resolve_pages(self, info: GraphQLResolveInfo, **kwargs):
        parent, ancestor = kwargs.pop("parent", None), kwargs.pop("ancestor", None)
        pages = public_pages(Page.objects.filter(depth__gt=1))
        if parent is not None:
            pages = pages.filter(pk__in=_children_ids(parent, descendants=False))
        elif ancestor is not None:
            pages = pages.filter(pk__in=_children_ids(ancestor, descendants=True))
        site = get_site_filter(info, **kwargs)
        if site is not None:
            pages = pages.in_site(site)
        elif kwargs.get("site") is not None or kwargs.get("in_site"):
            return Page.objects.none()
        kwargs.pop("site", None)
        kwargs.pop("in_site", None)
        content_type = kwargs.pop("content_type", None)
        if content_type:
            query = Q()
            for label in content_type.split(","):
                app_label, _, model = label.strip().lower().partition(".")
                query |= Q(content_type__app_label=app_label, content_type__model=model)
            pages = pages.filter(query)
        if kwargs.get("search_query"):
            pages = searchable(pages)
        return resolve_queryset(pages.specific(), info, **kwargs)

    def resolve_page(self, info: GraphQLResolveInfo, **kwargs):
        token = kwargs.get("token")
        if token:
            from graphql_api.preview import mark_preview, page_from_preview_token

            mark_preview(info.context)
            return page_from_preview_token(token, Page)
        pages = public_pages(Page.objects.filter(depth__gt=1))
        site = get_site_filter(info, **kwargs)
        if site is not None:
            pages = pages.in_site(site)
        if kwargs.get("content_type"):
            app_label, _, model = kwargs["content_type"].lower().partition(".")
            pages = pages.filter(content_type__app_label=app_label, content_type__model=model)
        if kwargs.get("id") is not None:
            pages = pages.filter(pk=kwargs["id"])
        elif kwargs.get("slug"):
            pages = pages.filter(slug=kwargs["slug"])
        elif kwargs.get("url_path"):
            url_path = kwargs["url_path"].rstrip("/") + "/"
            if site is not None:
                pages = pages.filter(url_path=f"{site.root_page.url_path}{url_path.lstrip('/')}")
            else:
                pages = pages.filter(url_path__endswith=url_path)
        else:
            return None
        return pages.specific().first()

    def resolve_search(self, info: GraphQLResolveInfo, **kwargs):
        """Published journals and special issues only; snippets and media are not searched."""
        query = (kwargs.get("query") or "").strip()
        if not query:
            return []
        backend = get_search_backend()
        limit = get_setting("MAX_LIMIT")
        results: list = []
        for model in (SpecialIssuePage, JournalPage):
            # The backend searches live pages; the public ones are kept, in its order.
            found = [
                page.pk
                for page in backend.search(search_query(query), model.objects.live())[:limit]
            ]
            public = public_pages(model.objects.filter(pk__in=found)).in_bulk()
            results += [public[pk] for pk in found if pk in public]
        return results[:limit]

    def resolve_snippets(self, info: GraphQLResolveInfo, **kwargs):
        """Published, unexpired reusable content and people shown on published pages."""
        return [*ReusableContent.objects.visible(), *people_shown_publicly()]

    def resolve_image(self, info: GraphQLResolveInfo, id: str, **kwargs):  # noqa: A002
        return public_images().filter(pk=id).first()

    def resolve_images(self, info: GraphQLResolveInfo, **kwargs):
        return resolve_queryset(public_images(), info, **kwargs)

    def resolve_document(self, info: GraphQLResolveInfo, id: str, **kwargs):  # noqa: A002
        return public_documents().filter(pk=id).first()

    def resolve_documents(self, info: GraphQLResolveInfo, **kwargs):
        return resolve_queryset(public_documents(), info, **kwargs)


def _children_ids(page_id, descendants: bool):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return Page.objects.none().values("pk")
    related = page.get_descendants() if descendants else page.get_children()
    return related.values("pk")
