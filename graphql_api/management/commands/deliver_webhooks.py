"""``manage.py deliver_webhooks [--loop]``: apply pending cache invalidations, then send
due revalidation webhooks (see revalidation.py and caching.py)."""

import time

from django.core.management.base import BaseCommand

from graphql_api.revalidation import worker_pass


class Command(BaseCommand):
    help = (
        "Apply cache invalidations left pending while Redis was unreachable, then send the "
        "revalidation webhooks that are due; with --loop, keep doing so."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help="Run until stopped.")
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds between rounds (also the longest a process that did not see a "
            "Redis outage may serve an answer cached before a publish during it).",
        )

    def handle(self, *args, loop: bool, interval: float, **options) -> None:
        while True:
            applied, sent = worker_pass()
            if applied:
                self.stdout.write(f"Applied {applied} pending cache invalidations.")
            if sent:
                self.stdout.write(f"Attempted {sent} webhook deliveries.")
            if not loop:
                return
            time.sleep(interval)
