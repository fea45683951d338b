"""The example frontend (``frontend_contract/example/``, served at ``/example/``).

A reader opens the seed special issue in Chromium and sees what the publisher's page shows
(shared/seed/special-issue-extracellular-vesicles.txt), rendered from the IssuePage
operation; an unknown slug gets a friendly "not found". Without a browser: the route is
development-only, and the query embedded in app.js is the contract's IssuePage operation.

The live-server tests get ``django_db(transaction=True, serialized_rollback=True)`` from
``conftest.py``: the demo needs Wagtail's default site, which a flush would otherwise wipe.
"""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from graphql import parse, print_ast
from graphql.utilities import separate_operations
from playwright.sync_api import expect

from special_issues.demo_content import SEED_ISSUE_SLUG
from special_issues.models import IssueKeyword, Person, SpecialIssuePage

CONTRACT_DIR = Path(__file__).resolve().parents[2] / "frontend_contract"
EXAMPLE_DIR = CONTRACT_DIR / "example"

SEED_TITLE = "Extracellular Vesicles: Emerging Modulators of Cancer Drug Resistance"
SEED_EDITORS = [
    (
        "Dr. William C. S. Cho",
        "Department of Clinical Oncology, QEH, Hong Kong SAR, China",
    ),
    (
        "Prof. Kenneth K. W. To",
        "School of Pharmacy, Faculty of Medicine, The Chinese University of Hong Kong, "
        "Hong Kong SAR, China",
    ),
]
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
AUTHOR_INSTRUCTIONS_URL = "https://www.oaepublish.com/cdr/author_instructions"
ONLINE_SUBMISSION_URL = "https://oaemesas.com/login?JournalId=cdr"
COPYRIGHT = "© 2016-2023 OAE Publishing Inc., except certain content provided by third parties"
# Markup that would run script if inserted as HTML rather than as text.
MARKUP = '<img src="x" onerror="window.__injected = true">'


@pytest.fixture
def example_url(live_server, settings) -> str:
    """``/example/`` on the live server, switched on as in development, with the demo."""
    # Read per request by the view, so the live server's thread sees it too.
    settings.SERVE_EXAMPLE_CONSUMER = True
    call_command("load_demo", stdout=StringIO())
    return f"{live_server.url}/example/"


def open_example(page, url: str) -> None:
    """Open the example and wait until it has rendered the issue or an error."""
    page.goto(url)
    expect(page.locator("main[data-state]")).to_have_attribute("data-state", re.compile("."))


@pytest.mark.browser
def test_reader_sees_the_seed_special_issue(page, example_url, screenshot, page_errors):
    open_example(page, example_url)
    screenshot("seed-issue-opened")
    main = page.locator("main")
    expect(main).to_have_attribute("data-state", "ready")
    # No ?slug=: the page shows the seed issue.
    expect(page.locator("article.issue-page")).to_have_attribute("data-slug", SEED_ISSUE_SLUG)
    text = page.locator("body").inner_text()

    # Title, journal, ISSN, deadline and status.
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    assert page.title() == f"{SEED_TITLE} | Cancer Drug Resistance"
    assert "A special issue of Cancer Drug Resistance" in text
    assert "ISSN 2578-532X (Online)" in text
    assert "Submission deadline: 31 Dec 2022" in text
    badge = page.locator(".issue-header .badge")
    expect(badge).to_be_visible()
    expect(badge).to_have_attribute("data-status", "CLOSED")
    expect(badge).to_have_text("Closed")
    screenshot("header", locator=page.locator(".issue-header"))

    # Guest editors: honorific, name, affiliation, links.
    editors = page.locator("#guest-editors .editor")
    expect(editors).to_have_count(2)
    for index, (name, affiliation) in enumerate(SEED_EDITORS):
        editor = editors.nth(index)
        expect(editor.locator(".editor__name")).to_contain_text(name)
        expect(editor.locator(".editor__affiliation")).to_have_text(affiliation)
    cho = editors.nth(0)
    expect(cho.get_by_role("link", name="Website")).to_have_attribute(
        "href", "https://www3.ha.org.hk/qeh/"
    )
    expect(cho.get_by_role("link", name="E-mail")).to_have_attribute(
        "href", "mailto:chocs@ha.org.hk"
    )
    expect(cho).to_contain_text("Lead Guest Editor")
    # Neither seed editor has an ORCID iD (the completed issue below checks the link).
    expect(page.locator("#guest-editors .orcid")).to_have_count(0)
    screenshot("guest-editors", locator=page.locator("#guest-editors"))

    # Introduction (rich text html), topics, keywords.
    intro = page.locator("#introduction .rich-text p")
    expect(intro).to_have_count(3)
    expect(intro.first).to_contain_text("Exosomes are nano-sized extracellular vesicles")
    expect(page.locator(".topics h2")).to_have_text("Topics of interest")
    expect(page.locator(".topics__list li")).to_have_text(SEED_TOPICS)
    # The seed list has no lead-in and is not "not limited to".
    expect(page.locator(".topics__lead-in, .topics__not-limited")).to_have_count(0)
    expect(page.locator("#keywords .chip")).to_have_text(SEED_KEYWORDS)
    screenshot("topics", locator=page.locator(".topics"))
    screenshot("keywords", locator=page.locator("#keywords"))

    # Submission information, contact, articles, copyright.
    submission = page.locator("#submission")
    expect(submission.get_by_role("link", name=AUTHOR_INSTRUCTIONS_URL)).to_have_attribute(
        "href", AUTHOR_INSTRUCTIONS_URL
    )
    expect(submission.get_by_role("link", name=ONLINE_SUBMISSION_URL)).to_have_attribute(
        "href", ONLINE_SUBMISSION_URL
    )
    expect(submission).to_contain_text("Submission Deadline: 31 Dec 2022")
    expect(submission.locator(".contacts")).to_have_text(
        "Contacts: Lori Kang, Assistant Editor, lori.kang@oaepublish.com"
    )
    # The deadline day ends Anywhere on Earth (UTC-12): noon UTC the next day.
    expect(page.locator("#deadline time")).to_have_attribute(
        "title", "Closes 1 Jan 2023, 12:00 UTC"
    )
    expect(page.locator("#articles")).to_contain_text("No articles published yet")
    expect(page.locator(".site-footer")).to_have_text(COPYRIGHT)
    expect(page.locator(".hot-keywords .chip")).to_have_count(9)
    screenshot("submission", locator=submission)
    screenshot("articles", locator=page.locator("#articles"))
    screenshot("footer", locator=page.locator(".site-footer"))

    # Every piece a reader must see is on screen, not just in the DOM.
    for expected in [
        SEED_TITLE,
        "Cancer Drug Resistance",
        "2578-532X",
        "31 Dec 2022",
        *(name for name, _ in SEED_EDITORS),
        *(affiliation for _, affiliation in SEED_EDITORS),
        *SEED_TOPICS,
        *SEED_KEYWORDS,
        AUTHOR_INSTRUCTIONS_URL,
        ONLINE_SUBMISSION_URL,
        "Lori Kang",
        COPYRIGHT,
    ]:
        assert expected in text, f"{expected!r} is not visible on the page"

    # JSON-LD for search engines.
    scripts = page.locator('script[type="application/ld+json"]')
    expect(scripts).to_have_count(1)
    data = json.loads(scripts.text_content())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "PublicationIssue"
    assert data["name"] == SEED_TITLE
    assert data["isPartOf"]["issn"] == ["2578-532X"]
    assert page_errors == []


@pytest.mark.browser
def test_unknown_slug_shows_a_friendly_not_found(page, example_url, screenshot, page_errors):
    open_example(page, f"{example_url}?slug=nope")
    screenshot("unknown-slug")

    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_have_attribute("data-error-code", "NOT_FOUND")
    expect(alert.get_by_role("heading")).to_have_text("Special issue not found")
    expect(alert).to_contain_text('No published special issue has the slug "nope".')
    expect(alert).to_contain_text("NOT_FOUND")
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(0)

    # The way back leads to the seed issue.
    alert.get_by_role("link", name="See the example special issue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    screenshot("back-to-the-seed-issue")
    assert page_errors == []


@pytest.mark.browser
def test_completed_issue_lists_its_articles_and_orcid_links(
    page, example_url, screenshot, page_errors
):
    open_example(page, f"{example_url}?slug=reproducibility-preclinical-pharmacology")
    screenshot("completed-issue")

    expect(page.locator(".issue-header .badge")).to_have_attribute("data-status", "COMPLETED")
    orcids = page.locator("#guest-editors .orcid")
    expect(orcids).to_have_count(2)
    # Links only where the person has them: neither editor has a website, one a public e-mail.
    editor_links = page.locator("#guest-editors .editor__links")
    expect(editor_links.nth(0)).to_have_text("E-mail | ORCID 0000-0002-7783-4068")
    expect(editor_links.nth(1)).to_have_text("ORCID 0000-0002-9437-1122")
    expect(orcids.first).to_have_attribute("href", re.compile(r"^https://orcid\.org/\d{4}-"))
    articles = page.locator("#articles .article")
    expect(articles).to_have_count(4)
    first = articles.first
    expect(first.locator(".article__authors")).to_have_text("Katarzyna Nowak, Tomasz Wiśniewski")
    doi = first.locator(".article__meta a")
    expect(doi).to_have_text(re.compile(r"^10\.5555/jtom\.\d{4}\.101$"))
    expect(doi).to_have_attribute("href", re.compile(r"^https://doi\.org/10\.5555/jtom\."))
    expect(first.locator(".article__meta")).to_contain_text(
        re.compile(r"Published \d{1,2} [A-Z][a-z]{2} \d{4}")
    )
    # Two deadlines are listed by their labels; other blocks render too.
    expect(page.locator("#deadline dt")).to_have_count(2)
    expect(page.locator(".quote blockquote")).to_contain_text("A result that only one")
    screenshot("published-articles", locator=page.locator("#articles"))
    assert page_errors == []


@pytest.mark.browser
def test_text_from_the_api_is_shown_as_text(page, example_url, screenshot, page_errors):
    # Straight into the rows (no validation): what a hostile or broken API could return.
    SpecialIssuePage.objects.filter(slug=SEED_ISSUE_SLUG).update(title=f"Title {MARKUP}")
    Person.objects.filter(name="Lori Kang").update(name=f"Lori {MARKUP}")
    IssueKeyword.objects.filter(keyword="exosome").update(keyword=MARKUP)

    open_example(page, example_url)
    screenshot("markup-shown-as-text")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Title {MARKUP}")
    expect(page.locator("#submission .contacts")).to_contain_text(f"Lori {MARKUP}")
    expect(page.locator("#keywords .chip").nth(2)).to_have_text(MARKUP)
    expect(page.locator("main img")).to_have_count(0)
    assert page.evaluate("window.__injected") is None
    assert page_errors == []


@pytest.mark.browser
def test_rich_text_keeps_only_safe_markup(page, example_url, screenshot, page_errors):
    # The API sanitises rich text, but ?endpoint= lets anyone pick the server: the page
    # must not trust the html either. Answer with the real issue and a hostile introduction.
    hostile = (
        '<p>Plain <a href="javascript:window.__injected = true">bad link</a> and '
        '<a href="https://example.org/cfp">good link</a>.</p>'
        "<script>window.__injected = true</script>"
        # Inserted as is, this broken image would run its onerror at once.
        '<img src="data:," onerror="window.__injected = true">'
        '<iframe src="https://example.org/"></iframe>'
        '<p onclick="window.__injected = true"><strong>Bold</strong> stays.</p>'
    )

    def answer_with_hostile_html(route):
        response = route.fetch()
        body = response.json()
        body["data"]["specialIssue"]["introduction"]["html"] = hostile
        route.fulfill(response=response, json=body)

    page.route("**/graphql/", answer_with_hostile_html)
    open_example(page, example_url)
    screenshot("hostile-introduction")

    intro = page.locator("#introduction .rich-text")
    expect(intro).to_have_text("Plain bad link and good link.Bold stays.")
    # Elements outside the allow-list go, images without an http(s) source too, and no
    # event handler attribute survives.
    expect(intro.locator("script, img, iframe, [onclick], [onerror]")).to_have_count(0)
    links = intro.locator("a")
    expect(links).to_have_count(1)
    expect(links).to_have_attribute("href", "https://example.org/cfp")
    expect(links).to_have_attribute("rel", "noopener")
    expect(intro.locator("strong")).to_have_text("Bold")
    intro.locator("p").last.click()
    assert page.evaluate("window.__injected") is None
    assert page_errors == []


# --- without a browser ----------------------------------------------------------------------


def issue_page_documents() -> tuple[str, str]:
    """The query embedded in app.js and the contract's IssuePage with its fragments."""
    app_js = (EXAMPLE_DIR / "app.js").read_text(encoding="utf-8")
    match = re.search(r"const ISSUE_PAGE_QUERY = /\* GraphQL \*/ `(.*?)`;", app_js, re.DOTALL)
    assert match, "app.js no longer defines ISSUE_PAGE_QUERY as a template literal"
    operations = CONTRACT_DIR / "operations"
    contract = parse(
        (operations / "IssuePage.graphql").read_text(encoding="utf-8")
        + (operations / "fragments.graphql").read_text(encoding="utf-8")
    )
    return match.group(1), print_ast(separate_operations(contract)["IssuePage"])


def test_embedded_query_mirrors_the_contract_operation():
    embedded, contract = issue_page_documents()
    assert print_ast(parse(embedded)) == contract, (
        "app.js's ISSUE_PAGE_QUERY differs from operations/IssuePage.graphql + its fragments"
    )


@pytest.mark.parametrize(
    ("debug", "flag", "status"),
    [(False, False, 404), (True, False, 200), (False, True, 200)],
    ids=["off-by-default", "on-with-debug", "on-with-setting"],
)
def test_example_is_served_only_in_development(db, client, settings, debug, flag, status):
    settings.DEBUG = debug
    settings.SERVE_EXAMPLE_CONSUMER = flag
    response = client.get("/example/")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith("text/html")
        assert b'<script src="app.js" defer></script>' in b"".join(response.streaming_content)
        assert client.get("/example/app.js")["Content-Type"].startswith("text/javascript")


@pytest.mark.parametrize(
    "path",
    ["/example/missing.js", "/example/../README.md", "/example/%2e%2e/cms/settings/base.py"],
    ids=["missing-file", "dot-dot", "encoded-dot-dot"],
)
def test_example_serves_nothing_outside_its_folder(db, client, settings, path):
    settings.SERVE_EXAMPLE_CONSUMER = True
    # 404 for a missing file; 400 (SuspiciousFileOperation) for a path leaving the folder.
    assert client.get(path).status_code in {400, 404}
