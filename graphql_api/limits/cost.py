"""The cost limit: an estimate of the fields one operation resolves (QUERY_TOO_COSTLY).

The estimate is an upper bound of the number of field resolutions, computed from the
query text alone, fragments expanded::

    cost(selections)       = sum of cost(field) over the fields selected
    cost(leaf field)       = 1                    scalars, enums, lists of scalars
    cost(field {children}) = 1 + size(field) × cost(children)

    size(field) = 1                  when the field returns one object
                = its ``limit``      when it returns a list and takes a ``limit`` argument:
                                     the literal given (at most MAX_LIMIT), MAX_LIMIT for a
                                     variable (its value is not known before execution),
                                     DEFAULT_LIMIT when none is given
                = the page size      for a list without ``limit`` inside a paginated object
                                     (``specialIssues(limit: 50) { items { … } }``: ``items``
                                     has size 50)
                = COST_LIST_SIZE     for any other list (guest editors, deadlines, blocks)

MAX_LIMIT and DEFAULT_LIMIT are the larger of the gateway's own (``GRAPHQL_API``) and
Grapple's (``GRAPPLE["MAX_PAGE_SIZE"]``, ``["PAGE_SIZE"]``), so the estimate stays an
upper bound for both kinds of list. ``__typename`` costs 1; so do ``__schema`` and
``__type``, whose contents are not counted (see ``limits.base``).

Examples: ``{ pages(limit: 100) { title } }`` costs 1 + 100 × 1 = 101;
``{ pages { children { parent { title } } } }`` costs 1 + 20 × (1 + 20 × (1 + 1)) = 821.
"""

from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from grapple.settings import grapple_settings

from graphql_api.conf import get_setting
from graphql_api.limits.base import INTROSPECTION_FIELDS, FragmentCache, OperationLimitRule

QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"


class CostEstimator:
    """Estimates the cost of operations against one schema (formula above)."""

    def __init__(self, fragments: FragmentCache, types: dict[str, GraphQLNamedType]):
        self._fragments = fragments
        self._types = types
        self.largest_page = max(get_setting("MAX_LIMIT"), grapple_settings.MAX_PAGE_SIZE)
        self.default_page = max(get_setting("DEFAULT_LIMIT"), grapple_settings.PAGE_SIZE)
        self.list_size: int = get_setting("COST_LIST_SIZE")

    def operation(self, operation: OperationDefinitionNode, root: GraphQLNamedType | None) -> int:
        return self.selections(operation.selection_set, root, None)

    def selections(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType | None,
        page_size: int | None,
    ) -> int:
        """The cost of a selection set on ``parent``; ``page_size`` sizes its lists."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, page_size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self._types.get(condition.name.value) if condition else parent
                total += self.selections(selection.selection_set, on, page_size)
            else:
                total += self._fragments.measure(
                    selection.name.value,
                    page_size,
                    lambda fragment: self.selections(
                        fragment.selection_set,
                        self._types.get(fragment.type_condition.name.value),
                        page_size,
                    ),
                )
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, page_size: int | None) -> int:
        if node.selection_set is None or node.name.value in INTROSPECTION_FIELDS:
            return 1
        definition = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        if definition is None:
            # An unknown field: standard validation reports it, nothing will execute.
            return 1
        limit = self.requested_limit(node, definition)
        returned = get_nullable_type(definition.type)
        if is_list_type(returned):
            if limit is not None:
                size = limit
            elif page_size is not None:
                size = page_size
            else:
                size = self.list_size
            children_page_size = None
        else:
            # A paginated object (``specialIssues``) hands its page size to its lists.
            size, children_page_size = 1, limit
        children = self.selections(node.selection_set, get_named_type(returned), children_page_size)
        return 1 + size * children

    def requested_limit(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """The page size a field with a ``limit`` argument returns at most; else None."""
        if "limit" not in definition.args:
            return None
        for argument in node.arguments:
            if argument.name.value != "limit":
                continue
            if isinstance(argument.value, IntValueNode):
                return max(0, min(int(argument.value.value), self.largest_page))
            if isinstance(argument.value, NullValueNode):
                break
            # A variable (or an invalid value, which validation reports): the worst case.
            return self.largest_page
        return self.default_page


class MaxCostRule(OperationLimitRule):
    """Refuses an operation whose estimated cost is over ``GRAPHQL_API["MAX_COST"]``."""

    setting = "MAX_COST"
    code = QUERY_TOO_COSTLY
    measure_name = "cost"

    def measure(self, operation: OperationDefinitionNode) -> int:
        schema = self.context.schema
        estimator = CostEstimator(FragmentCache(self.context), schema.type_map)
        return estimator.operation(operation, schema.get_root_type(operation.operation))

    def message(self, value: int) -> str:
        return (
            f"The query's estimated cost is {value}; the maximum is {self.maximum}. "
            "Ask for fewer items (a smaller limit) or fewer nested lists, or split the query."
        )
