"""Throwaway servers for the fault tests: Redis, PostgreSQL and the app itself.

Each lives in its own temporary folder on a free port, so two test runs can use them side
by side without touching each other or the machine's shared servers (only the load test,
through ``bench/loadtest.py``, uses the shared PostgreSQL and Redis db 14). PostgreSQL
refuses to run as root, so when the tests run as root its programs run as the
``postgres`` user (``runuser``).
"""

import contextlib
import glob
import json
import os
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from unittest import mock

import psycopg
import redis

REPO = Path(__file__).resolve().parents[2]
# One key for every app process of the session: preview tokens are signed with it (a
# restored site keeps its SECRET_KEY too, or its outstanding preview links break).
APP_SECRET_KEY = secrets.token_urlsafe(50)
T = TypeVar("T")


def free_port() -> int:
    """A TCP port nobody listens on right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def poll_until(
    check: Callable[[], T | None], *, timeout: float, interval: float = 0.1, what: str = ""
) -> T:
    """Call ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        try:
            result = check()
        except Exception as error:  # noqa: BLE001 - e.g. "connection refused" while starting
            last = error
        else:
            if result:
                return result
            last = result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what or check!r} not true within {timeout} s (last: {last!r})")
        time.sleep(interval)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- Redis ------------------------------------------------------------------------------


class RedisServer:
    """``redis-server`` on a free port, nothing on disk; ``stop()`` and ``start()`` again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        executable = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(  # noqa: S603
            [executable, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        try:
            poll_until(client.ping, timeout=10, what=f"redis-server on port {self.port}")
        finally:
            client.close()

    def freeze(self) -> None:
        """Stop answering with connections left open (a partition, as a client sees it)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()  # a frozen process would not act on SIGTERM
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def redis_cache_settings(redis_url: str) -> dict[str, Any]:
    """The cache settings ``base.py`` gives a deployment with ``REDIS_URL=redis_url``.

    The settings module is run again with that environment, so tests follow any change
    to how production configures the cache.
    """
    with mock.patch.dict(os.environ, {"REDIS_URL": redis_url}):
        base = runpy.run_path(str(REPO / "cms" / "settings" / "base.py"))
    assert base["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    names = ("CACHES", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS")
    return {name: base[name] for name in names if name in base}


# --- PostgreSQL -------------------------------------------------------------------------


def postgres_bin() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` (or ``$PG_BIN``)."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not candidates:
        raise RuntimeError(
            "No PostgreSQL server programs (initdb) under /usr/lib/postgresql/*/bin: "
            "apt-get install postgresql, or set PG_BIN."
        )
    return Path(max(candidates, key=lambda path: int(Path(path).parts[-3]))).parent


class PostgresServer:
    """A PostgreSQL cluster of its own: initdb in a temp folder, a free port, fsync off."""

    def __init__(self) -> None:
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="special-issues-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.port = 0
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({result.returncode}): {result.stderr.strip()}\n"
                f"{_tail(self.log)}"
            )

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
        )  # fmt: skip

    def start(self) -> None:
        """Start on the port chosen before (a new one the first time; retried if taken)."""
        attempts = 1 if self.port else 3
        for attempt in range(attempts):
            if not self.port or attempt:
                self.port = free_port()
            options = " ".join(
                [
                    f"-p {self.port}",
                    "-c listen_addresses=127.0.0.1",
                    f"-c unix_socket_directories={self.root}",
                    # Throwaway data: durability costs time and buys nothing here.
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "-c shared_buffers=16MB -c max_connections=40",
                ]
            )
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30",
                    "-o", options, "start",
                )  # fmt: skip
                return
            except RuntimeError:
                if attempt == attempts - 1:
                    raise

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(RuntimeError):  # not running
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement in the ``postgres`` database (autocommit: CREATE DATABASE)."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def tool(self, name: str, *args: str, timeout: float = 120) -> None:
        """Run a client program of the same version (pg_dump, pg_restore) as the caller."""
        command = [str(self.bin / name), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        result = subprocess.run(  # noqa: S603
            [*command, *args], capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{name} failed ({result.returncode}): {result.stderr.strip()}")


# --- the app ----------------------------------------------------------------------------


def app_environment(database_url: str, media_root: Path) -> dict[str, str]:
    """Production settings, as deployed, on ``database_url`` (no Redis: local memory)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "GRAPHQL_PERSISTED_ONLY"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=APP_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        FRONTEND_BASE_URL="http://localhost:3000",
        DATABASE_URL=database_url,
        # Persistent connections: the hard case of a restart (a stale connection to replace).
        DB_CONN_MAX_AGE="60",
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_django(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    """``python <args>`` in the repository with ``env``; its stdout."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class AppServer:
    """``manage.py runserver`` (one thread, no reloader) in a subprocess, on a free port.

    One thread keeps one database connection across requests, as a gunicorn sync worker
    does, so a database restart leaves it a stale connection to replace.
    """

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}"]
                + ["--noreload", "--nothreading", "--skip-checks"],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def answering() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited:\n{_tail(self.log)}")
            return self.post("{ __typename }")[0] == 200

        try:
            poll_until(answering, timeout=60, interval=0.2, what="the app answering /graphql/")
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        operation_name: str | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """POST a GraphQL request as a frontend does: (status, headers, raw body)."""
        payload: dict[str, Any] = {"query": query, "variables": variables or {}}
        if operation_name:
            payload["operationName"] = operation_name
        request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
            f"{self.base_url}/graphql/",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


def start_app(database_url: str, media: Path, log: Path) -> AppServer:
    """The app serving ``database_url``, started (see ``AppServer``)."""
    app = AppServer(app_environment(database_url, media), log)
    app.start()
    return app
