"""``manage.py import_special_issues``: load a special issues JSON file, or Crossref articles.

    manage.py import_special_issues FILE [--dry-run]
    manage.py import_special_issues --crossref FILE --journal SLUG --issue SLUG [--dry-run]

The first form reads the format of ``export_special_issues`` (docs/import-export.md):
the whole file is validated first and every problem is listed, each naming the record
and field; only a file without errors is written, in one transaction. The second adds
or updates one issue's published articles from a saved Crossref REST API "works" answer.
``FILE`` may be ``-`` for standard input.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from special_issues.interchange import InterchangeError, import_crossref, import_document


class Command(BaseCommand):
    """Import a special issues JSON file, or an issue's articles from Crossref."""

    help = (
        "Import journals, special issues, people and reusable content from a JSON file "
        "(see docs/import-export.md), or with --crossref an issue's published articles."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="The JSON file to import (- for stdin).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and report what would change, but write nothing.",
        )
        crossref = parser.add_argument_group("Crossref articles")
        crossref.add_argument(
            "--crossref",
            metavar="FILE",
            help="A saved Crossref REST API answer (a work or a work list) to import.",
        )
        crossref.add_argument("--journal", metavar="SLUG", help="The issue's journal.")
        crossref.add_argument("--issue", metavar="SLUG", help="The special issue to update.")

    def handle(self, *args, **options) -> None:
        crossref, dry_run = options["crossref"], options["dry_run"]
        if crossref and options["file"]:
            raise CommandError("Give either FILE or --crossref FILE, not both.")
        if crossref and not (options["journal"] and options["issue"]):
            raise CommandError("--crossref needs --journal SLUG and --issue SLUG.")
        source = crossref or options["file"]
        if not source:
            raise CommandError("Give the FILE to import (or --crossref FILE).")

        text = _read(source)
        try:
            if crossref:
                report = import_crossref(
                    text, options["journal"], options["issue"], dry_run=dry_run
                )
            else:
                report = import_document(text, dry_run=dry_run)
        except InterchangeError as error:
            self._warn(error.warnings)
            count = len(error.errors)
            lines = [f"{source}: {count} error{'s' if count != 1 else ''}; nothing was written."]
            raise CommandError("\n".join(lines + [f"  {e}" for e in error.errors])) from error
        self._warn(report.warnings)
        self.stdout.write(report.summary())

    def _warn(self, warnings: list[str]) -> None:
        for warning in warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read {source}: {error}") from error
