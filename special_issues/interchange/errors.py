"""Problems found in an import or export file, each named by the record and field.

A path is written the way the JSON reads: ``journals[0].specialIssues[2].publishedArticles[1]
.doi``. Every problem is collected (an import never stops at the first one); errors stop
the import, warnings (e.g. an image that is not in the library) do not.
"""

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError

__all__ = ["InterchangeError", "Problems", "json_path"]


class InterchangeError(Exception):
    """The file (or the database, on export) has problems; nothing was written."""

    def __init__(self, errors: list[str], warnings: list[str] | None = None) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
        self.warnings = warnings or []


def json_path(parts: Iterable[str | int]) -> str:
    """``["journals", 0, "slug"]`` → ``journals[0].slug`` (``document`` for the root)."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "document"


class Problems:
    """Collects errors and warnings, each prefixed with the path it is about."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path}: {message}")

    def raise_if_any(self) -> None:
        if self.errors:
            raise InterchangeError(self.errors, self.warnings)

    def validation_error(
        self, error: ValidationError, path: str, names: dict[str, str] | None = None
    ) -> None:
        """Record a model's ``ValidationError``; ``names`` maps model fields to JSON names."""
        names = names or {}
        if not hasattr(error, "error_dict"):
            self._flatten(error, path)
            return
        for field, field_errors in error.error_dict.items():
            field_path = path if field == NON_FIELD_ERRORS else f"{path}.{names.get(field, field)}"
            for field_error in field_errors:
                self._flatten(field_error, field_path)

    def block_error(self, error: ValidationError, path: str) -> None:
        """Record a StreamField block's validation error, down to the child that failed."""
        self._flatten(error, path)

    def _flatten(self, error: ValidationError, path: str) -> None:
        block_errors = getattr(error, "block_errors", None)
        if not block_errors:
            for message in _messages(error):
                self.error(path, message)
            return
        in_stream = isinstance(error, StreamBlockValidationError)
        for key, child_error in block_errors.items():
            if in_stream:
                child_path = f"{path}[{key}].value"
            else:
                child_path = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}"
            self._flatten(child_error, child_path)
        for message in _messages(getattr(error, "non_block_errors", None)):
            self.error(path, message)


def _messages(error) -> list[str]:
    """The messages of a ValidationError or a list of them (empty for None)."""
    if error is None:
        return []
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [message for item in error for message in _messages(item)]
