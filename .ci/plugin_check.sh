#!/usr/bin/env bash
# Proves that `special_issues` and `graphql_api` are reusable apps: builds the project's
# wheel from a copy of the work tree, installs it into a fresh venv, adds both apps to a
# brand-new `wagtail start` site and queries a special issue over /graphql/.
#
# Touches nothing in the repository: everything happens in a temporary directory that is
# removed on exit. Usage: bash .ci/plugin_check.sh   (PYTHON=python3.x to pick Python)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Work in RAM (/dev/shm) when it allows executables: on this machine's disk, creating and
# deleting a venv of ~30,000 files takes minutes; in RAM, seconds. Else $TMPDIR or /tmp.
tmp_base() {
    if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
        local probe
        probe="$(mktemp /dev/shm/plugin-check-probe.XXXXXX)" || { echo /tmp; return; }
        printf '#!/bin/sh\nexit 0\n' >"$probe" && chmod +x "$probe"
        if "$probe" 2>/dev/null; then rm -f "$probe"; echo /dev/shm; return; fi
        rm -f "$probe"
    fi
    echo "${TMPDIR:-/tmp}"
}
TMP="$(mktemp -d "$(tmp_base)/plugin-check.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

fail() {
    echo "PLUGIN CHECK FAILED: $*" >&2
    exit 1
}
say() { echo "[plugin-check $(date +%H:%M:%S)] $*"; }
# Runs a pip command, hiding this machine's warnings about missing local index folders.
pip_run() {
    local rc=0
    "$@" >"$TMP/pip.log" 2>&1 || rc=$?
    grep -v "^WARNING: Location 'file:" "$TMP/pip.log" || true
    return "$rc"
}

# --- Python 3.11+ ---------------------------------------------------------------------
python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }
if [ -z "${PYTHON:-}" ]; then
    for candidate in python3.13 python3.12 python3.11 python3 /usr/bin/python3.11; do
        if python_ok "$candidate"; then PYTHON="$candidate"; break; fi
    done
fi
if [ -z "${PYTHON:-}" ] || ! python_ok "$PYTHON"; then fail "Python 3.11 or newer is required."; fi
say "using $("$PYTHON" --version) ($PYTHON); work dir $TMP"

# --- 1. a copy of the work tree (uncommitted changes included, no venv/db/artefacts) ---
say "copying the work tree"
mkdir -p "$TMP/src"
tar -C "$REPO" \
    --exclude=./.venv --exclude=./.git --exclude=node_modules --exclude=./db.sqlite3 \
    --exclude=./build --exclude=./dist --exclude='*.egg-info' --exclude=__pycache__ \
    --exclude=./media --exclude=./static --exclude=./.pytest_cache --exclude=./.ruff_cache \
    --exclude=./test-artifacts \
    -cf - . | tar -C "$TMP/src" -xf -

# --- 2. a fresh venv and the wheel -----------------------------------------------------
say "creating a fresh venv"
"$PYTHON" -m venv "$TMP/venv"
VPY="$TMP/venv/bin/python"
pip_run "$VPY" -m pip install --quiet --upgrade pip

say "building the wheel"
(cd "$TMP/src" && pip_run "$VPY" -m pip wheel --quiet --no-deps -w "$TMP/dist" .) \
    || fail "building the wheel failed."
WHEEL="$(ls "$TMP"/dist/*.whl 2>/dev/null | head -n 1)"
[ -n "$WHEEL" ] || fail "no wheel was built."
say "built $(basename "$WHEEL")"

# Every file of the two apps in the source (code, migrations, templates, static files,
# anything else) must be in the wheel, or a host site would miss it.
say "comparing the wheel's contents with the apps' source files"
"$VPY" - "$WHEEL" "$TMP/src" <<'PY' || fail "the wheel is missing files of the apps (listed above)."
import sys
import zipfile
from pathlib import Path

wheel, src = sys.argv[1], Path(sys.argv[2])
in_wheel = set(zipfile.ZipFile(wheel).namelist())
missing = []
for app in ("special_issues", "graphql_api"):
    for path in sorted((src / app).rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix in {".pyc", ".pyo"}:
            continue
        name = path.relative_to(src).as_posix()
        if name not in in_wheel:
            missing.append(name)
for name in missing:
    print(f"  missing from the wheel: {name}")
required = [
    "special_issues/migrations/__init__.py",
    "graphql_api/templates/graphql_api/graphiql.html",
]
for name in required:
    if name not in in_wheel:
        print(f"  required file missing from the wheel: {name}")
        missing.append(name)
print(f"  {len(in_wheel)} files in the wheel, {len(missing)} missing")
sys.exit(1 if missing else 0)
PY

say "installing the wheel (and its dependencies) into the fresh venv"
pip_run "$VPY" -m pip install --quiet "$WHEEL" || fail "pip install of the wheel failed."

# --- 3. a plain Wagtail site that adds the two apps ------------------------------------
say "wagtail start plaindemo"
mkdir -p "$TMP/site"
(cd "$TMP/site" && "$TMP/venv/bin/wagtail" start plaindemo) || fail "wagtail start failed."
SITE="$TMP/site/plaindemo"
[ -f "$SITE/plaindemo/settings/base.py" ] || fail "wagtail start made no plaindemo/settings/base.py."
[ -f "$SITE/plaindemo/urls.py" ] || fail "wagtail start made no plaindemo/urls.py."

cat >>"$SITE/plaindemo/settings/base.py" <<'PY'

# --- added by .ci/plugin_check.sh: the Special Issues apps as a host site would add them ---
# Grapple and friends go after the Wagtail apps, modelcluster and taggit.
INSTALLED_APPS = [
    "special_issues",
    "graphql_api",
    *INSTALLED_APPS,
    "grapple",
    "graphene_django",
    "wagtail_headless_preview",
]
GRAPPLE = {
    "APPS": ["special_issues"],
    "PAGE_INTERFACE": "graphql_api.guards.pages.PublicPageInterface",
}
GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
# Only to prove the gateway's template and static files ship in the wheel.
GRAPHQL_API = {"GRAPHIQL_ENABLED": True}
PY

cat >>"$SITE/plaindemo/urls.py" <<'PY'

# --- added by .ci/plugin_check.sh: the GraphQL gateway, before Wagtail's catch-all ---
from django.urls import include as _include  # noqa: E402
from django.urls import path as _path  # noqa: E402

urlpatterns.insert(0, _path("", _include("graphql_api.urls")))
PY

cd "$SITE"
export DJANGO_SETTINGS_MODULE=plaindemo.settings.dev
unset DATABASE_URL REDIS_URL || true

say "manage.py check"
"$VPY" manage.py check || fail "manage.py check failed on the plain site."
say "manage.py migrate"
"$VPY" manage.py migrate --noinput >"$TMP/migrate.log" 2>&1 \
    || { cat "$TMP/migrate.log"; fail "manage.py migrate failed on the plain site."; }
grep -c "Applying special_issues" "$TMP/migrate.log" >/dev/null \
    || { cat "$TMP/migrate.log"; fail "no special_issues migration was applied."; }
say "manage.py makemigrations --check --dry-run special_issues"
"$VPY" manage.py makemigrations --check --dry-run special_issues \
    || fail "the installed special_issues has model changes without a migration."

# --- 4. content and a GraphQL query ----------------------------------------------------
say "creating a journal and a special issue, querying /graphql/"
cat >"$TMP/smoke.py" <<'PY'
import datetime as dt
import json
import sys
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client
from wagtail.models import Page

import graphql_api
import special_issues
from special_issues.models import Deadline, JournalPage, SpecialIssuePage


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


# The apps must come from the installed wheel, not from a source tree.
for module in (special_issues, graphql_api):
    location = Path(module.__file__).resolve()
    if "site-packages" not in location.parts:
        fail(f"{module.__name__} was imported from {location}, not from the installed wheel")
    print(f"  {module.__name__} imported from {location.parent}")

# Journals go where the model allows them (parent_page_types): under the tree's root.
root = Page.get_first_root_node()
if not JournalPage.can_create_at(root):
    fail("JournalPage cannot be created under the root page")
journal = JournalPage(title="Plugin Check Journal", slug="plugin-check-journal")
root.add_child(instance=journal)
journal.save_revision().publish()

if not SpecialIssuePage.can_create_at(journal):
    fail("SpecialIssuePage cannot be created under a JournalPage")
issue = SpecialIssuePage(title="Plugin Check Special Issue", slug="plugin-check-issue")
issue.deadlines = [Deadline(date=dt.date(2031, 3, 31))]
journal.add_child(instance=issue)
issue.save_revision().publish()

query = (
    '{ specialIssue(slug: "plugin-check-issue") '
    "{ title journal { title } deadlines { date } } }"
)
response = Client().post(
    "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
)
body = response.content.decode()
print(f"  POST /graphql/ -> {response.status_code} {body}")
if response.status_code != 200:
    fail(f"/graphql/ answered {response.status_code}")
payload = json.loads(body)
if payload.get("errors"):
    fail(f"GraphQL errors: {payload['errors']}")
got = payload.get("data", {}).get("specialIssue") or {}
expected = {
    "title": "Plugin Check Special Issue",
    "journal": {"title": "Plugin Check Journal"},
    "deadlines": [{"date": "2031-03-31"}],
}
if got != expected:
    fail(f"unexpected specialIssue: {got!r}, expected {expected!r}")

# A draft never leaks: unpublish and expect NOT_FOUND.
issue.unpublish()
payload = Client().post(
    "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
).json()
codes = [e.get("extensions", {}).get("code") for e in payload.get("errors") or []]
if "NOT_FOUND" not in codes:
    fail(f"an unpublished issue should be NOT_FOUND, got {payload!r}")

# The gateway's template and vendored static files came with the wheel.
response = Client().get("/graphiql/")
if response.status_code != 200 or b"graphiql" not in response.content.lower():
    fail(f"/graphiql/ answered {response.status_code}; its template may be missing")
for asset in ("graphql_api/graphiql/graphiql.min.js", "graphql_api/graphiql/graphiql.min.css"):
    if not finders.find(asset):
        fail(f"static file {asset} not found; static files may be missing from the wheel")
print("  specialIssue, NOT_FOUND for drafts, /graphiql/ and static files: OK")
PY
"$VPY" manage.py shell -c "exec(open('$TMP/smoke.py').read())" \
    || fail "the GraphQL smoke test failed (see above)."

say "PASSED: the wheel installs into a plain Wagtail site and serves specialIssue over /graphql/"
