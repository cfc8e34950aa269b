# kcassistant — every target sets itself up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
KC_DOCS ?= $(abspath ../shared/knowledge)
export KC_DOCS

.PHONY: setup demo demo-cli browser lint typecheck check test eval bench same-results clean

setup: $(VENV)/.setup-done

$(VENV)/.setup-done: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	@# torch first, pinned: the CPU build lies on this machine's disk; a bare
	@# requirement from sentence-transformers would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[st,app,langchain,api,bench,test,cluster]'
	touch $@

demo: setup
	@# incremental: only new or changed files are parsed and embedded
	$(PY) -m kcassistant.cli ingest "$(KC_DOCS)"
	@echo "Trợ lý khuyến công: mở http://127.0.0.1:$(PORT) trong trình duyệt (Ctrl+C để dừng)"
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

demo-cli: setup
	$(PY) -m kcassistant.cli ingest "$(KC_DOCS)"
	$(PY) -m kcassistant.demo

# The browser test drives Debian's chromium; as root (CI) we install it, otherwise
# the test says why it skips.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium absent and not root: the browser test will be skipped"; }

lint: setup
	$(VENV)/bin/ruff check .

typecheck: setup
	$(VENV)/bin/mypy

# What CI runs: lint, types, then the whole test suite.
check: lint typecheck
	$(MAKE) test

test: setup browser
	$(PY) -m pytest -q -rs

# The answers on dev-large are the same as at BASE (apart from latency).
BASE ?= HEAD
same-results: setup
	$(PY) scripts/same_results.py --base $(BASE)

eval: setup
	$(PY) -m kcassistant.cli ingest "$(KC_DOCS)"
	$(PY) -m kcassistant.cli eval ../shared/eval/dev.jsonl --out artifacts/dev-results.jsonl

bench: setup
	$(PY) bench/bench_core.py
	$(PY) bench/figures_eval.py | tail -1
	$(PY) bench/bench_app.py

clean:
	rm -rf $(VENV) .kcassistant artifacts .pytest_cache
