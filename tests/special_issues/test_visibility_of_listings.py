"""Listings check visibility journal by journal; they must show exactly what the per-row
rule shows.

``SpecialIssueQuerySet.listed_publicly`` (listings, counts, keyword counts, feeds, the
clock) finds the public journals once and checks each issue by its own columns and its
journal's path. ``visible_to_public`` (one issue by slug) checks every ancestor of each
row. A reader must never find an issue in a listing that its own page would not show,
or the reverse.
"""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from special_issues.models import SpecialIssuePage
from tests.factories import JournalPageFactory, SpecialIssuePageFactory, default_site_root

pytestmark = pytest.mark.django_db

YESTERDAY = dt.timedelta(days=-1)


def section(title: str, **fields) -> Page:
    """A plain page between the site root and some journals (e.g. "Archive")."""
    return default_site_root().add_child(instance=Page(title=title, slug=title.lower(), **fields))


def restrict(page: Page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.fixture
def tree() -> dict[str, SpecialIssuePage]:
    """Issues in every situation a listing meets, named by why they are shown or hidden."""
    now = timezone.now()
    journal = JournalPageFactory(slug="open-journal")
    restricted_journal = JournalPageFactory(slug="members-journal")
    restrict(restricted_journal)
    unpublished_journal = JournalPageFactory(slug="draft-journal")
    expired_journal = JournalPageFactory(slug="past-journal", expire_at=now + YESTERDAY)
    closed_section = section("Members")
    restrict(closed_section)
    hidden_section = section("Drafts", live=False)
    later_journal = JournalPageFactory(
        slug="future-expiry",
        expire_at=now - YESTERDAY,  # expires tomorrow: still public
    )

    def issue(parent: Page, slug: str, **fields) -> SpecialIssuePage:
        return SpecialIssuePageFactory(parent=parent, slug=slug, **fields)

    issues = {
        "shown": issue(journal, "shown"),
        "shown, journal expires tomorrow": issue(later_journal, "tomorrow"),
        "shown, sibling restricted": issue(journal, "sibling"),
        "draft": issue(journal, "draft", live=False),
        "expired": issue(journal, "expired", expire_at=now + YESTERDAY),
        "restricted itself": issue(journal, "restricted"),
        "journal restricted": issue(restricted_journal, "in-members-journal"),
        "journal expired": issue(expired_journal, "in-past-journal"),
        "journal unpublished": issue(unpublished_journal, "in-draft-journal"),
        "section restricted": issue(JournalPageFactory(parent=closed_section), "in-section"),
        "section unpublished": issue(JournalPageFactory(parent=hidden_section), "in-drafts"),
    }
    restrict(issues["restricted itself"])
    # Unpublished after its issue was added, as an editor would: the issue stays live.
    unpublished_journal.unpublish()
    return issues


def slugs(queryset) -> set[str]:
    return set(queryset.values_list("slug", flat=True))


def test_listings_show_exactly_the_issues_their_pages_show(tree):
    shown = {tree[name].slug for name in tree if name.startswith("shown")}

    assert slugs(SpecialIssuePage.objects.listed_publicly()) == shown
    assert slugs(SpecialIssuePage.objects.visible_to_public()) == shown


def test_listing_rule_holds_with_other_filters_and_in_counts(tree):
    issues = SpecialIssuePage.objects.listed_publicly()

    assert issues.count() == 3
    assert slugs(issues.filter(slug__in=["shown", "draft", "in-section"])) == {"shown"}
    assert not issues.filter(slug="in-draft-journal").exists()


def test_an_issue_whose_journal_is_published_again_is_listed_again(tree):
    journal = tree["journal unpublished"].get_parent().specific
    journal.save_revision().publish()

    assert "in-draft-journal" in slugs(SpecialIssuePage.objects.listed_publicly())
    assert "in-draft-journal" in slugs(SpecialIssuePage.objects.visible_to_public())
