"""``manage.py load_demo``: the demo a developer or client sees after one command.

The seed issue's facts are hard-coded here as the real special-issue page states them
(the seed file itself is not available in CI). The other issues' dates are computed from
today by the demo, so the status checks compute from today too.
"""

import datetime as dt
import io
import json
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from special_issues.models import (
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    JournalHotKeyword,
    JournalPage,
    JournalSection,
    Person,
    PublishedArticle,
    ReusableContent,
    SpecialIssuePage,
)
from special_issues.validators import validate_doi, validate_issn, validate_orcid

SEED_SLUG = "extracellular-vesicles-cancer-drug-resistance"

SEED_QUERY = """
{ specialIssue(slug: "extracellular-vesicles-cancer-drug-resistance") {
    title status submissionDeadline
    deadlines { kind date timeZone }
    journal { title issnOnline hotKeywords copyright }
    guestEditors { role person { honorific name department institution country email } }
    introduction { html }
    topics keywords
    contacts { role person { name } }
    submissionInfo { authorInstructionsUrl onlineSubmissionUrl }
    publishedArticles { title }
} }
"""

SEED_INTRODUCTION = (
    "<p>Exosomes are nano-sized extracellular vesicles with endosomal origin. They are "
    "secreted from diverse cell types upon the fusion of multivesicular bodies with the "
    "plasma membrane. Exosomes facilitate intercellular communication by transferring "
    "mRNAs, non-coding RNAs and proteins from donor to recipient cells. Accumulating "
    "evidence indicates that the molecules incorporated in exosomes are biologically active "
    "when taken up by the recipient cells and they play a major role in many cellular "
    "processes.</p>"
    "<p>Tumor-derived exosomes have been shown to mediate the intercellular transfer of "
    "pro-tumorigenic factors into the tumor microenvironment. They promote proliferation, "
    "angiogenesis and invasion in the recipient cells to support cancer survival and a "
    "metastatic phenotype. Importantly, drug-sensitive cancer cells could acquire drug "
    "resistance after taking up exosomes secreted from drug-resistant cancer cells. "
    "Exosomes were also shown to mediate immunosuppression, thereby affecting the efficacy "
    "of cancer immunotherapy. On the other hand, the potential use of exosomes as a "
    "diagnostic and prognostic tool in various cancers has been proposed. Interestingly, "
    "with the intercellular communication property, exosomes have also been exploited as "
    "novel drug delivery systems to target drug-resistant cancer cells.</p>"
    "<p>This special issue aims to compile a collection of updated research, review and "
    "expert opinion articles about the emerging role of cancer exosomes on cancer drug "
    "resistance. The aberrant biogenesis of exosomes in resistant-cancer cells, their "
    "prognostic significance and the utilization of exosomes as a novel drug delivery "
    "system to overcome drug resistance will be covered.</p>"
)

SEED_TOPICS = [
    "Exosome-mediated intercellular cross-talk within the tumor microenvironment",
    "Prognostic utility of tumor exosomes in cancer chemotherapy",
    "Exosomes and cancer immunotherapy",
    "Exosome as a novel drug delivery system for overcoming chemoresistance",
    "Extracellular vesicles as potential biomarkers in cancer drug resistance",
]

SEED_KEYWORDS = [
    "Chemoresistance",
    "cell-to-cell communication",
    "exosome",
    "extracellular vesicle",
    "tumor microenvironment",
    "prognostic biomarkers",
]

SEED_HOT_KEYWORDS = [
    "Drug Resistance Mechanisms",
    "Epigenetic Resistance in Cancer Therapy",
    "Biomarkers",
    "Pharmacogenetics of Cancer",
    "Liquid Biopsy",
    "Targeted Cancer Therapy",
    "Non-coding RNAs",
    "Kinase Inhibitors",
    "ABC Transporters",
]

ALL_ISSUES_QUERY = """
{ specialIssues(limit: 20) { total items {
    slug status submissionDeadline
    deadlines { kind date }
    guestEditors { role person { honorific name } }
    publishedArticles { title authors doi publicationDate url }
    body { blockType ... on ReusableContentBlock { content { name } } }
} } }
"""

# Every model the demo writes to: none of these may grow on a second run.
COUNTED_MODELS = [
    Page,
    Revision,
    Person,
    ReusableContent,
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    PublishedArticle,
    JournalHotKeyword,
    JournalSection,
]


def load_demo() -> str:
    """Run the command and return what it printed."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def graphql(query: str) -> dict[str, Any]:
    """POST a query to /graphql/ as a client would; fail on any error."""
    response = Client().post(
        "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def row_counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    counts["User"] = get_user_model().objects.count()
    return counts


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for a class of read-only tests and rolled back afterwards.

    Loading publishes nine pages with their revisions (a few seconds); each test still
    runs in its own savepoint inside this transaction, so none can leak into another.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def issues(demo, db) -> list[dict[str, Any]]:
    """Every published special issue, as a client lists them (one page holds them all)."""
    listing = graphql(ALL_ISSUES_QUERY)["specialIssues"]
    assert len(listing["items"]) == listing["total"]
    return listing["items"]


# --- idempotence ------------------------------------------------------------------------


@pytest.mark.django_db
def test_second_run_creates_no_duplicates_and_no_revisions(settings):
    settings.DEBUG = True  # so the admin login is part of what must not be duplicated
    first = load_demo()
    before = row_counts()
    second = load_demo()

    assert row_counts() == before
    assert "Created" in first
    assert "Demo content already loaded." in second
    assert before["Page"] > 0
    assert before["User"] == 1


@pytest.mark.django_db
def test_a_deleted_demo_issue_is_restored_without_touching_the_others():
    load_demo()
    SpecialIssuePage.objects.get(slug="organoids-drug-response").delete()
    before = row_counts()

    output = load_demo()

    assert "special issues: 1" in output
    assert SpecialIssuePage.objects.filter(slug="organoids-drug-response").count() == 1
    assert Person.objects.count() == before["Person"]
    assert ReusableContent.objects.count() == before["ReusableContent"]


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestLoadedDemo:
    """What editors and clients see once the demo is loaded (loaded once for the class)."""

    # --- the seed issue ---------------------------------------------------------------------

    def test_seed_issue_shows_every_fact_of_the_seed_page(self):
        issue = graphql(SEED_QUERY)["specialIssue"]

        assert (
            issue["title"]
            == "Extracellular Vesicles: Emerging Modulators of Cancer Drug Resistance"
        )
        assert issue["status"] == "CLOSED"  # the deadline passed and no article is listed
        assert issue["submissionDeadline"] == "2022-12-31"
        assert issue["deadlines"] == [
            {"kind": "FULL_MANUSCRIPT", "date": "2022-12-31", "timeZone": "Etc/GMT+12"}
        ]
        assert issue["journal"] == {
            "title": "Cancer Drug Resistance",
            "issnOnline": "2578-532X",
            "hotKeywords": SEED_HOT_KEYWORDS,
            "copyright": (
                "© 2016-2023 OAE Publishing Inc., except certain content provided by third parties"
            ),
        }
        cho, to = issue["guestEditors"]
        assert cho["role"] == "LEAD_GUEST_EDITOR"
        assert {k: v for k, v in cho["person"].items() if k != "email"} == {
            "honorific": "Dr.",
            "name": "William C. S. Cho",
            "department": "Department of Clinical Oncology",
            "institution": "QEH",
            "country": "Hong Kong SAR, China",
        }
        assert to["role"] == "GUEST_EDITOR"
        assert {k: v for k, v in to["person"].items() if k != "email"} == {
            "honorific": "Prof.",
            "name": "Kenneth K. W. To",
            "department": "School of Pharmacy, Faculty of Medicine",
            "institution": "The Chinese University of Hong Kong",
            "country": "Hong Kong SAR, China",
        }
        # The seed page links an e-mail for both guest editors: it is public.
        assert cho["person"]["email"]
        assert to["person"]["email"]
        assert issue["introduction"]["html"] == SEED_INTRODUCTION
        assert issue["topics"] == SEED_TOPICS
        assert issue["keywords"] == SEED_KEYWORDS
        assert issue["contacts"] == [{"role": "Assistant Editor", "person": {"name": "Lori Kang"}}]
        assert issue["submissionInfo"] == {
            "authorInstructionsUrl": "https://www.oaepublish.com/cdr/author_instructions",
            "onlineSubmissionUrl": "https://oaemesas.com/login?JournalId=cdr",
        }
        assert issue["publishedArticles"] == []

    def test_seed_issue_is_stored_as_an_editor_would_enter_it(self):
        issue = SpecialIssuePage.objects.get(slug=SEED_SLUG)
        journal = issue.get_parent().specific
        real_people = Person.objects.filter(
            name__in=["William C. S. Cho", "Kenneth K. W. To", "Lori Kang"]
        )

        # The topics are one list, exactly as the seed page shows them (not "not limited to").
        assert [block.block_type for block in issue.body] == ["topic_list"]
        assert issue.body[0].value["heading"] == "Topics of interest"
        assert issue.body[0].value["not_limited_to"] is False
        assert journal.slug == "cancer-drug-resistance"
        assert journal.publisher == "OAE Publishing Inc."
        assert journal.default_contact.name == "Lori Kang"
        assert journal.default_contact_role == "Assistant Editor"
        assert journal.default_contact.public_email
        # Real people get no invented ORCID iD.
        assert real_people.count() == 3
        assert all(person.orcid == "" for person in real_people)

    # --- statuses ---------------------------------------------------------------------------

    def test_status_filter_lists_issues_in_every_status(self):
        minimums = {"OPEN": 2, "UPCOMING": 1, "CLOSED": 1, "COMPLETED": 1}
        listing_fields = "{ total items { slug } }"
        query = " ".join(
            f"{status.lower()}: specialIssues(status: {status}, limit: 20) {listing_fields}"
            for status in minimums
        )
        listings = graphql(f"{{ {query} }}")

        for status, minimum in minimums.items():
            listing = listings[status.lower()]
            assert listing["total"] >= minimum, status
            assert len(listing["items"]) == listing["total"], status
        assert {"slug": SEED_SLUG} in listings["closed"]["items"]

    def test_statuses_follow_from_dates_relative_to_today(self, issues):
        today = timezone.now().date()
        by_status = Counter(issue["status"] for issue in issues)
        open_deadlines = [
            dt.date.fromisoformat(issue["submissionDeadline"])
            for issue in issues
            if issue["status"] == "OPEN"
        ]

        assert by_status["OPEN"] >= 2
        assert by_status["UPCOMING"] >= 1
        assert by_status["CLOSED"] >= 2  # the seed issue and a fictional one
        assert by_status["COMPLETED"] >= 1
        assert any(today < deadline <= today + dt.timedelta(days=30) for deadline in open_deadlines)
        assert any(deadline > today + dt.timedelta(days=90) for deadline in open_deadlines)

    def test_an_open_issue_has_an_abstract_and_a_manuscript_deadline(self, issues):
        kinds = [
            {deadline["kind"] for deadline in issue["deadlines"]}
            for issue in issues
            if issue["status"] == "OPEN"
        ]

        assert {"ABSTRACT", "FULL_MANUSCRIPT"} in kinds

    def test_completed_issue_lists_well_formed_articles(self, issues):
        today = timezone.now().date()
        completed = [issue for issue in issues if issue["status"] == "COMPLETED"]
        articles = [article for issue in completed for article in issue["publishedArticles"]]

        assert len(articles) >= 3
        for article in articles:
            validate_doi(article["doi"])
            assert article["authors"]
            assert dt.date.fromisoformat(article["publicationDate"]) < today
            assert article["url"].startswith("https://")

    # --- people, snippets, blocks -----------------------------------------------------------

    def test_reusable_snippets_are_published_and_each_placed_in_three_issues(self, issues):
        placements = Counter(
            block["content"]["name"]
            for issue in issues
            for block in issue["body"]
            if block["blockType"] == "ReusableContentBlock"
        )

        snippets = list(ReusableContent.objects.all())
        assert len(snippets) == 2
        for snippet in snippets:
            assert snippet.live
            assert snippet.live_revision is not None
            assert placements[snippet.name] >= 3

    def test_guest_editors_are_shared_between_issues(self, issues):
        issues_per_person = Counter(
            editor["person"]["name"] for issue in issues for editor in issue["guestEditors"]
        )
        honorifics = {
            editor["person"]["honorific"] for issue in issues for editor in issue["guestEditors"]
        }

        assert sum(1 for count in issues_per_person.values() if count >= 2) >= 2
        assert "Prof. Dr." in honorifics

    def test_demo_exercises_people_blocks_and_identifiers(self):
        people = list(Person.objects.all())
        journals = list(JournalPage.objects.all())
        used_blocks = {
            block.block_type for issue in SpecialIssuePage.objects.all() for block in issue.body
        }
        issns = [issn for journal in journals for issn in (journal.issn_print, journal.issn_online)]
        orcids = [person.orcid for person in people if person.orcid]

        assert any(person.bio for person in people)
        assert any(person.research_interest_list for person in people)
        assert any(person.public_email for person in people)
        assert any(person.email and not person.email_is_public for person in people)
        # Every body block type but the (optional) image.
        assert used_blocks >= {
            "topic_list",
            "paragraph",
            "call_to_action",
            "reusable_content",
            "quote",
        }
        assert any(journal.issn_print and journal.issn_online for journal in journals)
        for issn in filter(None, issns):
            validate_issn(issn)
        assert orcids
        for orcid in orcids:
            validate_orcid(orcid)

    # --- pages and site ---------------------------------------------------------------------

    def test_every_page_is_published_under_the_default_site_root(self):
        site = Site.objects.get(is_default_site=True)
        journals = JournalPage.objects.child_of(site.root_page)
        issues = SpecialIssuePage.objects.all()

        assert journals.count() == 2
        assert issues.count() == 7
        assert Site.objects.get(is_default_site=True).root_page_id == site.root_page_id
        for page in [*journals, *issues]:
            assert page.live
            assert page.live_revision is not None
        for issue in issues:
            assert issue.get_parent().specific_class is JournalPage


# --- the development login --------------------------------------------------------------


@pytest.mark.django_db
def test_no_login_is_created_without_debug(settings):
    settings.DEBUG = False

    output = load_demo()

    assert "Created" in output  # a clean database: nothing leaked from other tests
    assert not get_user_model().objects.filter(username="admin").exists()
    assert "createsuperuser" in output
    assert "admin / admin" not in output


@pytest.mark.django_db
def test_debug_creates_the_development_superuser(settings):
    settings.DEBUG = True

    output = load_demo()

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password("admin")
    assert "Admin login (development only): admin / admin" in output


@pytest.mark.django_db
def test_an_existing_admin_password_is_never_reset(settings):
    settings.DEBUG = True
    get_user_model().objects.create_superuser("admin", "", "a-real-password")

    output = load_demo()

    assert get_user_model().objects.get(username="admin").check_password("a-real-password")
    assert "admin / admin" not in output
