"""Import and export of special issues content as one JSON file (docs/import-export.md).

``export_document()`` / ``dumps_document()`` write every journal, special issue, person
and reusable snippet; ``import_document()`` validates a whole file, then creates or
updates records in one transaction; ``import_crossref()`` adds an issue's published
articles from a Crossref "works" answer. Problems raise ``InterchangeError`` with every
error found, each naming the record and field.

The format is described once, in ``records`` (which model field each JSON property
holds) and ``special_issues/schemas/special-issues-export.schema.json``.
"""

from special_issues.interchange.crossref import CrossrefReport, import_crossref
from special_issues.interchange.errors import InterchangeError
from special_issues.interchange.export import dumps_document, export_document
from special_issues.interchange.importer import ImportReport, import_document
from special_issues.interchange.records import FORMAT, VERSION

__all__ = [
    "FORMAT",
    "VERSION",
    "CrossrefReport",
    "ImportReport",
    "InterchangeError",
    "dumps_document",
    "export_document",
    "import_crossref",
    "import_document",
]
