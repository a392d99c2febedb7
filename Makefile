# `make run` and `make test` on a fresh machine need only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?= -n auto --dist loadgroup

.PHONY: run test lint format bench services backup restore clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m devtools.launcher run

test: $(STAMP)
	@$(BIN)/python -m devtools.launcher test $(PYTEST_ARGS)

services: $(STAMP)
	@$(BIN)/python -m devtools.launcher services

backup: $(STAMP)
	@$(BIN)/python -m devtools.launcher backup

# make restore FILE=var/backups/20260101-023000.tar.gz [FORCE=1]
restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/<time>.tar.gz [FORCE=1]"; exit 2; }
	@$(MAKE) --no-print-directory $(STAMP)
	@$(BIN)/python -m devtools.launcher restore "$(FILE)" $(if $(FORCE),--force)

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

bench: $(STAMP)
	@$(BIN)/python -m devtools.launcher bench

clean:
	rm -rf $(VENV) tests/e2e/artifacts
