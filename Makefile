# `make run` and `make test` on a fresh machine need only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?= -n auto --dist loadgroup

.PHONY: run test lint format bench services clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m portal.launcher run

test: $(STAMP)
	@$(BIN)/python -m portal.launcher test $(PYTEST_ARGS)

services: $(STAMP)
	@$(BIN)/python -m portal.launcher services

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

bench: $(STAMP)
	@$(BIN)/python -m portal.launcher bench

clean:
	rm -rf $(VENV) tests/e2e/artifacts
