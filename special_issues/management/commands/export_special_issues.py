"""``manage.py export_special_issues [--output FILE]``: all special issues content as JSON.

Writes journals, special issues, people and reusable content in the format described in
docs/import-export.md (to standard output unless ``--output`` is given). The output is
deterministic, so two exports of the same content are identical byte for byte.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from special_issues.interchange import InterchangeError, dumps_document, export_document


class Command(BaseCommand):
    """Export journals, special issues, people and reusable content as one JSON file."""

    help = "Export journals, special issues, people and reusable content as JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (UTF-8) instead of standard output.",
        )

    def handle(self, *args, **options) -> None:
        try:
            text = dumps_document(export_document())
        except InterchangeError as error:
            raise CommandError(
                "Nothing was exported:\n" + "\n".join(f"  {line}" for line in error.errors)
            ) from error
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"Exported to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
