"""A large, realistic data set for the benchmark, written with bulk inserts.

``seed(issues=1000, journals=20)`` publishes ``journals`` journals (hot keywords, sections,
a default contact) and ``issues`` special issues spread evenly over them. Each issue has
three guest editors from a shared pool of people, a body of six blocks (topic list,
paragraph with a page link, a reusable snippet, an image, a call to action, a quote), an
introduction with a page link, ten published articles, one or two deadlines, four
keywords and a shared cover image. About 60 % of the calls are open, 15 % upcoming and
25 % closed.

Pages are inserted without Wagtail's ``add_child`` (one save, signals and a tree lock per
page): the tree paths are computed here and the rows written in batches, so 1,000 issues
take seconds. Calling ``seed`` again adds more issues under the same journals (the scale
run grows 1,000 issues to 10,000 this way).
"""

import datetime as dt
import io
import random
import time
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from stdnum.iso7064 import mod_11_2
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from special_issues import lookups, search_vector
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
    stored_facts,
)
from special_issues.status import ANYWHERE_ON_EARTH

BATCH = 500
PEOPLE = 300
SNIPPETS = 8
SUBJECTS = [
    "exosome", "liquid biopsy", "drug resistance", "tumour microenvironment", "immunotherapy",
    "organoid", "single-cell sequencing", "CRISPR screening", "metabolism", "angiogenesis",
    "autophagy", "epigenetics", "microbiome", "nanomedicine", "radiotherapy", "proteomics",
    "cancer stem cells", "machine learning", "biomarkers", "gene therapy", "ferroptosis",
    "extracellular vesicles", "hypoxia", "senescence", "circulating tumour DNA",
]  # fmt: skip
QUALIFIERS = ["Advances in", "New frontiers in", "Mechanisms of", "Clinical", "Targeting"]
COUNTRIES = [
    ("Hong Kong", "Hong Kong SAR, China"), ("Cambridge", "United Kingdom"),
    ("Boston", "United States"), ("Heidelberg", "Germany"), ("Milan", "Italy"),
    ("Tokyo", "Japan"), ("Toronto", "Canada"), ("Melbourne", "Australia"),
]  # fmt: skip
KEYWORDS = [f"{subject} {n}" if n else subject for subject in SUBJECTS for n in range(6)]


@dataclass
class Seeded:
    """What ``seed`` made: ids and slugs the benchmark requests."""

    journal_slugs: list[str]
    issue_count: int
    sample_issue_id: int
    sample_issue_slug: str
    timings: dict[str, float]


def _orcid(n: int) -> str:
    digits = f"{1_000_000 + n * 7919:015d}"
    number = digits + mod_11_2.calc_check_digit(digits)
    return "-".join(number[i : i + 4] for i in range(0, 16, 4))


def _image(title: str, size: tuple[int, int], colour: str) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return Image.objects.create(
        title=title, description=f"{title} (alt)", file=ImageFile(buffer, name=f"{title}.png")
    )


def _shared_content(rng: random.Random) -> tuple[list[Person], list[ReusableContent], dict]:
    people = Person.objects.bulk_create(
        [
            Person(
                honorific=rng.choice(["Dr.", "Prof.", "Prof. Dr.", ""]),
                name=f"Researcher {n:04d} {rng.choice(['Cho', 'To', 'Smith', 'Rossi', 'Sato'])}",
                department="Department of Clinical Oncology",
                institution=f"University Hospital {n % 40}",
                city=COUNTRIES[n % len(COUNTRIES)][0],
                country=COUNTRIES[n % len(COUNTRIES)][1],
                website=f"https://lab{n}.example.org/",
                email=f"researcher{n}@example.org",
                email_is_public=n % 3 == 0,
                orcid=_orcid(n) if n % 2 == 0 else "",
                bio="Works on translational cancer research.",
            )
            for n in range(PEOPLE)
        ]
    )
    snippets = ReusableContent.objects.bulk_create(
        [
            ReusableContent(
                name=f"Campaign {n}",
                kind=ReusableContent.Kind.CALL_TO_ACTION,
                heading=f"Publish open access with campaign {n}",
                body='<p>APC waivers for <b>early-career</b> authors. <a href="https://example.org">'
                "Read the conditions</a>.</p>",
                button_label="Submit your paper",
                button_url="https://example.org/submit",
                live=True,
            )
            for n in range(SNIPPETS)
        ]
    )
    images = {
        "cover": _image("cover", (400, 225), "teal"),
        "figure": _image("figure", (800, 600), "navy"),
    }
    return people, snippets, images


def _journals(count: int, people: list[Person]) -> list[JournalPage]:
    root = Site.objects.get(is_default_site=True).root_page
    journals = []
    for n in range(count):
        journal = JournalPage(
            title=f"Journal of Cancer Studies {n:02d}",
            slug=f"journal-{n:02d}",
            issn_online="2578-532X",
            publisher="OAE Publishing Inc.",
            copyright_line="© 2016-2026 OAE Publishing Inc.",
            author_instructions_url="https://example.org/instructions",
            online_submission_url="https://example.org/submit",
            default_contact=people[n],
        )
        root.add_child(instance=journal)
        root.refresh_from_db()
        journals.append(journal)
    JournalHotKeyword.objects.bulk_create(
        JournalHotKeyword(page=j, keyword=SUBJECTS[(i + k) % len(SUBJECTS)], sort_order=k)
        for i, j in enumerate(journals)
        for k in range(5)
    )
    JournalSection.objects.bulk_create(
        JournalSection(page=j, name=f"Section {k}", sort_order=k)
        for j in journals
        for k in range(3)
    )
    return journals


def _body(rng: random.Random, journal: JournalPage, snippet: ReusableContent, image: Image):
    topics = rng.sample(SUBJECTS, 5)
    link = f'<a linktype="page" id="{journal.pk}">{journal.title}</a>'
    blocks = [
        ("topic_list", {"heading": "Topics of interest", "lead_in": "Potential topics include:",
                        "items": topics, "not_limited_to": True}),
        ("paragraph", {"text": f"<h3>Scope</h3><p>Read more in {link}.</p>"
                               "<ul><li>Original research</li><li>Reviews</li></ul>"}),
        ("reusable_content", {"content": snippet.pk}),
        ("image", {"image": image.pk, "alt_text": "A figure", "caption": "Figure 1",
                   "credit": "© The editors"}),
        ("call_to_action", {"heading": "Submit your manuscript", "text": "Open until the deadline.",
                            "button_label": "Submit now", "url": "https://example.org/submit"}),
        ("quote", {"quote": "Exosomes are key mediators of drug resistance.",
                   "attribution": "The guest editors"}),
    ]  # fmt: skip
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]


def _dates(n: int, today: dt.date) -> tuple[dt.date | None, list[tuple[str, dt.date]]]:
    """(opening date, [(kind, date)]) giving ~60 % open, ~15 % upcoming, ~25 % closed."""
    bucket = n % 20
    if bucket < 12:  # open
        final = today + dt.timedelta(days=20 + (n * 37) % 400)
        opening = today - dt.timedelta(days=30 + n % 200)
    elif bucket < 15:  # upcoming
        opening = today + dt.timedelta(days=10 + n % 90)
        final = opening + dt.timedelta(days=180)
    else:  # closed or completed
        final = today - dt.timedelta(days=10 + (n * 13) % 400)
        opening = final - dt.timedelta(days=200)
    deadlines = [("FULL_MANUSCRIPT", final)]
    if n % 2 == 0:
        deadlines.insert(0, ("ABSTRACT", final - dt.timedelta(days=60)))
    return opening, deadlines


def _next_steps(journals: list[JournalPage], per_journal: int) -> list[tuple[JournalPage, str]]:
    """Tree paths for ``per_journal`` new children of each journal, after its last child."""
    slots = []
    for journal in journals:
        last = Page.objects.filter(path__startswith=journal.path, depth=journal.depth + 1)
        last = last.order_by("-path").values_list("path", flat=True).first()
        start = Page._str2int(last[-Page.steplen :]) if last else 0
        slots += [
            (journal, Page._get_path(journal.path, journal.depth + 1, start + k + 1))
            for k in range(per_journal)
        ]
    return slots


@transaction.atomic
def _insert_issues(
    rng, start: int, count: int, journals, people, snippets, images
) -> list[SpecialIssuePage]:
    per_journal = count // len(journals)
    slots = _next_steps(journals, per_journal)
    content_type = ContentType.objects.get_for_model(SpecialIssuePage)
    locale_id = Locale.get_default().pk
    now = timezone.now()
    today = dt.date.today()
    sections = {j.pk: list(j.sections.order_by("sort_order")) for j in journals}
    issues = []
    for offset, (journal, path) in enumerate(slots):
        n = start + offset
        subject = SUBJECTS[n % len(SUBJECTS)]
        title = f"{QUALIFIERS[n % len(QUALIFIERS)]} {subject} ({n})"
        slug = slugify(title)
        issue = SpecialIssuePage(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            locale_id=locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now - dt.timedelta(days=n % 700),
            last_published_at=now,
            url_path=f"{journal.url_path}{slug}/",
            path=path,
            depth=journal.depth + 1,
            numchild=0,
            search_description=f"A special issue on {subject}.",
            opening_date=None,
            introduction=(
                f"<p>This special issue gathers work on <b>{subject}</b>, published in "
                f'<a linktype="page" id="{journal.pk}">{journal.title}</a>.</p>'
                "<p>We welcome original articles and reviews.</p>"
            ),
            body=_body(rng, journal, snippets[n % len(snippets)], images["figure"]),
            eligibility="<p>Original research and <i>reviews</i> are welcome.</p>",
            section=sections[journal.pk][n % 3] if n % 4 else None,
            cover_image=images["cover"],
        )
        issue.opening_date, issue._bench_deadlines = _dates(n, today)
        issue._bench_n = n
        issues.append(issue)

    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for i in range(0, len(issues), BATCH):
        batch = issues[i : i + BATCH]
        rows = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(issue, f.attname) for f in page_fields}) for issue in batch]
        )
        for issue, row in zip(batch, rows, strict=True):
            issue.id = issue.page_ptr_id = row.pk
        # Django refuses bulk_create for multi-table models; the child rows go in directly.
        SpecialIssuePage._base_manager._insert(
            batch, fields=SpecialIssuePage._meta.local_concrete_fields, using=connection.alias
        )
    for journal in journals:
        Page.objects.filter(pk=journal.pk).update(
            numchild=Page.objects.filter(
                path__startswith=journal.path, depth=journal.depth + 1
            ).count()
        )
    _children(rng, issues, people)
    # Bulk inserts send no signals: store each issue's deadline and article facts now.
    for i in range(0, len(issues), BATCH):
        stored_facts.refresh([issue.pk for issue in issues[i : i + BATCH]])
    return issues


def _children(rng: random.Random, issues: list[SpecialIssuePage], people: list[Person]) -> None:
    def bulk(model, rows):
        model.objects.bulk_create(rows, batch_size=BATCH)

    bulk(
        Deadline,
        [
            Deadline(page_id=issue.pk, kind=kind, date=date, time_zone=ANYWHERE_ON_EARTH,
                     sort_order=k)
            for issue in issues
            for k, (kind, date) in enumerate(issue._bench_deadlines)
        ],
    )  # fmt: skip
    editors = []
    for issue in issues:
        for k, person in enumerate(rng.sample(people, 3)):
            role = GuestEditor.Role.LEAD_GUEST_EDITOR if k == 0 else GuestEditor.Role.GUEST_EDITOR
            editors.append(GuestEditor(page_id=issue.pk, person=person, role=role, sort_order=k))
    bulk(GuestEditor, editors)
    bulk(
        IssueContact,
        [
            IssueContact(
                page_id=issue.pk, person=people[issue._bench_n % len(people)], sort_order=0
            )
            for issue in issues
            if issue._bench_n % 2
        ],
    )
    bulk(
        IssueKeyword,
        [
            IssueKeyword(page_id=issue.pk, keyword=keyword, sort_order=k)
            for issue in issues
            for k, keyword in enumerate(rng.sample(KEYWORDS, 4))
        ],
    )
    bulk(
        PublishedArticle,
        [
            PublishedArticle(
                page_id=issue.pk,
                title=f"Article {k} of issue {issue._bench_n}",
                authors="Kenneth K. W. To\nWilliam C. S. Cho\nA. N. Other",
                doi=f"10.20517/bench.{issue._bench_n}.{k}",
                publication_date=dt.date(2024, 1, 1) + dt.timedelta(days=k * 7),
                sort_order=k,
            )
            for issue in issues
            for k in range(10)
        ],
    )


def _index(issue_ids: list[int]) -> None:
    """Add the new issues to Wagtail's search index (title, introduction, body, keywords),
    and copy their vectors onto their rows (PostgreSQL, ``special_issues.search_vector``)."""
    backend = get_search_backend()
    pages = SpecialIssuePage.objects.filter(pk__in=issue_ids).prefetch_related("keyword_items")
    # The bodies' snippet and image choosers then look their objects up once, not per page.
    with lookups.batched_lookups():
        for i in range(0, len(issue_ids), BATCH):
            backend.add_bulk(SpecialIssuePage, list(pages.order_by("pk")[i : i + BATCH]))
    search_vector.copy_from_index()


def seed(issues: int = 1000, journals: int = 20, seed_value: int = 2026) -> Seeded:
    """Create (or, when journals exist, extend) the benchmark data set."""
    # Reproducible data, not secrets.
    rng = random.Random(seed_value + SpecialIssuePage.objects.count())  # noqa: S311
    existing = list(JournalPage.objects.filter(slug__startswith="journal-").order_by("path"))
    if existing:
        people = list(Person.objects.order_by("pk"))
        snippets = list(ReusableContent.objects.order_by("pk"))
        images = {image.title: image for image in Image.objects.all()}
        journal_pages = existing
    else:
        people, snippets, images = _shared_content(rng)
        journal_pages = _journals(journals, people)
    start = SpecialIssuePage.objects.count()
    started = time.perf_counter()
    created = _insert_issues(rng, start, issues, journal_pages, people, snippets, images)
    inserted = time.perf_counter()
    _index([issue.pk for issue in created])
    timings = {"insert": inserted - started, "search index": time.perf_counter() - inserted}
    sample = created[0]
    return Seeded(
        journal_slugs=[j.slug for j in journal_pages],
        issue_count=SpecialIssuePage.objects.count(),
        sample_issue_id=sample.pk,
        sample_issue_slug=sample.slug,
        timings=timings,
    )
