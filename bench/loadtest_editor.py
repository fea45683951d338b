"""The "editor" of ``make loadtest``: publishes changes through the ORM every few seconds.

    python -m bench.loadtest_editor --every 3 --log publishes.jsonl
    (then, on stdin: "<issue slug><TAB><snippet name>")

Run by ``bench/loadtest.py`` in its own process, against the same database and Redis as
the gunicorn under load (the environment carries ``DJANGO_SETTINGS_MODULE`` and the
URLs). Each round publishes, as an editor would, a new revision of the seed issue with
its title ending in `` [T<n>]``, then a new revision of a marketing snippet with its
heading ending in `` [S<n>]``; each publish is its own transaction.

One JSON line per publish goes to the log: ``{"kind": "title", "n": 3, "started": …,
"done": …}``, with ``time.monotonic()`` read just before the transaction opens and just
after it has committed. The response cache is invalidated in ``on_commit`` callbacks,
which run before ``atomic()`` returns, so ``done`` is when the publish has "returned":
every request that starts later must see value ``n`` or a newer one. (On Linux the
monotonic clock is one clock for the whole machine, so the load generator's request
start times compare with it.)

It prints ``ready`` once Django is set up and an unchanged publish of each has been
made (not logged), and stops after the round in progress on SIGTERM or SIGINT.
"""

import argparse
import json
import signal
import sys
import time

TITLE_MARK = " [T{n}]"
SNIPPET_MARK = " [S{n}]"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=3.0, help="seconds between rounds")
    parser.add_argument("--log", required=True, help="JSON-lines file of the publishes")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    stopping = False

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    import django

    django.setup()
    from django.db import transaction

    from special_issues.models import ReusableContent, SpecialIssuePage

    # Started while the database is prepared: it says what to edit once it is ready.
    line = sys.stdin.readline()
    if stopping or not line.strip():
        return 0
    issue_slug, snippet_name = line.rstrip("\n").split("\t")
    issue = SpecialIssuePage.objects.get(slug=issue_slug)
    snippet = ReusableContent.objects.get(name=snippet_name)
    base_title, base_heading = issue.title, snippet.heading

    def publish_title(n: int) -> None:
        page = SpecialIssuePage.objects.get(pk=issue.pk)
        page.title = base_title + (TITLE_MARK.format(n=n) if n else "")
        page.save_revision().publish()

    def publish_snippet(n: int) -> None:
        content = ReusableContent.objects.get(pk=snippet.pk)
        content.heading = base_heading + (SNIPPET_MARK.format(n=n) if n else "")
        content.save_revision().publish()

    # One unchanged publish of each first: the first publish in a process is slow (lazy
    # imports, first queries), and that belongs before the clock starts.
    for publish in (publish_title, publish_snippet):
        with transaction.atomic():
            publish(0)
    print("ready", flush=True)
    n = 0
    with open(args.log, "a") as log:
        next_round = time.monotonic() + args.every
        while not stopping:
            # Short sleeps: a signal handler cannot cut one long sleep short.
            while not stopping and time.monotonic() < next_round:
                time.sleep(min(0.05, max(0.0, next_round - time.monotonic())))
            if stopping:
                break
            next_round += args.every
            n += 1
            for kind, publish in (("title", publish_title), ("snippet", publish_snippet)):
                if stopping:
                    break
                started = time.monotonic()
                with transaction.atomic():
                    publish(n)
                # The transaction has committed and its on_commit callbacks (the cache
                # invalidation) have run: the publish has returned.
                done = time.monotonic()
                log.write(json.dumps({"kind": kind, "n": n, "started": started, "done": done}))
                log.write("\n")
                log.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
