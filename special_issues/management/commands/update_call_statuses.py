"""``manage.py update_call_statuses [--loop]``: announce calls that opened or closed with time.

Safe to run every minute from cron (each change is announced once, see
``special_issues.clock``), or as a service with ``--loop``.
"""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from special_issues.clock import announce_clock_changes


class Command(BaseCommand):
    help = "Announce calls whose status changed with the clock (and deadline reminders)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help="Run until stopped.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between runs.")

    def handle(self, *args, loop: bool, interval: float, **options) -> None:
        while True:
            report = announce_clock_changes(timezone.now())
            for slug, before, after in report.transitions:
                self.stdout.write(f"{slug}: {before} → {after}")
            for slug in report.reminders:
                self.stdout.write(f"{slug}: deadline reminder")
            if not loop:
                return
            time.sleep(interval)
