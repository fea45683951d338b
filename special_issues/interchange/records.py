"""Which model field each JSON property of the file holds, read and written one way.

One description per record drives the export (``dump``), the import (``apply``) and the
mapping of a model's validation errors back to JSON names, so the three cannot drift.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from special_issues.interchange.body import dump_body
from special_issues.interchange.errors import Problems
from special_issues.interchange.images import image_ref
from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    JournalHotKeyword,
    JournalSection,
    PublishedArticle,
)
from special_issues.validators import normalize_orcid

__all__ = [
    "ARTICLE",
    "FORMAT",
    "ISSUE",
    "JOURNAL",
    "PERSON",
    "REUSABLE_CONTENT",
    "VERSION",
    "Field",
    "Rows",
    "Values",
    "apply",
    "clean",
    "current_state",
    "dump",
    "json_names",
    "person_key",
    "state_record",
]

FORMAT = "special-issues"
VERSION = 1


@dataclass(frozen=True)
class Field:
    """A JSON property held in one model field.

    ``kind`` says how the value is written: ``value`` as is, ``date`` / ``datetime`` as
    ISO 8601 text, ``image`` as an image reference, ``person`` as a person's key,
    ``section`` as a section name, ``body`` as a list of blocks, ``state`` (``live``) as
    the publishing state, which the importer sets by publishing, not by assignment.
    """

    json: str
    attr: str
    kind: str = "value"


@dataclass(frozen=True)
class Rows:
    """A JSON array of records held as orderable child rows (``relation``)."""

    json: str
    relation: str
    model: type[models.Model]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Values:
    """A JSON array of strings held as orderable child rows with one field."""

    json: str
    relation: str
    model: type[models.Model]
    attr: str


def _plain(*names: str) -> tuple[Field, ...]:
    """Fields whose JSON name is the camelCase of the model field's name."""
    return tuple(Field(_camel(name), name) for name in names)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


PAGE = (*_plain("slug", "title", "seo_title", "search_description", "show_in_menus"),)
PUBLISHING = (
    Field("live", "live", "state"),
    Field("goLiveAt", "go_live_at", "datetime"),
    Field("expireAt", "expire_at", "datetime"),
)

PERSON = (
    *_plain("honorific", "name", "department", "institution", "city", "country"),
    *_plain("website", "email", "email_is_public", "orcid"),
    Field("photo", "photo", "image"),
    *_plain("bio", "research_interests"),
)

REUSABLE_CONTENT = (
    *_plain("name", "kind", "heading", "body", "button_label", "button_url"),
    *PUBLISHING,
)

JOURNAL = (
    *PAGE,
    *PUBLISHING,
    *_plain("issn_print", "issn_online", "publisher", "copyright_line"),
    *_plain("author_instructions_url", "online_submission_url"),
    Field("defaultContact", "default_contact", "person"),
    *_plain("default_contact_role", "min_published_articles"),
    Values("hotKeywords", "hot_keyword_items", JournalHotKeyword, "keyword"),
    Values("sections", "sections", JournalSection, "name"),
)

DEADLINE = (*_plain("kind", "label"), Field("date", "date", "date"), *_plain("time_zone"))
ROLE = (Field("person", "person", "person"), *_plain("role"))
ARTICLE = (
    *_plain("title", "authors", "doi"),
    Field("publicationDate", "publication_date", "date"),
    *_plain("url"),
)

ISSUE = (
    *PAGE,
    *PUBLISHING,
    Field("openingDate", "opening_date", "date"),
    Rows("deadlines", "deadlines", Deadline, DEADLINE),
    Rows("guestEditors", "guest_editors", GuestEditor, ROLE),
    *_plain("introduction"),
    Field("body", "body", "body"),
    Values("keywords", "keyword_items", IssueKeyword, "keyword"),
    *_plain("eligibility"),
    Field("section", "section", "section"),
    Field("coverImage", "cover_image", "image"),
    *_plain("author_instructions_url", "online_submission_url", "copyright_line"),
    Rows("contacts", "contacts", IssueContact, ROLE),
    Rows("publishedArticles", "published_articles", PublishedArticle, ARTICLE),
)

# Kinds the model validates itself; the others are references the importer resolves.
_OWN_KINDS = {"value", "date", "datetime"}


# --- keys and references --------------------------------------------------------------


def person_key(person) -> str:
    """A person's natural key: the ORCID iD if any, else the e-mail, else the name."""
    if person.orcid:
        return normalize_orcid(person.orcid)
    return person.email or person.name


def current_state(obj):
    """What the export shows of a page or snippet: the live version, else the latest draft."""
    if obj.live or not obj.latest_revision_id:
        return obj
    return obj.get_latest_revision_as_object()


def state_record(obj, spec) -> dict[str, Any]:
    """A page's or snippet's record as exported: its live version, else its latest draft."""
    record = dump(current_state(obj), spec)
    record["live"] = obj.live
    return record


# --- export ---------------------------------------------------------------------------


def dump(obj, spec) -> dict[str, Any]:
    """The JSON record of ``obj`` (a saved or in-memory instance) described by ``spec``."""
    record: dict[str, Any] = {}
    for part in spec:
        if isinstance(part, Values):
            record[part.json] = [getattr(row, part.attr) for row in _rows(obj, part.relation)]
        elif isinstance(part, Rows):
            record[part.json] = [dump(row, part.fields) for row in _rows(obj, part.relation)]
        elif part.kind == "body":
            record[part.json] = dump_body(getattr(obj, part.attr))
        else:
            record[part.json] = _dump_value(obj, part)
    return record


def _rows(obj, relation: str) -> list:
    return list(getattr(obj, relation).all())


def _dump_value(obj, part: Field) -> Any:
    try:
        value = getattr(obj, part.attr)
    except ObjectDoesNotExist:  # a draft revision may name a person deleted since
        return None
    if value is None or part.kind in {"value", "state"}:
        return value
    if part.kind == "date":
        return value.isoformat()
    if part.kind == "datetime":
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if part.kind == "image":
        return image_ref(value)
    if part.kind == "person":
        return person_key(value)
    if part.kind == "section":
        return value.name
    raise ValueError(f"Unknown field kind {part.kind!r}")


# --- import ---------------------------------------------------------------------------


class References(Protocol):
    """Resolves what a record refers to; the validation and the write pass differ."""

    def person(self, key: str | None, path: str): ...
    def image(self, ref: dict | None, path: str): ...
    def section(self, name: str | None, path: str): ...
    def body(self, blocks: list, path: str): ...


def apply(obj, record: dict, spec, path: str, refs: References, problems: Problems) -> None:
    """Set ``obj``'s fields and child rows from ``record``; an omitted property takes the
    model's default. Child rows are validated here (a page's own validation skips them).
    """
    for part in spec:
        part_path = f"{path}.{part.json}"
        if isinstance(part, Values):
            existing = {}
            for row in _rows(obj, part.relation) if obj.pk else []:
                existing.setdefault(getattr(row, part.attr), row)  # keep rows (and their ids)
            rows = []
            for index, value in enumerate(record.get(part.json, [])):
                row = existing.pop(value, None) or part.model(**{part.attr: value})
                row.sort_order = index
                clean(row, (Field(part.json, part.attr),), f"{part_path}[{index}]", problems)
                rows.append(row)
            setattr(obj, part.relation, rows)
        elif isinstance(part, Rows):
            rows = []
            for index, item in enumerate(record.get(part.json, [])):
                row = part.model(sort_order=index)
                row_path = f"{part_path}[{index}]"
                apply(row, item, part.fields, row_path, refs, problems)
                clean(row, part.fields, row_path, problems)
                rows.append(row)
            setattr(obj, part.relation, rows)
        elif part.kind in _OWN_KINDS:
            value = record.get(part.json, _default(obj, part.attr))
            setattr(obj, part.attr, value)
        elif part.kind == "person":
            setattr(obj, part.attr, refs.person(record.get(part.json), part_path))
        elif part.kind == "image":
            setattr(obj, part.attr, refs.image(record.get(part.json), part_path))
        elif part.kind == "section":
            setattr(obj, part.attr, refs.section(record.get(part.json), part_path))
        elif part.kind == "body":
            setattr(obj, part.attr, refs.body(record.get(part.json, []), part_path))


def _default(obj, attr: str) -> Any:
    return obj._meta.get_field(attr).get_default()


def json_names(spec) -> dict[str, str]:
    """Model field name → JSON name, for error messages."""
    names = {part.attr: part.json for part in spec if isinstance(part, Field)}
    names.update({part.relation: part.json for part in spec if isinstance(part, Rows | Values)})
    return names


def clean(obj, spec, path: str, problems: Problems, *, model_clean: bool = True) -> bool:
    """Validate the fields of ``obj`` that ``spec`` holds (and the model's ``clean()``
    unless ``model_clean`` is False); record errors under ``path``. True if valid."""
    own = {part.attr for part in spec if isinstance(part, Field) and part.kind in _OWN_KINDS}
    exclude = [f.name for f in obj._meta.concrete_fields if f.name not in own]
    try:
        if model_clean:
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        else:
            obj.clean_fields(exclude=exclude)
    except ValidationError as error:
        problems.validation_error(error, path, json_names(spec))
        return False
    return True
