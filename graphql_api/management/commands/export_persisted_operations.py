"""``manage.py export_persisted_operations DIR --out FILE``: write the persisted manifest."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from graphql_api.persisted import build_manifest


class Command(BaseCommand):
    help = "Write the manifest of persisted operations from a folder of .graphql files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("operations_dir", type=Path)
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, operations_dir: Path, out: Path, **options) -> None:
        manifest = build_manifest(operations_dir)
        out.write_text(json.dumps(manifest, indent=2) + "\n")
        names = ", ".join(entry["name"] for entry in manifest["operations"].values())
        self.stdout.write(f"Wrote {len(manifest['operations'])} operations to {out}: {names}")
