# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test install install-test translations chromium lint bench reference-data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

install: $(VENV)/.installed translations

install-test: $(VENV)/.installed-test translations chromium

# The browser tests drive Debian's Chromium (never a downloaded one): installed when missing.
CHROMIUM := /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's Chromium: sudo apt-get install -y chromium" >&2; exit 1; \
	  fi; }

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d orientheque_jobs/translations 2>&1 | tail -n 2

run: install
	$(FLASK) db upgrade heads
	$(FLASK) ref load
	$(FLASK) demo load
	$(FLASK) search sync
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-extract messages after changing user-facing text, then translate the new entries in en.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -o orientheque_jobs/translations/messages.pot .
	$(BIN)/pybabel update -i orientheque_jobs/translations/messages.pot -d orientheque_jobs/translations

# Rebuild orientheque_jobs/data/*.csv from the raw public files.
reference-data: $(VENV)/.installed
	$(BIN)/python -c "from pathlib import Path; from orientheque_jobs.services.reference import build_reference_files as b; print(b(Path('$(or $(RAW),../shared/data/raw)')))"

bench: install-test
	$(BIN)/python bench/board.py

clean:
	rm -rf $(VENV) instance .pytest_cache
