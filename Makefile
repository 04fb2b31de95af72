# The two commands a newcomer needs: `make extract` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
LOCK := requirements.lock
VERSION_OF = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
WANT := $(call VERSION_OF,$(PYTHON))

.PHONY: extract test lint format bench fuzz clean setup docs lock

ifeq ($(filter 3.11 3.12 3.13,$(WANT)),)
$(error $(PYTHON) is Python '$(WANT)': this project runs on Python 3.11 to 3.13; run `make PYTHON=/path/to/python3.11`)
endif
# A .venv made with another Python than $(PYTHON) (or a broken one) is rebuilt, not reused.
ifneq ($(call VERSION_OF,$(PY)),$(WANT))
$(shell rm -f $(STAMP))
endif

# Install the locked versions (requirements.lock: the ones the tests and the byte-identical
# outputs were made with), then this package; again whenever either file changes.
$(STAMP): pyproject.toml $(LOCK)
	@if [ "$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$(WANT)" ]; then \
		echo "setting up .venv with Python $(WANT) ($(PYTHON)), about a minute"; \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Rewrite the lock from pyproject.toml's ranges (keeps current pins where they still fit).
lock: $(STAMP)
	$(PY) -m piptools compile --quiet --extra dev --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

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
