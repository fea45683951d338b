"""Redis is frozen (SIGSTOP, as in a network partition) while an editor publishes, then
comes back with its old entries: the lost invalidation was recorded, and once it has been
applied the new title is served, never the old one.

The cache is configured as ``cms/settings/base.py`` builds it from ``REDIS_URL``
(django-redis with ``IGNORE_EXCEPTIONS``, one-second socket timeouts), pointing at a
throwaway ``redis-server``. See ``graphql_api/caching.py`` for the guarantee.
"""

import json
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from graphql_api import caching
from graphql_api.models import PendingInvalidation
from graphql_api.revalidation import worker_pass
from tests.factories import SpecialIssuePageFactory, publish

QUERY = 'query { specialIssue(slug: "exosomes") { title } }'
OLD, NEW = "Exosomes", "Exosomes, revised"


@pytest.fixture
def issue(journal):
    return publish(SpecialIssuePageFactory(parent=journal, title=OLD, slug="exosomes"))


def ask(client) -> tuple[str, int]:
    """(title served, SQL queries) for an anonymous frontend's query."""
    payload = json.dumps({"query": QUERY})
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", payload, content_type="application/json")
    return response.json()["data"]["specialIssue"]["title"], len(queries)


def publish_during_partition(client, issue, redis, capture_on_commit, caplog) -> None:
    ask(client)
    assert ask(client) == (OLD, 0), "the old title should be cached in Redis"
    redis.freeze()
    with caplog.at_level(logging.WARNING), capture_on_commit(execute=True):
        issue.title = NEW
        issue.save_revision().publish()
    pending = [r for r in caplog.records if "is pending" in r.getMessage()]
    assert pending and pending[0].levelno == logging.WARNING and pending[0].name == "graphql_api"
    assert PendingInvalidation.objects.count() == 1


def test_after_the_partition_the_worker_applies_the_lost_invalidation(
    client, issue, redis_cache, django_capture_on_commit_callbacks, caplog
):
    publish_during_partition(client, issue, redis_cache, django_capture_on_commit_callbacks, caplog)
    redis_cache.thaw()  # back, still holding the entry with the old title
    caching._cache_failed.clear()  # as in a process that did not touch Redis meanwhile

    applied, _delivered = worker_pass()
    assert applied == 1

    assert not PendingInvalidation.objects.exists()
    assert ask(client)[0] == NEW
    assert ask(client) == (NEW, 0), "cached again, with the new title"


def test_the_publishing_process_never_serves_the_old_title(
    client, issue, redis_cache, django_capture_on_commit_callbacks, caplog
):
    publish_during_partition(client, issue, redis_cache, django_capture_on_commit_callbacks, caplog)
    assert ask(client)[0] == NEW, "answered uncached during the partition"

    redis_cache.thaw()

    assert ask(client)[0] == NEW
    assert not PendingInvalidation.objects.exists(), "applied by the first read after it"
    assert ask(client) == (NEW, 0)
