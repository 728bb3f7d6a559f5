# Kafaa: `make run` serves the app with demo data, `make test` runs the whole suite.
PYTHON3 ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test install messages lint

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo "\nKafaa is starting on http://$(HOST)/  (admin: http://$(HOST)/admin/)\n"
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest

# Refresh the French catalogue after changing user-facing strings, then translate and compile.
messages: install
	$(PY) manage.py makemessages -l fr --no-location --no-obsolete --ignore=.venv
	$(PY) manage.py compilemessages -l fr --ignore=.venv

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
