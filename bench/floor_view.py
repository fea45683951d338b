"""The floor: plain Django views returning exactly what the GraphQL operations return.

``issue_page`` answers like ``IssuePage`` and ``open_calls`` like ``OpenCalls`` (same
JSON, byte for byte once parsed: ``bench/run.py`` checks it before timing anything),
with hand-written queries and no GraphQL layer. They reuse the content model's pure
helpers (rich-text formatting, status rules, JSON-LD, image wrapping) because those are
the work any API must do to give the same answer; what they leave out is what GraphQL,
Grapple and the generic prefetching add. ``constant(view)`` serves a body computed once,
the floor for a cache hit.
"""

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable

from django.db.models import (
    CharField,
    OuterRef,
    Prefetch,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.db.models.aggregates import Count
from django.db.models.functions import Length, Substr
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from wagtail.models import Page

from special_issues import lookups
from special_issues.conf import get_setting
from special_issues.images import images_by_id, public_image
from special_issues.models import (
    GuestEditor,
    IssueContact,
    IssueKeyword,
    JournalPage,
    ReusableContent,
    SpecialIssuePage,
)
from special_issues.rich_text import FormattedRichText, frontend_url, preload_page_links
from special_issues.status import IssueStatus, status_from_facts
from special_issues.visibility import public_pages

Json = dict[str, object]


def _json(data: Json) -> HttpResponse:
    # The same separators and escaping as graphene-django's responses.
    return HttpResponse(json.dumps(data, separators=(",", ":")), content_type="application/json")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _text(source: str) -> Json:
    formatted = FormattedRichText(source)
    return {"html": formatted.html, "plainText": formatted.plain_text}


def _image(request: HttpRequest, image, alt: str = "") -> Json | None:
    wrapped = public_image(image, alt=alt)
    if wrapped is None:
        return None
    image = wrapped.image
    widths = sorted({w for w in get_setting("IMAGE_WIDTHS") if w <= image.width}) or [image.width]
    renditions = image.get_renditions(*[f"width-{w}" for w in widths]).values()
    return {
        "url": request.build_absolute_uri(image.file.url),
        "width": image.width,
        "height": image.height,
        "alt": wrapped.alt,
        "srcSet": ", ".join(f"{request.build_absolute_uri(r.url)} {r.width}w" for r in renditions),
    }


def _person(person) -> Json:
    return {
        "id": str(person.pk),
        "displayName": person.display_name,
        "honorific": person.honorific,
        "name": person.name,
        "affiliation": person.affiliation,
        "department": person.department,
        "institution": person.institution,
        "city": person.city,
        "country": person.country,
        "website": person.website_or_none,
        "email": person.public_email,
        "orcid": person.orcid_or_none,
        "orcidUrl": person.orcid_url,
    }


def _block(request: HttpRequest, block) -> Json:
    value = block.value
    data: Json = {"blockType": type(block.block).__name__}
    if block.block_type == "topic_list":
        data |= {
            "heading": value["heading"],
            "leadIn": value["lead_in"],
            "items": list(value["items"]),
            "notLimitedTo": value["not_limited_to"],
        }
    elif block.block_type == "paragraph":
        data["richText"] = _text(value["text"].source if value["text"] is not None else "")
    elif block.block_type == "call_to_action":
        data |= {
            "heading": value["heading"],
            "text": value["text"],
            "buttonLabel": value["button_label"],
            "url": value["url"],
        }
    elif block.block_type == "reusable_content":
        snippet = value["content"]
        data["content"] = (
            {
                "kind": snippet.kind,
                "heading": snippet.heading,
                "body": _text(snippet.body),
                "buttonLabel": snippet.button_label,
                "buttonUrl": snippet.button_url,
            }
            if snippet is not None and snippet.is_visible()
            else None
        )
    elif block.block_type == "image":
        data |= {
            "image": _image(request, value["image"], alt=value["alt_text"]),
            "caption": value["caption"],
            "credit": value["credit"],
        }
    elif block.block_type == "quote":
        data |= {"quote": value["quote"], "attribution": value["attribution"]}
    return data


def _load_issue(slug: str) -> SpecialIssuePage | None:
    """The issue and everything its page shows, in 12 queries."""
    page = public_pages(SpecialIssuePage.objects.filter(slug=slug)).select_related("section")
    page = page.first()  # 1
    if page is None:
        return None
    journal = (
        JournalPage.objects.select_related("default_contact")
        .prefetch_related("hot_keyword_items")
        .get(path=page.path[: -Page.steplen])
    )  # 2, 3
    page._journal_cache = journal
    people = GuestEditor.objects.select_related("person")
    contacts = IssueContact.objects.select_related("person")
    prefetch_related_objects(
        [page],
        "deadlines",  # 4
        Prefetch("guest_editors", queryset=people),  # 5
        "keyword_items",  # 6
        "published_articles",  # 7
        Prefetch("contacts", queryset=contacts),  # 8
    )
    snippet_ids, image_ids = set(), {page.cover_image_id}
    sources = [page.introduction, page.eligibility]
    for block in page.body.raw_data:
        if block["type"] == "reusable_content":
            snippet_ids.add(block["value"].get("content"))
        elif block["type"] == "image":
            image_ids.add(block["value"].get("image"))
        elif block["type"] == "paragraph":
            sources.append(block["value"].get("text", ""))
    snippets = lookups.in_bulk(ReusableContent, snippet_ids)  # 9
    images_by_id(image_ids)  # 10, 11 (renditions)
    preload_page_links(sources + [s.body for s in snippets.values()])  # 12
    return page


def _issue_data(request: HttpRequest, page: SpecialIssuePage) -> Json:
    journal = page.journal
    deadline = page.submission_deadline
    cover = images_by_id([page.cover_image_id]).get(page.cover_image_id)
    return {
        "title": page.title,
        "slug": page.slug,
        "frontendUrl": frontend_url(page),
        "searchDescription": page.search_description,
        "status": page.status,
        "openingDate": _date(page.opening_date),
        "submissionDeadline": _date(deadline),
        "deadlines": [
            {
                "kind": d.kind,
                "label": d.display_label,
                "date": _date(d.date),
                "timeZone": d.time_zone,
                "closesAt": d.closes_at.isoformat(),
            }
            for d in page.deadline_list
        ],
        "journal": {
            "title": journal.title,
            "slug": journal.slug,
            "frontendUrl": frontend_url(journal),
            "issnOnline": journal.issn_online_or_none,
            "issnPrint": journal.issn_print_or_none,
            "publisher": journal.publisher,
            "hotKeywords": journal.hot_keywords,
            "copyright": journal.copyright_line,
        },
        "section": {"name": page.section.name} if page.section else None,
        "coverImage": _image(request, cover),
        "guestEditors": [
            {"role": e.role, "person": _person(e.person)} for e in page.guest_editor_list
        ],
        "introduction": _text(page.introduction),
        "topics": page.topics,
        "keywords": page.keywords,
        "eligibility": _text(page.eligibility),
        "contacts": [
            {
                "role": c.role,
                "person": {
                    "displayName": c.person.display_name,
                    "name": c.person.name,
                    "email": c.person.public_email,
                },
            }
            for c in page.contact_list
        ],
        "publishedArticles": [
            {
                "title": a.title,
                "authors": a.author_list,
                "doi": a.doi_or_none,
                "doiUrl": a.doi_url,
                "publicationDate": _date(a.publication_date),
                "url": a.effective_url,
            }
            for a in page.article_list
        ],
        "submissionInfo": {
            "authorInstructionsUrl": page.author_instructions_url
            or journal.author_instructions_url
            or None,
            "onlineSubmissionUrl": page.online_submission_url
            or journal.online_submission_url
            or None,
            "submissionDeadline": _date(deadline),
        },
        "copyright": page.effective_copyright,
        "body": [_block(request, block) for block in page.body],
        "structuredData": json.dumps(page.structured_data),
    }


def issue_page(request: HttpRequest, slug: str) -> HttpResponse:
    """What ``IssuePage(slug)`` returns."""
    with lookups.batched_lookups():
        page = _load_issue(slug)
        if page is None:
            return JsonResponse({"data": {"specialIssue": None}}, status=404)
        return _json({"data": {"specialIssue": _issue_data(request, page)}})


def open_calls(request: HttpRequest) -> HttpResponse:
    """What ``OpenCalls(limit, offset)`` returns (deadline order), in 4 queries."""
    limit = min(int(request.GET.get("limit", 20)), 100)
    offset = int(request.GET.get("offset", 0))
    now = timezone.now()
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    journals = Page.objects.filter(path=parent_path)
    issues = (
        public_pages(SpecialIssuePage.objects.all())
        .with_status(IssueStatus.OPEN, now)  # 1: the calls near a day boundary
        .order_by_deadline()
        .only(
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "opening_date",
            "final_deadline_date",
            "final_deadline_time_zone",
            "has_published_articles",
        )
        .annotate(
            total=Window(Count("pk")),
            journal_title=Subquery(journals.values("title")[:1], output_field=CharField()),
            journal_slug=Subquery(journals.values("slug")[:1], output_field=CharField()),
        )
    )
    items = list(issues[offset : offset + limit])  # 2
    total = items[0].total if items else issues.count()
    ids = [issue.pk for issue in items]
    editors, keywords = defaultdict(list), defaultdict(list)
    rows = (
        GuestEditor.objects.filter(page_id__in=ids)
        .order_by("page_id", "sort_order")
        .values_list("page_id", "role", "person__honorific", "person__name")
    )  # 3
    for page_id, role, honorific, name in rows:
        editors[page_id].append(
            {"role": role, "person": {"displayName": f"{honorific} {name}".strip()}}
        )
    rows = (
        IssueKeyword.objects.filter(page_id__in=ids)
        .order_by("page_id", "sort_order")
        .values_list("page_id", "keyword")
    )  # 4
    for page_id, keyword in rows:
        keywords[page_id].append(keyword)
    cards = [
        {
            "title": issue.title,
            "slug": issue.slug,
            "frontendUrl": frontend_url(issue),
            "status": status_from_facts(
                opening_date=issue.opening_date,
                final_deadline_date=issue.final_deadline_date,
                final_deadline_time_zone=issue.final_deadline_time_zone,
                has_published_articles=issue.has_published_articles,
                now=now,
            ).value,
            "openingDate": _date(issue.opening_date),
            "submissionDeadline": _date(issue.final_deadline_date),
            "journal": {"title": issue.journal_title, "slug": issue.journal_slug},
            "guestEditors": editors[issue.pk],
            "keywords": keywords[issue.pk],
        }
        for issue in items
    ]
    return _json(
        {
            "data": {
                "specialIssues": {
                    "total": total,
                    "limit": limit,
                    "offset": offset,
                    "hasNextPage": offset + len(items) < total,
                    "items": cards,
                }
            }
        }
    )


def constant(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view``, computed once per URL and process, then served as a constant body."""
    bodies: dict[str, bytes] = {}

    def serve(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = request.get_full_path()
        if key not in bodies:
            bodies[key] = view(request, *args, **kwargs).content
        return HttpResponse(bodies[key], content_type="application/json")

    serve.__doc__ = f"{view.__name__}, served from a body computed once."
    return serve
