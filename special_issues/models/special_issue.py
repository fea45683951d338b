"""Special issues: a call for papers under a journal, with its editors, deadlines and articles."""

import datetime as dt
from zoneinfo import available_timezones

import graphene
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from grapple.models import GraphQLStreamfield, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessMixin

from special_issues import search_vector
from special_issues.admin.forms import SpecialIssuePageForm
from special_issues.blocks import SpecialIssueBodyBlock
from special_issues.graphql import (
    DeadlineKindEnum,
    GraphQLFormattedText,
    GraphQLModel,
    GraphQLModelList,
    GraphQLStringList,
    GraphQLTyped,
    GuestEditorRoleEnum,
    IssueStatusEnum,
    SubmissionInfo,
)
from special_issues.images import ResponsiveImage, images_by_id, public_image
from special_issues.models import stored_facts
from special_issues.querysets import SpecialIssueManager
from special_issues.rich_text import FormattedRichText, frontend_url
from special_issues.status import (
    ANYWHERE_ON_EARTH,
    DeadlineMoment,
    IssueStatus,
    derive_status,
    end_of_day,
    final_deadline,
    status_from_facts,
)
from special_issues.structured_data import special_issue_json_ld
from special_issues.validators import normalize_doi, validate_doi

__all__ = [
    "Deadline",
    "GuestEditor",
    "IssueContact",
    "IssueKeyword",
    "PublishedArticle",
    "SpecialIssuePage",
]


def time_zone_choices() -> list[tuple[str, str]]:
    """Anywhere on Earth and UTC first, then every IANA zone by name."""
    first = [(ANYWHERE_ON_EARTH, "Anywhere on Earth (UTC−12)"), ("UTC", "UTC")]
    rest = sorted(z for z in available_timezones() if z not in {ANYWHERE_ON_EARTH, "UTC"})
    return first + [(zone, zone.replace("_", " ")) for zone in rest if "/" in zone]


class SpecialIssuePage(HeadlessMixin, Page):
    """A special issue (call for papers) of the journal it lives under.

    Clients see its title, derived status, deadlines, guest editors, introduction, topics,
    keywords, submission information, contacts and published articles. Journal-level facts
    (submission links, copyright, contact) come from the journal unless set here.
    """

    opening_date = models.DateField(
        null=True,
        blank=True,
        help_text="The day submissions open. Leave blank if the call is open from publication.",
    )
    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "superscript", "subscript"],
        help_text="What the issue is about and why it matters, in a few paragraphs.",
    )
    body = StreamField(
        SpecialIssueBodyBlock(),
        blank=True,
        help_text="Topics in scope, calls to action, images and other content, in order.",
    )
    eligibility = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Who may submit and what kinds of article are welcome (optional).",
    )
    section = models.ForeignKey(
        "special_issues.JournalSection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="special_issues",
        help_text="The journal section this issue belongs to (optional).",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional banner image for the issue.",
    )
    author_instructions_url = models.URLField(
        blank=True, help_text="Leave blank to use the journal's instructions for authors."
    )
    online_submission_url = models.URLField(
        blank=True, help_text="Leave blank to use the journal's online submission system."
    )
    copyright_line = models.CharField(
        max_length=255, blank=True, help_text="Leave blank to use the journal's copyright line."
    )

    # Facts that follow from the deadline and article rows, stored so that listings filter
    # and order by status and deadline without subqueries (see ``stored_facts``). Never
    # typed in: ``save()`` and the child rows' signals keep them up to date.
    final_deadline_date = models.DateField(
        null=True, editable=False, help_text="The final deadline's date (derived)."
    )
    final_deadline_time_zone = models.CharField(
        max_length=64, blank=True, default="", editable=False, help_text="Its time zone (derived)."
    )
    has_published_articles = models.BooleanField(
        default=False, editable=False, help_text="Whether articles are published (derived)."
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("opening_date"), InlinePanel("deadlines", label="Deadline", min_num=0)],
            heading="Dates",
        ),
        InlinePanel("guest_editors", label="Guest editor", heading="Guest editors"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("keyword_items", label="Keyword", heading="Keywords"),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldPanel("section"),
                FieldPanel("cover_image"),
                FieldRowPanel(
                    [FieldPanel("author_instructions_url"), FieldPanel("online_submission_url")]
                ),
                FieldPanel("copyright_line"),
            ],
            heading="Journal overrides",
            classname="collapsed",
        ),
        InlinePanel("contacts", label="Contact", heading="Editorial contacts"),
        InlinePanel("published_articles", label="Article", heading="Published articles"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.RelatedFields("keyword_items", [index.SearchField("keyword")]),
    ]

    parent_page_types = ["special_issues.JournalPage"]
    subpage_types: list[str] = []

    # Checks the deadlines' order (opening date first, abstracts before manuscripts).
    base_form_class = SpecialIssuePageForm

    objects = SpecialIssueManager()

    graphql_fields = [
        GraphQLTyped("status", IssueStatusEnum, required=True),
        GraphQLTyped(
            "submission_deadline",
            graphene.Date,
            description="The final manuscript deadline (the day the call closes).",
        ),
        GraphQLTyped("opening_date", graphene.Date),
        GraphQLModelList("deadlines", "special_issues.Deadline", source="deadline_list"),
        GraphQLModel("journal", "special_issues.JournalPage", source="journal"),
        GraphQLModel("section", "special_issues.JournalSection"),
        GraphQLTyped("cover_image", ResponsiveImage, source="cover_image_public"),
        GraphQLModelList("guest_editors", "special_issues.GuestEditor", source="guest_editor_list"),
        GraphQLFormattedText("introduction", source="introduction_formatted"),
        GraphQLStringList("topics", description="Every topic, in order."),
        GraphQLStringList("keywords"),
        GraphQLFormattedText("eligibility", source="eligibility_formatted"),
        GraphQLModelList(
            "contacts",
            "special_issues.IssueContact",
            source="contact_list",
            description="The issue's contacts, or the journal's default contact.",
        ),
        GraphQLModelList(
            "published_articles", "special_issues.PublishedArticle", source="article_list"
        ),
        GraphQLTyped("submission_info", SubmissionInfo, required=True),
        GraphQLString("copyright", source="effective_copyright", required=True),
        GraphQLStreamfield("body", required=True),
        GraphQLString(
            "frontend_url", description="The issue's page on the public site (FRONTEND_BASE_URL)."
        ),
        GraphQLString(
            "calendar_url",
            description=(
                "iCalendar (.ics) file of the issue's opening day and deadlines, as all-day "
                "events (absolute when PUBLIC_BASE_URL is set, else a path)."
            ),
        ),
        GraphQLTyped(
            "structured_data",
            graphene.JSONString,
            required=True,
            description='schema.org JSON-LD for a <script type="application/ld+json"> tag.',
        ),
    ]

    class Meta:
        verbose_name = "special issue"
        indexes = [
            # Listings filter on the status inputs and order by the final deadline.
            models.Index(fields=["final_deadline_date"], name="issue_final_deadline_idx"),
            models.Index(fields=["opening_date"], name="issue_opening_date_idx"),
        ]

    # --- stored facts -----------------------------------------------------------------

    def save(self, *args, **kwargs):
        """Save, writing the stored facts of the deadlines and articles committed with it,
        and indexing the issue for search once its keywords are committed too."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"deadlines", "published_articles"} & set(update_fields):
            stored_facts.compute_from_relations(self)
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, *stored_facts.FIELDS]
        with stored_facts.committing(self):
            result = super().save(*args, **kwargs)
        if update_fields is None or search_vector.searched_fields(self) & set(update_fields):
            search_vector.reindex(self)
        return result

    def use_stored_facts(self) -> None:
        """Derive status and submission deadline from the stored facts, not the rows.

        Only for pages just read from the database (their stored facts match their
        committed rows), so that a listing need not load every deadline and article.
        """
        self._use_stored_facts = True

    # --- what clients see -------------------------------------------------------------

    @property
    def journal(self):
        """The journal page this issue belongs to (its parent)."""
        if not hasattr(self, "_journal_cache"):
            # A preview of a page never saved has no tree position, only its future parent.
            parent = getattr(self, "preview_parent", None) or (
                self.get_parent() if self.path else None
            )
            self._journal_cache = parent.specific if parent else None
        return self._journal_cache

    def _child_rows(self, relation: str) -> list:
        """The rows of a child relation, read from the prefetched list when there is one.

        The same rows as ``list(self.<relation>.all())``, without building a queryset
        per call (that cost more than the rows themselves in a 100-issue listing).
        Rows edited in memory (a preview) come first, as modelcluster gives them.
        """
        if not self.holds_child_rows(relation):
            prefetched = getattr(self, "_prefetched_objects_cache", {})
            if relation in prefetched:
                return list(prefetched[relation])
        return list(getattr(self, relation).all())

    def holds_child_rows(self, relation: str) -> bool:
        """True when the rows of ``relation`` are held in memory (a draft being previewed),
        so they, not the database's, are what clients see."""
        return relation in getattr(self, "_cluster_related_objects", {})

    @property
    def deadline_list(self):
        return self._child_rows("deadlines")

    @property
    def guest_editor_list(self):
        return self._child_rows("guest_editors")

    @property
    def article_list(self):
        return self._child_rows("published_articles")

    @property
    def keywords(self) -> list[str]:
        # ``loaded_keywords``: set by ``prefetch.prefetch_special_issues`` for listings.
        loaded = getattr(self, "loaded_keywords", None)
        if loaded is not None:
            return list(loaded)
        return [item.keyword for item in self._child_rows("keyword_items")]

    @property
    def topics(self) -> list[str]:
        return [
            item
            for block in self.body
            if block.block_type == "topic_list"
            for item in block.value["items"]
        ]

    @property
    def introduction_formatted(self) -> FormattedRichText:
        return FormattedRichText(self.introduction)

    @property
    def eligibility_formatted(self) -> FormattedRichText:
        return FormattedRichText(self.eligibility)

    @property
    def frontend_url(self) -> str | None:
        """Where readers find this issue on the public site."""
        return frontend_url(self)

    @property
    def cover_image_public(self):
        if self.cover_image_id is None:
            return None
        return public_image(images_by_id([self.cover_image_id]).get(self.cover_image_id))

    @property
    def calendar_url(self) -> str | None:
        """The issue's .ics file; None for an issue not yet placed under a journal."""
        from special_issues.urls import issue_calendar_url  # the URLconf imports the models

        return issue_calendar_url(self)

    @property
    def structured_data(self) -> dict:
        return special_issue_json_ld(self)

    @property
    def placed_snippet_ids(self) -> set[int]:
        """Ids of the reusable content snippets this page's body places."""
        return {
            block["value"]["content"]
            for block in self.body.raw_data
            if block["type"] == "reusable_content" and block["value"].get("content")
        }

    @property
    def contact_list(self):
        contacts = self._child_rows("contacts")
        if contacts:
            return contacts
        journal = self.journal
        if journal is not None and journal.default_contact_id:
            return [IssueContact(person=journal.default_contact, role=journal.default_contact_role)]
        return []

    @property
    def final_deadline(self) -> "Deadline | None":
        moments = {d.as_moment(): d for d in self.deadline_list}
        final = final_deadline(moments)
        return moments[final] if final else None

    @property
    def submission_deadline(self) -> dt.date | None:
        if getattr(self, "_use_stored_facts", False):
            return self.final_deadline_date
        final = self.final_deadline
        return final.date if final else None

    def status_at(self, now: dt.datetime) -> IssueStatus:
        """The status of the call at the instant ``now``."""
        if getattr(self, "_use_stored_facts", False):
            return status_from_facts(
                opening_date=self.opening_date,
                final_deadline_date=self.final_deadline_date,
                final_deadline_time_zone=self.final_deadline_time_zone,
                has_published_articles=self.has_published_articles,
                now=now,
            )
        return derive_status(
            opening_date=self.opening_date,
            deadlines=[d.as_moment() for d in self.deadline_list],
            has_published_articles=bool(self.article_list),
            now=now,
        )

    @property
    def status(self) -> str:
        return self.status_at(timezone.now()).value

    @property
    def submission_info(self) -> SubmissionInfo:
        journal = self.journal
        return SubmissionInfo(
            author_instructions_url=self.author_instructions_url
            or getattr(journal, "author_instructions_url", "")
            or None,
            online_submission_url=self.online_submission_url
            or getattr(journal, "online_submission_url", "")
            or None,
            submission_deadline=self.submission_deadline,
        )

    @property
    def effective_copyright(self) -> str:
        return self.copyright_line or getattr(self.journal, "copyright_line", "")

    # --- editor-facing rules ------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        journal = self.journal if self.pk or self.depth else None
        if self.section_id and journal is not None and self.section.page_id != journal.pk:
            raise ValidationError({"section": "Choose a section of this issue's own journal."})


class Deadline(Orderable):
    """A dated deadline of a call, at a time zone (default Anywhere on Earth)."""

    class Kind(models.TextChoices):
        ABSTRACT = "ABSTRACT", "Abstract"
        FULL_MANUSCRIPT = "FULL_MANUSCRIPT", "Full manuscript"
        OTHER = "OTHER", "Other"

    page = ParentalKey(SpecialIssuePage, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.FULL_MANUSCRIPT,
        help_text="What is due. The last full-manuscript deadline closes the call.",
    )
    label = models.CharField(
        max_length=120, blank=True, help_text="Shown instead of the kind, e.g. “Extended deadline”."
    )
    date = models.DateField(help_text="Submissions are accepted through the whole of this day.")
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default=ANYWHERE_ON_EARTH,
        help_text="Where the day is counted. Anywhere on Earth is the latest on the planet.",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("time_zone")]),
        FieldPanel("label"),
    ]

    graphql_fields = [
        GraphQLTyped("kind", DeadlineKindEnum, required=True),
        GraphQLString("label", source="display_label", required=True),
        GraphQLTyped("date", graphene.Date, required=True),
        GraphQLString("time_zone", required=True, description="IANA time zone name."),
        GraphQLTyped(
            "closes_at",
            graphene.DateTime,
            required=True,
            description="The instant the deadline day ends in its time zone (UTC).",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "deadline"

    def __str__(self) -> str:
        return f"{self.display_label}: {self.date:%d %b %Y}"

    @property
    def display_label(self) -> str:
        return self.label or self.get_kind_display()

    @property
    def closes_at(self) -> dt.datetime:
        return end_of_day(self.date, self.time_zone)

    def as_moment(self) -> DeadlineMoment:
        return DeadlineMoment(
            date=self.date,
            time_zone=self.time_zone,
            is_manuscript=self.kind == self.Kind.FULL_MANUSCRIPT,
        )


class GuestEditor(Orderable):
    """A person guest-editing one special issue, with a role."""

    class Role(models.TextChoices):
        LEAD_GUEST_EDITOR = "LEAD_GUEST_EDITOR", "Lead guest editor"
        GUEST_EDITOR = "GUEST_EDITOR", "Guest editor"

    page = ParentalKey(SpecialIssuePage, on_delete=models.CASCADE, related_name="guest_editors")
    person = models.ForeignKey(
        "special_issues.Person",
        on_delete=models.PROTECT,
        related_name="guest_editorships",
        help_text="Choose an existing person, or create one from the chooser.",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.GUEST_EDITOR)

    panels = [FieldPanel("person"), FieldPanel("role")]

    graphql_fields = [
        GraphQLTyped("role", GuestEditorRoleEnum, required=True),
        GraphQLModel("person", "special_issues.Person", required=True),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "guest editor"


class IssueContact(Orderable):
    """An editorial contact for one special issue, e.g. the Assistant Editor."""

    page = ParentalKey(SpecialIssuePage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "special_issues.Person", on_delete=models.PROTECT, related_name="issue_contacts"
    )
    role = models.CharField(
        max_length=100, default="Assistant Editor", help_text="e.g. “Assistant Editor”."
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    graphql_fields = [
        GraphQLString("role", required=True),
        GraphQLModel("person", "special_issues.Person", required=True),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "contact"


class IssueKeyword(Orderable):
    """A keyword of one special issue, in the editor's order."""

    page = ParentalKey(SpecialIssuePage, on_delete=models.CASCADE, related_name="keyword_items")
    keyword = models.CharField(max_length=120, help_text="e.g. “Tumor microenvironment”.")

    panels = [FieldPanel("keyword")]

    class Meta(Orderable.Meta):
        verbose_name = "keyword"
        indexes = [
            models.Index(fields=["keyword"], name="issue_keyword_idx"),
            # The keyword filter is case-insensitive: keyword__iexact compares UPPER()s.
            models.Index(Upper("keyword"), name="issue_keyword_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.keyword


class PublishedArticle(Orderable):
    """An article published in the special issue."""

    page = ParentalKey(
        SpecialIssuePage, on_delete=models.CASCADE, related_name="published_articles"
    )
    title = models.CharField(max_length=500)
    authors = models.TextField(help_text="One author per line, as they appear on the article.")
    doi = models.CharField(
        "DOI",
        max_length=255,
        blank=True,
        validators=[validate_doi],
        help_text="e.g. 10.20517/cdr.2022.01 (a https://doi.org/ link is accepted too).",
    )
    publication_date = models.DateField(null=True, blank=True)
    url = models.URLField(blank=True, help_text="The article's page, if not its DOI link.")

    panels = [
        FieldPanel("title"),
        FieldPanel("authors"),
        FieldRowPanel([FieldPanel("doi"), FieldPanel("publication_date")]),
        FieldPanel("url"),
    ]

    graphql_fields = [
        GraphQLString("title", required=True),
        GraphQLStringList("authors", source="author_list"),
        GraphQLString("doi", source="doi_or_none"),
        GraphQLString("doi_url"),
        GraphQLTyped("publication_date", graphene.Date),
        GraphQLString("url", source="effective_url", description="Article page, or DOI link."),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "published article"
        indexes = [models.Index(fields=["doi"], name="published_article_doi_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        self.doi = normalize_doi(self.doi) if self.doi else ""

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def doi_or_none(self) -> str | None:
        return self.doi or None

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def effective_url(self) -> str | None:
        return self.url or self.doi_url
