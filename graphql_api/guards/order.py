"""``order`` arguments take allow-listed field names only, never a raw Django path.

Grapple's list fields (``pages``, ``children``, ``descendants``, ``images``, ``sites`` …)
pass their ``order: String`` straight to ``QuerySet.order_by``: ``owner__password``
would sort pages by their owners' password hashes, one comparison at a time, and an
unknown name is a server error. Changing the argument to an enum would change the
public schema, so this middleware checks the string instead: each comma-separated term
must be an allowed field of what the list returns, optionally prefixed with ``-``.
Anything else is a ``BAD_USER_INPUT`` error raised before the resolver runs, so a
refused request costs no SQL.

With ``searchQuery`` the order must also be a field the search index can sort on.
Arguments that are enums (``specialIssues(order:)``) are left to GraphQL's validation.
"""

from functools import cache

from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLString,
    get_named_type,
    get_nullable_type,
)
from wagtail.search import index

from graphql_api.errors import bad_input

# What each kind of list may be ordered by, keyed by the GraphQL type it returns.
PAGE_ORDER = (
    "id",
    "title",
    "slug",
    "path",
    "depth",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
)
ORDER_FIELDS: dict[str, tuple[str, ...]] = {
    "PageInterface": PAGE_ORDER,
    "ImageObjectType": ("id", "title", "created_at", "width", "height", "file_size"),
    "DocumentObjectType": ("id", "title", "created_at", "file_size"),
    "SiteObjectType": ("id", "hostname", "site_name"),
    "CollectionObjectType": ("id", "name", "path", "depth"),
    "TagObjectType": ("id", "name"),
}


@cache
def _models() -> dict:
    from taggit.models import Tag
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Page, Site

    return {
        "PageInterface": Page,
        "ImageObjectType": get_image_model(),
        "DocumentObjectType": get_document_model(),
        "SiteObjectType": Site,
        "CollectionObjectType": Collection,
        "TagObjectType": Tag,
    }


def list_model(kind: str | None):
    """The Django model of a list kind (None for a list Grapple does not build)."""
    return _models().get(kind) if kind else None


def list_kind(graphql_type) -> str | None:
    """The key of ``ORDER_FIELDS`` for a field's return type (any page type is a page)."""
    named = get_named_type(graphql_type)
    if named.name in ORDER_FIELDS:
        return named.name
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType) and any(
        interface.name == "PageInterface" for interface in named.interfaces
    ):
        return "PageInterface"
    return None


@cache
def allowed_order(kind: str | None, searching: bool) -> frozenset[str]:
    """Field names a list of ``kind`` may be ordered by (while searching: sortable ones)."""
    allowed = frozenset(ORDER_FIELDS.get(kind, ()))
    if not searching or kind is None:
        return allowed
    model = list_model(kind)
    if not index.class_is_indexed(model):
        return allowed
    sortable = {f.field_name for f in model.get_search_fields() if isinstance(f, index.FilterField)}
    return allowed & sortable


def takes_raw_order(info: GraphQLResolveInfo) -> bool:
    """Whether the field being resolved has an ``order: String`` argument."""
    argument = info.parent_type.fields[info.field_name].args.get("order")
    return argument is not None and get_nullable_type(argument.type) is GraphQLString


def check_order(order: str, kind: str | None, searching: bool) -> None:
    """Raise ``BAD_USER_INPUT`` unless every term of ``order`` is allowed."""
    allowed = allowed_order(kind, searching)
    for term in order.split(","):
        name = term.strip().removeprefix("-")
        if name not in allowed:
            listed = ", ".join(sorted(allowed)) or "nothing"
            raise bad_input(
                f'Cannot order by "{term.strip()}". Allowed: {listed} '
                '(a "-" before a name sorts descending; separate names with commas).',
                argument="order",
                allowed=sorted(allowed),
            )


class OrderAllowListMiddleware:
    """Graphene middleware refusing ``order`` values outside the allow-list (see module)."""

    @staticmethod
    def acts_on_field(schema, parent, name: str, field) -> bool:
        """Only fields with an ``order`` argument (``execution.install_field_middleware``)."""
        return "order" in field.args

    def resolve(self, next_, root, info: GraphQLResolveInfo, **args):
        order = args.get("order")
        if isinstance(order, str) and takes_raw_order(info):
            check_order(order, list_kind(info.return_type), bool(args.get("search_query")))
        return next_(root, info, **args)
