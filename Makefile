# Luotsi: the only entry points people and CI use. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
# `make bench-scale`: the databases it measures (generated at SCALE_RESIDENTS when they hold no
# scale data; a missing PostgreSQL database is created), e.g. SCALE_SQLITE_URL=sqlite:////tmp/x.
SCALE_RESIDENTS ?= 670000
SCALE_SQLITE_URL ?= sqlite:///$(CURDIR)/var/bench/scale.sqlite3
SCALE_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/luotsi_bench_scale
HOST ?= 127.0.0.1
PORT ?= 8000
# Development environment for `make run` and the other local commands (never production).
DEV_ENV := DEBUG=1 SECRET_KEY_FILE=.local/secret_key

.PHONY: help run test lint audit-deps format bench migrate seed messages check-messages venv clean \
        test-deps test-sqlite test-postgres test-security serve bench-scale crash-test

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(VENV)/.installed-run: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-run
	$(PIP) install --quiet -e ".[test,lint]"
	@touch $@

venv: $(VENV)/.installed-run

.local/secret_key:
	@mkdir -p .local var
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@
	@echo "Generated a development SECRET_KEY in $@ (ignored by git)."

migrate: $(VENV)/.installed-run .local/secret_key ## apply database migrations
	@mkdir -p var
	$(DEV_ENV) $(MANAGE) migrate --noinput

seed: migrate ## load the Helsinki reference data and the demo content
	$(DEV_ENV) $(MANAGE) load_city helsinki
	$(DEV_ENV) $(MANAGE) load_venues helsinki
	$(DEV_ENV) $(MANAGE) load_services helsinki
	$(DEV_ENV) $(MANAGE) seed_demo
	$(DEV_ENV) $(MANAGE) seed_network_demo
	$(DEV_ENV) $(MANAGE) seed_events_demo
	$(DEV_ENV) $(MANAGE) seed_concerns_demo
	$(DEV_ENV) $(MANAGE) seed_campaigns_demo
	$(DEV_ENV) $(MANAGE) seed_opportunities_demo
	$(DEV_ENV) $(MANAGE) seed_office_hours_demo
	$(DEV_ENV) $(MANAGE) seed_materials_demo
	$(DEV_ENV) $(MANAGE) seed_budgeting_demo
	$(DEV_ENV) $(MANAGE) seed_inclusion_demo
	$(DEV_ENV) $(MANAGE) seed_programme_demo
	$(DEV_ENV) $(MANAGE) refresh_participation

run: seed ## install, migrate, load data and serve http://$(HOST):$(PORT) on SQLite
	@$(DEV_ENV) $(MANAGE) demo_accounts --url http://$(HOST):$(PORT)/
	$(DEV_ENV) $(MANAGE) runserver $(HOST):$(PORT)

serve: $(VENV)/.installed-run ## production: collectstatic, migrate, gunicorn on $(HOST):$(PORT) + db_worker (needs DATABASE_URL, SECRET_KEY)
	HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

test-deps: ## install Debian's chromium (browser tests), gettext, Pango (PDFs) and poppler-utils (pdftoppm) when missing
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests:$$missing (apt-get)…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@/usr/bin/chromium --version 2>/dev/null

lint: $(VENV)/.installed-dev ## ruff check + ruff format --check + mypy + bandit + pip-audit
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/bandit -q -c pyproject.toml -r luotsi config
	$(PY) scripts/audit_dependencies.py

audit-deps: $(VENV)/.installed-dev ## pip-audit the installed packages (needs the vulnerability service)
	LUOTSI_REQUIRE_PIP_AUDIT=1 $(PY) scripts/audit_dependencies.py

format: $(VENV)/.installed-dev ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-sqlite: $(VENV)/.installed-dev test-deps
	@echo "=== Luotsi test suite on SQLite ==="
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-dev test-deps
	@if [ "$$LUOTSI_SKIP_POSTGRES" = 1 ]; then \
	  echo "!!! LUOTSI_SKIP_POSTGRES=1: the PostgreSQL run is SKIPPED. This is not a full test run. !!!"; \
	else \
	  $(PY) scripts/check_postgres.py "$(POSTGRES_TEST_URL)" || exit 1; \
	  echo "=== Luotsi test suite on PostgreSQL ($(POSTGRES_TEST_URL)) ==="; \
	  DATABASE_URL=$(POSTGRES_TEST_URL) $(VENV)/bin/pytest $(PYTEST_ARGS); \
	fi

test-security: $(VENV)/.installed-dev test-deps ## the adversarial suite (API fuzzing, XSS sweep, canaries, races) on PostgreSQL
	@if [ "$$LUOTSI_SKIP_POSTGRES" = 1 ]; then \
	  echo "!!! LUOTSI_SKIP_POSTGRES=1: the security suite (it needs PostgreSQL) is SKIPPED. !!!"; \
	else \
	  $(PY) scripts/check_postgres.py "$(POSTGRES_TEST_URL)" || exit 1; \
	  echo "=== Luotsi security suite on PostgreSQL ($(POSTGRES_TEST_URL)) ==="; \
	  DATABASE_URL=$(POSTGRES_TEST_URL) $(VENV)/bin/pytest -m security tests/security $(PYTEST_ARGS); \
	fi

test: lint check-messages test-sqlite test-postgres test-security ## lint, the suite on SQLite and on PostgreSQL, then the security suite
	@echo "=== make test: lint, SQLite, PostgreSQL and security runs finished ==="

check-messages: $(VENV)/.installed-dev test-deps ## fail when the .po/.mo files are out of step with the code
	$(PY) scripts/check_messages.py

messages: $(VENV)/.installed-dev ## extract strings into locale/*/LC_MESSAGES/django.po and compile .mo
	SECRET_KEY=messages $(MANAGE) makemessages -l fi -l sv -l fi_X-plain --no-obsolete \
	  --ignore=.venv --ignore=staticfiles --ignore=var --ignore=tests --ignore=scripts \
	  --ignore=benchmarks --ignore=conftest.py
	SECRET_KEY=messages $(MANAGE) compilemessages -l fi -l sv -l fi_X-plain --ignore=.venv

bench: $(VENV)/.installed-dev ## run the benchmarks (each prints a ratio), then bench-scale
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 $(PY) -m benchmarks
	@if $(PY) scripts/check_postgres.py "$(POSTGRES_TEST_URL)" >/dev/null 2>&1; then \
	  echo "=== on PostgreSQL ==="; \
	  DATABASE_URL=$(POSTGRES_TEST_URL) $(PY) -m benchmarks bench_network bench_events; \
	else echo "PostgreSQL not reachable: the PostgreSQL benchmark was skipped."; fi
	$(MAKE) --no-print-directory bench-scale

bench-scale: $(VENV)/.installed-dev ## pages and vote casting at Helsinki scale through gunicorn; updates README's Performance table
	$(PY) -m benchmarks.scale_pages --database "$(SCALE_SQLITE_URL)" --generate $(SCALE_RESIDENTS) \
	  --readme README.md
	@if $(PY) scripts/check_postgres.py "$(POSTGRES_TEST_URL)" >/dev/null 2>&1; then \
	  $(PY) -m benchmarks.scale_pages --database "$(SCALE_POSTGRES_URL)" \
	    --generate $(SCALE_RESIDENTS) --votes --readme README.md; \
	else echo "PostgreSQL not reachable: the PostgreSQL scale benchmark was skipped."; fi

crash-test: $(VENV)/.installed-dev ## load + SIGKILL of gunicorn and PostgreSQL (a throwaway cluster), then SQLite: nothing acknowledged lost (~3 min)
	$(PY) scripts/crash_test.py

clean: ## remove the virtualenv, the local database and caches
	rm -rf $(VENV) var .local staticfiles .pytest_cache .mypy_cache .ruff_cache
