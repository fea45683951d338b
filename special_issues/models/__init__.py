"""The special issues content model, split by concept."""

from special_issues.models.announcements import CallAnnouncement
from special_issues.models.journal import JournalHotKeyword, JournalPage, JournalSection
from special_issues.models.people import Person
from special_issues.models.reusable_content import ReusableContent, ReusableContentQuerySet
from special_issues.models.special_issue import (
    Deadline,
    GuestEditor,
    IssueContact,
    IssueKeyword,
    PublishedArticle,
    SpecialIssuePage,
)

__all__ = [
    "CallAnnouncement",
    "Deadline",
    "GuestEditor",
    "IssueContact",
    "IssueKeyword",
    "JournalHotKeyword",
    "JournalPage",
    "JournalSection",
    "Person",
    "PublishedArticle",
    "ReusableContent",
    "ReusableContentQuerySet",
    "SpecialIssuePage",
]
