# The two commands a newcomer needs: `make extract` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: extract test lint format bench fuzz clean setup docs

# Re-install whenever pyproject.toml changes (the stamp is older than it).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract raw --out clean

lint: $(STAMP)
	$(PY) -m ruff check pipeline schemas tests bench
	$(PY) -m ruff format --check pipeline schemas tests bench
	$(PY) -m mypy

test: lint
	$(PY) -m pytest -p no:cacheprovider -m "not fuzz"

format: $(STAMP)
	$(PY) -m ruff format pipeline schemas tests bench
	$(PY) -m ruff check --fix pipeline schemas tests bench

# The data dictionary in docs/contract.md is generated from schemas/models.py.
docs: $(STAMP)
	$(PY) -m tests.update_contract

bench: $(STAMP)
	$(PY) bench/run_bench.py

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -p no:cacheprovider -m "fuzz or not fuzz" tests

clean:
	rm -rf clean.tmp-* .mypy_cache .ruff_cache
