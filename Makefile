# Special Issues CMS — `make run` serves the demo, `make test` runs the suite.
# Needs only Python 3.11+ and make; everything else is installed into .venv.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv run serve migrate demo test test-postgres lint format schema manifest check clean

help:
	@echo "make run     set up and serve the demo on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test    set up and run the whole test suite"
	@echo "make lint    ruff check + format check;  make format  reformat"
	@echo "make schema  regenerate frontend_contract/schema.graphql"
	@echo "make manifest  regenerate frontend_contract/persisted-operations.json"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required (python3.11+ on PATH)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "  Admin     http://$(HOST):$(PORT)/admin/"
	@echo "  GraphQL   http://$(HOST):$(PORT)/graphql/"
	@echo "  GraphiQL  http://$(HOST):$(PORT)/graphiql/"
	@echo "  Example   http://$(HOST):$(PORT)/example/   (a frontend built on the contract)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv
	$(BIN)/python -m pytest

test-postgres: venv
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/special_issues_ci} \
		$(BIN)/python -m pytest

check: venv
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: venv
	$(BIN)/python manage.py graphql_schema --out frontend_contract/schema.graphql

clean:
	rm -rf $(VENV) db.sqlite3 media static .pytest_cache .ruff_cache build dist *.egg-info

# --- frontend contract: example responses and TypeScript types ----------------------------
.PHONY: examples types

# Rewrite frontend_contract/examples/*.json from the demo content; review the diff, commit.
examples: venv
	UPDATE_EXAMPLES=1 $(BIN)/python -m pytest tests/contract/test_examples.py -q

# Regenerate frontend_contract/generated/graphql.ts (needs Node.js 20+ and npm); commit it.
types:
	cd frontend_contract && npm ci --no-audit --no-fund && npm run codegen && npm run typecheck

manifest: venv
	$(BIN)/python manage.py export_persisted_operations frontend_contract/operations \
		--out frontend_contract/persisted-operations.json

# --- benchmark (bench/): GraphQL vs Wagtail's REST API v2 vs a hand-written floor view ---
.PHONY: bench
BENCH_STAMP := $(VENV)/.bench-installed-stamp

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	@touch $(BENCH_STAMP)

# Seeds 1,000 issues (temporary SQLite file) and prints one table. Options go in BENCH_ARGS:
#   make bench BENCH_ARGS=--postgres            the same on the local PostgreSQL
#   make bench BENCH_ARGS="--postgres --scale"  item 5: 1,000 vs 10,000 issues, with indexes
# requests/s need Debian's wrk: installed here when missing and running as root.
bench: $(BENCH_STAMP)
	@command -v wrk >/dev/null 2>&1 || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null \
		&& apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| echo "wrk is not installed: requests/s will be skipped (apt-get install wrk)"
	$(BIN)/python -m bench.run $(BENCH_ARGS)
	$(BIN)/python -m bench.limits

# Issue 5 item 9: 60 s (LOADTEST_SECONDS=…) of the contract's operations against gunicorn
# (2 workers) on PostgreSQL + Redis while an editor process publishes; fails on any error
# or stale answer. Its own database and Redis db 14; more options in LOADTEST_ARGS.
.PHONY: loadtest
loadtest: venv
	$(BIN)/python -m bench.loadtest $(if $(LOADTEST_SECONDS),--seconds $(LOADTEST_SECONDS)) $(LOADTEST_ARGS)
