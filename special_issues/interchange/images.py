"""Images in the file: named by title and file name, since the file itself is not exported."""

import os

from wagtail.images import get_image_model

__all__ = ["find_image", "image_ref"]


def image_ref(image) -> dict[str, str] | None:
    """An image as the file names it: its title and the file name in the library."""
    if image is None:
        return None
    return {"title": image.title, "file": os.path.basename(image.file.name)}


def find_image(ref: dict[str, str]):
    """The library's image whose file has the same name (same title preferred), or None."""
    name = ref["file"]
    candidates = get_image_model().objects.filter(file__endswith=name).order_by("pk")
    matches = [image for image in candidates if os.path.basename(image.file.name) == name]
    same_title = [image for image in matches if image.title == ref.get("title")]
    return (same_title or matches or [None])[0]
