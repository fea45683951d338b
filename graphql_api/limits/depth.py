"""The depth limit: how many fields are nested inside one another (QUERY_TOO_DEEP).

``{ specialIssue { title } }`` is 2 deep, ``{ specialIssue { journal { title } } }`` is
3. Fragments add no level of their own: their fields count where they are spread.
A chain of ``parent { parent { … } } }`` 26 deep, which stock Grapple accepts, is refused
here before any SQL runs.
"""

from graphql import (
    FieldNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from graphql_api.limits.base import INTROSPECTION_FIELDS, FragmentCache, OperationLimitRule

QUERY_TOO_DEEP = "QUERY_TOO_DEEP"


def operation_depth(operation: OperationDefinitionNode, fragments: FragmentCache) -> int:
    """The number of fields on the longest path from the operation to a leaf."""

    def depth(selection_set: SelectionSetNode) -> int:
        deepest = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                found = 1
                if (
                    selection.selection_set is not None
                    and selection.name.value not in INTROSPECTION_FIELDS
                ):
                    found += depth(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                found = depth(selection.selection_set)
            else:
                found = fragments.measure(
                    selection.name.value, None, lambda fragment: depth(fragment.selection_set)
                )
            deepest = max(deepest, found)
        return deepest

    return depth(operation.selection_set)


class MaxDepthRule(OperationLimitRule):
    """Refuses an operation nested deeper than ``GRAPHQL_API["MAX_DEPTH"]`` fields."""

    setting = "MAX_DEPTH"
    code = QUERY_TOO_DEEP
    measure_name = "depth"

    def measure(self, operation: OperationDefinitionNode) -> int:
        return operation_depth(operation, FragmentCache(self.context))

    def message(self, value: int) -> str:
        return (
            f"The query nests fields {value} levels deep; the maximum is {self.maximum}. "
            "Ask for fewer nested fields, or split the query."
        )
