"""Measurements: SQL queries and latency in process, requests/s under gunicorn with wrk.

In process, every target is requested through Django's test ``Client`` (the whole
middleware stack, no network). Targets are timed round-robin, one request each per round,
so that load from other processes on a shared machine falls on all of them alike and
their ratios stay meaningful even when absolute times drift.

Under load, gunicorn serves the bench settings on a free port of 127.0.0.1 and wrk
(``-t 2 -c 8 -d 10s``) requests one URL at a time; wrk never targets another host.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REDIS_BENCH_URL = "redis://127.0.0.1:6379/15"


@dataclass
class Target:
    """One URL to measure, and the server state it needs."""

    operation: str
    variant: str
    url: str
    cache: str = ""  # "" (response cache off), "locmem" or "redis"
    queries: int | None = None
    timings: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rps: float | None = None
    wrk_note: str = ""

    @property
    def p50(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.timings, n=20, method="inclusive")[18]

    @property
    def cpu_p50(self) -> float:
        return statistics.median(self.cpu)


def _cache_settings(cache: str) -> dict:
    if not cache:
        return {"GRAPHQL_API": {**settings.GRAPHQL_API, "RESPONSE_CACHE_TIMEOUT": 0}}
    on = {"GRAPHQL_API": {**settings.GRAPHQL_API, "RESPONSE_CACHE_TIMEOUT": 300}}
    if cache == "redis":
        on["CACHES"] = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": REDIS_BENCH_URL,
                "KEY_PREFIX": "special-issues-bench",
            }
        }
    return on


def _get(client: Client, target: Target):
    response = client.get(target.url)
    if response.status_code != 200:
        raise RuntimeError(
            f"{target.url} answered {response.status_code}: {response.content[:300]}"
        )
    return response


def in_process(targets: list[Target], requests: int, warmup: int = 3, budget: float = 10.0) -> None:
    """Fill ``queries`` (one steady-state request), ``timings`` and ``cpu`` (ms) of each target.

    A target stops being sampled once it has ``requests`` samples, or at least 10 and more
    than ``budget`` seconds spent on it (the REST API's long listings), so the whole run
    stays within minutes on a loaded machine.
    """
    client = Client()
    for target in targets:
        with override_settings(**_cache_settings(target.cache)):
            for _ in range(warmup):
                _get(client, target)
            with CaptureQueriesContext(connection) as captured:
                _get(client, target)
            target.queries = len(captured)
    for _ in range(requests):
        for target in targets:
            if len(target.timings) >= 10 and sum(target.timings) > budget * 1000:
                continue
            with override_settings(**_cache_settings(target.cache)):
                started, cpu_started = time.perf_counter(), time.process_time()
                _get(client, target)
                target.cpu.append((time.process_time() - cpu_started) * 1000)
                target.timings.append((time.perf_counter() - started) * 1000)


# --- under load -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(cache: str, workers: int = 2) -> Iterator[str]:
    """A gunicorn (deploy/gunicorn.conf.py) serving the bench site; yields its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
        "GUNICORN_BIND": f"{HOST}:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_ACCESS_LOG": "",
        # Restarting workers mid-measurement would show up as seconds without answers.
        "GUNICORN_MAX_REQUESTS": "0",
        "BENCH_RESPONSE_CACHE": "1" if cache else "0",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    if cache == "redis":
        env["REDIS_URL"] = REDIS_BENCH_URL
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "cms.wsgi:application",
    ]
    log_dir = Path(os.environ.get("BENCH_TMP", tempfile.gettempdir()))
    log = (log_dir / f"gunicorn-{port}.log").open("w")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)  # noqa: S603
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/bench/floor/open-calls/?limit=1", timeout=5):  # noqa: S310
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {log.name}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk(url: str, duration: int, connections: int = 8, threads: int = 2) -> tuple[float, str]:
    """(requests/s, problems) of wrk against ``url`` on the loopback."""
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError("wrk only ever targets 127.0.0.1")
    out = subprocess.run(  # noqa: S603
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    problems = []
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        problems.append(f"{match.group(1)} non-2xx")
    if match := re.search(r"Socket errors: (.*)", out):
        problems.append(f"socket errors {match.group(1)}")
    return rps, "; ".join(problems)


def under_load(targets: list[Target], duration: int, rounds: int = 5) -> None:
    """Fill ``rps`` of every target: one gunicorn per cache setting, wrk per URL.

    Uncached URLs get one run of ``duration`` seconds each. Cached URLs answer in about a
    millisecond, so a burst of load from another process moves their figure a lot: they
    are measured in ``rounds`` short runs, alternating with the floor, and the median
    round counts.
    """
    for cache in dict.fromkeys(t.cache for t in targets):
        group = [t for t in targets if t.cache == cache]
        with gunicorn(cache) as base:
            for target in group:  # warm both workers: schema, renditions, caches
                wrk(base + target.url, 1, connections=4)
                _drain(base)
            if not cache:
                for target in group:
                    target.rps, target.wrk_note = wrk(base + target.url, duration)
                    _drain(base)
                continue
            results: dict[int, list[float]] = {id(t): [] for t in group}
            for _ in range(rounds):
                for target in group:
                    rps, note = wrk(base + target.url, max(1, duration // rounds))
                    results[id(target)].append(rps)
                    target.wrk_note = "; ".join(filter(None, [target.wrk_note, note]))
            for target in group:
                target.rps = statistics.median(results[id(target)])


def _drain(base: str, timeout: float = 120) -> None:
    """Wait until the requests wrk left queued are answered (sync workers finish each one),
    so that they do not eat into the next measurement."""
    with urllib.request.urlopen(f"{base}/bench/floor/open-calls/?limit=1", timeout=timeout):  # noqa: S310
        pass
