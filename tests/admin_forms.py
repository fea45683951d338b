"""POST data of the admin's special issue form, as an editor's browser sends it."""

from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from special_issues.status import ANYWHERE_ON_EARTH


def deadline(date: str, kind: str = "FULL_MANUSCRIPT", label: str = "", **extra) -> dict:
    """One row of the deadlines formset (Anywhere on Earth unless ``time_zone`` is given)."""
    return {"kind": kind, "label": label, "date": date, "time_zone": ANYWHERE_ON_EARTH, **extra}


def special_issue_form_data(**fields: Any) -> dict[str, Any]:
    """The special issue form's fields, each empty unless given (formsets with no rows).

    Give values in the shapes of ``wagtail.test.utils.form_data``: ``inline_formset``,
    ``rich_text``, ``streamfield``.
    """
    data = {
        "title": "",
        "slug": "",
        "opening_date": "",
        "deadlines": inline_formset([]),
        "guest_editors": inline_formset([]),
        "introduction": rich_text(""),
        "body": streamfield([]),
        "keyword_items": inline_formset([]),
        "eligibility": rich_text(""),
        "contacts": inline_formset([]),
        "published_articles": inline_formset([]),
        "author_instructions_url": "",
        "online_submission_url": "",
        "copyright_line": "",
    }
    data.update(fields)
    return nested_form_data(data)
