"""How fast abusive queries are refused (issue 5: "HTTP 400, zero SQL, under 50 ms").

    python -m bench.limits [--repeat 50]

Sends each abusive query of ``tests/graphql_api/test_limits.py`` (26 levels of
``parent``, 30 aliases of ``pages(limit: 100)``, nested ``children`` lists, oversized
queries) to ``/graphql/`` in process, anonymously, and prints the median and p95 time
to the 400 answer. The tests assert the code, the 400 and that no SQL runs; the time is
a figure to read here, not a timed test (the machine is shared and noisy).

The database is an empty in-memory SQLite without tables: a rejection that touched it
would fail loudly instead of being timed.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="timed requests per query")
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    import django

    django.setup()
    # Each 400 is logged as a warning by Django; the table is the output here.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from tests.graphql_api.test_limits import ABUSIVE

    setup_test_environment()
    client = Client()

    def send(query: str) -> tuple[int, dict]:
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
        return response.status_code, response.json()

    send("{ __typename }")  # builds the schema, as the first request of a process does
    print(f"{'abusive query':34} {'code':20} {'status':>6} {'SQL':>4} {'p50 ms':>8} {'p95 ms':>8}")
    slowest_p50 = slowest_p95 = 0.0
    for param in ABUSIVE:
        query, code = param.values
        times = []
        with CaptureQueriesContext(connection) as queries:
            for _ in range(options.repeat):
                started = time.perf_counter()
                status, body = send(query)
                times.append((time.perf_counter() - started) * 1000)
        answered = body["errors"][0]["extensions"]["code"]
        if status != 400 or answered != code:
            print(f"{param.id}: expected 400 {code}, got {status} {answered}", file=sys.stderr)
            return 1
        times.sort()
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        slowest_p50, slowest_p95 = max(slowest_p50, p50), max(slowest_p95, p95)
        sql = len(queries) // options.repeat
        print(f"{param.id:34} {code:20} {status:>6} {sql:>4} {p50:>8.2f} {p95:>8.2f}")
    verdict = "holds" if slowest_p50 < TARGET_MS else "MISSES"
    print(
        f"\nslowest median {slowest_p50:.2f} ms (slowest p95 {slowest_p95:.2f} ms): "
        f"target < {TARGET_MS:.0f} ms {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
