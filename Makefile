# The two commands: `make run` and `make test`. Both set everything up on a bare machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run stop test install lint typecheck pytest messages bench demo worker beat backup restore clean

$(VENV)/.installed: pyproject.toml
	scripts/system-packages
	test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Links in e-mails follow the port served unless SITE_URL is set.
run: export SITE_URL := $(or $(SITE_URL),http://$(HOST):$(PORT))
run: install
	@echo "== Database: applying migrations"
	@$(MANAGE) migrate --noinput -v 0
	@echo "== Translations: compiling messages"
	@$(MANAGE) compilemessages --ignore=.venv -v 0
	@echo "== Demo data"
	@$(MANAGE) seed_demo
	@echo "Serving $(SITE_URL)/fr/ and $(SITE_URL)/en/ (links in e-mails: $(SITE_URL))"
	DEBUG=$${DEBUG:-1} $(MANAGE) runserver $(HOST):$(PORT)

# Stop the embedded PostgreSQL of .local/ (it also stops when the last process using it exits).
stop:
	@$(PY) -c 'from pathlib import Path; from portal.lib.embedded_db import embedded_database_stop as stop; import os; print("embedded PostgreSQL stopped" if stop(Path(os.environ.get("LOCAL_DIR", ".local"))) else "embedded PostgreSQL is not running")'

test: install lint typecheck pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy .

pytest: install
	scripts/system-packages --test
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Refresh the message files after changing strings, then translate what is new.
messages: install
	scripts/makemessages

bench: install
	scripts/system-packages --bench
	$(MANAGE) compilemessages --ignore=.venv -v 0
	@for b in bench/bench_*.py; do [ -e "$$b" ] && $(PY) "$$b"; done; true

worker: install
	$(VENV)/bin/celery -A portal worker -Q default,email -l info

beat: install
	$(VENV)/bin/celery -A portal beat -l info

# The database and the uploads into backups/<timestamp>/; restore one into an EMPTY database
# (docs/production.md, "Backup and restore").
backup: install
	scripts/backup

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<timestamp>"; exit 2; }
	scripts/restore "$(BACKUP)"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
