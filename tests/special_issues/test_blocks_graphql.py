"""Every block an editor fills in reaches the frontend over GraphQL, with its values."""

import pytest
import wagtail_factories
from graphene.utils.str_converters import to_camel_case
from graphene_django.settings import graphene_settings
from grapple.registry import registry
from wagtail import blocks

from special_issues.blocks import SpecialIssueBodyBlock
from tests.factories import ReusableContentFactory, SpecialIssuePageFactory

# Children exposed under another GraphQL name, and why.
RENAMED = {
    # `text` would clash with CallToActionBlock.text (a String) when one query selects
    # both from `body`; the paragraph's rich text is `richText { html plainText }`.
    ("ParagraphBlock", "text"): "richText",
}
# Children deliberately not exposed, and why (none today).
EXCLUDED: set[tuple[str, str]] = set()

# Fields Grapple gives every block type, not backed by a child of ours.
INTERFACE_FIELDS = {"id", "blockType", "field", "rawValue", "blocks"}


def struct_blocks() -> list:
    body = SpecialIssueBodyBlock()
    return [
        pytest.param(block, id=name)
        for name, block in body.child_blocks.items()
        if isinstance(block, blocks.StructBlock)
    ]


def graphql_type_name(block: blocks.Block) -> str:
    return registry.streamfield_blocks[type(block)]._meta.name


def graphql_fields(type_name: str) -> set[str]:
    return set(graphene_settings.SCHEMA.graphql_schema.get_type(type_name).fields)


def expected_field(type_name: str, child_name: str) -> str:
    return RENAMED.get((type_name, child_name), to_camel_case(child_name))


def test_every_body_block_is_a_struct_block_with_a_graphql_type():
    body = SpecialIssueBodyBlock()

    # The exposure checks below walk StructBlock children: a bare block (e.g. a plain
    # RichTextBlock) would slip past them, so every body block is a StructBlock.
    assert all(isinstance(b, blocks.StructBlock) for b in body.child_blocks.values())
    for block in body.child_blocks.values():
        assert type(block) in registry.streamfield_blocks, type(block).__name__


@pytest.mark.parametrize("block", struct_blocks())
def test_every_child_block_is_exposed_or_deliberately_excluded(block):
    type_name = graphql_type_name(block)
    exposed = graphql_fields(type_name)

    missing = {
        child: expected_field(type_name, child)
        for child in block.child_blocks
        if (type_name, child) not in EXCLUDED and expected_field(type_name, child) not in exposed
    }

    assert missing == {}


@pytest.mark.parametrize("block", struct_blocks())
def test_no_graphql_field_without_a_child_block(block):
    type_name = graphql_type_name(block)
    backed = {expected_field(type_name, child) for child in block.child_blocks}

    assert graphql_fields(type_name) - INTERFACE_FIELDS - backed == set()


def test_exclusions_and_renames_name_real_children():
    children = {
        (graphql_type_name(p.values[0]), child)
        for p in struct_blocks()
        for child in p.values[0].child_blocks
    }

    assert (EXCLUDED | set(RENAMED)) <= children


# --- the body round trip ---------------------------------------------------------------

BODY = """query ($slug: String!) {
  specialIssue(slug: $slug) {
    topics
    body {
      blockType
      ... on TopicListBlock { heading leadIn items notLimitedTo }
      ... on ParagraphBlock { richText { html plainText } }
      ... on CallToActionBlock { heading text buttonLabel url }
      ... on ReusableContentBlock { content { name heading buttonLabel buttonUrl } }
      ... on ImageBlock { image { title alt width height } altText caption credit }
      ... on QuoteBlock { quote attribution }
    }
  }
}"""


@pytest.fixture
def issue_with_every_block(journal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = wagtail_factories.ImageFactory(title="Exosome micrograph")
    content = ReusableContentFactory(
        name="APC waiver",
        heading="Publish free of charge",
        button_label="Read the policy",
        button_url="https://example.org/apc",
    )
    return SpecialIssuePageFactory(
        parent=journal,
        slug="exosomes",
        body=[
            (
                "topic_list",
                {
                    "heading": "Topics of interest",
                    "lead_in": "Potential topics include:",
                    "items": ["Liquid biopsy", "Exosomal microRNAs"],
                    "not_limited_to": True,
                },
            ),
            ("paragraph", {"text": "<p>Exosomes <b>mediate</b> resistance.</p>"}),
            (
                "call_to_action",
                {
                    "heading": "Submit your manuscript",
                    "text": "Open until the deadline.",
                    "button_label": "Submit now",
                    "url": "https://example.org/submit",
                },
            ),
            ("reusable_content", {"content": content}),
            (
                "image",
                {
                    "image": image,
                    "alt_text": "Electron micrograph of exosomes",
                    "caption": "Exosomes under the microscope",
                    "credit": "© Jane Doe, CC BY 4.0",
                },
            ),
            ("quote", {"quote": "Exosomes matter.", "attribution": "The guest editors"}),
            # A second topic list with the box unticked: "these topics only".
            (
                "topic_list",
                {"heading": "", "lead_in": "", "items": ["Only this"], "not_limited_to": False},
            ),
        ],
    )


def test_each_block_comes_back_with_its_values(gql, issue_with_every_block):
    status_code, response = gql(BODY, {"slug": "exosomes"})

    assert status_code == 200, response
    assert "errors" not in response, response["errors"]
    issue = response["data"]["specialIssue"]
    image = issue["body"][4].pop("image")
    assert issue["body"] == [
        {
            "blockType": "TopicListBlock",
            "heading": "Topics of interest",
            "leadIn": "Potential topics include:",
            "items": ["Liquid biopsy", "Exosomal microRNAs"],
            "notLimitedTo": True,
        },
        {
            "blockType": "ParagraphBlock",
            "richText": {
                "html": "<p>Exosomes <b>mediate</b> resistance.</p>",
                "plainText": "Exosomes mediate resistance.",
            },
        },
        {
            "blockType": "CallToActionBlock",
            "heading": "Submit your manuscript",
            "text": "Open until the deadline.",
            "buttonLabel": "Submit now",
            "url": "https://example.org/submit",
        },
        {
            "blockType": "ReusableContentBlock",
            "content": {
                "name": "APC waiver",
                "heading": "Publish free of charge",
                "buttonLabel": "Read the policy",
                "buttonUrl": "https://example.org/apc",
            },
        },
        {
            "blockType": "ImageBlock",
            "altText": "Electron micrograph of exosomes",
            "caption": "Exosomes under the microscope",
            "credit": "© Jane Doe, CC BY 4.0",
        },
        {
            "blockType": "QuoteBlock",
            "quote": "Exosomes matter.",
            "attribution": "The guest editors",
        },
        {
            "blockType": "TopicListBlock",
            "heading": "",
            "leadIn": "",
            "items": ["Only this"],
            "notLimitedTo": False,
        },
    ]
    assert image["title"] == "Exosome micrograph"
    assert image["alt"] == "Electron micrograph of exosomes"
    assert image["width"] > 0 and image["height"] > 0
    assert issue["topics"] == ["Liquid biopsy", "Exosomal microRNAs", "Only this"]


def test_round_trip_covers_every_block_type(gql, issue_with_every_block):
    response = gql(BODY, {"slug": "exosomes"})[1]

    returned = {block["blockType"] for block in response["data"]["specialIssue"]["body"]}
    declared = {graphql_type_name(b) for b in SpecialIssueBodyBlock().child_blocks.values()}
    assert returned == declared, "add the new block type to issue_with_every_block"
