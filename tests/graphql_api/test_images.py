"""Images as a frontend receives them: the original, allow-listed renditions and a srcSet,
with the alt text of each placement; images in restricted collections never leave the CMS.

Images are small PNGs made with Pillow in a temporary MEDIA_ROOT, so the tests can open
the files behind the URLs and check the sizes the API promises.
"""

import io
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Collection, CollectionViewRestriction

from special_issues.models import GuestEditor
from tests.factories import PersonFactory, SpecialIssuePageFactory, error_codes

Image = get_image_model()

COVER = """query ($slug: String!) {
  specialIssue(slug: $slug) {
    coverImage {
      url width height alt title
      rendition(filter: "fill-160x160") { url width height filter }
      srcSet
    }
  }
}"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_image(title, width, height, *, file_name="figure.png", collection=None, **kwargs):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return Image.objects.create(
        title=title,
        file=ImageFile(buffer, name=file_name),
        collection=collection or Collection.get_first_root_node(),
        **kwargs,
    )


def file_behind(url, media_root):
    """The size of the file a media URL serves (MEDIA_URL is /media/)."""
    path = urlparse(url).path.removeprefix("/media/")
    with PILImage.open(Path(media_root) / path) as opened:
        return opened.size


def refused_without_a_file(gql, media_root, query):
    """Ask ``query``; check it is refused as IMAGE_FILTER_NOT_ALLOWED and that no
    rendition (row or file) was made. The answer's body, for further checks."""
    renditions_before = Rendition.objects.count()
    files_before = sorted(p.name for p in media_root.rglob("*") if p.is_file())

    body = gql(query)[1]

    assert error_codes(body) == ["IMAGE_FILTER_NOT_ALLOWED"]
    assert Rendition.objects.count() == renditions_before
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == files_before
    return body


def srcset_entries(src_set):
    entries = [entry.strip().rsplit(" ", 1) for entry in src_set.split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in entries]


def test_cover_image_original_rendition_and_srcset(gql, journal, media_root):
    image = make_image("Micrograph", 700, 500, description="Exosomes under the microscope")
    SpecialIssuePageFactory(parent=journal, slug="exosomes", cover_image=image)

    body = gql(COVER, {"slug": "exosomes"})[1]

    assert error_codes(body) == []
    cover = body["data"]["specialIssue"]["coverImage"]
    assert cover["url"].startswith("http://testserver/media/")
    assert (cover["width"], cover["height"]) == (700, 500)
    assert file_behind(cover["url"], media_root) == (700, 500)
    assert cover["alt"] == "Exosomes under the microscope"
    assert cover["title"] == "Micrograph"
    rendition = cover["rendition"]
    assert (rendition["width"], rendition["height"], rendition["filter"]) == (
        160,
        160,
        "fill-160x160",
    )
    assert file_behind(rendition["url"], media_root) == (160, 160)
    entries = srcset_entries(cover["srcSet"])
    assert [width for _, width in entries] == [320, 640]
    for url, width in entries:
        assert file_behind(url, media_root)[0] == width


@pytest.mark.parametrize(
    ("image_width", "widths", "expected"),
    [
        pytest.param(2000, None, [320, 640, 960, 1280, 1920], id="large-image-all-widths"),
        pytest.param(1000, None, [320, 640, 960], id="widths-above-original-left-out"),
        pytest.param(1000, [640, 1920], [640], id="asked-widths-above-original-left-out"),
        pytest.param(2000, [1280, 320], [320, 1280], id="asked-widths-ascending"),
        pytest.param(200, None, [200], id="smaller-than-every-width-gives-original-width"),
    ],
)
def test_srcset_is_never_wider_than_the_original(
    gql, journal, media_root, image_width, widths, expected
):
    image = make_image("Wide figure", image_width, 100)
    SpecialIssuePageFactory(parent=journal, slug="exosomes", cover_image=image)

    body = gql(
        "query ($w: [Int!]) {"
        ' specialIssue(slug: "exosomes") { coverImage { srcSet(widths: $w) } } }',
        {"w": widths},
    )[1]

    assert error_codes(body) == []
    entries = srcset_entries(body["data"]["specialIssue"]["coverImage"]["srcSet"])
    assert [width for _, width in entries] == expected
    assert all(file_behind(url, media_root)[0] == width for url, width in entries)


@pytest.mark.parametrize(
    "selection",
    [
        pytest.param('rendition(filter: "fill-7x7") { url }', id="unlisted-fill"),
        pytest.param('rendition(filter: "width-641") { url }', id="unlisted-width"),
        pytest.param('rendition(filter: "fill-160x160|format-webp") { url }', id="chained"),
        pytest.param('rendition(filter: "original") { url }', id="original"),
        pytest.param("srcSet(widths: [320, 333])", id="srcset-unlisted-width"),
        pytest.param("srcSet(widths: [4000])", id="srcset-huge-width"),
    ],
)
def test_a_filter_outside_the_allow_list_is_refused_and_creates_no_file(
    gql, journal, media_root, selection
):
    image = make_image("Micrograph", 700, 500)
    SpecialIssuePageFactory(parent=journal, slug="exosomes", cover_image=image)

    body = refused_without_a_file(
        gql, media_root, f'{{ specialIssue(slug: "exosomes") {{ coverImage {{ {selection} }} }} }}'
    )

    assert body["errors"][0]["extensions"]["allowed"]  # tells the client what it may ask


@pytest.mark.parametrize(
    "selection",
    [
        pytest.param('rendition(fill: "4000x4000") { url }', id="rendition-unlisted"),
        pytest.param('rendition(max: "x") { url }', id="rendition-malformed"),
        pytest.param('rendition(fill: "160x160", webpquality: null) { url }', id="explicit-null"),
        pytest.param('rendition(width: 640, format: "webp") { url }', id="listed-plus-format"),
        pytest.param("srcSet(sizes: [333])", id="srcset-unlisted-width"),
        pytest.param('srcSet(sizes: [640], format: "gif")', id="srcset-format"),
    ],
)
def test_grapples_image_fields_make_only_allow_listed_renditions(gql, media_root, selection):
    make_image("Micrograph", 700, 500)

    refused_without_a_file(gql, media_root, f"{{ images {{ {selection} }} }}")


def test_grapples_image_fields_serve_allow_listed_renditions(gql, media_root):
    make_image("Micrograph", 700, 500)

    body = gql('{ images { rendition(fill: "160x160") { width height } srcSet(sizes: [320]) } }')[1]

    assert "errors" not in body, body
    image = body["data"]["images"][0]
    assert (image["rendition"]["width"], image["rendition"]["height"]) == (160, 160)
    assert image["srcSet"].endswith(" 320w")


def test_a_srcset_without_sizes_is_a_clear_error(gql, media_root):
    make_image("Micrograph", 700, 500)

    body = gql("{ images { srcSet } }")[1]

    assert error_codes(body) == ["BAD_USER_INPUT"]


def test_image_block_alt_is_the_blocks_alt_text(gql, journal):
    image = make_image("Figure 1", 400, 300, description="The library's generic description")
    SpecialIssuePageFactory(
        parent=journal,
        slug="exosomes",
        body=[
            (
                "image",
                {
                    "image": image,
                    "alt_text": "Vesicles leaving a tumour cell",
                    "caption": "Figure 1",
                    "credit": "© Jane Doe",
                },
            )
        ],
    )

    body = gql(
        '{ specialIssue(slug: "exosomes") { body { ... on ImageBlock {'
        " altText image { alt width } } } } }"
    )[1]

    assert body["data"]["specialIssue"]["body"] == [
        {
            "altText": "Vesicles leaving a tumour cell",
            "image": {"alt": "Vesicles leaving a tumour cell", "width": 400},
        }
    ]


def test_person_photo_alt_is_their_display_name(gql, journal):
    person = PersonFactory(honorific="Prof.", name="Kenneth To", photo=make_image("KT", 300, 300))
    SpecialIssuePageFactory(
        parent=journal, slug="exosomes", guest_editors=[GuestEditor(person=person)]
    )

    body = gql(
        'query ($id: ID!) { person(id: $id) { photo { alt rendition(filter: "fill-320x320")'
        " { width height } } } }",
        {"id": str(person.pk)},
    )[1]

    assert error_codes(body) == []
    assert body["data"]["person"]["photo"] == {
        "alt": "Prof. Kenneth To",
        "rendition": {"width": 300, "height": 300},
    }


# --- restricted collections ---------------------------------------------------------------


def restricted_collection():
    collection = Collection.get_first_root_node().add_child(name="Embargoed")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="s3cret",
    )
    return collection


def child_of_restricted_collection():
    return restricted_collection().add_child(name="Embargoed figures")


RESTRICTED_PLACES = [
    pytest.param(restricted_collection, id="restricted-collection"),
    pytest.param(child_of_restricted_collection, id="child-of-restricted-collection"),
]


@pytest.fixture
def embargoed(request, journal):
    """A public image and an embargoed one, both placed as cover, in the body and as photo."""
    collection = request.param()
    public = make_image("Public figure", 400, 300, file_name="public-figure.png")
    hidden = make_image(
        "Embargoed figure", 400, 300, file_name="embargoed-figure.png", collection=collection
    )
    for slug, image in (("public", public), ("embargoed", hidden)):
        SpecialIssuePageFactory(
            parent=journal,
            slug=slug,
            cover_image=image,
            body=[("image", {"image": image, "alt_text": f"{slug} alt", "caption": ""})],
            guest_editors=[GuestEditor(person=PersonFactory(name=f"{slug} editor", photo=image))],
        )
    return public, hidden


ISSUE_IMAGES = """query ($slug: String!) {
  specialIssue(slug: $slug) {
    coverImage { url srcSet rendition(filter: "fill-160x160") { url } }
    body { ... on ImageBlock { altText image { url } } }
    guestEditors { person { photo { url } } }
  }
}"""


@pytest.mark.parametrize("embargoed", RESTRICTED_PLACES, indirect=True)
def test_image_in_a_restricted_collection_is_never_served(gql, embargoed):
    public_body = gql(ISSUE_IMAGES, {"slug": "public"})[1]
    body = gql(ISSUE_IMAGES, {"slug": "embargoed"})[1]

    assert error_codes(body) == []
    # The same query serves the public image: null is about the collection.
    assert public_body["data"]["specialIssue"]["coverImage"]["url"].endswith(".png")
    assert body["data"]["specialIssue"] == {
        "coverImage": None,
        "body": [{"altText": "embargoed alt", "image": None}],
        "guestEditors": [{"person": {"photo": None}}],
    }
    assert "embargoed-figure" not in json.dumps(body)
    assert "/media/" not in json.dumps(body)
    assert Rendition.objects.filter(image=embargoed[1]).count() == 0


@pytest.mark.parametrize("embargoed", RESTRICTED_PLACES, indirect=True)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            "{ images(limit: 100) { title } }",
            {"images": [{"title": "Public figure"}]},
            id="images",
        ),
        pytest.param(
            "query ($hidden: ID) { image(id: $hidden) { title url } }",
            {"image": None},
            id="image-by-id",
        ),
        pytest.param(
            "query ($public: ID) { image(id: $public) { title } }",
            {"image": {"title": "Public figure"}},
            id="image-by-id-public-control",
        ),
        pytest.param(
            "query ($collection: ID) { images(collection: $collection) { title url } }",
            {"images": []},
            id="images-of-the-restricted-collection",
        ),
        pytest.param(
            '{ images(searchQuery: "figure") { title } }',
            {"images": [{"title": "Public figure"}]},
            id="images-search",
        ),
    ],
)
def test_restricted_image_is_not_reachable_through_grapple_root_queries(
    gql, embargoed, query, expected
):
    public, hidden = embargoed
    variables = {
        "hidden": str(hidden.pk),
        "public": str(public.pk),
        "collection": str(hidden.collection_id),
    }

    status_code, body = gql(query, variables)

    assert status_code == 200
    assert body == {"data": expected}
    assert "embargoed-figure" not in json.dumps(body)
