# The two commands: `make run` and `make test`. Both set everything up on a bare machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint typecheck pytest messages bench demo worker beat clean

$(VENV)/.installed: pyproject.toml
	scripts/system-packages
	test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# xstatic-bootstrap ships only an sdist whose setup needs pkg_resources (setuptools < 81).
	$(PY) -m pip install -q "setuptools<81" wheel
	$(PY) -m pip install -q --no-build-isolation "xstatic-bootstrap~=5.3.8"
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(MANAGE) seed_demo
	DEBUG=$${DEBUG:-1} $(MANAGE) runserver $(HOST):$(PORT)

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

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
