"""Journals: the facts set once and inherited by every special issue of the journal."""

from django.db import models
from grapple.models import GraphQLInt, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessMixin

from special_issues.graphql import GraphQLModel, GraphQLModelList, GraphQLStringList
from special_issues.rich_text import frontend_url
from special_issues.validators import normalize_issn, validate_issn

__all__ = ["JournalHotKeyword", "JournalPage", "JournalSection"]


class JournalPage(HeadlessMixin, Page):
    """A journal. Its special issues live beneath it and inherit these facts.

    Clients see the journal's name (the page title), ISSNs, publisher, hot keywords,
    copyright line, submission links and default editorial contact.
    """

    issn_print = models.CharField(
        "ISSN (print)",
        max_length=9,
        blank=True,
        validators=[validate_issn],
        help_text="e.g. 1234-5679. Leave blank for online-only journals.",
    )
    issn_online = models.CharField(
        "ISSN (online)",
        max_length=9,
        blank=True,
        validators=[validate_issn],
        help_text="e.g. 2578-532X.",
    )
    publisher = models.CharField(
        max_length=255, blank=True, help_text="e.g. “OAE Publishing Inc.”."
    )
    copyright_line = models.CharField(
        max_length=255,
        blank=True,
        help_text="Shown at the foot of every issue, e.g. “© 2016-2023 OAE Publishing Inc.”.",
    )
    author_instructions_url = models.URLField(
        blank=True, help_text="The journal's instructions for authors."
    )
    online_submission_url = models.URLField(
        blank=True, help_text="The journal's online submission system."
    )
    default_contact = models.ForeignKey(
        "special_issues.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Editorial contact shown on issues that name no contact of their own.",
    )
    default_contact_role = models.CharField(
        max_length=100,
        blank=True,
        default="Assistant Editor",
        help_text="The default contact's role, e.g. “Assistant Editor”.",
    )
    min_published_articles = models.PositiveSmallIntegerField(
        default=5,
        help_text="A completed special issue should have at least this many articles.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issn_online"), FieldPanel("issn_print")]),
                FieldPanel("publisher"),
                FieldPanel("copyright_line"),
            ],
            heading="Journal facts",
        ),
        InlinePanel("hot_keyword_items", label="Hot keywords", heading="Hot keywords"),
        InlinePanel("sections", label="Section", heading="Sections"),
        MultiFieldPanel(
            [FieldPanel("author_instructions_url"), FieldPanel("online_submission_url")],
            heading="Submission",
        ),
        MultiFieldPanel(
            [
                FieldPanel("default_contact"),
                FieldPanel("default_contact_role"),
                FieldPanel("min_published_articles"),
            ],
            heading="Editorial office",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("issn_online"),
        index.SearchField("issn_print"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["special_issues.SpecialIssuePage"]

    graphql_fields = [
        GraphQLString("issn_online", source="issn_online_or_none"),
        GraphQLString("issn_print", source="issn_print_or_none"),
        GraphQLString("publisher", required=True),
        GraphQLStringList("hot_keywords", description="In the editor's order."),
        GraphQLString("copyright", source="copyright_line", required=True),
        GraphQLString("author_instructions_url", source="author_instructions_url_or_none"),
        GraphQLString("online_submission_url", source="online_submission_url_or_none"),
        GraphQLModel("default_contact", "special_issues.Person"),
        GraphQLString("default_contact_role", required=True),
        GraphQLModelList("section_list", "special_issues.JournalSection"),
        GraphQLInt("min_published_articles", required=True),
        GraphQLString("frontend_url", description="The journal's page on the public site."),
        GraphQLString(
            "calendar_url",
            required=True,
            description=(
                "iCalendar (.ics) subscription: the final deadline of each open call "
                "(absolute when PUBLIC_BASE_URL is set, else a path)."
            ),
        ),
        GraphQLString(
            "open_calls_feed_url",
            required=True,
            description=(
                "Atom feed of the open calls, earliest deadline first "
                "(absolute when PUBLIC_BASE_URL is set, else a path)."
            ),
        ),
    ]

    class Meta:
        verbose_name = "journal"

    def clean(self) -> None:
        super().clean()
        # Store ISSNs in the canonical NNNN-NNNC form whatever the editor typed.
        if self.issn_print:
            self.issn_print = normalize_issn(self.issn_print)
        if self.issn_online:
            self.issn_online = normalize_issn(self.issn_online)

    @property
    def frontend_url(self) -> str | None:
        return frontend_url(self)

    @property
    def calendar_url(self) -> str:
        """The .ics subscription of the journal's open calls."""
        from special_issues.urls import journal_calendar_url  # the URLconf imports the models

        return journal_calendar_url(self)

    @property
    def open_calls_feed_url(self) -> str:
        """The Atom feed of the journal's open calls."""
        from special_issues.urls import journal_feed_url  # the URLconf imports the models

        return journal_feed_url(self)

    @property
    def hot_keywords(self) -> list[str]:
        return [item.keyword for item in self.hot_keyword_items.all()]

    @property
    def section_list(self):
        return self.sections.all()

    @property
    def issn_online_or_none(self) -> str | None:
        return self.issn_online or None

    @property
    def issn_print_or_none(self) -> str | None:
        return self.issn_print or None

    @property
    def author_instructions_url_or_none(self) -> str | None:
        return self.author_instructions_url or None

    @property
    def online_submission_url_or_none(self) -> str | None:
        return self.online_submission_url or None


class JournalHotKeyword(Orderable):
    """A keyword the journal promotes (“Hot Keywords” on the publisher's pages)."""

    page = ParentalKey(JournalPage, on_delete=models.CASCADE, related_name="hot_keyword_items")
    keyword = models.CharField(max_length=120, help_text="e.g. “Liquid Biopsy”.")

    panels = [FieldPanel("keyword")]

    def __str__(self) -> str:
        return self.keyword


class JournalSection(Orderable):
    """A section of the journal a special issue may belong to."""

    page = ParentalKey(JournalPage, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(max_length=150, help_text="e.g. “Tumour Microenvironment”.")

    panels = [FieldPanel("name")]

    graphql_fields = [GraphQLString("name", required=True)]

    class Meta(Orderable.Meta):
        verbose_name = "section"

    def __str__(self) -> str:
        return f"{self.page.title} — {self.name}" if self.page_id else self.name
