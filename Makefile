# The two commands of the README: `make demo` and `make test`. Both bootstrap .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false

.PHONY: install demo test lint format typecheck bench clean

# Re-install only when the dependency files change (idempotent, pinned).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,openmetadata]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/governance demo
	$(BIN)/governance ui

test: $(STAMP) lint typecheck
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/cli_startup.py
	$(BIN)/python bench/pii/tables.py --out /tmp/pii-bench
	$(BIN)/python bench/pii/score.py /tmp/pii-bench
	$(BIN)/python bench/pii/throughput.py --rows 200000 --out /tmp/pii-throughput
	$(BIN)/python bench/quality/validate_bench.py
	$(BIN)/python bench/gate_bench.py
	$(BIN)/python bench/ui_bench.py

clean:
	rm -rf $(VENV) demo-data governance.db governance.db-wal governance.db-shm
