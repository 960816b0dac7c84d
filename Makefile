# Two commands for a new user: `make run` and `make test`. Everything else is what they use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-only test-postgres install assets browser lint bench backup restore docker clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

static/vendor/htmx.min.js: node_modules/.package-lock.json scripts/copy-assets.mjs
	npm run --silent build

install: $(VENV)/.installed static/vendor/htmx.min.js

assets: static/vendor/htmx.min.js

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## Installs everything, migrates the database, seeds the demo session and serves it.
run: install
	$(BIN)/uvicorn app.main:create_app --factory --host $(HOST) --port $(PORT) --proxy-headers --timeout-graceful-shutdown 5

## Installs everything (Chromium included) and runs the whole test suite.
test: install browser test-only

test-only:
	$(BIN)/ruff check .
	$(BIN)/pytest -q

## The same suite against PostgreSQL (each test gets a database of its own on that server).
POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
test-postgres: install browser
	TEST_DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q

lint:
	$(BIN)/ruff check .

## Load benchmark of a full room; prints a table, writes benchmarks/results/*.json.
bench: install
	$(BIN)/python -m benchmarks.room

## Every session in full (names and private sheets too) to FILE, and back: for moving an install.
FILE ?= opdenksessie-backup.json
backup: install
	$(BIN)/python -m app.backup dump $(FILE)

restore: install
	$(BIN)/python -m app.backup restore $(FILE)

## Builds the Docker image and runs it on port $(PORT), data on the volume opdenksessie-data.
docker:
	@if [ -x ../shared/tools/docker-base ]; then ../shared/tools/docker-base; fi
	DOCKER_BUILDKIT=0 docker build -t opdenksessie .
	docker run --rm -p $(PORT):8000 -v opdenksessie-data:/data opdenksessie

clean:
	rm -rf $(VENV) node_modules static/vendor data
