"""The alias limit: how many aliased fields one operation holds (TOO_MANY_ALIASES).

Aliases let one request repeat an expensive field under many names: 30 aliases of
``pages(limit: 100)`` made stock Grapple work for 10 s. Every field written with an alias
counts, fragments expanded: a fragment holding 3 aliases and spread twice counts 6.
"""

from graphql import (
    FieldNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from graphql_api.limits.base import FragmentCache, OperationLimitRule

TOO_MANY_ALIASES = "TOO_MANY_ALIASES"


def operation_aliases(operation: OperationDefinitionNode, fragments: FragmentCache) -> int:
    """The number of aliased fields the operation resolves, fragments expanded."""

    def count(selection_set: SelectionSetNode) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += selection.alias is not None
                if selection.selection_set is not None:
                    total += count(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += count(selection.selection_set)
            else:
                total += fragments.measure(
                    selection.name.value, None, lambda fragment: count(fragment.selection_set)
                )
        return total

    return count(operation.selection_set)


class MaxAliasesRule(OperationLimitRule):
    """Refuses an operation with more than ``GRAPHQL_API["MAX_ALIASES"]`` aliased fields."""

    setting = "MAX_ALIASES"
    code = TOO_MANY_ALIASES
    measure_name = "aliases"

    def measure(self, operation: OperationDefinitionNode) -> int:
        return operation_aliases(operation, FragmentCache(self.context))

    def message(self, value: int) -> str:
        return (
            f"The query uses {value} aliases; the maximum is {self.maximum}. "
            "Send several requests instead."
        )
