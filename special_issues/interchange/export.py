"""Export: every journal, special issue, person and reusable snippet as one JSON document.

The output is stable: people sorted by key, snippets by name, journals and issues by
slug (Python's code-point order, whatever the database's collation), properties in a
fixed order, two-space indentation, UTF-8 text left unescaped, one final newline.
"""

import json
from collections import defaultdict
from typing import Any

from special_issues.interchange.errors import InterchangeError
from special_issues.interchange.records import (
    FORMAT,
    ISSUE,
    JOURNAL,
    PERSON,
    REUSABLE_CONTENT,
    VERSION,
    dump,
    person_key,
    state_record,
)
from special_issues.models import JournalPage, Person, ReusableContent, SpecialIssuePage

__all__ = ["dumps_document", "export_document"]


def export_document() -> dict[str, Any]:
    """The whole special issues content as the file's JSON structure.

    Raises ``InterchangeError`` when two records would get the same key (two people
    with one e-mail and no ORCID iD, two journals with one slug, a repeated section
    name): such a file could not be imported back, so none is written.
    """
    people = sorted(Person.objects.all(), key=person_key)
    snippets = sorted(ReusableContent.objects.all(), key=lambda snippet: snippet.name)
    journals = sorted(JournalPage.objects.all(), key=lambda journal: journal.slug)
    errors = [
        *_duplicates("people", people, person_key, "person"),
        *_duplicates("journals", journals, lambda journal: journal.slug, "journal"),
    ]
    records = []
    for index, journal in enumerate(journals):
        record = state_record(journal, JOURNAL)
        if len(set(record["sections"])) != len(record["sections"]):
            errors.append(f"journals[{index}].sections: a section name is used twice.")
        issues = SpecialIssuePage.objects.child_of(journal)
        record["specialIssues"] = [
            state_record(issue, ISSUE) for issue in sorted(issues, key=lambda page: page.slug)
        ]
        records.append(record)
    if errors:
        raise InterchangeError(errors)
    return {
        "format": FORMAT,
        "version": VERSION,
        "people": [{"key": person_key(person), **dump(person, PERSON)} for person in people],
        "reusableContent": [state_record(snippet, REUSABLE_CONTENT) for snippet in snippets],
        "journals": records,
    }


def dumps_document(document: dict[str, Any]) -> str:
    """The document as the file's text (deterministic, so diffs show real changes)."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _duplicates(collection: str, objects: list, key, what: str) -> list[str]:
    """An error for each key that more than one object would have."""
    by_key: dict[str, list] = defaultdict(list)
    for obj in objects:
        by_key[key(obj)].append(obj)
    return [
        f"{collection}: {len(same)} {what} records would have the key “{value}” "
        f"({', '.join(str(obj) for obj in same)}); make them distinct before exporting."
        for value, same in by_key.items()
        if len(same) > 1
    ]
