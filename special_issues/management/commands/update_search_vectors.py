"""``manage.py update_search_vectors``: copy each issue's search vector from Wagtail's index.

Run it after ``manage.py update_index`` (for example after rows were changed in the
database without the application, or ``SEARCH_CONFIG`` changed): the listings' search
filter on PostgreSQL reads the copy kept on each issue's row (``special_issues.search_vector``).
Elsewhere it does nothing.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from special_issues.search_vector import copy_from_index


class Command(BaseCommand):
    help = "Copy each special issue's search vector from Wagtail's search index (PostgreSQL)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database: str, **options) -> None:
        copied = copy_from_index(database)
        self.stdout.write(f"{copied} issues' search vectors copied from the search index.")
