"""The webhook outbox (revalidation notices owed to the frontend, until delivered) and
the cache invalidations owed to an unreachable response cache, until applied."""

from django.db import models
from django.utils import timezone


class WebhookDelivery(models.Model):
    """One POST owed to one frontend endpoint, retried with backoff until it succeeds.

    Rows are written in the same moment the content change commits, so a notice is never
    lost if the receiver (or this process) is down; ``manage.py deliver_webhooks`` sends
    them. Staff see them under Settings → Webhook deliveries.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    endpoint = models.URLField(max_length=500)
    event = models.CharField(max_length=50)
    payload = models.JSONField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx")]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint} ({self.get_status_display()})"


class PendingInvalidation(models.Model):
    """Cache tags whose invalidation could not reach the response cache (Redis away).

    Written after the publishing transaction committed, when bumping the tags failed; the
    ``deliver_webhooks`` worker (every pass) and any process that noticed the outage apply
    it once the cache answers again, then delete the row (see ``graphql_api.caching``).
    Editors never see it; a row older than a few seconds means the cache is still away.
    """

    tags = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "pending cache invalidation"
        verbose_name_plural = "pending cache invalidations"

    def __str__(self) -> str:
        return f"{len(self.tags)} tags pending since {self.created_at:%Y-%m-%d %H:%M:%S}"
