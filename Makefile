# Panjereh: two commands from a fresh clone.
#   make run   - the whole platform with the sample data on http://127.0.0.1:8000 (PORT=…)
#   make test  - lint, types, import contracts, migrations, OpenAPI, unit, integration and
#                browser tests on SQLite, then the suite again on PostgreSQL with Redis
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: help run test install lint types contracts migrations-check openapi test-sqlite test-postgres system-packages axe clean

help:
	@echo "make run   - start Panjereh with the sample data on http://127.0.0.1:$${PORT:-8000}"
	@echo "make test  - the whole test suite (SQLite and PostgreSQL, browser included)"

$(UV):
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)
	@$(UV) sync --frozen --quiet

run: install
	@$(UV) run --frozen panjereh demo

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

types: install
	$(UV) run --frozen mypy panjereh

contracts: install
	$(UV) run --frozen lint-imports

migrations-check: install
	$(UV) run --frozen panjereh makemigrations --check --dry-run

openapi: install
	$(UV) run --frozen panjereh export_openapi_schema --api panjereh.api.main.api --indent 2 --sorted --output docs/openapi.json

system-packages:
	@bash scripts/ensure-system-packages.sh

axe:
	@$(PYTHON) scripts/fetch_axe.py

test-sqlite: install system-packages axe
	$(UV) run --frozen pytest -q -n auto

test-postgres: install system-packages axe
	@bash scripts/with-postgres.sh bash scripts/with-redis.sh $(UV) run --frozen pytest -q -n auto panjereh e2e

test: lint types contracts migrations-check test-sqlite test-postgres

clean:
	rm -rf $(TOOLS) .venv var .pytest_cache .mypy_cache .ruff_cache .hypothesis
