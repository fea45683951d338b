"""Revalidation webhooks: signed, durable, retried until the frontend has them."""

import datetime as dt
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.utils import timezone

from graphql_api.models import WebhookDelivery
from graphql_api.revalidation import deliver_due, verify
from tests.factories import ReusableContentFactory, SpecialIssuePageFactory, publish

SECRET = "s" * 40


class Receiver:
    """A frontend's revalidation endpoint on 127.0.0.1, recording what it is sent."""

    def __init__(self, status: int = 200):
        self.requests: list[dict] = []
        self.status = status
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/revalidate"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def free_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/revalidate"


@pytest.fixture
def receiver(settings):
    server = Receiver()
    settings.GRAPHQL_API = {
        **settings.GRAPHQL_API,
        "REVALIDATION_WEBHOOKS": [{"url": server.url, "secret": SECRET}],
    }
    yield server
    server.close()


def publish_issue(journal, capture, **fields):
    with capture(execute=True):
        return publish(SpecialIssuePageFactory(parent=journal, **fields))


def test_publishing_an_issue_queues_one_notice_naming_its_path(
    receiver, journal, django_capture_on_commit_callbacks
):
    issue = publish_issue(
        journal, django_capture_on_commit_callbacks, title="Exosomes", slug="exosomes"
    )

    [delivery] = WebhookDelivery.objects.filter(event="published")
    assert delivery.endpoint == receiver.url
    assert delivery.payload["paths"] == ["/cdr/exosomes/"]
    assert {"id": issue.pk, "path": "/cdr/exosomes/", "kind": "special_issue"} in (
        delivery.payload["pages"]
    )


def test_a_notice_is_posted_signed_and_marked_delivered(
    receiver, journal, django_capture_on_commit_callbacks
):
    publish_issue(journal, django_capture_on_commit_callbacks, title="Exosomes", slug="exosomes")

    assert deliver_due() >= 1

    request = receiver.requests[-1]
    headers = {key.lower(): value for key, value in request["headers"].items()}
    assert verify(
        SECRET, headers["x-webhook-timestamp"], request["body"], headers["x-webhook-signature"]
    )
    assert not verify(
        "wrong" * 8, headers["x-webhook-timestamp"], request["body"], headers["x-webhook-signature"]
    )
    assert json.loads(request["body"])["paths"] == ["/cdr/exosomes/"]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_a_receiver_that_is_down_gets_the_notice_later(
    settings, journal, django_capture_on_commit_callbacks
):
    url = free_port_url()  # nothing listens there yet
    settings.GRAPHQL_API = {
        **settings.GRAPHQL_API,
        "REVALIDATION_WEBHOOKS": [{"url": url, "secret": SECRET}],
    }
    publish_issue(journal, django_capture_on_commit_callbacks, title="Exosomes", slug="exosomes")

    deliver_due()
    delivery = WebhookDelivery.objects.get(event="published")
    assert delivery.status == "pending"
    assert delivery.attempts == 1
    assert delivery.last_error
    assert delivery.next_attempt_at > timezone.now()
    assert deliver_due() == 0, "not retried before its backoff has passed"

    port = int(url.rsplit(":", 1)[1].split("/")[0])
    server = Receiver()
    server.server.server_close()
    server.server = type(server.server)(("127.0.0.1", port), server.server.RequestHandlerClass)
    threading.Thread(target=server.server.serve_forever, daemon=True).start()
    try:
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
            deliver_due()
    finally:
        server.close()

    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempts == 2
    assert len(server.requests) == 1


def test_a_receiver_answering_errors_is_retried_then_given_up(
    settings, journal, django_capture_on_commit_callbacks
):
    server = Receiver(status=503)
    settings.GRAPHQL_API = {
        **settings.GRAPHQL_API,
        "REVALIDATION_WEBHOOKS": [{"url": server.url, "secret": SECRET}],
        "WEBHOOK_MAX_ATTEMPTS": 2,
    }
    try:
        publish_issue(journal, django_capture_on_commit_callbacks, title="X", slug="x")
        deliver_due()
        with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
            deliver_due()
    finally:
        server.close()

    delivery = WebhookDelivery.objects.get(event="published")
    assert delivery.status == "failed"
    assert delivery.last_status_code == 503
    assert len(server.requests) == 2


def test_a_snippet_change_names_every_issue_that_uses_it(
    receiver, journal, django_capture_on_commit_callbacks
):
    snippet = ReusableContentFactory()
    snippet.save_revision().publish()
    slugs = ["a", "b", "c"]
    for slug in slugs:
        publish_issue(
            journal,
            django_capture_on_commit_callbacks,
            title=slug,
            slug=slug,
            body=[("reusable_content", {"content": snippet})],
        )
    publish_issue(journal, django_capture_on_commit_callbacks, title="none", slug="none")
    WebhookDelivery.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        snippet.heading = "New heading"
        snippet.save_revision().publish()

    [delivery] = WebhookDelivery.objects.all()
    assert delivery.event == "snippet-published"
    assert delivery.payload["paths"] == ["/cdr/a/", "/cdr/b/", "/cdr/c/"]


def test_staff_see_deliveries_in_the_admin(
    admin_client, receiver, journal, django_capture_on_commit_callbacks
):
    publish_issue(journal, django_capture_on_commit_callbacks, title="Exosomes", slug="exosomes")

    response = admin_client.get("/admin/webhook_deliveries/")

    assert response.status_code == 200
    assert receiver.url in response.content.decode()
    assert admin_client.get("/admin/webhook_deliveries/new/").status_code in (302, 403)
