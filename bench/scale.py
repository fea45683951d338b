"""Item 5 (scale): do filtered listings stay within 2x of their 1,000-issue p95 at 10,000?

``python -m bench.run --postgres --scale`` seeds 1,000 issues, times four listings
(GraphQL, response cache off): open calls, open calls with a keyword, open calls
matching a search for one call and for a term every call contains, then grows the data
set to 10,000 issues and times them again. For each it prints the p95 ratio, the slowest
SQL statements at 10,000 and, on PostgreSQL, their plans; then it creates the candidate
indexes in the bench database only (never in the models or migrations), and times the
listings once more, so each suggestion comes with its measured effect.
"""

import argparse
import json
import time
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import measure
from bench.seed import seed

LISTINGS = {
    "open calls (status OPEN)": {"limit": 20},
    "keyword filter": {"keyword": "exosome 1", "limit": 20},
    # A reader looking for one call: the term matches the same few issues at any size.
    "search, one call": {"search": "123", "limit": 20},
    # A term every seeded issue contains (its quote block): the matches, and the total
    # the listing reports, grow with the data set.
    "search, every call": {"search": "exosome", "limit": 20},
}

# Candidate indexes, created with plain SQL in the bench database only.
# The keyword (UPPER), final-deadline and parent-path indexes are in the migrations now.
# Still tried, for the record: a partial index of the unpublished pages, which the
# "below no unpublished page" condition (visibility.py) looks up. Listings now run that
# condition once per journal, not per issue (``listed_publicly``), so it should change
# nothing; the same SQL on PostgreSQL and SQLite.
CANDIDATE_INDEXES = [
    "CREATE INDEX bench_page_unpublished_path ON wagtailcore_page (path) WHERE NOT live"
]


def _targets() -> list[measure.Target]:
    return [
        measure.Target(
            name,
            "GraphQL uncached",
            "/graphql/?" + urlencode({"id": "OpenCalls", "variables": json.dumps(variables)}),
        )
        for name, variables in LISTINGS.items()
    ]


def _analyze() -> None:
    # The database as autovacuum leaves it after a bulk load: statistics for the planner,
    # and the visibility map that lets index-only scans skip the table.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _slowest(target: measure.Target, count: int = 3) -> list[tuple[float, str]]:
    client = Client()
    client.get(target.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(target.url)
    ranked = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    return [(float(q["time"]) * 1000, q["sql"]) for q in ranked[:count]]


def _plan(sql: str) -> str:
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _measure(requests: int) -> list[measure.Target]:
    targets = _targets()
    measure.in_process(targets, requests, budget=30)
    return targets


def run_scale(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    first = seed(args.issues, args.journals)
    _analyze()
    print(f"seeded {first.issue_count} issues in {time.perf_counter() - started:.0f} s")
    small = _measure(args.requests)

    started = time.perf_counter()
    grown = seed(args.scale_issues - first.issue_count, args.journals)
    _analyze()
    print(
        f"grew to {grown.issue_count} issues in {time.perf_counter() - started:.0f} s "
        f"({', '.join(f'{k} {v:.0f} s' for k, v in grown.timings.items())})"
    )
    large = _measure(args.requests)
    before = {t.operation: _slowest(t) for t in large}
    plans = {t.operation: _plan(before[t.operation][0][1]) for t in large}

    vendor = connection.vendor
    with connection.cursor() as cursor:
        for statement in CANDIDATE_INDEXES:
            cursor.execute(statement)
    _analyze()
    indexed = _measure(args.requests)

    header = (
        f"{'listing':<26} {'q 1k':>5} {'p95 1k':>8} {'q 10k':>6} {'p95 10k':>8} "
        f"{'ratio':>6}  {'p95 10k+idx':>11} {'ratio':>6}  target <= 2x"
    )
    print(
        f"\nscale on {vendor}: {first.issue_count} -> {grown.issue_count} issues "
        f"(p95 in ms, in process, GraphQL uncached)"
    )
    print(header)
    print("-" * len(header))
    for a, b, c in zip(small, large, indexed, strict=True):
        ratio, with_index = b.p95 / a.p95, c.p95 / a.p95
        print(
            f"{a.operation:<26} {a.queries:>5} {a.p95:>8.1f} {b.queries:>6} {b.p95:>8.1f} "
            f"{ratio:>5.2f}x  {c.p95:>11.1f} {with_index:>5.2f}x  "
            f"{'holds' if ratio <= 2 else 'MISSES'}"
            f"{'' if ratio <= 2 else (' (holds with indexes)' if with_index <= 2 else '')}"
        )
    print("\nslowest SQL per listing at the large size (without / with the candidate indexes):")
    for target in indexed:
        print(f"\n== {target.operation}")
        for ms, sql in before[target.operation]:
            print(f"  {ms:7.1f} ms  {sql[:300]}")
        if plans[target.operation]:
            print("  plan of the slowest, without the indexes:")
            print("    " + plans[target.operation].replace("\n", "\n    ")[:4000])
        print("  with the candidate indexes:")
        for ms, sql in _slowest(target):
            print(f"  {ms:7.1f} ms  {sql[:160]}")
