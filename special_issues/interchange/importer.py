"""Import, second pass: write a validated file inside one transaction.

Records are matched by key (people by ORCID iD / e-mail / name, snippets by name,
journals by slug, issues by slug within their journal) and updated in place; what the
file does not mention is left alone. A record is written only when its exported form
would change, so importing the same file twice creates no revision the second time.
Pages and snippets are saved as an editor would: a revision, published when the file
says ``"live": true``, a draft otherwise.

Any error (or an unexpected exception) rolls the whole import back; ``dry_run`` rolls
back a complete run, so it reports exactly what an import would do.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from special_issues.interchange.body import load_body
from special_issues.interchange.errors import InterchangeError, Problems
from special_issues.interchange.images import find_image
from special_issues.interchange.records import (
    ISSUE,
    JOURNAL,
    PERSON,
    REUSABLE_CONTENT,
    apply,
    clean,
    dump,
    json_names,
    person_key,
    state_record,
)
from special_issues.interchange.validation import Item, Plan, plan_import
from special_issues.models import (
    JournalPage,
    JournalSection,
    Person,
    ReusableContent,
    SpecialIssuePage,
)

__all__ = ["ImportReport", "import_document"]

KINDS = ("people", "reusable content", "journals", "special issues")
OUTCOMES = ("created", "updated", "unchanged")


@dataclass
class ImportReport:
    """What an import created, updated and left unchanged, and its warnings."""

    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def summary(self) -> str:
        """One line per kind of record, e.g. ``people: 2 created, 1 updated, 6 unchanged``."""
        lines = ["Dry run: nothing was written. The import would give:"] if self.dry_run else []
        for kind, counts in self.counts.items():
            outcomes = (f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
            lines.append(f"{kind}: {', '.join(outcomes)}")
        return "\n".join(lines)


def import_document(text: str, *, dry_run: bool = False) -> ImportReport:
    """Validate the whole file, then write it in one transaction (or raise, writing nothing).

    Raises ``InterchangeError`` with every problem found.
    """
    plan = plan_import(text)
    report = ImportReport(dry_run=dry_run, warnings=list(plan.warnings))
    problems = Problems()
    with transaction.atomic():
        _Writer(plan, problems, report).run()
        if problems.errors or dry_run:
            transaction.set_rollback(True)
    if problems.errors:
        raise InterchangeError(problems.errors, report.warnings)
    return report


class _Writer:
    """Writes the plan's records in dependency order: people, snippets, journals, issues."""

    def __init__(self, plan: Plan, problems: Problems, report: ImportReport) -> None:
        self.plan = plan
        self.problems = problems
        self.report = report
        self.people: dict[str, Person] = {}
        for person in Person.objects.order_by("pk"):
            self.people.setdefault(person_key(person), person)
        self.snippets = {snippet.name: snippet for snippet in ReusableContent.objects.all()}
        self.sections: dict[str, JournalSection] = {}

    # References, resolved to saved objects (the validation pass made sure they exist).

    def person(self, key: str | None, path: str) -> Person | None:
        return None if key is None else self.people[key]

    def snippet(self, name: str, path: str) -> ReusableContent:
        return self.snippets[name]

    def image(self, ref: dict | None, path: str):
        return None if ref is None else find_image(ref)

    def section(self, name: str | None, path: str) -> JournalSection | None:
        return None if name is None else self.sections[name]

    def body(self, data: list, path: str):
        return load_body(data, path, self)

    # Records.

    def run(self) -> None:
        for item in self.plan.people:
            self._person(item)
        for item in self.plan.snippets:
            self._snippet(item)
        for item in self.plan.journals:
            journal = self._page(item, JournalPage, JOURNAL, self.plan.root, "journals")
            if journal is None:
                continue
            # Fresh from the database: publishing saved the sections and the tree counts.
            journal = JournalPage.objects.get(pk=journal.pk)
            self.sections = {section.name: section for section in journal.sections.all()}
            for issue in item.children:
                self._page(issue, SpecialIssuePage, ISSUE, journal, "special issues")

    def _person(self, item: Item) -> None:
        person = item.existing or Person()
        before = dump(person, PERSON) if item.existing else None
        apply(person, item.record, PERSON, item.path, self, self.problems)
        if not clean(person, PERSON, item.path, self.problems):
            return
        self.people[item.record["key"]] = person
        if before == dump(person, PERSON):
            self.report.count("people", "unchanged")
            return
        person.save()
        self.report.count("people", "updated" if item.existing else "created")

    def _snippet(self, item: Item) -> None:
        snippet = item.existing or ReusableContent()
        before = state_record(snippet, REUSABLE_CONTENT) if item.existing else None
        apply(snippet, item.record, REUSABLE_CONTENT, item.path, self, self.problems)
        if not clean(snippet, REUSABLE_CONTENT, item.path, self.problems):
            return
        self.snippets[snippet.name] = snippet
        live = item.record["live"]
        if before == {**dump(snippet, REUSABLE_CONTENT), "live": live}:
            self.report.count("reusable content", "unchanged")
            return
        if item.existing is None:
            snippet.live = False
            snippet.save()
        elif not live:
            if snippet.live:
                snippet.unpublish()
            snippet.save()
        revision = snippet.save_revision()
        if live:
            revision.publish()
        self.report.count("reusable content", "updated" if item.existing else "created")

    def _page(self, item: Item, model, spec, parent, kind: str):
        """Create or update a journal or an issue page; None if it failed validation."""
        page = item.existing or model()
        before = state_record(page, spec) if item.existing else None
        apply(page, item.record, spec, item.path, self, self.problems)
        live = item.record["live"]
        try:
            if item.existing is None:
                page.live = False
                parent.add_child(instance=page)  # validates only title and slug
                page.full_clean()  # the rest, now the page has its place in the tree
            else:
                page.full_clean()
                if before == {**dump(page, spec), "live": live}:
                    self.report.count(kind, "unchanged")
                    return page
                if page.live and not live:
                    page.unpublish()
            if not live:
                page.save()  # a draft's row holds the draft, as when an editor saves one
            revision = page.save_revision()
        except ValidationError as error:
            self.problems.validation_error(error, item.path, json_names(spec))
            return None
        if live:
            revision.publish()
        self.report.count(kind, "updated" if item.existing else "created")
        return page
