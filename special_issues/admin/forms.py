"""Admin forms: the special issue page form (deadline order) and the person form (duplicates).

The models name these as ``base_form_class``; this module must not import the models at
module level (they import it).
"""

import datetime as dt

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from special_issues.status import ANYWHERE_ON_EARTH, DeadlineMoment, end_of_day, final_deadline
from special_issues.validators import normalize_orcid


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _live_forms(formset):
    """The formset's forms that will be saved: valid, filled in and not marked for deletion."""
    formset.is_valid()  # cleans every form once; the results are cached
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or data.get("date") is None:
            continue
        yield form


class SpecialIssuePageForm(WagtailAdminPageForm):
    """The special issue form: the call opens before every deadline, abstracts come first.

    Errors show beside the field to fix: the opening date, or the abstract deadline's date.
    """

    def clean(self):
        cleaned_data = super().clean()
        deadlines = self.formsets.get("deadlines")
        if deadlines is None:
            return cleaned_data
        forms_ = list(_live_forms(deadlines))
        self._check_opening_before_deadlines(cleaned_data.get("opening_date"), forms_)
        self._check_abstracts_before_final_manuscript(forms_)
        return cleaned_data

    def _check_opening_before_deadlines(self, opening: dt.date | None, forms_) -> None:
        if opening is None:
            return
        early = [form for form in forms_ if form.cleaned_data["date"] <= opening]
        if not early:
            return
        listed = ", ".join(
            f"{_deadline_label(form)} on {_day(form.cleaned_data['date'])}" for form in early
        )
        self.add_error(
            "opening_date",
            forms.ValidationError(
                "The call must open before every deadline, but the opening date "
                f"({_day(opening)}) is on or after: {listed}. "
                "Move the opening date earlier or the deadline later.",
                code="opening_after_deadline",
            ),
        )

    def _check_abstracts_before_final_manuscript(self, forms_) -> None:
        moments = {
            DeadlineMoment(
                date=form.cleaned_data["date"],
                time_zone=form.cleaned_data.get("time_zone") or ANYWHERE_ON_EARTH,
                is_manuscript=True,
            ): form
            for form in forms_
            if form.cleaned_data.get("kind") == "FULL_MANUSCRIPT"
        }
        final = final_deadline(moments)
        if final is None:
            return
        closes = end_of_day(final.date, final.time_zone)
        for form in forms_:
            data = form.cleaned_data
            if data.get("kind") != "ABSTRACT":
                continue
            zone = data.get("time_zone") or ANYWHERE_ON_EARTH
            if end_of_day(data["date"], zone) >= closes:
                form.add_error(
                    "date",
                    forms.ValidationError(
                        f"The abstract deadline ({_day(data['date'])}) must come before the "
                        f"full-manuscript deadline that closes the call ({_day(final.date)}).",
                        code="abstract_after_manuscript",
                    ),
                )


def _deadline_label(form) -> str:
    """The deadline as the editor named it: its label, else its kind (“Abstract”)."""
    data = form.cleaned_data
    return data.get("label") or dict(form.fields["kind"].choices).get(data.get("kind"), "Deadline")


class PersonForm(WagtailAdminModelForm):
    """The person form: refuses a second person with the same ORCID iD or e-mail address.

    The error names the person who already has it, with a link to edit them.
    """

    def clean(self):
        cleaned_data = super().clean()
        from special_issues.models import Person

        others = Person.objects.exclude(pk=self.instance.pk) if self.instance.pk else Person.objects
        orcid = cleaned_data.get("orcid")
        if orcid:
            existing = others.filter(orcid=normalize_orcid(orcid)).first()
            if existing is not None:
                self.add_error("orcid", self._duplicate_error(existing, "ORCID iD", orcid))
        email = (cleaned_data.get("email") or "").strip()
        if email:
            existing = others.filter(email__iexact=email).first()
            if existing is not None:
                self.add_error("email", self._duplicate_error(existing, "e-mail address", email))
        return cleaned_data

    @staticmethod
    def _duplicate_error(person, what: str, value: str) -> forms.ValidationError:
        edit_url = reverse(person.snippet_viewset.get_url_name("edit"), args=[person.pk])
        affiliation = f" ({person.institution})" if person.institution else ""
        return forms.ValidationError(
            format_html(
                "{}{} already has the {} {}. Choose that person instead of creating a "
                'duplicate: <a href="{}" target="_blank" rel="noopener">edit {}</a>.',
                person.display_name,
                affiliation,
                what,
                value,
                edit_url,
                person.display_name,
            ),
            code="duplicate_person",
        )
