"""Grapple field helpers and enums shared by the content model's GraphQL declarations.

These only declare how model data is typed over GraphQL; the gateway (``graphql_api``)
builds the schema and adds the root queries.
"""

from collections.abc import Callable

import graphene
from django.apps import apps
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLResolveInfo,
    InlineFragmentNode,
    SelectionSetNode,
)
from grapple.models import GraphQLField
from grapple.registry import registry

from special_issues.status import IssueStatus


class IssueStatusEnum(graphene.Enum):
    """Where a call for papers stands, derived from its dates and published articles."""

    UPCOMING = IssueStatus.UPCOMING.value
    OPEN = IssueStatus.OPEN.value
    CLOSED = IssueStatus.CLOSED.value
    COMPLETED = IssueStatus.COMPLETED.value

    class Meta:
        name = "IssueStatus"


class DeadlineKindEnum(graphene.Enum):
    """What is due at a deadline."""

    ABSTRACT = "ABSTRACT"
    FULL_MANUSCRIPT = "FULL_MANUSCRIPT"
    OTHER = "OTHER"

    class Meta:
        name = "DeadlineKind"


class GuestEditorRoleEnum(graphene.Enum):
    """A guest editor's role on one special issue."""

    LEAD_GUEST_EDITOR = "LEAD_GUEST_EDITOR"
    GUEST_EDITOR = "GUEST_EDITOR"

    class Meta:
        name = "GuestEditorRole"


class ReusableContentKindEnum(graphene.Enum):
    """What a reusable marketing snippet is for."""

    CALL_TO_ACTION = "CALL_TO_ACTION"
    NOTICE = "NOTICE"
    BOILERPLATE = "BOILERPLATE"

    class Meta:
        name = "ReusableContentKind"


class FormattedText(graphene.ObjectType):
    """Rich text: HTML with links resolved to the frontend, and the same as plain text."""

    html = graphene.String(required=True, description="HTML; page links are frontend URLs.")
    plain_text = graphene.String(
        required=True, description="The text without markup; blocks separated by blank lines."
    )


class SubmissionInfo(graphene.ObjectType):
    """How and where to submit: the issue's own links, or its journal's."""

    author_instructions_url = graphene.String(description="Instructions for authors.")
    online_submission_url = graphene.String(description="Where authors submit online.")
    submission_deadline = graphene.Date(description="The final manuscript deadline.")


def _model_type(model_label: str) -> Callable[[], type]:
    def resolve() -> type:
        return registry.models[apps.get_model(model_label)]

    return resolve


def GraphQLTyped(field_name: str, field_type, **kwargs):  # noqa: N802 (Grapple's naming)
    """A field of an explicit graphene type (an enum, a custom object type, a scalar)."""

    def Mixin():  # noqa: N802
        return GraphQLField(field_name, field_type, **kwargs)

    return Mixin


def GraphQLFormattedText(field_name: str, source: str, **kwargs):  # noqa: N802
    """A ``FormattedText!`` field; ``source`` names an attribute holding FormattedRichText."""

    def Mixin():  # noqa: N802
        return GraphQLField(field_name, FormattedText, required=True, source=source, **kwargs)

    return Mixin


def GraphQLModel(field_name: str, model_label: str, **kwargs):  # noqa: N802
    """A field holding one instance of a model Grapple registered (page, snippet, orderable)."""

    def Mixin():  # noqa: N802
        return GraphQLField(field_name, _model_type(model_label), **kwargs)

    return Mixin


def _non_null_list(item_type) -> graphene.NonNull:
    # Grapple's ``is_list=True, required=True`` loses the outer non-null when the field
    # is built, so the ``[T!]!`` type is spelled out here.
    return graphene.NonNull(graphene.List(graphene.NonNull(item_type)))


def GraphQLModelList(field_name: str, model_label: str, **kwargs):  # noqa: N802
    """A ``[T!]!`` list of model instances, in the editor's order, with no raw arguments.

    Grapple's own collections accept ``order``/``limit`` arguments that take raw field
    paths; these related lists are small, ordered by the editor, and returned whole.
    """

    def Mixin():  # noqa: N802
        return GraphQLField(field_name, _non_null_list(_model_type(model_label)), **kwargs)

    return Mixin


def GraphQLStringList(field_name: str, **kwargs):  # noqa: N802
    """A ``[String!]!`` list (Grapple's ``GraphQLString(is_list=True)`` is ``[String]``)."""

    def Mixin():  # noqa: N802
        return GraphQLField(field_name, _non_null_list(graphene.String), **kwargs)

    return Mixin


# --- what a client selected ------------------------------------------------------


def _child_fields(info: GraphQLResolveInfo, selection_set: SelectionSetNode | None):
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _child_fields(info, selection.selection_set)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = info.fragments.get(selection.name.value)
            if fragment is not None:
                yield from _child_fields(info, fragment.selection_set)


def selected_fields(info: GraphQLResolveInfo, *path: str) -> set[str]:
    """Names of the fields selected under the current field, following ``path`` first.

    ``selected_fields(info, "items")`` on ``specialIssues { items { title status } }``
    gives ``{"title", "status"}``. Fragments and inline fragments are followed.
    """
    nodes = list(info.field_nodes)
    for name in path:
        nodes = [
            child
            for node in nodes
            for child in _child_fields(info, node.selection_set)
            if child.name.value == name
        ]
    return {child.name.value for node in nodes for child in _child_fields(info, node.selection_set)}
