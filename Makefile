# The README's two commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/scraper: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/scraper

.PHONY: demo test
demo: $(BIN)/scraper
	$(BIN)/scraper demo

# Lint and types first (seconds), then the tests; the configuration is in pyproject.toml.
test: $(BIN)/scraper
	$(BIN)/ruff check
	$(BIN)/mypy
	$(BIN)/python -m pytest -q
