# Masthead: `make demo` to see it, `make test` to check it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Test processes (pytest-xdist): one per core, 8 at most (each takes a Redis database);
# 0 runs the suite in this process.
TEST_PROCESSES ?= auto

.PHONY: demo test lint bench install install-dev browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The browser tests' helpers (axe-core, the Nu HTML Checker) come from npm when it is here.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: browser accessibility and HTML checks will be skipped"; fi

browser-deps: node_modules/.installed

demo: install
	TIME_ZONE=$${TIME_ZONE:-Asia/Amman} $(BIN)/masthead demo

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-dev browser-deps lint
	$(BIN)/masthead check
	$(BIN)/masthead makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_PROCESSES) --maxprocesses 8

bench: install-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules
