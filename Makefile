# Two commands (see README): `make run` and `make test`. Both create .venv when it is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.headway-installed
WORKSPACE ?= workspace

.PHONY: run serve demo test lint bench clean

# setup.py builds the compiled XES scanner (sources in src/headway/mining/xes_c/) into the
# source tree.
$(STAMP): pyproject.toml setup.py $(wildcard src/headway/mining/xes_c/*)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,peer]'
	touch $(STAMP)

# The main job: an editable bakery workspace (created once), validated and planned.
run: $(STAMP)
	test -f $(WORKSPACE)/headway.yaml || $(BIN)/headway init --template bakery $(WORKSPACE)
	$(BIN)/headway plan $(WORKSPACE)/headway.yaml

# The web app on SQLite in the data folder (docs/web.md): `make serve`, or `make demo` for a
# demo user and a bakery workspace.
serve: $(STAMP)
	$(BIN)/headway serve

demo: $(STAMP)
	$(BIN)/headway demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n auto

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
