"""Turns Wagtail and Django model signals into ``content_changed``.

Which pages a change affects:
* a special issue — itself (and its journal's listings);
* a journal — itself and every issue beneath it (they show the journal's facts);
* a person — every issue listing them as guest editor or contact, and journals naming
  them as default contact (with those journals' issues);
* reusable content — every published issue whose body places it.
The signal goes out when the surrounding transaction commits, so a receiver never acts
on a change that was rolled back, and it has acted before the publishing request returns.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from special_issues.models import JournalPage, Person, ReusableContent, SpecialIssuePage
from special_issues.signals import ChangedPage, content_changed

logger = logging.getLogger("special_issues")


def _frontend_path(page: Page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


def describe(pages) -> list[ChangedPage]:
    """``ChangedPage`` records for pages, journals expanded to their issues."""
    described: dict[int, ChangedPage] = {}
    for page in pages:
        page = page.specific if type(page) is Page else page
        if isinstance(page, JournalPage):
            described[page.pk] = ChangedPage(page.pk, _frontend_path(page), "journal")
            for issue in SpecialIssuePage.objects.descendant_of(page):
                described[issue.pk] = ChangedPage(issue.pk, _frontend_path(issue), "special_issue")
        elif isinstance(page, SpecialIssuePage):
            described[page.pk] = ChangedPage(page.pk, _frontend_path(page), "special_issue")
    return list(described.values())


def announce(pages, *, reason: str, membership: bool, tags=()) -> None:
    """Send ``content_changed`` once the current transaction commits."""
    changed = describe(pages)
    tags = list(tags)
    if not changed and not tags:
        return

    def send() -> None:
        content_changed.send(
            sender=ChangedPage, pages=changed, tags=tags, membership=membership, reason=reason
        )

    transaction.on_commit(send)


def _is_ours(instance) -> bool:
    return isinstance(instance, (JournalPage, SpecialIssuePage))


@receiver(page_published)
def _page_published(sender, instance, **kwargs) -> None:
    if _is_ours(instance):
        announce([instance], reason="published", membership=True)


@receiver(page_unpublished)
def _page_unpublished(sender, instance, **kwargs) -> None:
    if _is_ours(instance):
        announce([instance], reason="unpublished", membership=True)


@receiver(post_page_move)
def _page_moved(sender, instance, **kwargs) -> None:
    instance = instance.specific
    if _is_ours(instance):
        announce([instance], reason="moved", membership=True)


@receiver(pre_delete)
def _page_deleted(sender, instance, **kwargs) -> None:
    # Described before the rows go, while the page still has a path and URL.
    if _is_ours(instance):
        announce([instance], reason="deleted", membership=True)


def issues_showing_person(person: Person):
    issues = SpecialIssuePage.objects.filter(guest_editors__person=person) | (
        SpecialIssuePage.objects.filter(contacts__person=person)
    )
    journals = JournalPage.objects.filter(default_contact=person)
    return [*issues.distinct(), *journals]


@receiver(post_save, sender=Person)
def _person_saved(sender, instance: Person, created: bool, **kwargs) -> None:
    if not created:
        announce(
            issues_showing_person(instance),
            reason="person-saved",
            membership=False,
            tags=[f"person:{instance.pk}"],
        )


@receiver(pre_delete, sender=Person)
def _person_deleted(sender, instance: Person, **kwargs) -> None:
    announce(
        issues_showing_person(instance),
        reason="person-deleted",
        membership=False,
        tags=[f"person:{instance.pk}"],
    )


def issues_placing(snippet: ReusableContent):
    """Issues whose live body or latest draft places the snippet (Wagtail's reference index)."""
    references = ReferenceIndex.get_references_to(snippet).filter(
        base_content_type__app_label="wagtailcore", base_content_type__model="page"
    )
    ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    return list(SpecialIssuePage.objects.filter(pk__in=ids))


def _snippet_changed(snippet: ReusableContent, reason: str) -> None:
    announce(
        issues_placing(snippet),
        reason=reason,
        membership=False,
        tags=[f"snippet:{snippet.pk}", "snippets"],
    )


@receiver(published, sender=ReusableContent)
def _snippet_published(sender, instance, **kwargs) -> None:
    _snippet_changed(instance, "snippet-published")


@receiver(unpublished, sender=ReusableContent)
def _snippet_unpublished(sender, instance, **kwargs) -> None:
    _snippet_changed(instance, "snippet-unpublished")


@receiver(pre_delete, sender=ReusableContent)
def _snippet_deleted(sender, instance, **kwargs) -> None:
    _snippet_changed(instance, "snippet-deleted")
