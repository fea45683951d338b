"""``manage.py deliver_webhooks [--loop]``: send due revalidation webhooks (see revalidation.py)."""

import time

from django.core.management.base import BaseCommand

from graphql_api.revalidation import deliver_due


class Command(BaseCommand):
    help = "Send the revalidation webhooks that are due; with --loop, keep doing so."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help="Run until stopped.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds.")

    def handle(self, *args, loop: bool, interval: float, **options) -> None:
        while True:
            sent = deliver_due()
            if sent:
                self.stdout.write(f"Attempted {sent} webhook deliveries.")
            if not loop:
                return
            time.sleep(interval)
