"""Named GraphQL operations kept as ``.graphql`` files (a frontend's contract documents).

A folder holds one file per operation plus shared fragment files. ``load_operations``
returns each operation as a standalone document: its own text followed by every fragment
it uses, directly or through other fragments, so it can be validated, executed or
persisted on its own.
"""

from dataclasses import dataclass
from pathlib import Path

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
    parse,
    print_ast,
    visit,
)
from graphql.language import Visitor


@dataclass(frozen=True)
class Operation:
    """One named operation, self-contained with its fragments."""

    name: str
    path: Path
    document: str


class _SpreadCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_args) -> None:
        self.names.add(node.name.value)


def _spreads(node) -> set[str]:
    collector = _SpreadCollector()
    visit(node, collector)
    return collector.names


def load_operations(directory: Path) -> dict[str, Operation]:
    """Every named operation in ``directory``'s ``*.graphql`` files, by operation name."""
    fragments: dict[str, FragmentDefinitionNode] = {}
    operations: list[tuple[OperationDefinitionNode, Path]] = []
    for path in sorted(Path(directory).glob("*.graphql")):
        document: DocumentNode = parse(path.read_text())
        for definition in document.definitions:
            if isinstance(definition, FragmentDefinitionNode):
                if definition.name.value in fragments:
                    raise ValueError(f"Fragment {definition.name.value} is defined twice.")
                fragments[definition.name.value] = definition
            elif isinstance(definition, OperationDefinitionNode):
                if definition.name is None:
                    raise ValueError(f"{path.name}: every operation needs a name.")
                operations.append((definition, path))

    result: dict[str, Operation] = {}
    for operation, path in operations:
        name = operation.name.value
        if name in result:
            raise ValueError(f"Operation {name} is defined twice.")
        needed: list[str] = []
        pending = sorted(_spreads(operation))
        while pending:
            fragment_name = pending.pop(0)
            if fragment_name in needed:
                continue
            if fragment_name not in fragments:
                raise ValueError(f"{path.name}: unknown fragment {fragment_name}.")
            needed.append(fragment_name)
            pending.extend(sorted(_spreads(fragments[fragment_name]) - set(needed)))
        parts = [print_ast(operation)] + [print_ast(fragments[n]) for n in sorted(needed)]
        result[name] = Operation(name=name, path=path, document="\n\n".join(parts) + "\n")
    return result
