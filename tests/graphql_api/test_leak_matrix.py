"""Nothing the public may not see leaks, whichever path of the schema reaches it.

One site is built for the module: a published journal with two published issues, and
beside them every kind of object the public may not see — draft, unpublished, expired
and restricted pages, pages under a hidden journal, a newer draft of a published page,
draft or expired marketing snippets, an image and a document in a private collection,
a private e-mail address, a person named only on a hidden page, and a Django user.
The visible issue references each hidden object wherever it can: rich-text links (pages
and documents) and embedded images, reusable-content blocks, an image block, its cover
image, a redirect, an alias.

Each query below (a *path*) is sent once, anonymously; the matrix then checks, for every
hidden object, that the response contains none of its markers: its title, its slug or
URL, and its primary key. Hidden objects get primary keys from 900000 up, so a bare
number is a reliable marker. Every path also shows something visible, which proves the
path is exercised.

Our body blocks have no page chooser block (``test_body_has_no_page_chooser``); links to
pages exist only in rich text, which the matrix covers.
"""

import json
from types import SimpleNamespace

import pytest
from django.test import Client, override_settings
from graphene_django.settings import graphene_settings
from wagtail import blocks

from special_issues.blocks import SpecialIssueBodyBlock
from tests.factories import (
    graphql,
    kept_for_module,
)
from tests.graphql_api.hidden_world import (
    build_world,
    ids_restored,
)

# --- the paths --------------------------------------------------------------------

DRAFT_TITLE = " ".join(
    f"... on {page_type} {{ draftTitle }}"
    for page_type in ("Page", "JournalPage", "SpecialIssuePage")
)
PAGE = f"id title slug url urlPath {DRAFT_TITLE}"  # for interface-typed fields
CONCRETE = "id title slug url urlPath draftTitle"  # for fields of one page type
LIST = f"(limit: 100) {{ {PAGE} }}"
RICH = "{ html plainText }"
BODY_TYPED = f"""body {{
  blockType
  ... on ParagraphBlock {{ richText {RICH} }}
  ... on ReusableContentBlock {{ content {{ name heading body {RICH} usedBy {{ title }} }} }}
  ... on ImageBlock {{ image {{ url title }} }}
}}"""
BODY_BLOCKS = """body {
  ... on ParagraphBlock { blocks { rawValue ... on RichTextBlock { value } } }
  ... on ReusableContentBlock { blocks { rawValue ... on SnippetChooserBlock {
    snippet { ... on ReusableContent { name heading } } } } }
  ... on ImageBlock { blocks { rawValue ... on ImageChooserBlock { image { id title url } } } }
}"""
ISSUE = f"""{CONCRETE} introduction {RICH} eligibility {RICH} coverImage {{ url title }}
  keywords guestEditors {{ person {{ id name email }} }} contacts {{ person {{ name email }} }}"""


def issue(selection: str) -> str:
    return f'{{ specialIssue(slug: "visible-call") {{ {selection} }} }}'


def page(pk: int, selection: str) -> str:
    return f"{{ page(id: {pk}) {{ {selection} }} }}"


def paths(pks) -> dict[str, str]:
    """Every path to check, by readable id (each a complete query)."""
    many_pages = " ".join(f"p{pk}: page(id: {pk}) {{ {PAGE} }}" for pk in pks.hidden_pages)
    return {
        "special-issue": issue(ISSUE),
        "body": issue(BODY_TYPED),
        "body-raw-value": issue("body { blockType rawValue }"),
        "body-blocks": issue(BODY_BLOCKS),
        "special-issues": f"{{ specialIssues(limit: 100) {{ total items {{ {CONCRETE} }} }} }}",
        "special-issues-keyword": (
            '{ specialIssues(keyword: "zqkeyword-draft") { total items { title } } }'
        ),
        "special-issues-search": '{ specialIssues(search: "Call") { items { title } } }',
        "journal": (
            f'{{ journal(slug: "cdr") {{ {CONCRETE} children{LIST} descendants{LIST} }} }}'
        ),
        "journals": f"{{ journals(limit: 100) {{ items {{ {CONCRETE} }} }} }}",
        "person": (
            f"{{ person(id: {pks.person}) {{ name email specialIssues {{ {CONCRETE} }} }} }}"
        ),
        "person-hidden": f"{{ person(id: {pks.hidden_person}) {{ name }} }}",
        "keywords": "{ keywords(limit: 100) { keyword count } }",
        "used-by": "{ snippets { ... on ReusableContent { name usedBy { title slug } } } }",
        "grapple-pages": f"{{ pages{LIST} }}",
        "grapple-pages-search": f'{{ pages(limit: 100, searchQuery: "Call") {{ {PAGE} }} }}',
        "grapple-page-by-id": f"{{ {many_pages} }}",
        "grapple-page-by-slug": f'{{ page(slug: "zq-draft-call") {{ {PAGE} }} }}',
        "grapple-page-by-url-path": f'{{ page(urlPath: "/cdr/zq-password-call/") {{ {PAGE} }} }}',
        "grapple-snippets": (
            "{ snippets { ... on ReusableContent { name heading body { html } } "
            "... on Person { name email } } }"
        ),
        "grapple-search": (
            '{ search(query: "Call") { ... on PageInterface { id title slug url } '
            "... on ReusableContent { name } ... on Person { name email } } }"
        ),
        "parent": f"{{ pages(limit: 100) {{ title parent {{ {PAGE} }} }} }}",
        "children": page(pks.home, f"title children{LIST}"),
        "children-of-journal": page(pks.journal, f"title children{LIST}"),
        "descendants": page(pks.home, f"title descendants{LIST}"),
        "descendants-parents": page(
            pks.home, f"descendants(limit: 100) {{ title parent {{ {PAGE} }} }}"
        ),
        "ancestors": page(pks.visible, f"ancestors{LIST} parent {{ {PAGE} ancestors{LIST} }}"),
        "siblings": page(pks.visible, f"siblings{LIST} nextSiblings{LIST} previousSiblings{LIST}"),
        "children-search": page(
            pks.journal, f'children(limit: 100, searchQuery: "Call") {{ {PAGE} }}'
        ),
        "aliases": page(pks.visible, f"... on SpecialIssuePage {{ aliases {{ {CONCRETE} }} }}"),
        "sites": "{ sites { hostname pages(limit: 100) { id title slug url } } }",
        "site-page": (
            f'{{ site(hostname: "localhost") {{ rootPage {{ title children {{ {PAGE} }} }} '
            f'page(slug: "zq-orphan-call") {{ {PAGE} }} }} }}'
        ),
        "redirects": f"{{ redirects {{ oldPath newUrl page {{ {PAGE} }} }} }}",
        "images": (
            f"{{ images(limit: 100) {{ id title url }} image(id: {pks.image}) {{ id title url }} }}"
        ),
        "images-search": '{ images(limit: 100, searchQuery: "Image") { id title url } }',
        "documents": (
            f"{{ documents(limit: 100) {{ id title url }} "
            f"document(id: {pks.document}) {{ id title url }} }}"
        ),
        "collections": "{ collections { id name descendants { id name } } }",
        "tags": "{ tags { id name } images(limit: 100) { tags { name } } }",
    }


@pytest.fixture(scope="module")
def shared_responses(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every path's anonymous response, computed once over the module's site."""
    media_root = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media_root),
        kept_for_module(django_db_blocker),
        ids_restored(),
    ):
        world = build_world()
        client = Client()
        yield world, {path: graphql(client, query) for path, query in paths(world.pks).items()}


@pytest.fixture
def responses(shared_responses, db):
    """The module's responses (``db``: the test database, not the development one)."""
    return shared_responses


HIDDEN_KINDS = [
    "page-draft", "page-unpublished", "page-expired", "page-password", "page-login",
    "page-groups", "page-under-unpublished-journal", "page-under-restricted-journal",
    "journal-unpublished", "journal-restricted", "page-newer-draft",
    "alias-under-restricted-journal", "keyword-draft", "keyword-unpublished",
    "keyword-expired", "keyword-password", "keyword-orphan", "keyword-members",
    "snippet-draft", "snippet-unpublished", "snippet-expired", "snippet-scheduled",
    "image-private-collection", "document-private-collection", "collection-private",
    "tag-only-on-private-media", "email-not-public",
    "person-only-on-hidden-page", "user",
]  # fmt: skip
PATHS = list(paths(SimpleNamespace(home=1, journal=2, visible=3, person=4, hidden_person=5,
                                   hidden_pages=[6], image=7, document=8)))  # fmt: skip


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
@pytest.mark.parametrize("path", PATHS)
def test_hidden_object_is_absent(responses, path, kind):
    world, answers = responses
    status_code, body = answers[path]
    assert status_code == 200, body
    # "Not found" is a fair answer for hidden content; a crash would hide nothing honestly
    # (some paths, e.g. a lookup of a hidden page by id, have no visible content to show).
    codes = {error["extensions"]["code"] for error in body.get("errors", [])}
    assert codes <= {"NOT_FOUND"}, body
    assert world.hidden[kind].found_in(body) == []


VISIBLE = {
    "special-issue": "Open Call on Exosomes",
    "body": "Open access notice",
    "body-raw-value": "ParagraphBlock",
    "body-blocks": "Open access notice",
    "special-issues": "Open Call on Liquid Biopsy",
    "journal": "Open Call on Exosomes",
    "journals": "Cancer Drug Resistance",
    "person": "Kenneth To",
    "keywords": "exosomes",
    "used-by": "Open Call on Exosomes",
    "grapple-pages": "Open Call on Exosomes",
    "grapple-snippets": "Open access notice",
    "parent": "Cancer Drug Resistance",
    "children": "Cancer Drug Resistance",
    "children-of-journal": "Open Call on Liquid Biopsy",
    "descendants": "Open Call on Liquid Biopsy",
    "descendants-parents": "Cancer Drug Resistance",
    "ancestors": "Cancer Drug Resistance",
    "siblings": "Open Call on Liquid Biopsy",
    "sites": "Cancer Drug Resistance",
    "special-issues-search": "Open Call on Exosomes",
    "grapple-pages-search": "Open Call on Exosomes",
    "grapple-search": "Open Call on Exosomes",
    "children-search": "Open Call on Exosomes",
    "site-page": "Cancer Drug Resistance",
    "redirects": "/old-visible-call",
    "images": "Open Image",
    "images-search": "Open Image",
    "documents": "Open Document",
    "collections": "Root",
    "tags": "exosomes",
}


@pytest.mark.parametrize("path", list(VISIBLE))
def test_path_shows_visible_content(responses, path):
    """The path works: the same query shows what the public may see."""
    _, answers = responses
    assert VISIBLE[path] in json.dumps(answers[path][1])


def test_body_has_no_page_chooser():
    """Links to pages exist only in rich text; a page chooser block would need a row above."""
    choosers = [
        name
        for name, block in SpecialIssueBodyBlock().child_blocks.items()
        for child in [block, *getattr(block, "child_blocks", {}).values()]
        if isinstance(child, blocks.PageChooserBlock)
    ]
    assert choosers == []


def test_no_type_exposes_users():
    """No field of the public schema returns a Django user or names one."""
    schema = graphene_settings.SCHEMA.graphql_schema
    user_fields = {"owner", "lockedBy", "uploadedByUser", "user", "latestRevision", "password"}
    exposed = [
        f"{name}.{field_name}"
        for name, graphql_type in schema.type_map.items()
        if not name.startswith("__")
        for field_name in getattr(graphql_type, "fields", {}) or {}
        if field_name in user_fields
    ]
    assert exposed == []
    assert [name for name in schema.type_map if "user" in name.lower()] == []
