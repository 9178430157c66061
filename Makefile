# The two commands: `make demo` and `make test`. Both create .venv if missing and
# install the pinned dependencies (requirements.lock) before they run.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The example corpus into the embedded DuckDB store (run it twice: nothing is added
# the second time), then who said what to whom, through what, and the events.
DEMO_DB ?= communique.duckdb
demo: $(STAMP)
	$(BIN)/communique ingest examples --db $(DEMO_DB) --published 2022-02-12
	$(BIN)/communique query --db $(DEMO_DB) "SELECT doc_id, speaker, cue, addressee, via, \
		content FROM who_said_what ORDER BY doc_id, content_start"
	$(BIN)/communique query --db $(DEMO_DB) "SELECT doc_id, type, mode, actors, recipients, \
		date, trigger FROM who_did_what ORDER BY doc_id, trigger_start"
	$(BIN)/communique stories --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,bench]'
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/length.py --plot benchmarks/length.png
	cd benchmarks && ../$(BIN)/python polnear.py --split dev

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache src/*.egg-info
