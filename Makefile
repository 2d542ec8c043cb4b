# The two commands of the README, and the developer loop.
#   make run   - set up, index the sample reports (and ../shared/reports if present), open the chat UI
#   make test  - set up, then run the whole test suite (what CI runs)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= .cqc-rag
SHARED_REPORTS := $(wildcard ../shared/reports/*.txt)

.PHONY: run test setup browser lint typecheck bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, pinned: here pip takes the CPU wheel on this disk; an unpinned torch pulls CUDA.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-color-emoji >/dev/null)

run: setup
	CQC_RAG_DATA_DIR=$(DATA_DIR) $(BIN)/cqc-rag ingest data/sample_reports/northmere.md data/sample_reports/southbay.md $(SHARED_REPORTS)
	CQC_RAG_DATA_DIR=$(DATA_DIR) $(BIN)/cqc-rag serve

test: setup browser
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check rag ingest ui eval tests
	$(BIN)/ruff format --check rag ingest ui eval tests

typecheck: setup
	$(BIN)/mypy

bench: setup
	CQC_RAG_DATA_DIR=$(DATA_DIR)-bench $(BIN)/cqc-rag bench

clean:
	rm -rf $(VENV) $(DATA_DIR) .pytest_cache .mypy_cache .ruff_cache
