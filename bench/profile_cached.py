"""Profile a loop of cached persisted GETs against the floor-constant view, in process.

    python -m bench.profile_cached [--issues 100] [--requests 500] [--profile cprofile|none]

Seeds a small data set in a temporary SQLite file, warms the response cache, then times
``--requests`` GETs of ``/graphql/?id=IssuePage…`` (response cache on, local memory) and
of ``/bench/floor-constant/issue/…`` through Django's WSGI handler (the whole middleware
stack, as gunicorn calls it, without the test client's own work), interleaved, and
prints their ratio. With ``--profile cprofile`` it
then prints where the cached GraphQL requests spend their time.
"""

import argparse
import cProfile
import json
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.run import bench_environment


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--profile", default="cprofile", choices=("cprofile", "none"))
    parser.add_argument("--operation", default="IssuePage", choices=("IssuePage", "OpenCalls"))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="special-issues-profile-"))
    bench_environment(workdir, f"sqlite:///{workdir / 'bench.sqlite3'}")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client
    from django.test.client import FakePayload
    from django.test.utils import override_settings

    from bench.measure import _cache_settings
    from bench.run import _migrate
    from bench.seed import seed

    try:
        _migrate(workdir / "bench.sqlite3")
        seeded = seed(args.issues, 5)
        slug = seeded.sample_issue_slug
        if args.operation == "IssuePage":
            variables, floor = {"slug": slug}, f"/bench/floor-constant/issue/{slug}/"
        else:
            variables, floor = {"limit": 20}, "/bench/floor-constant/open-calls/?limit=20"
        graphql = "/graphql/?" + urlencode(
            {"id": args.operation, "variables": json.dumps(variables)}
        )
        with override_settings(**_cache_settings("locmem")):
            client = Client()
            for _ in range(5):
                assert client.get(graphql).status_code == 200
                assert client.get(floor).status_code == 200
            handler = WSGIHandler()

            def environ(url: str) -> dict:
                path, _, query = url.partition("?")
                return {
                    "REQUEST_METHOD": "GET",
                    "PATH_INFO": path,
                    "QUERY_STRING": query,
                    "SERVER_NAME": "127.0.0.1",
                    "SERVER_PORT": "80",
                    "REMOTE_ADDR": "127.0.0.1",
                    "SERVER_PROTOCOL": "HTTP/1.1",
                    "wsgi.url_scheme": "http",
                    "wsgi.input": FakePayload(b""),
                    "wsgi.errors": sys.stderr,
                }

            def get(url: str) -> None:
                status = []
                body = handler(environ(url), lambda s, h: status.append(s))
                b"".join(body)
                body.close()
                assert status[0].startswith("200"), status

            timings: dict[str, float] = {graphql: 0.0, floor: 0.0}
            for _ in range(args.requests):
                for url in (graphql, floor):
                    started = time.perf_counter()
                    get(url)
                    timings[url] += time.perf_counter() - started
            per_graphql = timings[graphql] / args.requests * 1e6
            per_floor = timings[floor] / args.requests * 1e6
            print(
                f"cached {args.operation}: {per_graphql:.0f} us/request; floor constant "
                f"{per_floor:.0f} us/request; floor/GraphQL = {per_floor / per_graphql:.2f}"
            )
            if args.profile == "cprofile":
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(args.requests):
                    get(graphql)
                profiler.disable()
                stats = pstats.Stats(profiler).sort_stats("cumulative")
                stats.print_stats(45)
                stats.sort_stats("tottime").print_stats(30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
