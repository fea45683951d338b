"""``make loadtest``: the contract's operations under load while an editor publishes.

    python -m bench.loadtest [--seconds 60] [--clients 8] [--every 3] [--json report.json]

gunicorn (``deploy/gunicorn.conf.py``, 2 sync workers, ``cms.settings.bench``: response
cache on, rate limit off) serves a fresh PostgreSQL database with the migrations and
``manage.py load_demo``, and the shared Redis (``LOADTEST_REDIS_URL``, default db 14) as
its cache. Client threads send the persisted operations for ``--seconds``
(``LOADTEST_SECONDS``, default 60) on the loopback: GETs by name or hash and POSTs with
the full text. Meanwhile ``bench/loadtest_editor.py``, another process, publishes the
seed issue's title and a marketing snippet's heading every ``--every`` seconds.

It checks every answer: HTTP 200, no GraphQL ``errors``, no null root field. And
freshness: a request that started after publish *n* had returned (committed, cache
invalidated) must show value *n* or a newer one, wherever the value appears in the
answer. It prints a short report and exits 1 on any error or stale answer.

The database ``special_issues_loadtest_<pid>`` is created on ``LOADTEST_POSTGRES_URL``
(default ``postgres://postgres@127.0.0.1:5432``) and dropped at the end. The migrated
database, and the one with the demo loaded, are kept as ``pg_dump`` files in the temp
directory (keyed by the migrations; by the apps' code and the day), so that later runs
restore them in seconds instead of migrating (a minute on a busy machine). The Redis db
is flushed before and after; runs in parallel only cost each other cache misses
(answers are keyed by host and port, and every run has its own port).
"""

import argparse
import bisect
import contextlib
import fcntl
import hashlib
import http.client
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PG_SERVER = os.environ.get("LOADTEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/14")
MARKS = {"title": re.compile(r" \[T(\d+)\]"), "snippet": re.compile(r" \[S(\d+)\]")}


@dataclass(frozen=True)
class Call:
    """One request the clients send, and the changing values its answer shows."""

    name: str
    method: str
    path: str
    body: bytes | None = None
    tracks: frozenset[str] = frozenset()


@dataclass
class Sample:
    """One answer: when its request started and ended, and what it showed."""

    call: Call
    started: float
    ended: float
    error: str = ""
    seen: dict[str, int] = field(default_factory=dict)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_seconds = float(os.environ.get("LOADTEST_SECONDS", "60"))
    parser.add_argument("--seconds", type=float, default=default_seconds, help="load duration")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--every", type=float, default=3.0, help="seconds between publishes")
    parser.add_argument("--json", type=Path, help="also write the report to this file")
    return parser.parse_args()


# --- database and cache ------------------------------------------------------------------


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _code_keys() -> tuple[str, str]:
    """Keys of the kept dumps: the migrations; and the code and day ``load_demo`` ran on."""
    from bench.run import _migration_key

    schema = _migration_key()
    # The demo's dates count from the day it is loaded; its rows depend on the apps' code.
    digest = hashlib.sha256(schema.encode())
    digest.update(time.strftime("%Y-%m-%d").encode())
    for app in ("special_issues", "graphql_api", "cms"):
        for path in sorted((ROOT / app).rglob("*.py")):
            digest.update(path.read_bytes())
    return schema, digest.hexdigest()[:16]


def _database(url: str) -> str:
    """Migrate and load the demo, or restore the dump of that an earlier run kept."""
    from django.core.management import call_command
    from django.db import connections

    def migrate() -> None:
        call_command("migrate", interactive=False, verbosity=0)
        connections.close_all()

    def load_demo() -> None:
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        connections.close_all()

    pg_dump, pg_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
    if not (pg_dump and pg_restore):
        migrate()
        load_demo()
        return "migrated, loaded the demo (no pg_dump here to keep a copy)"

    def keep(dump: Path) -> None:
        partial = dump.with_suffix(f".{os.getpid()}.partial")
        command = [pg_dump, "--format=custom", "--no-owner", f"--file={partial}", url]
        subprocess.run(command, check=True)  # noqa: S603
        partial.rename(dump)

    def restore(dump: Path) -> None:
        command = [pg_restore, "--no-owner", "--single-transaction", "--exit-on-error"]
        subprocess.run([*command, "-d", url, dump], check=True)  # noqa: S603

    cache_dir = Path(tempfile.gettempdir()) / "special-issues-loadtest-cache"
    cache_dir.mkdir(exist_ok=True)
    schema_key, demo_key = _code_keys()
    schema, demo = cache_dir / f"migrated-{schema_key}.dump", cache_dir / f"demo-{demo_key}.dump"
    with (cache_dir / "lock").open("w") as lock:
        # Parallel runs do the work once; the others wait for the dump.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not demo.exists():
            if schema.exists():
                restore(schema)
                how = "restored the migrated schema of an earlier run, loaded the demo"
            else:
                migrate()
                keep(schema)
                how = "migrated, loaded the demo"
            load_demo()
            keep(demo)
            for old in cache_dir.glob("demo-*.dump"):
                if old != demo and time.time() - old.stat().st_mtime > 86400:
                    old.unlink(missing_ok=True)
            return how + " (dumps kept for the next run)"
    restore(demo)
    return "restored migrate + load_demo of an earlier run (same code, same day)"


def _facts() -> dict:
    """The slugs, titles and ids of the demo that the load test needs."""
    from django.db import connections

    from special_issues.change_tracking import issues_placing
    from special_issues.demo_content import APC_WAIVER, SEED_ISSUE_SLUG
    from special_issues.models import ReusableContent, SpecialIssuePage

    seed = SpecialIssuePage.objects.get(slug=SEED_ISSUE_SLUG)
    snippet = ReusableContent.objects.get(name=APC_WAIVER)
    placing = sorted(page.slug for page in issues_placing(snippet) if page.live)
    facts = {
        "seed_slug": seed.slug,
        "seed_title": seed.title,
        "journal_slug": seed.get_parent().slug,
        "person_id": str(seed.guest_editors.first().person_id),
        "snippet_name": snippet.name,
        "snippet_heading": snippet.heading,
        "snippet_issue_slug": placing[0],
    }
    connections.close_all()
    return facts


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()


# --- servers -------------------------------------------------------------------------------


def _child_env(url: str, workdir: Path) -> dict[str, str]:
    drop = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "BENCH_DATABASE_URL"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
        "BENCH_DATABASE_URL": url,
        "BENCH_RESPONSE_CACHE": "1",
        "BENCH_MEDIA_ROOT": str(workdir / "media"),
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _request(port: int, call: Call, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Accept": "application/json"}
        if call.body is not None:
            headers["Content-Type"] = "application/json"
        conn.request(call.method, call.path, body=call.body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def _stopping(
    process: subprocess.Popen, name: str, stop_signal: int = signal.SIGTERM
) -> Iterator[subprocess.Popen]:
    try:
        yield process
    finally:
        process.send_signal(stop_signal)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print(f"{name} did not stop within 30 s: killed", file=sys.stderr)
            process.kill()
            process.wait()


@contextlib.contextmanager
def _gunicorn(env: dict, workers: int, log: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """gunicorn with deploy/gunicorn.conf.py on a free loopback port (still booting)."""
    port = _free_port()
    env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": "1",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_MAX_REQUESTS": "0",  # a restart mid-run would look like a stall
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        *("-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "cms.wsgi:application"),
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)  # noqa: S603
    # SIGINT: gunicorn's quick shutdown. After SIGTERM (graceful) an idle sync worker
    # sleeps out its select() timeout, 15 s, before it exits.
    with _stopping(process, "gunicorn", signal.SIGINT):
        yield process, port


def _wait_until_serving(process: subprocess.Popen, port: int, probe: Call, log: Path) -> None:
    deadline = time.monotonic() + 90
    while True:
        with contextlib.suppress(OSError, http.client.HTTPException):
            if _request(port, probe)[0] == 200:
                return
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


def _editor(env: dict, every: float, log: Path) -> subprocess.Popen:
    """Start the editor process: it waits for "<issue slug><TAB><snippet name>" on stdin."""
    command = [sys.executable, "-m", "bench.loadtest_editor", f"--every={every}", f"--log={log}"]
    return subprocess.Popen(  # noqa: S603
        command, env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def _wait_ready(editor: subprocess.Popen) -> None:
    line = editor.stdout.readline().strip()
    if line != "ready":
        raise RuntimeError(f"the editor process did not start (it said {line!r})")


# --- the load ------------------------------------------------------------------------------


def _calls(facts: dict) -> list[Call]:
    """The contract's operations (all but the preview, which needs an editor's token)."""
    manifest = json.loads((ROOT / "frontend_contract" / "persisted-operations.json").read_text())
    operations = {
        entry["name"]: (sha, entry["document"]) for sha, entry in manifest["operations"].items()
    }

    def get(name: str, variables: dict, by_hash: bool = False) -> Call:
        query = {"id": operations[name][0] if by_hash else name, "variables": json.dumps(variables)}
        label = f"GET {name}{' (hash)' if by_hash else ''} {next(iter(variables.values()), '')}"
        return Call(label.strip(), "GET", "/graphql/?" + urlencode(query))

    def post(name: str, variables: dict) -> Call:
        body = {"query": operations[name][1], "variables": variables, "operationName": name}
        label = f"POST {name} {next(iter(variables.values()), '')}"
        return Call(label.strip(), "POST", "/graphql/", json.dumps(body).encode())

    seed, other = {"slug": facts["seed_slug"]}, {"slug": facts["snippet_issue_slug"]}
    journal = {"slug": facts["journal_slug"]}
    title, snippet = frozenset({"title"}), frozenset({"snippet"})
    return [
        replace(get("IssuePage", seed), tracks=title),
        replace(post("IssuePage", seed), tracks=title),
        replace(get("IssuePage", other, by_hash=True), tracks=snippet),
        replace(post("IssuePage", other), tracks=snippet),
        get("PersonPage", {"id": facts["person_id"]}),
        get("JournalPage", journal),
        post("JournalPage", journal),
        get("OpenCalls", {"limit": 20}),
        post("OpenCalls", {"limit": 50}),
        get("Journals", {}),
    ]


def _check(call: Call, status: int, body: bytes, bases: dict[str, str]) -> tuple[str, dict]:
    """(error, {kind: oldest version shown}) of one answer."""
    if status != 200:
        return f"HTTP {status}: {body[:200]!r}", {}
    try:
        payload = json.loads(body)
    except ValueError:
        return f"not JSON: {body[:200]!r}", {}
    if payload.get("errors"):
        codes = sorted({str((e.get("extensions") or {}).get("code")) for e in payload["errors"]})
        return f"GraphQL errors {', '.join(codes)}: {payload['errors'][0].get('message')}", {}
    data = payload.get("data")
    if not isinstance(data, dict) or any(value is None for value in data.values()):
        return f"null data: {body[:200]!r}", {}
    text, seen = body.decode(), {}
    for kind in call.tracks:
        versions = []
        for match in re.finditer(re.escape(bases[kind]), text):
            mark = MARKS[kind].match(text, match.end())
            versions.append(int(mark.group(1)) if mark else 0)
        if not versions:
            return f"the {kind} is missing from the answer", {}
        seen[kind] = min(versions)  # the oldest place it appears
    return "", seen


def _client(port: int, calls: list[Call], bases: dict, stop_at: float, out: list, seed: int):
    chooser = random.Random(seed)  # noqa: S311 - picks requests, not secrets
    while time.monotonic() < stop_at:
        call = chooser.choice(calls)
        started = time.monotonic()
        try:
            status, body = _request(port, call)
            error, seen = _check(call, status, body, bases)
        except Exception as exc:  # noqa: BLE001 - every failure is an error of the run
            error, seen = f"{type(exc).__name__}: {exc}", {}
        out.append(Sample(call, started, time.monotonic(), error, seen))


def _tracking(port: int, calls: list[Call], bases: dict) -> list[Call]:
    """Each call, told which of the changing values its answer shows (found by asking):
    the issue pages must show theirs; others that show one (the person's page lists the
    seed issue) are checked too."""
    tracked = []
    for call in calls:
        status, body = _request(port, call, timeout=90)
        error, _ = _check(call, status, body, bases)
        shows = frozenset(kind for kind, base in bases.items() if base in body.decode())
        if error or not call.tracks <= shows:
            raise RuntimeError(f"{call.name} before the load: {error or 'a value is missing'}")
        tracked.append(replace(call, tracks=shows))
    return tracked


def _load(port: int, calls: list[Call], bases: dict, seconds: float, clients: int) -> list[Sample]:
    samples: list[Sample] = []  # list.append is atomic: the threads share it
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(port, calls, bases, stop_at, samples, seed))
        for seed in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


# --- the verdict ---------------------------------------------------------------------------


def _percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def _analyse(samples: list[Sample], publishes: list[dict]) -> dict:
    """Errors, and answers staler than the last publish that returned before they started."""
    done, started, numbers = {}, {}, {}
    for kind in MARKS:
        mine = sorted((p for p in publishes if p["kind"] == kind), key=lambda p: p["n"])
        done[kind] = [p["done"] for p in mine]  # one editor, one publish at a time: sorted
        started[kind] = [p["started"] for p in mine]
        numbers[kind] = [p["n"] for p in mine]
    stale, impossible, checked = [], [], 0
    for sample in samples:
        for kind, shown in sample.seen.items():
            returned = bisect.bisect_left(done[kind], sample.started)
            required = numbers[kind][returned - 1] if returned else 0
            begun = bisect.bisect_left(started[kind], sample.ended)
            possible = numbers[kind][begun - 1] if begun else 0
            checked += bool(required)
            if shown < required:
                lag = sample.started - done[kind][returned - 1]
                stale.append(
                    f"{sample.call.name}: {kind} {shown} shown, {required} was published "
                    f"{lag * 1000:.0f} ms before the request started"
                )
            elif shown > possible:  # would mean the bookkeeping is wrong, not the server
                impossible.append(f"{sample.call.name}: {kind} {shown} before it was published")
    latencies = [(s.ended - s.started) * 1000 for s in samples]
    elapsed = max(s.ended for s in samples) - min(s.started for s in samples)
    operations = {}
    for name in dict.fromkeys(s.call.name for s in samples):
        mine = [(s.ended - s.started) * 1000 for s in samples if s.call.name == name]
        tracks = next(s.call.tracks for s in samples if s.call.name == name)
        operations[name] = {
            "requests": len(mine),
            "p50_ms": round(statistics.median(mine), 1),
            "p95_ms": round(_percentile(mine, 95), 1),
            "shows": sorted(tracks),
        }
    errors = [f"{s.call.name}: {s.error}" for s in samples if s.error]
    commit_ms = [(p["done"] - p["started"]) * 1000 for p in publishes]
    return {
        "seconds": round(elapsed, 1),
        "requests": len(samples),
        "rps": round(len(samples) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(_percentile(latencies, 95), 1),
        "errors": len(errors) + len(impossible),
        "stale": len(stale),
        "checked": checked,
        "publishes": {kind: len(numbers[kind]) for kind in MARKS},
        "publish_p50_ms": round(statistics.median(commit_ms), 1) if commit_ms else None,
        "operations": operations,
        "examples": {"errors": (errors + impossible)[:5], "stale": stale[:5]},
    }


def _verdict(report: dict) -> list[str]:
    problems = []
    if report["errors"]:
        problems.append(f"{report['errors']} error(s)")
    if report["stale"]:
        problems.append(f"{report['stale']} stale answer(s)")
    if not all(report["publishes"].values()):
        problems.append("the editor published nothing (run longer than --every)")
    elif not report["checked"]:
        problems.append("no answer to check after a publish")
    if report["server_errors"]:
        problems.append(f"{report['server_errors']} traceback(s) or timeout(s) in gunicorn's log")
    return problems


def _print(report: dict, args: argparse.Namespace, problems: list[str]) -> None:
    publishes = report["publishes"]
    print(
        f"\nload test: {report['seconds']:.0f} s, {args.clients} clients, gunicorn "
        f"{args.workers} sync workers, PostgreSQL, Redis response cache\n"
        f"  database    {report['database']}\n"
        f"  phases      {report['phases']}\n"
        f"  requests    {report['requests']} ({report['rps']:.1f}/s), latency "
        f"p50 {report['p50_ms']:.1f} ms, p95 {report['p95_ms']:.1f} ms\n"
        f"  machine     load average {report['load_average'][0]} before, "
        f"{report['load_average'][1]} after, on {os.cpu_count()} CPUs (shared: figures are noisy)\n"
        f"  errors      {report['errors']}\n"
        f"  publishes   {publishes['title']} titles, {publishes['snippet']} snippet headings, "
        f"every {args.every:g} s (publish + commit p50 {report['publish_p50_ms']} ms)\n"
        f"  freshness   {report['checked']} answers checked against a publish; "
        f"stale {report['stale']}\n"
    )
    width = max(len(name) for name in report["operations"])
    print(f"  {'operation':<{width}} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}  shows")
    for name, op in report["operations"].items():
        shows = ", ".join(op["shows"]) or "-"
        timings = f"{op['requests']:>8} {op['p50_ms']:>8.1f} {op['p95_ms']:>8.1f}"
        print(f"  {name:<{width}} {timings}  {shows}")
    for kind, examples in report["examples"].items():
        for example in examples:
            print(f"  {kind[:-1] if kind.endswith('s') else kind}: {example}")
    print(f"\nLOADTEST {'FAILED: ' + '; '.join(problems) if problems else 'PASSED'}")


def main() -> int:
    args = _arguments()
    name = f"special_issues_loadtest_{os.getpid()}"
    url = f"{PG_SERVER}/{name}"
    workdir = Path(tempfile.mkdtemp(prefix="special-issues-loadtest-"))
    env = _child_env(url, workdir)
    os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})
    sys.path.insert(0, str(ROOT))
    _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _pg_admin(f"CREATE DATABASE {name}")
    phases: dict[str, float] = {}
    clock = [time.monotonic()]

    def phase(label: str) -> None:
        phases[label], clock[0] = time.monotonic() - clock[0], time.monotonic()

    load_before = os.getloadavg()[0]
    try:
        _flush_redis()
        # gunicorn and the editor start (import Django, Wagtail …) while the database is
        # prepared; the editor waits for a line on its stdin before touching it.
        editor = _editor(env, args.every, workdir / "publishes.jsonl")
        with (
            _stopping(editor, "the editor"),
            _gunicorn(env, args.workers, workdir / "gunicorn.log") as (server, port),
        ):
            import django

            django.setup()
            how = _database(url)
            facts = _facts()
            phase("database")
            editor.stdin.write(f"{facts['seed_slug']}\t{facts['snippet_name']}\n")
            editor.stdin.flush()
            bases = {"title": facts["seed_title"], "snippet": facts["snippet_heading"]}
            calls = _calls(facts)
            _wait_until_serving(server, port, calls[-1], workdir / "gunicorn.log")
            calls = _tracking(port, calls, bases)
            # Both workers build the GraphQL schema before the clock starts.
            warm = _load(port, calls, bases, seconds=1, clients=args.workers * 2)
            if errors := [f"{s.call.name}: {s.error}" for s in warm if s.error]:
                raise RuntimeError(f"{len(errors)} error(s) while warming up, e.g. {errors[0]}")
            phase("server")
            _wait_ready(editor)
            phase("editor")
            samples = _load(port, calls, bases, args.seconds, args.clients)
            phase("load")
            editor.send_signal(signal.SIGTERM)  # finishes its publish while gunicorn stops
        published = workdir / "publishes.jsonl"
        lines = published.read_text().splitlines() if published.exists() else []
        publishes = [json.loads(line) for line in lines]
        server_log = (workdir / "gunicorn.log").read_text()
        phase("stop")
    except RuntimeError as exc:  # setup failed: say why, with the server's last words
        log = workdir / "gunicorn.log"
        print(f"gunicorn's log (last lines):\n{log.read_text()[-3000:] if log.exists() else ''}")
        print(f"\nLOADTEST FAILED: {exc}")
        return 1
    finally:
        with contextlib.suppress(Exception):
            _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        with contextlib.suppress(Exception):
            _flush_redis()
        shutil.rmtree(workdir, ignore_errors=True)
    report = _analyse(samples, publishes)
    report["database"] = how
    report["phases"] = ", ".join(f"{label} {seconds:.0f} s" for label, seconds in phases.items())
    report["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    # Only what happened while serving: the quick shutdown (SIGINT, after the load) makes a
    # worker still writing a response exit with a SystemExit traceback of its own.
    serving_log = server_log.split("Handling signal:", 1)[0]
    report["server_errors"] = serving_log.count("Traceback") + serving_log.count("WORKER TIMEOUT")
    problems = _verdict(report)
    _print(report, args, problems)
    if problems and report["server_errors"]:
        print("\ngunicorn's log (last lines):\n" + server_log[-3000:])
    if args.json:
        args.json.write_text(json.dumps({**report, "problems": problems}, indent=2))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
