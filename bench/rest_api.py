"""Wagtail's REST API v2 serving the same special issue data, as a baseline (bench only).

Wagtail's API serializes only the fields a model lists in ``api_fields``. The models do
not declare any (the product's API is GraphQL), and the benchmark must not change them,
so the lists are assigned here at import time, before ``bench/urls.py`` builds the
router. Only the bench settings import this module; the product never does.

The fields mirror the GraphQL operations (``IssueFull`` and ``IssueCard``): people,
the journal and the section nested in the answer, rich text expanded to HTML
(``?rich_text_format=html``). This is the stock way to use the REST API: no custom
prefetching, so related rows are loaded per page as its serializers ask for them.
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueContact,
    PublishedArticle,
    SpecialIssuePage,
)


class PersonSerializer(serializers.Serializer):
    """A person as ``PersonSummary`` shows them."""

    id = serializers.IntegerField()
    display_name = serializers.CharField()
    honorific = serializers.CharField()
    name = serializers.CharField()
    affiliation = serializers.CharField()
    department = serializers.CharField()
    institution = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField()
    website = serializers.CharField(source="website_or_none")
    email = serializers.CharField(source="public_email")
    orcid = serializers.CharField(source="orcid_or_none")
    orcid_url = serializers.CharField()


class JournalSerializer(serializers.Serializer):
    """The issue's journal (its parent page), as ``IssueFull`` shows it."""

    title = serializers.CharField()
    slug = serializers.CharField()
    frontend_url = serializers.CharField()
    issn_online = serializers.CharField(source="issn_online_or_none")
    issn_print = serializers.CharField(source="issn_print_or_none")
    publisher = serializers.CharField()
    hot_keywords = serializers.ListField(child=serializers.CharField())
    copyright = serializers.CharField(source="copyright_line")


class SectionSerializer(serializers.Serializer):
    """A journal section."""

    name = serializers.CharField()


# --- api_fields, assigned at runtime (see the module docstring) -------------------------
Deadline.api_fields = [
    APIField("kind"),
    APIField("label"),
    APIField("date"),
    APIField("time_zone"),
    APIField("closes_at"),
]
GuestEditor.api_fields = [APIField("role"), APIField("person", serializer=PersonSerializer())]
IssueContact.api_fields = [APIField("role"), APIField("person", serializer=PersonSerializer())]
PublishedArticle.api_fields = [
    APIField("title"),
    APIField("authors"),
    APIField("doi"),
    APIField("doi_url"),
    APIField("publication_date"),
    APIField("url"),
]
SpecialIssuePage.api_fields = [
    APIField("frontend_url"),
    APIField("status"),
    APIField("opening_date"),
    APIField("submission_deadline"),
    APIField("deadlines"),
    APIField("journal", serializer=JournalSerializer()),
    APIField("section", serializer=SectionSerializer()),
    APIField("cover_image"),
    APIField("cover", serializer=ImageRenditionField("max-1600x1600", source="cover_image")),
    APIField("guest_editors"),
    APIField("introduction"),
    APIField("topics"),
    APIField("keywords"),
    APIField("eligibility"),
    APIField("contacts"),
    APIField("published_articles"),
    APIField("author_instructions_url"),
    APIField("online_submission_url"),
    APIField("effective_copyright"),
    APIField("body"),
    APIField("structured_data"),
]

# What the issue page (detail) and the open-calls cards (listing) ask for.
ISSUE_FIELDS = ",".join(
    ["search_description", *(field.name for field in SpecialIssuePage.api_fields)]
)
CARD_FIELDS = (
    "frontend_url,status,opening_date,submission_deadline,journal,"
    "guest_editors(role,person),keywords"
)

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
