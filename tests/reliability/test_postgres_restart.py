"""PostgreSQL restarts under the running app: clients get 503 + Retry-After meanwhile, and
the app recovers on its own, without being restarted.

The app runs with production settings and persistent connections (one thread, one
connection, ``DB_CONN_MAX_AGE=60``), so after the restart it holds a stale connection
that ``CONN_HEALTH_CHECKS`` must replace.
"""

import itertools
import json

from tests.reliability.conftest import DemoDatabase
from tests.reliability.servers import AppServer, PostgresServer, poll_until

SEED_QUERY = """query Seed($slug: String!) {
  specialIssue(slug: $slug) { title journal { title } }
}"""
SEED_ANSWER = {
    "data": {
        "specialIssue": {
            "title": "Extracellular Vesicles: Emerging Modulators of Cancer Drug Resistance",
            "journal": {"title": "Cancer Drug Resistance"},
        }
    }
}
LEAK_MARKERS = ("Traceback", 'File "', "SELECT", "psycopg", "connection", "127.0.0.1")
attempts = itertools.count(1)


def ask_uncached(app: AppServer, slug: str) -> tuple[int, dict[str, str], bytes]:
    """The seed issue, in a query text no earlier request used (so no cached answer)."""
    return app.post(f"# attempt {next(attempts)}\n{SEED_QUERY}", {"slug": slug})


def test_requests_during_a_restart_get_503_and_the_app_recovers_on_its_own(
    throwaway_postgres: PostgresServer, demo_database: DemoDatabase, demo_app: AppServer
):
    slug = demo_database.variables["IssuePage"]["slug"]
    status, _, body = demo_app.post(SEED_QUERY, {"slug": slug})
    assert (status, json.loads(body)) == (200, SEED_ANSWER)
    pid = demo_app.process.pid

    throwaway_postgres.stop("fast")
    try:
        during = [ask_uncached(demo_app, slug) for _ in range(3)]
        cached = demo_app.post(SEED_QUERY, {"slug": slug})
    finally:
        throwaway_postgres.start()

    for status, headers, raw in during:
        assert status == 503, raw
        assert headers["Retry-After"] == "5"
        assert "no-store" in headers["Cache-Control"]
        text = raw.decode()
        for marker in LEAK_MARKERS:
            assert marker not in text
        [error] = json.loads(text)["errors"]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert error["extensions"]["requestId"] in error["message"]
    # What was cached before the outage is still served (it needs no database).
    assert (cached[0], json.loads(cached[2])) == (200, SEED_ANSWER)

    def recovered() -> bool:
        status, _, raw = ask_uncached(demo_app, slug)
        return status == 200 and json.loads(raw) == SEED_ANSWER

    poll_until(recovered, timeout=30, interval=0.2, what="the app answering after the restart")
    assert demo_app.process.poll() is None
    assert demo_app.process.pid == pid
