"""A breaking change to the committed schema needs a deprecation first.

``frontend_contract/schema.graphql`` (which ``test_schema.py`` keeps equal to the live
schema) is compared with a *baseline* version of itself by graphql-core's
``find_breaking_changes``. A removal or type change of a field, argument, input field or
enum value is allowed only if the baseline already marked it ``@deprecated``: frontends
have then been warned. A type may go once only deprecated fields led to it.

The baseline, in this order:

1. ``CONTRACT_BASELINE=<file>``: that SDL file (e.g. the schema of the last release);
2. the schema at the merge-base of ``HEAD`` and ``origin/main``, if that ref exists and
   the schema differs there: every change a branch makes is checked, not only its last;
3. otherwise the newest version in the history of ``HEAD`` that differs from the file:
   ``HEAD``'s version while the file has uncommitted edits, else the version before the
   last commit that changed it.

Without git (a tarball, no ``git``) the test fails and says so, rather than pass having
compared nothing; set ``CONTRACT_BASELINE`` there. In a shallow clone (``--depth 1``)
the earlier versions are not available: the baseline falls back to ``HEAD``'s version,
which compares the file with itself, and the test warns that nothing was compared.
Fetch more history (``git fetch --unshallow``, or ``fetch-depth: 0`` in CI) to check.
"""

import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from graphql import (
    BreakingChange,
    DocumentNode,
    GraphQLNamedType,
    GraphQLSchema,
    TypeDefinitionNode,
    TypeExtensionNode,
    build_ast_schema,
    find_breaking_changes,
    get_named_type,
    is_input_object_type,
    is_interface_type,
    is_object_type,
    is_union_type,
    parse,
    visit,
)
from graphql.language import REMOVE, Visitor

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = "frontend_contract/schema.graphql"

# --- the checker ---------------------------------------------------------------------


class _DropDeprecated(Visitor):
    """Removes every field, argument, input field and enum value marked ``@deprecated``."""

    @staticmethod
    def _drop_if_deprecated(node, *_args):
        if any(directive.name.value == "deprecated" for directive in node.directives or ()):
            return REMOVE
        return None

    enter_field_definition = _drop_if_deprecated
    enter_input_value_definition = _drop_if_deprecated
    enter_enum_value_definition = _drop_if_deprecated


def _reachable_types(schema: GraphQLSchema) -> set[str]:
    """Names of the types a client can reach from the root types (and directives)."""
    pending: list = [
        root
        for root in (schema.query_type, schema.mutation_type, schema.subscription_type)
        if root is not None
    ]
    for directive in schema.directives:
        pending.extend(argument.type for argument in directive.args.values())
    seen: set[str] = set()
    while pending:
        named: GraphQLNamedType = get_named_type(pending.pop())
        if named.name in seen:
            continue
        seen.add(named.name)
        if is_object_type(named) or is_interface_type(named):
            for field in named.fields.values():
                pending.append(field.type)
                pending.extend(argument.type for argument in field.args.values())
            pending.extend(named.interfaces)
        if is_interface_type(named):
            implementations = schema.get_implementations(named)
            pending.extend([*implementations.objects, *implementations.interfaces])
        if is_union_type(named):
            pending.extend(named.types)
        if is_input_object_type(named):
            pending.extend(field.type for field in named.fields.values())
    return seen


def supported_part(sdl: str) -> GraphQLSchema:
    """What clients may still rely on: ``sdl`` without what it deprecates.

    Deprecated fields, arguments, input fields and enum values are dropped, then every
    type that only they led to.
    """
    document: DocumentNode = visit(parse(sdl), _DropDeprecated())
    reachable = _reachable_types(build_ast_schema(document))
    definitions = tuple(
        definition
        for definition in document.definitions
        if not isinstance(definition, TypeDefinitionNode | TypeExtensionNode)
        or definition.name.value in reachable
    )
    return build_ast_schema(DocumentNode(definitions=definitions))


def unannounced_breaking_changes(old_sdl: str, new_sdl: str) -> list[BreakingChange]:
    """Breaking changes from ``old_sdl`` to ``new_sdl`` that ``old_sdl`` did not deprecate.

    ``find_breaking_changes`` runs on the old schema minus what it deprecates, so a
    change to a deprecated element (or to a type only deprecated fields lead to) is not
    reported, and every other breaking change is, in graphql-core's words.
    """
    return find_breaking_changes(supported_part(old_sdl), build_ast_schema(parse(new_sdl)))


# --- the baseline ----------------------------------------------------------------------


class BaselineUnavailable(Exception):
    """No baseline schema can be found: the check would compare nothing."""


@dataclass(frozen=True)
class Baseline:
    """The schema version the current file is checked against, and where it came from."""

    sdl: str
    source: str
    compares_with_itself: bool = False


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    git = shutil.which("git")
    if git is None:
        raise BaselineUnavailable("git is not installed")
    return subprocess.run(  # noqa: S603 (fixed git arguments, no shell)
        [git, "-C", str(repo), *args], capture_output=True, text=True, check=False
    )


def _git_out(repo: Path, *args: str, strip: bool = True) -> str | None:
    result = _git(repo, *args)
    if result.returncode != 0:
        return None
    return result.stdout.strip() if strip else result.stdout


def find_baseline(repo: Path, schema_path: str, current: str) -> Baseline:
    """The baseline schema for ``current`` (the text of ``repo``/``schema_path``)."""
    explicit = os.environ.get("CONTRACT_BASELINE")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise BaselineUnavailable(f"CONTRACT_BASELINE={explicit} is not a file.")
        return Baseline(path.read_text(encoding="utf-8"), f"CONTRACT_BASELINE={explicit}")

    hint = (
        "Breaking changes are checked against an earlier version of the schema, taken "
        "from git history. Run the test in a git clone, or set CONTRACT_BASELINE to an "
        "SDL file to compare with (e.g. the schema of the last release)."
    )
    try:
        inside = _git(repo, "rev-parse", "--is-inside-work-tree")
    except BaselineUnavailable as missing:
        raise BaselineUnavailable(f"{missing}. {hint}") from None
    if inside.stdout.strip() != "true":
        raise BaselineUnavailable(
            f"{repo} is not a git work tree ({inside.stderr.strip()}). {hint}"
        )
    if _git_out(repo, "rev-parse", "--verify", "--quiet", "HEAD") is None:
        raise BaselineUnavailable(f"{repo} has no commit yet. {hint}")

    candidates: list[tuple[str, str]] = []
    if _git_out(repo, "rev-parse", "--verify", "--quiet", "origin/main") is not None:
        merge_base = _git_out(repo, "merge-base", "HEAD", "origin/main")
        if merge_base:
            candidates.append((merge_base, "merge-base with origin/main"))
    history = _git_out(repo, "log", "--format=%H", "HEAD", "--", schema_path) or ""
    candidates += [(commit, "its latest different version") for commit in history.split()]
    for commit, why in candidates:
        sdl = _git_out(repo, "show", f"{commit}:{schema_path}", strip=False)
        if sdl is not None and sdl.strip() != current.strip():
            return Baseline(sdl, f"{schema_path} at {commit[:12]} ({why})")

    shallow = _git_out(repo, "rev-parse", "--is-shallow-repository") == "true"
    reason = (
        "this clone is shallow, so earlier versions are not available"
        if shallow
        else "the schema has no earlier, different version in this history"
    )
    return Baseline(current, f"the file itself ({reason})", compares_with_itself=True)


# --- the check on this repository --------------------------------------------------------


def test_committed_schema_makes_no_unannounced_breaking_change():
    current = (REPO / SCHEMA_PATH).read_text(encoding="utf-8")
    try:
        baseline = find_baseline(REPO, SCHEMA_PATH, current)
    except BaselineUnavailable as unavailable:
        pytest.fail(str(unavailable))
    if baseline.compares_with_itself:
        warnings.warn(
            f"No breaking-change check: compared {SCHEMA_PATH} with {baseline.source}.",
            stacklevel=1,
        )

    changes = unannounced_breaking_changes(baseline.sdl, current)

    assert not changes, (
        f"{SCHEMA_PATH} breaks clients relative to {baseline.source}:\n"
        + "\n".join(f"  - {change.description} ({change.type.name})" for change in changes)
        + "\nDeprecate first (deprecation_reason=… on the field, argument or enum value; "
        "commit that schema), and remove or change it in a later change once frontends "
        "have moved."
    )


# --- the checker, on small schemas -------------------------------------------------------

BEFORE = """
type Query {
  issue(slug: String!, preview: Boolean): Issue
  oldIssue: LegacyIssue @deprecated(reason: "Use issue.")
  status: Status!
}

type Issue {
  title: String!
  subtitle: String
  teaser: String @deprecated(reason: "Use subtitle.")
  pages: Int
}

type LegacyIssue {
  name: String!
}

enum Status {
  OPEN
  CLOSED
  ARCHIVED @deprecated(reason: "Use CLOSED.")
}
"""


def _descriptions(old: str, new: str) -> list[str]:
    return [change.description for change in unannounced_breaking_changes(old, new)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(BEFORE, BEFORE, [], id="no-change"),
        pytest.param(
            BEFORE,
            BEFORE.replace("  subtitle: String\n", ""),
            ["Issue.subtitle was removed."],
            id="removal-without-deprecation",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace('  teaser: String @deprecated(reason: "Use subtitle.")\n', ""),
            [],
            id="removal-after-deprecation",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace("title: String!", "title: Int!"),
            ["Issue.title changed type from String! to Int!."],
            id="type-change",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace("title: String!", "title: String"),
            ["Issue.title changed type from String! to String."],
            id="non-null-output-made-nullable",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace("subtitle: String", "subtitle: String!"),
            [],
            id="safe-type-change",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace("teaser: String @deprecated", "teaser: Int @deprecated"),
            [],
            id="type-change-after-deprecation",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace("  CLOSED\n", ""),
            ["CLOSED was removed from enum type Status."],
            id="enum-value-removal-without-deprecation",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace('  ARCHIVED @deprecated(reason: "Use CLOSED.")\n', ""),
            [],
            id="enum-value-removal-after-deprecation",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace(", preview: Boolean", ""),
            ["Query.issue arg preview was removed."],
            id="argument-removal-without-deprecation",
        ),
        pytest.param(
            BEFORE.replace("preview: Boolean", 'preview: Boolean @deprecated(reason: "x")'),
            BEFORE.replace(", preview: Boolean", ""),
            [],
            id="argument-removal-after-deprecation",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace("(slug: String!,", "(slug: String!, journal: String!,"),
            ["A required arg journal on Query.issue was added."],
            id="required-argument-added",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace(
                '  oldIssue: LegacyIssue @deprecated(reason: "Use issue.")\n', ""
            ).replace("type LegacyIssue {\n  name: String!\n}\n", ""),
            [],
            id="type-only-a-deprecated-field-led-to",
        ),
        pytest.param(
            BEFORE.replace("  status: Status!\n", "  status: Status!\n  legacy: LegacyIssue\n"),
            BEFORE.replace('  oldIssue: LegacyIssue @deprecated(reason: "Use issue.")\n', "")
            .replace("type LegacyIssue {\n  name: String!\n}\n", "")
            .replace("  status: Status!\n", "  status: Status!\n  legacy: Issue\n"),
            ["LegacyIssue was removed.", "Query.legacy changed type from LegacyIssue to Issue."],
            id="type-still-reachable-otherwise",
        ),
        pytest.param(
            BEFORE,
            BEFORE.replace("  pages: Int\n", "  pages: Int\n  doi: String\n")
            + "\ntype Article {\n  title: String!\n}\n",
            [],
            id="additions",
        ),
    ],
)
def test_checker(old, new, expected):
    assert sorted(_descriptions(old, new)) == sorted(expected)


def test_supported_part_drops_deprecated_elements_and_what_only_they_reach():
    schema = supported_part(BEFORE)

    assert "teaser" not in schema.get_type("Issue").fields
    assert "oldIssue" not in schema.query_type.fields
    assert schema.get_type("LegacyIssue") is None
    assert list(schema.get_type("Status").values) == ["OPEN", "CLOSED"]


def test_interface_implementations_and_union_members_stay_reachable():
    sdl = """
    type Query { node: Node, result: Result }
    interface Node { id: ID! }
    type Person implements Node { id: ID!, name: String! }
    type Photo { url: String! }
    union Result = Photo
    """
    schema = supported_part(sdl)

    assert schema.get_type("Person") is not None
    assert schema.get_type("Photo") is not None
    assert _descriptions(sdl, sdl.replace("name: String!", "")) == ["Person.name was removed."]


# --- the baseline, on throwaway repositories ---------------------------------------------

V1 = "type Query {\n  a: String\n  b: String\n}\n"
V2 = 'type Query {\n  a: String\n  b: String @deprecated(reason: "Use a.")\n}\n'
V3 = "type Query {\n  a: String\n}\n"


class Repo:
    """A git repository in a temporary directory holding one schema file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True)
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str) -> str:
        result = _git(
            self.path,
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def write(self, sdl: str) -> None:
        target = self.path / SCHEMA_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(sdl)

    def commit(self, sdl: str, message: str = "change") -> str:
        self.write(sdl)
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def baseline(self) -> Baseline:
        return find_baseline(self.path, SCHEMA_PATH, (self.path / SCHEMA_PATH).read_text())


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Repo:
    monkeypatch.delenv("CONTRACT_BASELINE", raising=False)
    return Repo(tmp_path / "repo")


@pytest.fixture
def no_baseline_env(monkeypatch):
    monkeypatch.delenv("CONTRACT_BASELINE", raising=False)


def test_baseline_is_the_version_before_the_last_schema_commit(repo):
    first = repo.commit(V1)
    repo.commit(V3, "remove b")
    repo.commit(V3 + "\n", "whitespace only")
    (repo.path / "README").write_text("unrelated")
    repo.commit(V3 + "\n", "unrelated commit")

    baseline = repo.baseline()

    assert baseline.sdl == V1
    assert first[:12] in baseline.source
    assert _descriptions(baseline.sdl, V3) == ["Query.b was removed."]


def test_uncommitted_edit_is_checked_against_head(repo):
    repo.commit(V1)
    head = repo.commit(V2, "deprecate b")
    repo.write(V3)

    baseline = repo.baseline()

    assert baseline.sdl == V2
    assert head[:12] in baseline.source
    assert _descriptions(baseline.sdl, V3) == []


def test_branch_is_checked_against_its_merge_base_with_origin_main(repo):
    main = repo.commit(V1)
    repo.git("update-ref", "refs/remotes/origin/main", main)
    repo.commit(V2, "deprecate b")
    repo.commit(V3, "remove b")

    baseline = repo.baseline()

    # Deprecating and removing on one branch is still a removal without warning.
    assert baseline.sdl == V1
    assert "merge-base with origin/main" in baseline.source
    assert _descriptions(baseline.sdl, V3) == ["Query.b was removed."]


def test_branch_that_leaves_the_schema_alone_checks_main_s_last_change(repo):
    repo.commit(V2)
    main = repo.commit(V3, "remove deprecated b")
    repo.git("update-ref", "refs/remotes/origin/main", main)
    (repo.path / "README").write_text("docs")
    repo.commit(V3, "docs only")

    assert repo.baseline().sdl == V2


def test_first_version_is_compared_with_itself(repo):
    repo.commit(V1)

    baseline = repo.baseline()

    assert baseline.compares_with_itself
    assert "no earlier" in baseline.source


def test_shallow_clone_falls_back_to_head_and_says_so(repo, tmp_path):
    repo.commit(V1)
    repo.commit(V3, "remove b")
    clone = tmp_path / "clone"
    result = _git(tmp_path, "clone", "--quiet", "--depth=1", f"file://{repo.path}", str(clone))
    assert result.returncode == 0, result.stderr

    baseline = find_baseline(clone, SCHEMA_PATH, (clone / SCHEMA_PATH).read_text())

    assert baseline.compares_with_itself
    assert "shallow" in baseline.source


@pytest.mark.usefixtures("no_baseline_env")
def test_without_git_history_the_check_fails_and_names_the_way_out(tmp_path, monkeypatch):
    # Even if the temporary directory sits inside some git work tree, git stops here.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "frontend_contract").mkdir()
    (tmp_path / SCHEMA_PATH).write_text(V1)

    with pytest.raises(BaselineUnavailable, match="CONTRACT_BASELINE"):
        find_baseline(tmp_path, SCHEMA_PATH, V1)


def test_contract_baseline_file_wins(tmp_path, monkeypatch):
    released = tmp_path / "released.graphql"
    released.write_text(V1)
    monkeypatch.setenv("CONTRACT_BASELINE", str(released))

    baseline = find_baseline(tmp_path, SCHEMA_PATH, V3)

    assert baseline.sdl == V1
    monkeypatch.setenv("CONTRACT_BASELINE", str(tmp_path / "missing.graphql"))
    with pytest.raises(BaselineUnavailable, match="not a file"):
        find_baseline(tmp_path, SCHEMA_PATH, V3)
