"""A special issue's body in the file: a list of ``{"type": …, "value": …}`` blocks.

Block types and value keys are the StreamField's own names, walked from the block
definitions, so a block added to ``blocks.py`` needs no code here (only its schema). A
chooser is written as the key of what it chooses: a reusable content snippet by name, an
image by title and file name. A block whose snippet or image is missing on import is left
out with a warning, as the admin would not accept it either.
"""

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.field_block import ChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from special_issues.interchange.errors import Problems
from special_issues.interchange.images import image_ref
from special_issues.models import SpecialIssuePage

__all__ = ["body_block", "check_body", "dump_body", "load_body"]


def body_block() -> blocks.StreamBlock:
    """The special issue body's StreamBlock, as the page's field defines it."""
    return SpecialIssuePage._meta.get_field("body").stream_block


# --- export ---------------------------------------------------------------------------


def dump_body(value) -> list[dict[str, Any]]:
    """The file's form of a body (a StreamValue)."""
    return [{"type": child.block_type, "value": _dump(child.block, child.value)} for child in value]


def _dump(block: blocks.Block, value: Any) -> Any:
    if isinstance(block, blocks.StructBlock):
        return {name: _dump(child, value.get(name)) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [_dump(block.child_block, item) for item in value or []]
    if isinstance(block, ImageChooserBlock):
        return image_ref(value)
    if isinstance(block, ChooserBlock):  # reusable content, keyed by its unique name
        return value.name if value is not None else None
    if isinstance(block, blocks.RichTextBlock):
        return value.source if value is not None else ""
    return block.get_prep_value(value)


# --- import: validation pass ----------------------------------------------------------


def check_body(data: list[dict], path: str, refs, problems: Problems) -> None:
    """Validate every block with the block's own rules; resolve (not load) references."""
    stream = body_block()
    for index, item in enumerate(data):
        block = stream.child_blocks[item["type"]]
        _check(block, item["value"], f"{path}[{index}].value", refs, problems)


def _check(block: blocks.Block, data: Any, path: str, refs, problems: Problems) -> None:
    if isinstance(block, ChooserBlock):
        if data is None and _required(block):
            problems.warn(path, "nothing chosen: the block is left out.")
        else:
            _resolve(block, data, path, refs)
    elif not _has_chooser(block):
        # No references inside: Wagtail's own validation applies as in the admin.
        try:
            block.clean(block.to_python(data))
        except ValidationError as error:
            problems.block_error(error, path)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _check(child, data.get(name, _raw_default(child)), f"{path}.{name}", refs, problems)
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(data):
            _check(block.child_block, item, f"{path}[{index}]", refs, problems)


# --- import: write pass ---------------------------------------------------------------


class _LeftOut(Exception):
    """A required reference is missing: the block it is in is left out."""


def load_body(data: list[dict], path: str, refs):
    """A StreamValue for the page, references resolved to saved objects."""
    stream = body_block()
    raw = []
    for index, item in enumerate(data):
        block = stream.child_blocks[item["type"]]
        try:
            value = _load(block, item["value"], f"{path}[{index}].value", refs)
        except _LeftOut:
            continue
        raw.append({"type": item["type"], "value": value})
    return stream.to_python(raw)


def _load(block: blocks.Block, data: Any, path: str, refs) -> Any:
    if isinstance(block, ChooserBlock):
        obj = _resolve(block, data, path, refs)
        if obj is None and _required(block):
            raise _LeftOut(path)
        return obj.pk if obj is not None else None
    if isinstance(block, blocks.StructBlock):
        return {
            name: _load(child, data.get(name, _raw_default(child)), f"{path}.{name}", refs)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [
            _load(block.child_block, item, f"{path}[{index}]", refs)
            for index, item in enumerate(data)
        ]
    return data


# --- helpers --------------------------------------------------------------------------


def _resolve(block: ChooserBlock, data: Any, path: str, refs):
    if data is None:
        return None
    if isinstance(block, ImageChooserBlock):
        return refs.image(data, path)
    return refs.snippet(data, path)


def _required(block: ChooserBlock) -> bool:
    return getattr(block, "_required", True)


def _has_chooser(block: blocks.Block) -> bool:
    if isinstance(block, ChooserBlock):
        return True
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        return any(_has_chooser(child) for child in block.child_blocks.values())
    if isinstance(block, blocks.ListBlock):
        return _has_chooser(block.child_block)
    return False


def _raw_default(block: blocks.Block) -> Any:
    return block.get_prep_value(block.get_default())
