"""``export_special_issues`` / ``import_special_issues``: the JSON file editors move content with.

What must hold: an export imported into an empty site exports again byte for byte;
importing twice changes nothing; a broken file lists every problem by record and field
and writes nothing; Crossref answers add or update an issue's articles by DOI.
"""

import copy
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Revision

from special_issues.blocks import SpecialIssueBodyBlock
from special_issues.interchange import records
from special_issues.interchange.validation import load_schema
from special_issues.models import (
    JournalPage,
    Person,
    PublishedArticle,
    ReusableContent,
    SpecialIssuePage,
)
from tests.factories import (
    JournalPageFactory,
    PersonFactory,
    PublishedArticleFactory,
    SpecialIssuePageFactory,
)

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small_export.json"
# Every table an import writes to.
COUNTED = [
    *("wagtailcore.Page", "wagtailcore.Revision", "special_issues.Person"),
    *("special_issues.ReusableContent", "special_issues.JournalHotKeyword"),
    *("special_issues.JournalSection", "special_issues.Deadline", "special_issues.GuestEditor"),
    *("special_issues.IssueContact", "special_issues.IssueKeyword"),
    "special_issues.PublishedArticle",
]


def run(*args) -> tuple[str, str]:
    """Run a management command; return (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def export() -> str:
    return run("export_special_issues")[0]


def import_file(path: Path, *options: str) -> tuple[str, str]:
    return run("import_special_issues", str(path), *options)


def import_failure(path: Path, *options: str) -> str:
    """The error message of an import that must fail."""
    with pytest.raises(CommandError) as failure:
        import_file(path, *options)
    return str(failure.value)


def write_json(tmp_path: Path, document: dict, name: str = "import.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def small_document() -> dict:
    return json.loads(SMALL.read_text(encoding="utf-8"))


def row_counts() -> dict[str, int]:
    return {name.split(".")[1]: apps.get_model(name).objects.count() for name in COUNTED}


def delete_special_issues_content() -> None:
    """Leave only what Wagtail's migrations create: the root page and the default site."""
    for journal in JournalPage.objects.all():
        journal.delete()  # its issues and revisions go with it
    Person.objects.all().delete()
    ReusableContent.objects.all().delete()


# --- round trip and idempotence -------------------------------------------------------


@pytest.mark.django_db
def test_demo_content_round_trips_byte_for_byte_through_an_empty_database(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    first = export()
    path = tmp_path / "demo.json"
    path.write_text(first, encoding="utf-8")

    delete_special_issues_content()
    assert json.loads(export())["journals"] == []
    out, err = import_file(path)

    assert err == ""
    assert "special issues: 7 created" in out
    assert export().encode() == first.encode()

    # Importing the same file again finds everything by key and changes nothing.
    counts = row_counts()
    out, _ = import_file(path)
    assert "people: 0 created, 0 updated, 9 unchanged" in out
    assert "special issues: 0 created, 0 updated, 7 unchanged" in out
    assert row_counts() == counts


@pytest.mark.django_db
def test_a_small_file_with_drafts_round_trips_byte_for_byte(tmp_path):
    out, err = import_file(SMALL)

    assert (out, err) == (
        "people: 3 created, 0 updated, 0 unchanged\n"
        "reusable content: 2 created, 0 updated, 0 unchanged\n"
        "journals: 1 created, 0 updated, 0 unchanged\n"
        "special issues: 2 created, 0 updated, 0 unchanged\n",
        "",
    )
    assert export() == SMALL.read_text(encoding="utf-8")
    assert run("export_special_issues", "--output", str(tmp_path / "out.json"))[0] == ""
    assert (tmp_path / "out.json").read_bytes() == SMALL.read_bytes()
    draft = SpecialIssuePage.objects.get(slug="a-draft-issue")
    assert draft.live is False
    assert draft.latest_revision_id is not None
    assert ReusableContent.objects.get(name="Call for reviewers").live is False
    live = SpecialIssuePage.objects.get(slug="liquid-biopsy")
    assert live.live and live.section.name == "Methods"
    assert live.placed_snippet_ids == {ReusableContent.objects.get(name="Open access notice").pk}


@pytest.mark.django_db
def test_reimport_updates_records_in_place_and_revises_only_what_changed(tmp_path):
    import_file(SMALL)
    issue = SpecialIssuePage.objects.get(slug="liquid-biopsy")
    counts = row_counts()

    out, _ = import_file(SMALL)
    assert "special issues: 0 created, 0 updated, 2 unchanged" in out
    assert row_counts() == counts

    document = small_document()
    changed = document["journals"][0]["specialIssues"][1]
    changed["title"] = "Liquid Biopsy in Practice, 2nd edition"
    changed["publishedArticles"][0]["doi"] = "https://doi.org/10.5555/example.2023.003"
    document["people"][1]["institution"] = "Example University"
    out, _ = import_file(write_json(tmp_path, document))

    assert "people: 0 created, 1 updated, 2 unchanged" in out
    assert "journals: 0 created, 0 updated, 1 unchanged" in out
    assert "special issues: 0 created, 1 updated, 1 unchanged" in out
    assert row_counts() == {**counts, "Revision": counts["Revision"] + 1}
    updated = SpecialIssuePage.objects.get(pk=issue.pk)
    assert updated.title == "Liquid Biopsy in Practice, 2nd edition"
    assert updated.live and not updated.has_unpublished_changes
    # The DOI is stored the way the model normalises it.
    assert updated.published_articles.first().doi == "10.5555/example.2023.003"
    assert Person.objects.get(name="Grace Reviewer").institution == "Example University"


@pytest.mark.django_db
def test_live_false_imports_an_existing_page_and_snippet_as_drafts(tmp_path):
    import_file(SMALL)
    document = small_document()
    document["journals"][0]["specialIssues"][1]["live"] = False
    document["reusableContent"][1]["live"] = False

    import_file(write_json(tmp_path, document))

    assert SpecialIssuePage.objects.get(slug="liquid-biopsy").live is False
    assert ReusableContent.objects.get(name="Open access notice").live is False
    assert export() == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.django_db
def test_dry_run_reports_what_would_change_and_writes_nothing():
    counts = row_counts()

    out, _ = import_file(SMALL, "--dry-run")

    assert out.startswith("Dry run: nothing was written.")
    assert "special issues: 2 created" in out
    assert row_counts() == counts


@pytest.mark.django_db
def test_images_are_linked_by_file_name_or_left_out_with_a_warning(tmp_path):
    get_image_model().objects.create(
        title="Cover", file="original_images/cover.jpg", width=1200, height=600
    )
    document = small_document()
    issue = document["journals"][0]["specialIssues"][1]
    issue["coverImage"] = {"title": "Cover", "file": "cover.jpg"}
    figure = {"image": {"title": "Figure 1", "file": "missing.png"}, "alt_text": "A chart"}
    issue["body"].append({"type": "image", "value": figure})

    _, err = import_file(write_json(tmp_path, document))

    assert "journals[0].specialIssues[1].body[5].value.image: no image with the file name" in err
    assert "“missing.png”" in err
    page = SpecialIssuePage.objects.get(slug="liquid-biopsy")
    assert page.cover_image.title == "Cover"
    assert [block.block_type for block in page.body][-1] == "reusable_content"
    exported = json.loads(export())["journals"][0]["specialIssues"][1]
    assert exported["coverImage"] == {"title": "Cover", "file": "cover.jpg"}


# --- broken files ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_file_with_content_errors_lists_them_all_and_writes_nothing():
    import_file(SMALL)
    counts = row_counts()

    message = import_failure(FIXTURES / "invalid_content.json")

    issue = "journals[0].specialIssues[0]"
    expected = [
        "people[0].orcid: “0000-0002-1825-0098” has a wrong check digit",
        "people[1].key: “someone@example.org” is not this person's key “other@example.org”",
        "journals[0].issnOnline: “2578-5321” is not a valid ISSN",
        "journals[0].defaultContact: no person has the key “nobody@example.org”",
        f"{issue}.deadlines[0].timeZone: Value 'Mars/Olympus_Mons' is not a valid choice.",
        f"{issue}.guestEditors[0].person: no person has the key “nobody@example.org”",
        f"{issue}.body[0].value.heading: This field is required.",
        f"{issue}.body[0].value.url: Enter a valid URL.",
        f"{issue}.body[1].value.content: no reusable content is named “No such snippet”",
        f"{issue}.section: “Reviews” is not one of the journal's sections.",
        f"{issue}.publishedArticles[1].doi: “10.1/x” is not a DOI.",
        "journals[0].specialIssues[1].slug: “broken-issue” is already used by "
        "journals[0].specialIssues[0].",
    ]
    for line in expected:
        assert line in message
    assert message.startswith(f"{FIXTURES / 'invalid_content.json'}: 12 errors;")
    assert "publishedArticles[0]" not in message
    assert row_counts() == counts


@pytest.mark.django_db
def test_schema_violations_are_reported_at_their_json_path():
    message = import_failure(FIXTURES / "invalid_schema.json")

    issue = "journals[0].specialIssues[0]"
    for line in [
        "format: 'special-issues' was expected",
        "version: 1 was expected",
        "people[0].emailIsPublic: 'yes' is not of type 'boolean'",
        "journals[0].minPublishedArticles: 'five' is not of type 'integer'",
        f"{issue}: 'title' is a required property",
        f"{issue}: Additional properties are not allowed ('tittle' was unexpected)",
        f"{issue}.deadlines[0].date: '31/12/2023' is not a 'date'",
        f"{issue}.guestEditors[0].role: 'EDITOR_IN_CHIEF' is not one of",
        f"{issue}.body[0].type: 'video' is not one of",
        f"{issue}.body[1].value: 'quote' is a required property",
    ]:
        assert line in message
    assert message.count("\n  ") == 10
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_json_syntax_error_names_its_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "special-issues",\n  "people": [}\n', encoding="utf-8")

    message = import_failure(path)

    assert f"{path}: 1 error; nothing was written." in message
    assert "line 3, column 14: Expecting value (not JSON)." in message


@pytest.mark.django_db
def test_an_unexpected_failure_while_writing_rolls_everything_back(monkeypatch):
    counts = row_counts()

    def fail(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(SpecialIssuePage, "save_revision", fail)
    with pytest.raises(RuntimeError):
        import_file(SMALL)

    # People, snippets and the journal were written before the failure: all rolled back.
    assert row_counts() == counts


@pytest.mark.django_db
def test_export_refuses_people_it_could_not_tell_apart():
    PersonFactory(name="Ada One", email="office@example.org")
    PersonFactory(name="Ada Two", email="office@example.org")

    with pytest.raises(CommandError, match="“office@example.org”"):
        export()


def test_the_schema_describes_exactly_the_records_and_blocks():
    defs = load_schema()["$defs"]

    def names(spec) -> set[str]:
        return {part.json for part in spec}

    assert set(defs["person"]["properties"]) == {"key"} | names(records.PERSON)
    assert set(defs["reusableContent"]["properties"]) == names(records.REUSABLE_CONTENT)
    assert set(defs["journal"]["properties"]) == {"specialIssues"} | names(records.JOURNAL)
    assert set(defs["specialIssue"]["properties"]) == names(records.ISSUE)
    assert set(defs["deadline"]["properties"]) == names(records.DEADLINE)
    assert set(defs["guestEditor"]["properties"]) == names(records.ROLE)
    assert set(defs["publishedArticle"]["properties"]) == names(records.ARTICLE)
    body = SpecialIssueBodyBlock()
    assert defs["block"]["properties"]["type"]["enum"] == list(body.child_blocks)
    for rule in defs["block"]["allOf"]:
        block_type = rule["if"]["properties"]["type"]["const"]
        value_def = rule["then"]["properties"]["value"]["$ref"].rsplit("/", 1)[1]
        assert set(defs[value_def]["properties"]) == set(body.child_blocks[block_type].child_blocks)


# --- Crossref -------------------------------------------------------------------------


@pytest.fixture
def issue(db) -> SpecialIssuePage:
    """A live issue with one article, DOI 10.5555/example.2023.001 (lower case)."""
    journal = JournalPageFactory(title="Journal of Examples", slug="journal-of-examples")
    page = SpecialIssuePageFactory(title="Liquid Biopsy", slug="liquid-biopsy", parent=journal)
    PublishedArticleFactory(
        page=page,
        title="Old title",
        doi="10.5555/example.2023.001",
        url="https://example.org/articles/001",
        sort_order=0,
    )
    return page


def import_crossref(path: Path, issue: str = "liquid-biopsy") -> tuple[str, str]:
    journal = "journal-of-examples"
    return run(
        "import_special_issues", "--crossref", str(path), "--journal", journal, "--issue", issue
    )


def test_crossref_single_work_adds_an_article_and_publishes_the_issue(issue):
    out, err = import_crossref(FIXTURES / "crossref_work.json")

    assert out == "Articles: 1 added, 0 updated, 0 unchanged; the issue was published.\n"
    assert err == ""
    page = SpecialIssuePage.objects.get(pk=issue.pk)
    assert page.live_revision is not None and not page.has_unpublished_changes
    article = page.published_articles.get(doi="10.5555/example.2024.010")
    assert article.title == "Tracking EGFR resistance mutations in plasma"
    assert article.authors == "Josiah Carberry\nGrace Reviewer\nLiquid Biopsy Consortium"
    assert article.publication_date == dt.date(2024, 5, 4)
    assert article.url == "https://example.org/articles/2024.010"
    assert [a.title for a in page.published_articles.all()] == [
        "Old title",
        "Tracking EGFR resistance mutations in plasma",
    ]


def test_crossref_work_list_matches_dois_case_insensitively(issue):
    out, err = import_crossref(FIXTURES / "crossref_work_list.json")

    assert out.startswith("Articles: 2 added, 1 updated, 0 unchanged")
    assert "message.items[2].published-print: only [2024, 3] is known" in err
    articles = PublishedArticle.objects.filter(page=issue)
    assert articles.filter(doi__iexact="10.5555/example.2023.001").count() == 1
    updated = articles.get(doi="10.5555/example.2023.001")
    assert updated.title == "Serial ctDNA monitoring during targeted therapy"
    assert updated.authors == "Josiah Carberry\nGrace Reviewer"
    # Crossref's URL is only the DOI link: the article page the editor entered stays.
    assert updated.url == "https://example.org/articles/001"
    assert articles.get(doi="10.5555/example.2024.020").publication_date == dt.date(2024, 2, 29)
    editorial = articles.get(doi="10.5555/example.2024.021")
    assert (editorial.authors, editorial.publication_date) == ("Carberry", dt.date(2024, 3, 1))

    revisions = Revision.objects.count()
    out, _ = import_crossref(FIXTURES / "crossref_work_list.json")
    assert out == "Articles: 0 added, 0 updated, 3 unchanged; the issue was not changed.\n"
    assert Revision.objects.count() == revisions


def test_crossref_errors_are_listed_and_nothing_is_written(issue, tmp_path):
    answer = json.loads((FIXTURES / "crossref_work_list.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(answer)
    broken["message"]["items"][1]["DOI"] = "10.1/x"
    del broken["message"]["items"][2]["title"]
    broken["message"]["items"].append(copy.deepcopy(answer["message"]["items"][0]))
    path = write_json(tmp_path, broken, "crossref.json")
    counts = row_counts()

    with pytest.raises(CommandError) as failure:
        import_crossref(path)

    message = str(failure.value)
    assert "message.items[1].DOI: “10.1/x” is not a DOI." in message
    assert "message.items[2].title: This field cannot be blank." in message
    duplicate = "message.items[3].DOI: “10.5555/EXAMPLE.2023.001” is also the DOI of"
    assert f"{duplicate} message.items[0]." in message
    assert row_counts() == counts


def test_crossref_into_a_draft_issue_saves_a_draft(db):
    journal = JournalPageFactory(slug="journal-of-examples")
    SpecialIssuePageFactory(slug="liquid-biopsy", parent=journal, live=False)

    out, _ = import_crossref(FIXTURES / "crossref_work.json")

    assert out.endswith("the issue was saved as a draft (the issue is not live).\n")
    page = SpecialIssuePage.objects.get(slug="liquid-biopsy")
    assert page.live is False
    assert page.get_latest_revision_as_object().published_articles.count() == 1


def test_crossref_needs_an_existing_issue(issue):
    with pytest.raises(CommandError, match="has no special issue “nope”"):
        import_crossref(FIXTURES / "crossref_work.json", issue="nope")
