"""``make loadtest`` in CI size: about 12 s of load while an editor publishes.

Runs ``bench/loadtest.py`` as it runs for ``make loadtest`` (gunicorn with 2 workers, a
database of its own on the shared PostgreSQL, Redis db 14, the contract's persisted GETs
and POSTs from several client threads, the editor process publishing every 2 s), only
shorter. It needs neither the test database nor ``DATABASE_URL``; CI runs it in its
PostgreSQL pass.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 12


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def shared_servers() -> None:
    missing = [
        name for name, port in (("PostgreSQL", 5432), ("Redis", 6379)) if not _listening(port)
    ]
    if missing:
        message = f"{' and '.join(missing)} not listening on 127.0.0.1"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI provides both")
        pytest.skip(message)


def test_publishing_under_load_gives_no_error_and_no_stale_answer(shared_servers, tmp_path):
    report_file = tmp_path / "loadtest.json"
    # The load test picks its own settings, database and cache: none of the suite's.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    command = [
        sys.executable,
        *("-m", "bench.loadtest", "--seconds", str(SECONDS), "--every", "2"),
        *("--clients", "6", "--workers", "2", "--json", str(report_file)),
    ]
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    output = f"{result.stdout}\n{result.stderr}"
    assert report_file.exists(), output
    report = json.loads(report_file.read_text())

    assert report["errors"] == 0, output
    assert report["stale"] == 0, output
    # The freshness check had something to check: publishes, then answers after them.
    assert min(report["publishes"].values()) >= 2, output
    assert report["checked"] > 0, output
    assert report["requests"] >= 50, output
    assert result.returncode == 0, output
