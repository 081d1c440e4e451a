# Two commands for a newcomer: `make serve` and `make test`. Each creates or reuses
# .venv and installs the pinned requirements first; nothing is installed globally.

SHELL := /bin/bash
# Material prints its end-of-life notice above every build's output, a contributor's
# error included; the project follows that road itself (make build-zensical).
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The first Python >= 3.11 on the PATH, preferring plain python3.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: serve build build-zensical test check fix lint test-fast lab screenshots bench sizes measure pins vendor-pyodide clean help

help:
	@echo "make serve        build the site and serve it at http://127.0.0.1:8000 (reloads on edits)"
	@echo "make test         every check CI runs: lint, unit tests, code blocks, strict build, Zensical build, browser"
	@echo "make check        before you push: what CI checks, on the files you changed (under a minute)"
	@echo "make fix          apply the automatic fixes (ruff, pymarkdown) to the files you changed"
	@echo "make lint         ruff, markdown lint and spelling (the pre-commit hooks), every file"
	@echo "make build        build the site into site/ (strict)"
	@echo "make build-zensical  build it with Zensical into site-zensical/ and list what that leaves out"
	@echo "make lab          run the lab notebooks (docs/lab/*.py) as plain scripts, without a build"
	@echo "make screenshots  write screenshots of key pages to screenshots/"
	@echo "make bench        Lighthouse CI on every page, with budgets (needs Chromium and npm)"
	@echo "make sizes        page weights (gzipped) per page, against the budgets"
	@echo "make measure      time the pipelines, their steps, the test step, file writes and scikit-learn fits into data/wall_times.json"
	@echo "make pins         which pinned requirements have a newer release, and whether it installs here"
	@echo "make vendor-pyodide  copy the pinned Pyodide (package.json) into docs/assets/vendor/pyodide/"

$(STAMP): requirements.txt pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: no Python 3.11 or newer found on the PATH (tried python3, python3.13, python3.12, python3.11)." >&2; \
		echo "Install Python 3.11+ (on Debian/Ubuntu: sudo apt-get install python3 python3-venv) and run make again." >&2; \
		exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "error: '$(PYTHON) -m venv' failed. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2; \
		rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Zensical, the successor of Material for MkDocs, builds the same content; what it cannot
# (MkDocs hooks and plugins) shows itself. The published site stays the MkDocs build.
build-zensical: $(STAMP)
	$(BIN)/python -m tools.zensical_build

check: $(STAMP)
	$(BIN)/python -m tools.check

fix: $(STAMP)
	$(BIN)/python -m tools.check --fix

lint: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pre-commit run --all-files --show-diff-on-failure

# One process per core (pytest-xdist), each taking the next tests as it is free, in the
# order tests/conftest.py gives them (run_order). No test shares a costly fixture with
# another: one that must share would run twice (xdist's loadgroup does not group under
# pytest 9.2, pytest-xdist issue 1386).
PARALLEL := -n auto

test: lint
	$(BIN)/pytest $(PARALLEL) --cov=snippets --cov-report=term-missing:skip-covered --cov-fail-under=95

# Everything but the browser and whole-site tests, for a quick loop while writing.
test-fast: $(STAMP)
	$(BIN)/pytest $(PARALLEL) -m "not build and not browser"

# The notebooks are jupytext percent files, so Python runs them as they are.
lab: $(STAMP)
	@for notebook in docs/lab/*.py; do echo "$$notebook"; $(BIN)/python "$$notebook" || exit 1; done

screenshots: $(STAMP)
	$(BIN)/python -m tools.screenshots

sizes: $(STAMP)
	$(BIN)/python -m tools.sizes

# Wall times depend on the machine, so they are measured on demand and committed as
# data; the build draws data/wall_times.json and never measures. About two minutes
# on an idle machine; run it when nothing else is (it warns when something was).
measure: $(STAMP)
	$(BIN)/python -m snippets.benchmark

# Lighthouse CI, pinned in package-lock.json, into node_modules/ (not needed by make test).
node_modules/.bin/lhci: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

bench: $(STAMP) node_modules/.bin/lhci
	$(BIN)/python -m tools.bench

# A report, never a change: the weekly drift workflow prints the same table.
pins: $(STAMP)
	$(BIN)/python -m tools.pins

# Only to update the committed copy after changing the pin in package.json.
vendor-pyodide: $(STAMP)
	npm ci --no-audit --no-fund
	$(BIN)/python -m tools.vendor_pyodide

clean:
	rm -rf site site-zensical mkdocs.zensical.yml build/zensical-docs .pytest_cache .coverage htmlcov screenshots
