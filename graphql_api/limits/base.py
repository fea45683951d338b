"""What the limit rules share: one check per operation, fragments expanded once each.

A rule measures an operation (its depth, its aliases, its cost) by walking the selection
sets with every fragment spread and inline fragment expanded in place, and reports one
error with an ``extensions.code`` when the measure is over the configured maximum.

Named fragments are measured once and the result reused, so a fragment spread many
times (or spread by fragments that are themselves spread many times) costs the walk
nothing more; a fragment spread inside itself counts as empty, which stops the walk.
Standard validation (``NoFragmentCyclesRule``, ``KnownFragmentNamesRule``) reports the
cycle or the unknown fragment: the limits only have to terminate.
"""

from collections.abc import Callable, Hashable
from typing import Any

from graphql import (
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    ValidationContext,
    ValidationRule,
    VisitorAction,
)
from graphql.language import SKIP

from graphql_api.conf import get_setting

# Introspection is answered from the in-memory schema (no SQL). The standard
# introspection query GraphiQL sends is 13 fields deep and lists every type and field,
# so the depth and cost limits do not apply inside these fields. Their abuse (lists of
# types nested in lists of types) is refused by graphql-core's MaxIntrospectionDepthRule,
# which is one of ``specified_rules``, and the size limits bound the rest.
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})

# Measures can grow exponentially (fragments spread twice, nested twice ...): errors
# report at most the largest GraphQL Int, which every client can decode.
LARGEST_REPORTED = 2**31 - 1


class FragmentCache:
    """Measures each named fragment once per key; a fragment being measured counts 0."""

    def __init__(self, context: ValidationContext) -> None:
        self._get_fragment = context.get_fragment
        self._measured: dict[tuple[str, Hashable], int] = {}
        self._open: set[str] = set()

    def measure(
        self, name: str, key: Hashable, measure: Callable[[FragmentDefinitionNode], int]
    ) -> int:
        if (name, key) in self._measured:
            return self._measured[name, key]
        fragment = self._get_fragment(name)
        if fragment is None or name in self._open:
            return 0
        self._open.add(name)
        try:
            value = measure(fragment)
        finally:
            self._open.discard(name)
        self._measured[name, key] = value
        return value


class OperationLimitRule(ValidationRule):
    """A validation rule that measures each operation and refuses one over a maximum.

    Subclasses name their setting and error code, and implement ``measure`` and
    ``message``.
    """

    setting: str
    code: str
    # The name of the measure in the error's extensions, e.g. ``depth``.
    measure_name: str

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.maximum: int = get_setting(self.setting)

    def measure(self, operation: OperationDefinitionNode) -> int:
        raise NotImplementedError

    def message(self, value: int) -> str:
        raise NotImplementedError

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: Any
    ) -> VisitorAction:
        try:
            value = self.measure(node)
        except RecursionError:
            # Fragments nested deeper than Python can follow: certainly over any limit.
            value = LARGEST_REPORTED
        if value > self.maximum:
            value = min(value, LARGEST_REPORTED)
            self.report_error(
                GraphQLError(
                    self.message(value),
                    node,
                    extensions={
                        "code": self.code,
                        self.measure_name: value,
                        "maximum": self.maximum,
                    },
                )
            )
        # The operation is measured as a whole: its fields need no further visit.
        return SKIP
