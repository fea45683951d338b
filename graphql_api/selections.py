"""What a client selected below a field, so resolvers load only what will be shown."""

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLResolveInfo,
    InlineFragmentNode,
    SelectionSetNode,
)


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
