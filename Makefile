# The Emscher-Portal's one entry point. `make run` and `make test` set up everything they need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The test suite always runs on Postgres; this is the local default server.
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/emscher_portal)
# Test processes (one per CPU by default; each gets its own test database, and they share one demo load).
TEST_PROCESSES ?= auto

.DEFAULT_GOAL := help
.PHONY: help install run test lint fmt check messages bench backup restore worker vnu

help:
	@echo "make run    – Portal mit Demo-Inhalten auf http://127.0.0.1:$(PORT)/ starten"
	@echo "make test   – alle Tests auf Postgres (mit Lint und Migrations-Check)"
	@echo "make lint / make fmt / make check / make bench"

# The virtual environment is rebuilt only when requirements.txt changes.
$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed

# The W3C Nu HTML checker the test suite runs over every page type: the npm package vnu-jar, pinned in package.json
# and package-lock.json (its install script, which would fetch a Java, is not run: Java comes from Debian,
# default-jre-headless). Without npm the step says so and the test is skipped (in CI it fails).
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm fehlt: der HTML-Check (Nu HTML Checker) wird übersprungen"; fi

vnu: $(VNU_JAR)

# The local demo: SQLite under var/ unless DATABASE_URL names a database, production-like settings over plain HTTP.
run: install
	@mkdir -p var
	@test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	@DJANGO_SECRET_KEY="$$(cat var/secret_key)" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-false}" \
	DJANGO_SECURE_COOKIES="$${DJANGO_SECURE_COOKIES:-false}" \
	DJANGO_HSTS_SECONDS="$${DJANGO_HSTS_SECONDS:-0}" \
	DJANGO_SERVE_MEDIA="$${DJANGO_SERVE_MEDIA:-true}" \
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" \
	PORT=$(PORT) PY=$(PY) ./bin/run-local

test: install lint vnu
	@DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) bin/check-postgres
	@DATABASE_URL="sqlite://:memory:" DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	DATABASE_URL="$(TEST_DATABASE_URL)" DJANGO_DEBUG=true $(VENV)/bin/pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

fmt: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml templates

check: install
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=portal.example.org EMAIL_URL="$${EMAIL_URL:-smtp+tls://portal@mail.example.org:587}" \
	$(PY) manage.py check --deploy --fail-level WARNING

worker: install
	$(PY) manage.py db_worker

# The German catalogue of the admin strings Django and two third-party apps leave English (needs GNU gettext).
messages: install
	DJANGO_DEBUG=true $(PY) manage.py compilemessages --locale de --ignore .venv

# The benchmark: gunicorn as in production on Postgres (database emscher_bench, recreated) with a large generated
# archive, measured on 127.0.0.1; writes bench/RESULTS.md. A few minutes; see bench/run.sh for its variables.
bench: install
	PY=$(PY) ./bench/run.sh

# One archive with the database dump, the media files and a manifest of checksums and row counts
# (var/backups/emscher-portal-<time>.tar.gz, or FILE=…). Uses DATABASE_URL/MEDIA_ROOT like the portal.
backup: install
	$(PY) bin/backup $(FILE)

# Restore such an archive over DATABASE_URL and MEDIA_ROOT, then prove rows and checksums match the manifest.
restore: install
	@test -n "$(FILE)" || { echo "Aufruf: make restore FILE=var/backups/emscher-portal-….tar.gz"; exit 2; }
	$(PY) bin/restore $(FILE)
