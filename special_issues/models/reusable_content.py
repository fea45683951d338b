"""Reusable marketing content: written once by marketing, placed in many issues by reference."""

from django.db import models
from django.utils import timezone
from grapple.models import GraphQLString
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from special_issues.graphql import (
    GraphQLFormattedText,
    GraphQLModelList,
    GraphQLTyped,
    ReusableContentKindEnum,
)
from special_issues.rich_text import FormattedRichText

__all__ = ["ReusableContent", "ReusableContentQuerySet"]


class ReusableContentQuerySet(models.QuerySet):
    """Queries over reusable content."""

    def visible(self, now=None) -> "ReusableContentQuerySet":
        """Published and not past its expiry: what the public may see."""
        now = now or timezone.now()
        return self.filter(live=True).filter(
            models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=now)
        )


class ReusableContent(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A call to action, notice or boilerplate text shown on many special issues.

    Marketing edits it once; every issue that places it shows the published version.
    Drafts, scheduled (not yet live) and expired versions are never shown to the public.
    """

    class Kind(models.TextChoices):
        CALL_TO_ACTION = "CALL_TO_ACTION", "Call to action"
        NOTICE = "NOTICE", "Notice"
        BOILERPLATE = "BOILERPLATE", "Boilerplate"

    name = models.CharField(
        max_length=150,
        unique=True,
        help_text="Internal name marketing and editors pick it by, e.g. “APC waiver 2026”.",
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.CALL_TO_ACTION,
        help_text="How the frontend presents it: a button, a highlighted notice, or plain text.",
    )
    heading = models.CharField(max_length=255, blank=True, help_text="Heading shown to readers.")
    body = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="The text readers see.",
    )
    button_label = models.CharField(
        max_length=80, blank=True, help_text="Button or link text, e.g. “Submit your paper”."
    )
    button_url = models.URLField(blank=True, help_text="Where the button leads.")

    objects = ReusableContentQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("heading"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("button_label"), FieldPanel("button_url")], heading="Button"),
        PublishingPanel(),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLTyped("kind", ReusableContentKindEnum, required=True),
        GraphQLString("heading", required=True),
        GraphQLFormattedText("body", source="body_formatted"),
        GraphQLString("button_label", required=True),
        GraphQLString("button_url", required=True),
        GraphQLModelList(
            "used_by",
            "special_issues.SpecialIssuePage",
            source="published_usages",
            description="Published special issues that show this content.",
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "reusable content"
        verbose_name_plural = "reusable content"

    def __str__(self) -> str:
        return self.name

    @property
    def body_formatted(self) -> FormattedRichText:
        return FormattedRichText(self.body)

    def published_usages(self, info=None, **kwargs) -> list:
        """Live, public special issues whose published body places this snippet.

        Wagtail's reference index names candidate pages (it also tracks drafts); each
        candidate's live body is then checked, so a draft-only placement is not counted.
        """
        from wagtail.models import ReferenceIndex

        from special_issues.models import SpecialIssuePage

        references = ReferenceIndex.get_references_to(self).filter(
            base_content_type__app_label="wagtailcore", base_content_type__model="page"
        )
        candidate_ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
        from special_issues.prefetch import prefetch_special_issues, selected_issue_fields

        pages = SpecialIssuePage.objects.visible_to_public().filter(pk__in=candidate_ids)
        pages = [p for p in pages.order_by("title", "pk") if self.pk in p.placed_snippet_ids]
        prefetch_special_issues(pages, selected_issue_fields(info) if info else None)
        return pages

    def is_visible(self, now=None) -> bool:
        """Whether the public may see this (published, not expired)."""
        now = now or timezone.now()
        return self.live and (self.expire_at is None or self.expire_at > now)
