"""What the site last announced about each call, so clock-driven changes go out once."""

from django.db import models

from special_issues.status import IssueStatus

__all__ = ["CallAnnouncement"]


class CallAnnouncement(models.Model):
    """The status last announced for a call, and the deadline last reminded of.

    Not the status itself (that is always derived from dates and content): a record of
    what ``manage.py update_call_statuses`` has told caches and frontends, so that each
    transition (opened, closed, …) and each deadline reminder is announced exactly once,
    however often the command runs and even when two runs overlap.
    """

    page = models.OneToOneField(
        "special_issues.SpecialIssuePage",
        on_delete=models.CASCADE,
        related_name="announcement",
    )
    status = models.CharField(
        max_length=20, choices=[(s.value, s.value.title()) for s in IssueStatus]
    )
    announced_at = models.DateTimeField()
    reminded_deadline = models.DateField(
        null=True, blank=True, help_text="The final deadline a reminder was last sent for."
    )

    class Meta:
        verbose_name = "call announcement"

    def __str__(self) -> str:
        return f"{self.page_id}: {self.status}"
