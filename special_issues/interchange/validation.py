"""Import, first pass: read and validate the whole file without writing anything.

Three layers, each reporting every problem it finds: JSON syntax (line and column), the
JSON Schema (structure, with the JSON path of each violation), then the content with the
models' own validation (ISSN, ORCID iD and DOI validators, choices, lengths, dates, block
rules) and the references between records. A later layer runs only when the earlier one
passed, since it relies on the structure being right.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from wagtail.models import Page, Site

from special_issues.interchange.body import check_body
from special_issues.interchange.errors import Problems, json_path
from special_issues.interchange.images import find_image
from special_issues.interchange.records import (
    ISSUE,
    JOURNAL,
    PERSON,
    REUSABLE_CONTENT,
    apply,
    clean,
    person_key,
)
from special_issues.models import JournalPage, Person, ReusableContent, SpecialIssuePage

__all__ = ["SCHEMA_PATH", "Item", "Plan", "load_schema", "plan_import"]

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas/special-issues-export.schema.json"


@cache
def load_schema() -> dict[str, Any]:
    """The file format's JSON Schema (draft 2020-12)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass
class Item:
    """One record of the file, with the saved object it updates (None: create it)."""

    path: str
    record: dict[str, Any]
    existing: Any = None
    children: list["Item"] = field(default_factory=list)


@dataclass
class Plan:
    """A validated file, ready to write: what to create or update, in order."""

    people: list[Item]
    snippets: list[Item]
    journals: list[Item]
    root: Page | None
    warnings: list[str]


def plan_import(text: str) -> Plan:
    """Validate ``text`` fully; raise ``InterchangeError`` listing every problem."""
    problems = Problems()
    document = parse(text, problems)
    problems.raise_if_any()
    check_schema(document, problems)
    problems.raise_if_any()
    plan = _Checker(problems).check(document)
    problems.raise_if_any()
    return plan


def parse(text: str, problems: Problems) -> Any:
    """The JSON document, or None with a syntax error at its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problems.error(f"line {error.lineno}, column {error.colno}", f"{error.msg} (not JSON).")
        return None


def check_schema(document: Any, problems: Problems) -> None:
    """Every schema violation, in document order, at its JSON path."""
    validator = Draft202012Validator(load_schema(), format_checker=FormatChecker())
    errors = validator.iter_errors(document)
    for error in sorted(errors, key=lambda e: _document_order(document, e.absolute_path)):
        problems.error(json_path(error.absolute_path), error.message)


def _document_order(document: Any, path) -> list[int]:
    """The position of ``path`` in the document, so errors are listed as the file reads."""
    order, node = [], document
    for part in path:
        order.append(list(node).index(part) if isinstance(node, dict) else part)
        node = node[part]
    return order


class _Checker:
    """Validates a schema-valid document record by record; finds what each one updates."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.people: set[str] = set()
        self.snippets: set[str] = set()
        self.sections: set[str] = set()

    # References, as the validation pass resolves them: known or not, never loaded.

    def person(self, key: str | None, path: str) -> None:
        if key is not None and key not in self.people:
            self.problems.error(path, f"no person has the key “{key}” (in people or saved).")

    def snippet(self, name: str, path: str) -> None:
        if name not in self.snippets:
            self.problems.error(
                path, f"no reusable content is named “{name}” (in reusableContent or saved)."
            )

    def image(self, ref: dict | None, path: str):
        if ref is None:
            return None
        image = find_image(ref)
        if image is None:
            self.problems.warn(
                path,
                f"no image with the file name “{ref['file']}” is in the image library; "
                "left out (images are not part of the file: upload it first).",
            )
        return image

    def section(self, name: str | None, path: str) -> None:
        if name is not None and name not in self.sections:
            self.problems.error(path, f"“{name}” is not one of the journal's sections.")

    def body(self, data: list, path: str) -> list:
        check_body(data, path, self, self.problems)
        return []

    # Records.

    def check(self, document: dict[str, Any]) -> Plan:
        saved_people: dict[str, Person] = {}
        for person in Person.objects.order_by("pk"):
            saved_people.setdefault(person_key(person), person)
        saved_snippets = {snippet.name: snippet for snippet in ReusableContent.objects.all()}
        people = document.get("people", [])
        snippets = document.get("reusableContent", [])
        self.people = set(saved_people) | {record["key"] for record in people}
        self.snippets = set(saved_snippets) | {record["name"] for record in snippets}
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page if site else None

        people_items = [
            Item(path, record, saved_people.get(record["key"]))
            for path, record in self._unique(people, "people", "key")
            if self._person(path, record)
        ]
        snippet_items = [
            Item(path, record, saved_snippets.get(record["name"]))
            for path, record in self._unique(snippets, "reusableContent", "name")
            if self._record(ReusableContent(), path, record, REUSABLE_CONTENT)
        ]
        journal_items = [
            self._journal(path, record, root)
            for path, record in self._unique(document.get("journals", []), "journals", "slug")
        ]
        return Plan(people_items, snippet_items, journal_items, root, self.problems.warnings)

    def _unique(self, records: list[dict], collection: str, key: str):
        """``(path, record)`` pairs; a key already used is an error naming both records."""
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            path = f"{collection}[{index}]"
            if record[key] in seen:
                self.problems.error(
                    f"{path}.{key}",
                    f"“{record[key]}” is already used by {collection}[{seen[record[key]]}].",
                )
            seen.setdefault(record[key], index)
            yield path, record

    def _record(self, obj, path: str, record: dict, spec, *, page: bool = False) -> bool:
        apply(obj, record, spec, path, self, self.problems)
        # A page's own clean() needs its place in the tree: the write pass runs it.
        return clean(obj, spec, path, self.problems, model_clean=not page)

    def _person(self, path: str, record: dict) -> bool:
        person = Person()
        if not self._record(person, path, record, PERSON):
            return False
        expected = person_key(person)
        if record["key"] != expected:
            self.problems.error(
                f"{path}.key",
                f"“{record['key']}” is not this person's key “{expected}” (the key is the "
                "ORCID iD if there is one, else the e-mail address, else the name).",
            )
            return False
        return True

    def _journal(self, path: str, record: dict, root: Page | None) -> Item:
        existing = _saved_journal(record["slug"], root)
        if existing is None:
            self._check_new_page(f"{path}.slug", record["slug"], root)
        sections = record.get("sections", [])
        for index, name in enumerate(sections):
            if name in sections[:index]:
                self.problems.error(f"{path}.sections[{index}]", f"“{name}” is listed twice.")
        self._record(JournalPage(), path, record, JOURNAL, page=True)
        self.sections = set(sections)
        item = Item(path, record, existing)
        issues = record.get("specialIssues", [])
        for issue_path, issue in self._unique(issues, f"{path}.specialIssues", "slug"):
            saved = None
            if existing is not None:
                saved = SpecialIssuePage.objects.child_of(existing).filter(slug=issue["slug"])
                saved = saved.first()
            self._record(SpecialIssuePage(), issue_path, issue, ISSUE, page=True)
            item.children.append(Item(issue_path, issue, saved))
        return item

    def _check_new_page(self, path: str, slug: str, root: Page | None) -> None:
        if root is None:
            self.problems.error(path, "there is no default site to add the journal to.")
        elif Page.objects.child_of(root).filter(slug=slug).exists():
            self.problems.error(
                path, f"another page under the site's root already has the slug “{slug}”."
            )


def _saved_journal(slug: str, root: Page | None) -> JournalPage | None:
    """The saved journal with this slug: the one under the site's root if several."""
    journals = list(JournalPage.objects.filter(slug=slug).order_by("path"))
    under_root = [j for j in journals if root is not None and j.path.startswith(root.path)]
    return (under_root or journals or [None])[0]
