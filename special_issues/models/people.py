"""People: guest editors and editorial contacts, edited once and reused on every issue."""

from django.db import models
from django.db.models import Q
from grapple.models import GraphQLString
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from special_issues.admin.forms import PersonForm
from special_issues.admin.panels import IssuesEditedPanel
from special_issues.graphql import (
    GraphQLModelList,
    GraphQLStringList,
    GraphQLTyped,
)
from special_issues.images import ResponsiveImage, images_by_id, public_image
from special_issues.validators import normalize_orcid, validate_orcid

__all__ = ["Person"]


class Person(index.Indexed, models.Model):
    """A researcher or editorial staff member shown on special issue pages.

    Editors pick people from this list as guest editors or contacts; a change here shows
    on every issue that lists the person. Clients see the e-mail address only when
    ``email_is_public`` is ticked.
    """

    honorific = models.CharField(
        max_length=50,
        blank=True,
        help_text="Title before the name as it should be shown, e.g. “Dr.” or “Prof. Dr.”.",
    )
    name = models.CharField(max_length=200, help_text="Full name, e.g. “William C. S. Cho”.")
    department = models.CharField(
        max_length=255,
        blank=True,
        help_text="Department, school or faculty, e.g. “Department of Clinical Oncology”.",
    )
    institution = models.CharField(
        max_length=255,
        blank=True,
        help_text="University, hospital or company, e.g. “Queen Elizabeth Hospital”.",
    )
    city = models.CharField(max_length=120, blank=True, help_text="City, e.g. “Hong Kong”.")
    country = models.CharField(
        max_length=120, blank=True, help_text="Country or region, e.g. “Hong Kong SAR, China”."
    )
    website = models.URLField(blank=True, help_text="Personal or lab web page.")
    email = models.EmailField(blank=True, help_text="Contact e-mail address.")
    email_is_public = models.BooleanField(
        default=False,
        verbose_name="show e-mail publicly",
        help_text="Tick only with the person's consent: the address is then shown on the site.",
    )
    orcid = models.CharField(
        "ORCID iD",
        max_length=40,
        blank=True,
        validators=[validate_orcid],
        help_text="e.g. 0000-0002-1825-0097; a https://orcid.org/ link is accepted too.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Portrait shown next to the name (optional).",
    )
    bio = models.TextField(blank=True, help_text="A short biography, two or three sentences.")
    research_interests = models.TextField(
        blank=True, help_text="One research interest per line, most important first."
    )

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("honorific"), FieldPanel("name")]), FieldPanel("orcid")],
            heading="Name",
        ),
        MultiFieldPanel(
            [
                FieldPanel("department"),
                FieldPanel("institution"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
            ],
            heading="Affiliation",
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("email_is_public")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("bio"), FieldPanel("research_interests")],
            heading="Profile",
        ),
        IssuesEditedPanel(),
    ]

    # Refuses a second person with the same ORCID iD or e-mail address.
    base_form_class = PersonForm

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("institution"),
        index.SearchField("department"),
        index.SearchField("orcid"),
        index.FilterField("orcid"),
    ]

    graphql_fields = [
        GraphQLString("honorific", required=True),
        GraphQLString("name", required=True),
        GraphQLString("display_name", required=True, description="Honorific and name."),
        GraphQLString("department", required=True),
        GraphQLString("institution", required=True),
        GraphQLString("city", required=True),
        GraphQLString("country", required=True),
        GraphQLString(
            "affiliation",
            required=True,
            description="Department, institution, city and country as one line.",
        ),
        GraphQLString("website", source="website_or_none"),
        GraphQLString(
            "email",
            source="public_email",
            description="Null unless the person agreed to show it publicly.",
        ),
        GraphQLString(
            "orcid", source="orcid_or_none", description="ORCID iD, e.g. 0000-0002-1825-0097."
        ),
        GraphQLString("orcid_url", description="https://orcid.org/ link of the ORCID iD."),
        GraphQLTyped("photo", ResponsiveImage, source="photo_public"),
        GraphQLString("bio", required=True),
        GraphQLStringList("research_interests", source="research_interest_list"),
        GraphQLModelList(
            "special_issues",
            "special_issues.SpecialIssuePage",
            source="published_special_issues",
            description="Published issues this person guest-edits, latest deadline first.",
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["orcid"], name="person_orcid_idx")]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        self.orcid = normalize_orcid(self.orcid) if self.orcid else ""

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    @property
    def affiliation(self) -> str:
        parts = [self.department, self.institution, self.city, self.country]
        return ", ".join(part for part in parts if part)

    @property
    def public_email(self) -> str | None:
        return self.email if self.email and self.email_is_public else None

    @property
    def orcid_or_none(self) -> str | None:
        return self.orcid or None

    @property
    def orcid_url(self) -> str | None:
        return f"https://orcid.org/{self.orcid}" if self.orcid else None

    @property
    def website_or_none(self) -> str | None:
        return self.website or None

    @property
    def photo_public(self):
        if self.photo_id is None:
            return None
        photo = images_by_id([self.photo_id]).get(self.photo_id)
        return public_image(photo, alt=self.display_name)

    def published_special_issues(self, info=None, **kwargs):
        """Live, public special issues that list this person as a guest editor."""
        from special_issues.models import SpecialIssuePage
        from special_issues.prefetch import prefetch_special_issues, selected_issue_fields

        issues = SpecialIssuePage.objects.visible_to_public().edited_by(self.pk)
        issues = list(issues.order_by_deadline(descending=True))
        prefetch_special_issues(issues, selected_issue_fields(info) if info else None)
        return issues

    def appears_publicly(self) -> bool:
        """Whether a live, public page shows this person (as editor, contact or default)."""
        from special_issues.models import JournalPage, SpecialIssuePage
        from special_issues.visibility import public_pages

        issues = SpecialIssuePage.objects.visible_to_public()
        return (
            issues.filter(Q(guest_editors__person=self) | Q(contacts__person=self)).exists()
            or public_pages(JournalPage.objects.filter(default_contact=self)).exists()
        )

    @property
    def research_interest_list(self) -> list[str]:
        return [line.strip() for line in self.research_interests.splitlines() if line.strip()]
