"""StreamField blocks that compose a special issue's body: one StructBlock per concept.

Each block declares its GraphQL fields next to its children; every child is exposed
(a test checks this) so a frontend can render what the editor entered.
"""

import copy

from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLBoolean, GraphQLString
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from special_issues import lookups
from special_issues.graphql import (
    GraphQLFormattedText,
    GraphQLModel,
    GraphQLStringList,
    GraphQLTyped,
)
from special_issues.images import ImageWithAlt, ResponsiveImage, image_queryset, public_image
from special_issues.rich_text import FormattedRichText

__all__ = [
    "CallToActionBlock",
    "ImageBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "ReusableContentBlock",
    "SpecialIssueBodyBlock",
    "TopicListBlock",
]


class BatchedChooserMixin:
    """Chooser blocks that look their objects up through the request's shared store.

    A list of 100 issues each placing a snippet then costs one query, not one per issue.
    While an API request is answered (the store is open), an object the public may not
    see reads as empty, whichever GraphQL field reaches it; the admin still sees it.
    """

    def lookup_queryset(self):
        return self.model_class.objects.all()

    def is_public(self, obj) -> bool:
        return True

    def bulk_to_python(self, values):
        values = list(values)
        objects = lookups.in_bulk(self.model_class, values, queryset=self.lookup_queryset())
        seen, result = set(), []
        public_only = lookups.active()
        for pk in values:
            obj = objects.get(pk)
            if obj is not None and public_only and not self.is_public(obj):
                obj = None
            # Like Wagtail: a repeated id gets its own instance, so edits don't alias.
            result.append(copy.copy(obj) if obj is not None and pk in seen else obj)
            seen.add(pk)
        return result


class ReusableContentChooserBlock(BatchedChooserMixin, SnippetChooserBlock):
    """Chooses a reusable content snippet."""

    def is_public(self, obj) -> bool:
        return obj.is_visible()


class BatchedImageChooserBlock(BatchedChooserMixin, ImageChooserBlock):
    """Chooses an image."""

    def lookup_queryset(self):
        return image_queryset()

    def is_public(self, obj) -> bool:
        return public_image(obj) is not None


@register_streamfield_block
class TopicListBlock(blocks.StructBlock):
    """The topics in scope of the call, with an optional lead-in sentence."""

    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="e.g. “Topics of interest”. Leave blank for no heading.",
    )
    lead_in = blocks.CharBlock(
        required=False,
        max_length=500,
        help_text="Sentence before the list, e.g. “Potential topics include:”.",
    )
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label="Topic"),
        min_num=1,
        help_text="One topic per item, in the order readers should see them.",
    )
    not_limited_to = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text="Tick when the list is “including but not limited to” these topics.",
    )

    graphql_fields = [
        GraphQLString("heading", required=True),
        GraphQLString("lead_in", required=True),
        # A ListBlock of CharBlock needs a list of strings (GraphQLStreamfield returns [{}]).
        GraphQLStringList("items"),
        GraphQLBoolean("not_limited_to", required=True),
    ]

    class Meta:
        icon = "list-ul"
        label = "Topic list"
        description = "The topics in scope, as a bulleted list."
        preview_value = {
            "heading": "Topics of interest",
            "lead_in": "Potential topics include, but are not limited to:",
            "items": ["Exosomes and cancer immunotherapy", "Liquid biopsy"],
            "not_limited_to": True,
        }


@register_streamfield_block
class CallToActionBlock(blocks.StructBlock):
    """A one-off call to action written for this issue only."""

    heading = blocks.CharBlock(max_length=255, help_text="e.g. “Submit your manuscript”.")
    text = blocks.TextBlock(required=False, help_text="One or two sentences under the heading.")
    button_label = blocks.CharBlock(max_length=80, help_text="e.g. “Submit now”.")
    url = blocks.URLBlock(help_text="Where the button leads.")

    graphql_fields = [
        GraphQLString("heading", required=True),
        GraphQLString("text", required=True),
        GraphQLString("button_label", required=True),
        GraphQLString("url", required=True),
    ]

    class Meta:
        icon = "pick"
        label = "Call to action"
        description = "A heading, a sentence and a button for this issue only."
        preview_value = {
            "heading": "Submit your manuscript",
            "text": "Submissions are open until the deadline.",
            "button_label": "Submit now",
            "url": "https://example.org/submit",
        }


@register_streamfield_block
class ReusableContentBlock(blocks.StructBlock):
    """A reusable marketing snippet, placed by reference: editing it updates every issue."""

    content = ReusableContentChooserBlock(
        "special_issues.ReusableContent",
        help_text="Pick a call to action, notice or boilerplate that marketing maintains.",
    )

    graphql_fields = [
        GraphQLModel(
            "content",
            "special_issues.ReusableContent",
            source="visible_content",
            description="Null when the snippet is unpublished, scheduled or expired.",
        ),
    ]

    class Meta:
        icon = "snippet"
        label = "Reusable content"
        description = "A call to action or notice maintained by marketing for many issues."

    def visible_content(self, info, values, **kwargs):
        """Only published, unexpired content reaches clients; anything else is null."""
        snippet = values.get("content")
        if snippet is None or not snippet.is_visible():
            return None
        return snippet


@register_streamfield_block
class ImageBlock(blocks.StructBlock):
    """A figure with the text alternative readers of screen readers hear."""

    image = BatchedImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255,
        help_text="Describe the image for people who cannot see it (required).",
    )
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(
        required=False, max_length=255, help_text="e.g. “© Jane Doe, CC BY 4.0”."
    )

    graphql_fields = [
        GraphQLTyped(
            "image",
            ResponsiveImage,
            source="public_image",
            description="Null if the image was deleted or is in a restricted collection.",
        ),
        GraphQLString("alt_text", required=True),
        GraphQLString("caption", required=True),
        GraphQLString("credit", required=True),
    ]

    class Meta:
        icon = "image"
        label = "Image"
        description = "An image with alt text, caption and credit."

    def public_image(self, info, values, **kwargs) -> ImageWithAlt | None:
        return public_image(values.get("image"), alt=values.get("alt_text", ""))


@register_streamfield_block
class QuoteBlock(blocks.StructBlock):
    """A quotation, e.g. from a guest editor, with its attribution."""

    quote = blocks.TextBlock(help_text="The quoted words, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=255, help_text="Who said it, e.g. “Prof. Kenneth K. W. To”."
    )

    graphql_fields = [
        GraphQLString("quote", required=True),
        GraphQLString("attribution", required=True),
    ]

    class Meta:
        icon = "openquote"
        label = "Quote"
        description = "A quotation with its attribution."
        preview_value = {
            "quote": "Exosomes are emerging as key mediators of drug resistance.",
            "attribution": "The guest editors",
        }


@register_streamfield_block
class ParagraphBlock(blocks.StructBlock):
    """Rich text: paragraphs, sub-headings, lists and links."""

    text = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul", "superscript", "subscript"],
    )

    # Exposed as `richText`: `text` would clash with CallToActionBlock.text (a String) in
    # a query that selects both from `body`.
    graphql_fields = [GraphQLFormattedText("rich_text", source="formatted_text")]

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        description = "Rich text: paragraphs, sub-headings, lists and links."
        form_classname = "struct-block paragraph-block"
        preview_value = {"text": "<p>Exosomes facilitate intercellular communication.</p>"}

    def formatted_text(self, info, values, **kwargs) -> FormattedRichText:
        text = values.get("text")
        return FormattedRichText(text.source if text is not None else "")


class SpecialIssueBodyBlock(blocks.StreamBlock):
    """The blocks an editor may use in a special issue's body."""

    topic_list = TopicListBlock()
    paragraph = ParagraphBlock()
    call_to_action = CallToActionBlock()
    reusable_content = ReusableContentBlock()
    image = ImageBlock()
    quote = QuoteBlock()
