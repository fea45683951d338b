"""schema.org JSON-LD for a special issue, for the frontend to embed in its page.

The issue is a ``PublicationIssue`` of its journal (a ``Periodical`` with its ISSNs); guest
editors are ``Person``s (ORCID in ``sameAs``); published articles are ``ScholarlyArticle``s
with their DOI; the call for papers is a submit action open until the final deadline.
"""

from typing import TYPE_CHECKING, Any

from special_issues.status import end_of_day, start_of_day

if TYPE_CHECKING:
    from special_issues.models import Person, PublishedArticle, SpecialIssuePage

SCHEMA_ORG = "https://schema.org"


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def person_json_ld(person: "Person") -> dict[str, Any]:
    affiliation = None
    if person.institution:
        affiliation = _drop_empty(
            {
                "@type": "Organization",
                "name": person.institution,
                "department": _drop_empty({"@type": "Organization", "name": person.department})
                if person.department
                else None,
                "address": ", ".join(p for p in [person.city, person.country] if p) or None,
            }
        )
    return _drop_empty(
        {
            "@type": "Person",
            "name": person.name,
            "honorificPrefix": person.honorific,
            "affiliation": affiliation,
            "url": person.website,
            "email": person.public_email,
            "sameAs": [person.orcid_url] if person.orcid_url else None,
        }
    )


def article_json_ld(article: "PublishedArticle") -> dict[str, Any]:
    return _drop_empty(
        {
            "@type": "ScholarlyArticle",
            "headline": article.title,
            "name": article.title,
            "author": [{"@type": "Person", "name": name} for name in article.author_list],
            "datePublished": article.publication_date.isoformat()
            if article.publication_date
            else None,
            "identifier": _drop_empty(
                {"@type": "PropertyValue", "propertyID": "DOI", "value": article.doi}
            )
            if article.doi
            else None,
            "sameAs": article.doi_url,
            "url": article.effective_url,
        }
    )


def special_issue_json_ld(issue: "SpecialIssuePage") -> dict[str, Any]:
    """The JSON-LD document describing ``issue`` (a dict, ready for ``json.dumps``)."""
    journal = issue.journal
    periodical = None
    if journal is not None:
        periodical = _drop_empty(
            {
                "@type": "Periodical",
                "name": journal.title,
                "issn": [issn for issn in [journal.issn_online, journal.issn_print] if issn],
                "publisher": {"@type": "Organization", "name": journal.publisher}
                if journal.publisher
                else None,
                "url": journal.frontend_url,
            }
        )
    final = issue.final_deadline
    submission = issue.submission_info
    call = None
    if final is not None or issue.opening_date:
        zone = final.time_zone if final else "Etc/GMT+12"
        call = _drop_empty(
            {
                "@type": "CreateAction",
                "name": "Submit a manuscript",
                "target": submission.online_submission_url,
                "startTime": start_of_day(issue.opening_date, zone).isoformat()
                if issue.opening_date
                else None,
                "endTime": end_of_day(final.date, final.time_zone).isoformat() if final else None,
            }
        )
    return _drop_empty(
        {
            "@context": SCHEMA_ORG,
            "@type": "PublicationIssue",
            "name": issue.title,
            "url": issue.frontend_url,
            "description": issue.search_description
            or issue.introduction_formatted.plain_text.split("\n\n")[0],
            "keywords": issue.keywords,
            "about": issue.topics,
            "isPartOf": periodical,
            "editor": [person_json_ld(editor.person) for editor in issue.guest_editor_list],
            "hasPart": [article_json_ld(article) for article in issue.article_list],
            "potentialAction": call,
            "copyrightNotice": issue.effective_copyright,
        }
    )
