"""Frontend revalidation webhooks: signed JSON notices naming every affected page.

On ``content_changed`` (publish, unpublish, move, delete of journals and issues; saving a
person; publishing reusable content; a call's status changing with the clock) one
``WebhookDelivery`` row per configured endpoint is written. ``deliver_due()`` (run by
``manage.py deliver_webhooks``, from cron or with ``--loop``) POSTs them:

    POST <endpoint>
    Content-Type: application/json
    X-Webhook-Id: <delivery id>
    X-Webhook-Timestamp: <unix seconds>
    X-Webhook-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>

    {"event": "published", "occurredAt": "…", "paths": ["/cdr/exosomes/"],
     "pages": [{"id": 12, "path": "/cdr/exosomes/", "kind": "special_issue"}],
     "tags": ["snippet:3"]}

A 2xx answer marks the delivery done; anything else (or no answer) is retried after
30 s, 1 min, 2 min … (doubling, at most an hour), up to ``WEBHOOK_MAX_ATTEMPTS``.

Each pass of the worker (``worker_pass``) first applies the response-cache invalidations
left pending while Redis was unreachable (``caching.apply_pending``), so a frontend told to
revalidate does not fetch an answer from before the change.
"""

import datetime as dt
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from graphql_api.caching import apply_pending
from graphql_api.conf import get_setting
from graphql_api.models import WebhookDelivery
from special_issues.signals import content_changed

logger = logging.getLogger("graphql_api.webhooks")


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, tolerance: int = 300) -> bool:
    """How a receiver checks a notice: a valid signature on a recent timestamp."""
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


@receiver(content_changed)
def enqueue(sender, pages, tags=(), reason="changed", **kwargs) -> None:
    endpoints = get_setting("REVALIDATION_WEBHOOKS")
    if not endpoints:
        return
    payload = {
        "event": reason,
        "occurredAt": timezone.now().isoformat(),
        "paths": sorted({page.path for page in pages if page.path}),
        "pages": [{"id": page.id, "path": page.path, "kind": page.kind} for page in pages],
        "tags": list(tags),
    }
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(endpoint=endpoint["url"], event=reason, payload=payload)
            for endpoint in endpoints
        ]
    )


def _secret_for(url: str) -> str:
    for endpoint in get_setting("REVALIDATION_WEBHOOKS"):
        if endpoint["url"] == url:
            return endpoint["secret"]
    return ""


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def send(delivery: WebhookDelivery) -> None:
    """Try one delivery now and record the outcome."""
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - endpoints are configured by the operator
        delivery.endpoint,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "special-issues-cms-webhooks/1",
            "X-Webhook-Id": str(delivery.pk),
            "X-Webhook-Timestamp": timestamp,
            "X-Webhook-Signature": sign(_secret_for(delivery.endpoint), timestamp, body),
        },
    )
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(request, timeout=get_setting("WEBHOOK_TIMEOUT")) as answer:  # noqa: S310
            delivery.last_status_code = answer.status
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.last_error = ""
    except urllib.error.HTTPError as error:
        delivery.last_status_code = error.code
        delivery.last_error = f"HTTP {error.code}"
    except (urllib.error.URLError, OSError) as error:
        delivery.last_error = str(getattr(error, "reason", error))[:500]
    if delivery.status != WebhookDelivery.Status.DELIVERED:
        if delivery.attempts >= get_setting("WEBHOOK_MAX_ATTEMPTS"):
            delivery.status = WebhookDelivery.Status.FAILED
            logger.error("Webhook %s to %s failed for good.", delivery.pk, delivery.endpoint)
        else:
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
            logger.warning(
                "Webhook %s to %s failed (%s); retrying at %s.",
                delivery.pk,
                delivery.endpoint,
                delivery.last_error,
                delivery.next_attempt_at.isoformat(),
            )
    delivery.save()


def deliver_due(limit: int = 100) -> int:
    """Send every delivery that is due; return how many were attempted.

    Each delivery is claimed in its own transaction with ``SELECT … FOR UPDATE SKIP
    LOCKED`` (on PostgreSQL), so several workers never send the same notice twice.
    """
    attempted = 0
    while attempted < limit:
        with transaction.atomic():
            due = WebhookDelivery.objects.filter(
                status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now()
            ).order_by("next_attempt_at", "pk")
            delivery = due.select_for_update(skip_locked=True).first()
            if delivery is None:
                break
            send(delivery)
        attempted += 1
    return attempted


def worker_pass() -> tuple[int | None, int]:
    """One pass of ``manage.py deliver_webhooks``: (cache invalidations applied, or None
    while the cache is still unreachable; webhook deliveries attempted).

    Pending invalidations go first: the frontends revalidate on the notice, and must not
    be answered from a cache that still holds the content from before the change.
    """
    applied = apply_pending()
    return applied, deliver_due()
