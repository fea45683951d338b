"""``make bench``: seed a large data set, then measure GraphQL against its baselines.

    python -m bench.run [--postgres] [--issues 1000] [--requests 50] [--duration 10]
    python -m bench.run --postgres --scale     # item 5: 1,000 → 10,000 issues

For the issue page and the open-calls listing (limit 20 and 100) it measures, side by
side in one run: our GraphQL with the response cache off and on (persisted GET
``/graphql/?id=…``), Wagtail's REST API v2 over the same pages, and the floor (a
hand-written Django view with the same answer, ``bench/floor_view.py``) — SQL queries
per request, p50/p95 latency in process, and requests/s under gunicorn with wrk. It
prints one table with ratios to the floor, then whether each target holds.

SQLite runs in a temporary file (a migrated copy is kept in the temp directory to skip
the migrations next time); ``--postgres`` creates and finally drops the database
``special_issues_bench`` on the local server.
"""

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "special_issues_bench"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="run on the local PostgreSQL")
    parser.add_argument("--issues", type=int, default=1000)
    parser.add_argument("--journals", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="timed requests per target")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--no-load", action="store_true", help="skip gunicorn + wrk")
    parser.add_argument("--profile", action="store_true", help="pyinstrument the GraphQL views")
    parser.add_argument(
        "--scale", action="store_true", help="only item 5: p95 at 1,000 vs 10,000 issues"
    )
    parser.add_argument("--scale-issues", type=int, default=10_000)
    return parser.parse_args()


def _postgres(action: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        if action == "create":
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def _migration_key() -> str:
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    for key, migration in sorted(MigrationLoader(None).disk_migrations.items()):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    return digest.hexdigest()[:16]


def _migrate(sqlite_path: Path | None) -> str:
    """Migrate the empty database (SQLite: from a cached migrated copy when there is one)."""
    from django.core.management import call_command

    template = None
    if sqlite_path is not None:
        cache_dir = Path(tempfile.gettempdir()) / "special-issues-bench-cache"
        cache_dir.mkdir(exist_ok=True)
        template = cache_dir / f"migrated-{_migration_key()}.sqlite3"
        if template.exists():
            shutil.copy(template, sqlite_path)
            return "copied a migrated template"
    call_command("migrate", verbosity=0, interactive=False)
    if template is not None:
        from django.db import connection

        connection.close()
        shutil.copy(sqlite_path, template)
    return "migrated"


def _targets(seeded, rest_fields: tuple[str, str], redis: bool):
    from bench.measure import Target
    from special_issues.models import SpecialIssuePage

    slug = seeded.sample_issue_slug
    issue_id = SpecialIssuePage.objects.get(slug=slug).pk
    issue_fields, card_fields = rest_fields

    def graphql(name: str, variables: dict) -> str:
        return "/graphql/?" + urlencode({"id": name, "variables": json.dumps(variables)})

    operations = {
        "issue page": (
            graphql("IssuePage", {"slug": slug}),
            f"/api/v2/pages/{issue_id}/?"
            + urlencode({"fields": issue_fields, "rich_text_format": "html"}),
            f"/bench/floor/issue/{slug}/",
        ),
    }
    for limit in (20, 100):
        operations[f"open calls {limit}"] = (
            graphql("OpenCalls", {"limit": limit}),
            "/api/v2/pages/?"
            + urlencode(
                {"type": "special_issues.SpecialIssuePage", "fields": card_fields, "limit": limit}
            ),
            f"/bench/floor/open-calls/?limit={limit}",
        )
    targets = []
    for operation, (gql, rest, floor) in operations.items():
        constant = floor.replace("/bench/floor/", "/bench/floor-constant/")
        targets += [
            Target(operation, "GraphQL uncached", gql),
            Target(operation, "GraphQL cached", gql, cache="locmem"),
            *([Target(operation, "GraphQL cached Redis", gql, cache="redis")] if redis else []),
            Target(operation, "REST API v2", rest),
            Target(operation, "floor", floor),
            Target(operation, "floor constant", constant, cache="locmem"),
        ]
    return targets


def _same_answers(targets) -> list[str]:
    """The floor must answer exactly as GraphQL does, or the comparison means nothing."""
    from django.test import Client

    client, problems = Client(), []
    by_key = {(t.operation, t.variant): t for t in targets}
    for operation in dict.fromkeys(t.operation for t in targets):
        graphql = json.loads(client.get(by_key[operation, "GraphQL uncached"].url).content)
        floor = json.loads(client.get(by_key[operation, "floor"].url).content)
        if graphql != floor:
            problems.append(f"{operation}: the floor view's answer differs from GraphQL's")
    return problems


def _revision() -> str:
    """The commit measured, and whether the working tree differs from it."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"{git('rev-parse', '--short', 'HEAD')}{' + uncommitted changes' if dirty else ''}"


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_timeout=1).ping())
    except redis.RedisError:
        return False


def bench_environment(workdir: Path, database_url: str) -> None:
    """Point the bench settings (``cms/settings/bench.py``) at ``workdir`` and the database,
    before Django starts. Redis is used only where a target asks for it."""
    os.environ["BENCH_TMP"] = str(workdir)
    os.environ["BENCH_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["BENCH_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.bench"
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))


def main() -> int:
    args = _arguments()
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="special-issues-bench-"))
    sqlite_path = None
    if args.postgres:
        _postgres("create")
        bench_environment(workdir, f"{PG_SERVER}/{PG_DATABASE}")
    else:
        sqlite_path = workdir / "bench.sqlite3"
        bench_environment(workdir, f"sqlite:///{sqlite_path}")

    import django

    django.setup()
    from django.db import connection, connections

    try:
        phase = time.perf_counter()
        how = _migrate(sqlite_path)
        print(f"code: {_revision()}")
        print(f"database: {connection.vendor}, {how} in {time.perf_counter() - phase:.0f} s")
        if args.scale:
            from bench.scale import run_scale

            run_scale(args)
        else:
            _benchmark(args)
    finally:
        connections.close_all()
        if args.postgres:
            _postgres("drop")
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nwall time of the run: {time.perf_counter() - started:.0f} s")
    return 0


def _benchmark(args: argparse.Namespace) -> None:
    from bench import measure, report
    from bench.rest_api import CARD_FIELDS, ISSUE_FIELDS
    from bench.seed import seed

    phase = time.perf_counter()
    seeded = seed(args.issues, args.journals)
    timings = ", ".join(f"{k} {v:.0f} s" for k, v in seeded.timings.items())
    print(
        f"seeded {seeded.issue_count} issues in {args.journals} journals "
        f"in {time.perf_counter() - phase:.0f} s ({timings})"
    )
    targets = _targets(seeded, (ISSUE_FIELDS, CARD_FIELDS), redis=_redis_available())
    problems = _same_answers(targets)
    for problem in problems:
        print("WARNING:", problem)
    if not problems:
        print("the floor views answer exactly as GraphQL does (checked for every operation)")

    phase = time.perf_counter()
    load_before = os.getloadavg()
    measure.in_process(targets, args.requests)
    print(f"in process: {args.requests} requests per target in {time.perf_counter() - phase:.0f} s")
    if args.no_load or not measure.wrk_available():
        print("requests/s skipped: " + ("--no-load" if args.no_load else "wrk is not installed"))
    else:
        phase = time.perf_counter()
        measure.under_load(targets, args.duration)
        print(
            f"under load: wrk -t2 -c8 -d{args.duration}s per URL, gunicorn 2 workers, "
            f"in {time.perf_counter() - phase:.0f} s"
        )
    load_after = os.getloadavg()
    print(
        f"load average (1 min) before/after measuring: {load_before[0]:.1f} / "
        f"{load_after[0]:.1f} on {os.cpu_count()} CPUs (other processes share them)\n"
    )
    report.print_table(targets)
    report.print_targets(targets)
    if args.profile:
        report.profile(targets)


if __name__ == "__main__":
    sys.exit(main())
