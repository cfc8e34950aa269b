# kcassistant — every target sets itself up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KC_DOCS ?= $(abspath ../shared/knowledge)
export KC_DOCS

.PHONY: setup demo test eval bench bench-scale clean

setup: $(VENV)/.setup-done

$(VENV)/.setup-done: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	@# torch first, pinned: the CPU build lies on this machine's disk; a bare
	@# requirement from sentence-transformers would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[st,app,test]'
	touch $@

demo: setup
	$(PY) -m kcassistant.cli ingest "$(KC_DOCS)"
	$(PY) -m kcassistant.demo

test: setup
	$(PY) -m pytest -q -rs

eval: setup
	$(PY) -m kcassistant.cli ingest "$(KC_DOCS)"
	$(PY) -m kcassistant.cli eval ../shared/eval/dev.jsonl --out artifacts/dev-results.jsonl

bench: setup
	$(PY) bench/bench_core.py

clean:
	rm -rf $(VENV) .kcassistant artifacts .pytest_cache
