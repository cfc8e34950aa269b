"""Dense vectors in Chroma: an embedded PersistentClient by default, an HTTP server
when `KC_CHROMA_URL` is set. One collection per embedder, so switching models
never mixes dimensions."""
from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np

from ingest.model import Chunk

from ..config import Config, SettingError

# How many candidates HNSW keeps while searching. Chroma's default (100) left the tail of the
# 60 nearest passages varying from one process to the next, so a question could be answered
# differently after a restart; at 500 the 60 are the exact nearest on our indexes, and stable.
SEARCH_EF = 500
# After a failed search the store is not asked again for this long: questions go on by words at
# once, instead of each waiting on (and, with an embedded Chroma that cannot load its index,
# allocating for) an attempt that fails. The first search after the pause tries again.
RETRY_SECONDS = 30.0


def collection_name(base: str, embedder_name: str) -> str:
    """A Chroma-valid name per embedder, so switching models never mixes dimensions."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{base}-{embedder_name}").strip("-._")
    return slug[:60].strip("-._") or "kcassistant"


class VectorStoreUnavailable(RuntimeError):
    """The vector store cannot be reached (a Chroma server that is down): search goes
    on lexically and says so; ingest reports the files it could not embed."""


def _unavailable(where: str, exc: Exception) -> VectorStoreUnavailable:
    return VectorStoreUnavailable(f"kho vector {where} không truy cập được ({type(exc).__name__}: "
                                  f"{str(exc)[:160]})")


class VectorStore:
    """Chroma: embedded PersistentClient by default, an HTTP server when configured.
    Every failure of the store surfaces as VectorStoreUnavailable."""

    def __init__(self, config: Config, embedder_name: str) -> None:
        self._failure: VectorStoreUnavailable | None = None  # the last search's, while RETRY_SECONDS last
        self._failed_at = 0.0
        try:
            self._open(config, embedder_name)
        except SettingError:
            raise
        except Exception as exc:
            raise _unavailable(config.chroma_url or str(config.chroma_path), exc) from exc

    def _open(self, config: Config, embedder_name: str) -> None:
        import chromadb
        from chromadb.config import Settings

        settings = Settings(anonymized_telemetry=False)
        if config.chroma_url:
            match = re.match(r"^(https?)://([^:/]+)(?::(\d+))?", config.chroma_url)
            if not match:
                raise SettingError(f"KC_CHROMA_URL='{config.chroma_url}' không hợp lệ (ví dụ http://127.0.0.1:8000)")
            scheme, host, port = match.groups()
            self.client = chromadb.HttpClient(host=host, port=int(port or 8000), ssl=scheme == "https",
                                              settings=settings)
            self.where = config.chroma_url
        else:
            config.chroma_path.mkdir(parents=True, exist_ok=True)
            self.client = chromadb.PersistentClient(path=str(config.chroma_path), settings=settings)
            self.where = str(config.chroma_path)
        self.name = f"{self.where}#{collection_name(config.collection, embedder_name)}"
        self.collection = self.client.get_or_create_collection(
            collection_name(config.collection, embedder_name), embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}})
        hnsw = (self.collection.configuration or {}).get("hnsw") or {}
        if hnsw.get("ef_search", SEARCH_EF) < SEARCH_EF:  # a collection made before: the setting is mutable
            self.collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray, batch: int = 2000) -> None:
        with self._reaching():
            self._upsert(chunks, vectors, batch)

    def _upsert(self, chunks: list[Chunk], vectors: np.ndarray, batch: int) -> None:
        for i in range(0, len(chunks), batch):
            part = chunks[i:i + batch]
            self.collection.upsert(ids=[c.id for c in part],
                                   embeddings=vectors[i:i + batch].tolist(),
                                   metadatas=[c.metadata() for c in part])

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._reaching():
            for i in range(0, len(ids), 2000):
                self.collection.delete(ids=ids[i:i + 2000])

    def existing(self, ids: list[str]) -> dict[str, str]:
        """id → content_hash of the vectors already stored (to skip re-embedding)."""
        if not ids:
            return {}
        with self._reaching():
            got = self.collection.get(ids=ids, include=["metadatas"])
        return {i: str((m or {}).get("content_hash", "")) for i, m in zip(got["ids"], got["metadatas"] or [])}

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        if self._failure is not None and time.monotonic() - self._failed_at < RETRY_SECONDS:
            raise self._failure
        try:
            with self._reaching():  # Chroma returns what it has when it holds fewer than k (none when empty)
                res = self.collection.query(query_embeddings=[vector.tolist()], n_results=k,
                                            where=where or None, include=["distances"])
        except VectorStoreUnavailable as exc:
            self._failure, self._failed_at = exc, time.monotonic()
            raise
        self._failure = None
        distances = res["distances"] or [[]]
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], distances[0])]

    def count(self) -> int:
        with self._reaching():
            return self.collection.count()

    @contextmanager
    def _reaching(self) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            raise _unavailable(self.where, exc) from exc
