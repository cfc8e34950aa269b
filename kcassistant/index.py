"""The knowledge base on disk: a SQLite catalog (files, chunks, their BM25 tokens),
vectors in Chroma, and a BM25 index rebuilt from the stored tokens at load.

The catalog is the source of truth. A file is recorded as ingested only after its
vectors are stored, so an interrupted ingest leaves the previous index usable and a
re-run completes it; vectors whose chunk is not in the catalog are ignored at search.
"""
from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ingest.model import Chunk

from .config import Config

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT, kind TEXT,
    n_chunks INTEGER, ingested_at REAL, path TEXT);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, position INTEGER, content_hash TEXT,
    data TEXT NOT NULL, tokens TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass
class FileRecord:
    source: str
    sha256: str
    title: str
    kind: str
    n_chunks: int
    ingested_at: float
    path: str


class Catalog:
    """Files and chunks in SQLite (standard library, one file beside the vectors)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path), check_same_thread=False)
        self.db.executescript(SCHEMA)
        self.db.commit()

    def file(self, source: str) -> FileRecord | None:
        row = self.db.execute("SELECT source, sha256, title, kind, n_chunks, ingested_at, path "
                              "FROM files WHERE source=?", (source,)).fetchone()
        return FileRecord(*row) if row else None

    def files(self) -> list[FileRecord]:
        rows = self.db.execute("SELECT source, sha256, title, kind, n_chunks, ingested_at, path "
                               "FROM files ORDER BY source").fetchall()
        return [FileRecord(*row) for row in rows]

    def chunk_hashes(self, source: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, content_hash FROM chunks WHERE source=?", (source,)))

    def replace_file(self, record: FileRecord, chunks: list[Chunk], tokens: list[list[str]]) -> None:
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE source=?", (record.source,))
            self.db.executemany(
                "INSERT INTO chunks (id, source, position, content_hash, data, tokens) VALUES (?,?,?,?,?,?)",
                [(c.id, c.source, c.position, c.content_hash, json.dumps(asdict(c), ensure_ascii=False),
                  " ".join(t)) for c, t in zip(chunks, tokens)])
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?)",
                            (record.source, record.sha256, record.title, record.kind,
                             record.n_chunks, record.ingested_at, record.path))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('last_ingest', ?)", (str(time.time()),))

    def remove_file(self, source: str) -> list[str]:
        ids = [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE source=?", (source,))]
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE source=?", (source,))
            self.db.execute("DELETE FROM files WHERE source=?", (source,))
        return ids

    def all_chunks(self) -> tuple[list[Chunk], list[list[str]]]:
        chunks, tokens = [], []
        for data, toks in self.db.execute("SELECT data, tokens FROM chunks ORDER BY source, position"):
            chunks.append(Chunk(**json.loads(data)))
            tokens.append(toks.split())
        return chunks, tokens

    def retokenize(self, tokenize_chunk) -> int:
        """Rebuild every chunk's stored tokens (after a tokenizer change)."""
        rows = self.db.execute("SELECT id, data FROM chunks").fetchall()
        with self.db:
            for chunk_id, data in rows:
                tokens = tokenize_chunk(Chunk(**json.loads(data)))
                self.db.execute("UPDATE chunks SET tokens=? WHERE id=?", (" ".join(tokens), chunk_id))
        return len(rows)

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def version(self) -> str:
        row = self.db.execute("SELECT COUNT(*), COALESCE(MAX(ingested_at), 0) FROM files").fetchone()
        return f"{row[0]}:{row[1]}"


def collection_name(base: str, embedder_name: str) -> str:
    """A Chroma-valid name per embedder, so switching models never mixes dimensions."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{base}-{embedder_name}").strip("-._")
    return slug[:60].strip("-._") or "kcassistant"


class VectorStore:
    """Chroma: embedded PersistentClient by default, an HTTP server when configured."""

    def __init__(self, config: Config, embedder_name: str) -> None:
        import chromadb
        from chromadb.config import Settings

        settings = Settings(anonymized_telemetry=False)
        if config.chroma_url:
            match = re.match(r"^(https?)://([^:/]+)(?::(\d+))?", config.chroma_url)
            if not match:
                raise ValueError(f"KC_CHROMA_URL='{config.chroma_url}' không hợp lệ (ví dụ http://127.0.0.1:8000)")
            scheme, host, port = match.groups()
            self.client = chromadb.HttpClient(host=host, port=int(port or 8000), ssl=scheme == "https",
                                              settings=settings)
            self.where = config.chroma_url
        else:
            config.chroma_path.mkdir(parents=True, exist_ok=True)
            self.client = chromadb.PersistentClient(path=str(config.chroma_path), settings=settings)
            self.where = str(config.chroma_path)
        self.collection = self.client.get_or_create_collection(
            collection_name(config.collection, embedder_name), embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}})

    def upsert(self, chunks: list[Chunk], vectors: np.ndarray, batch: int = 2000) -> None:
        for i in range(0, len(chunks), batch):
            part = chunks[i:i + batch]
            self.collection.upsert(ids=[c.id for c in part],
                                   embeddings=vectors[i:i + batch].tolist(),
                                   metadatas=[c.metadata() for c in part])

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), 2000):
            self.collection.delete(ids=ids[i:i + 2000])

    def existing(self, ids: list[str]) -> dict[str, str]:
        """id → content_hash of the vectors already stored (to skip re-embedding)."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["metadatas"])
        return {i: (m or {}).get("content_hash", "") for i, m in zip(got["ids"], got["metadatas"])}

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        count = self.collection.count()
        if count == 0:
            return []
        res = self.collection.query(query_embeddings=[vector.tolist()], n_results=min(k, count),
                                    where=where or None, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0])]

    def count(self) -> int:
        return self.collection.count()


class LexicalIndex:
    """BM25 (bm25s) over the stored segmented tokens."""

    def __init__(self, tokens: list[list[str]]) -> None:
        import bm25s

        self.size = len(tokens)
        self.retriever = None
        if not tokens:
            return
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in toks] or [vocab.setdefault("<empty>", len(vocab))]
               for toks in tokens]
        self.vocab = vocab
        self.retriever = bm25s.BM25(k1=1.2, b=0.75)
        self.retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        if self.retriever is None:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in query_tokens if t in self.vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)
