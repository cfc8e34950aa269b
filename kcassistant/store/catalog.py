"""The catalog: files and chunks in SQLite, the source of truth of the index.

A file is recorded as soon as it is parsed and tokenised: it is searchable lexically
at once. Each chunk keeps the content hash its stored vector was made from
(`vector_hash`), so the chunks still waiting for a vector are a query — the queue
that `vector_queue` drains, surviving restarts. Vectors whose chunk is not in the
catalog are ignored at search.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ingest.model import Chunk

from ..database import SharedConnection
from .passages import Outline

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT, kind TEXT,
    n_chunks INTEGER, ingested_at REAL, path TEXT,
    parser TEXT DEFAULT '', publisher TEXT DEFAULT '', published TEXT DEFAULT '');
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, position INTEGER, content_hash TEXT,
    data TEXT NOT NULL, tokens TEXT NOT NULL, vector_hash TEXT DEFAULT '');
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass(frozen=True)
class FileRecord:
    source: str
    sha256: str
    title: str
    kind: str
    n_chunks: int
    ingested_at: float
    path: str
    parser: str = ""  # ingest.PARSER_VERSION that made its chunks: another one re-reads the file
    publisher: str = ""  # news: outlet and publication date, when the source says
    published: str = ""


_COLUMNS = "source, sha256, title, kind, n_chunks, ingested_at, path, parser, publisher, published"


class Catalog:
    """Files and chunks in SQLite (standard library, one file beside the vectors)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = SharedConnection(path)
        self.db.executescript(SCHEMA)
        for column in ("parser", "publisher", "published"):  # catalogs of earlier versions gain the column
            self._add_column("files", column)
        if self._add_column("chunks", "vector_hash"):
            # a catalog of an earlier version: its files were recorded after their vectors
            self.db.execute("UPDATE chunks SET vector_hash = content_hash")
        self.db.commit()

    def _add_column(self, table: str, column: str) -> bool:
        """Give a catalog of an earlier version `column`; False when it has it already — also
        when another process opening the same catalog added it a moment before."""
        if column in {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}:
            return False
        try:
            self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT DEFAULT ''")
        except sqlite3.OperationalError as error:
            if "duplicate column" not in str(error):
                raise
            return False
        return True

    def file_where(self, column: str, value: str) -> FileRecord | None:
        """The file whose `path` (resolved) or `sha256` is `value`: one document has one
        identity however its path is given."""
        assert column in ("path", "sha256")
        row = self.db.execute(f"SELECT {_COLUMNS} "
                              f"FROM files WHERE {column}=? ORDER BY source LIMIT 1", (value,)).fetchone()
        return FileRecord(*row) if row else None

    def file(self, source: str) -> FileRecord | None:
        row = self.db.execute(f"SELECT {_COLUMNS} "
                              "FROM files WHERE source=?", (source,)).fetchone()
        return FileRecord(*row) if row else None

    def files(self) -> list[FileRecord]:
        rows = self.db.execute(f"SELECT {_COLUMNS} "
                               "FROM files ORDER BY source").fetchall()
        return [FileRecord(*row) for row in rows]

    def collections(self) -> dict[str, str]:
        """Each file's collection: the folder it was ingested from (its path without its source name)."""
        rows = self.db.execute("SELECT source, coalesce(path, '') FROM files").fetchall()
        return {source: path[:-len(source)] if path.endswith(source) else "" for source, path in rows}

    def chunk_hashes(self, source: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, content_hash FROM chunks WHERE source=?", (source,)))

    def replace_file(self, record: FileRecord, chunks: list[Chunk], tokens: list[list[str]]) -> None:
        """The file's chunks replaced; a chunk whose vector is stored keeps it (by id and hash)."""
        with self.db:
            vectors = dict(self.db.execute("SELECT id, vector_hash FROM chunks WHERE source=?", (record.source,)))
            self.db.execute("DELETE FROM chunks WHERE source=?", (record.source,))
            self.db.executemany(
                "INSERT INTO chunks (id, source, position, content_hash, data, tokens, vector_hash) "
                "VALUES (?,?,?,?,?,?,?)",
                [(c.id, c.source, c.position, c.content_hash, json.dumps(asdict(c), ensure_ascii=False),
                  " ".join(t), vectors.get(c.id, "")) for c, t in zip(chunks, tokens)])
            self.db.execute(f"INSERT OR REPLACE INTO files ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                            (record.source, record.sha256, record.title, record.kind, record.n_chunks,
                             record.ingested_at, record.path, record.parser, record.publisher, record.published))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('last_ingest', ?)", (str(time.time()),))

    def remove_file(self, source: str) -> list[str]:
        ids = [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE source=?", (source,))]
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE source=?", (source,))
            self.db.execute("DELETE FROM files WHERE source=?", (source,))
        return ids

    def outline(self) -> Outline:
        """What search needs of every passage without reading it, in the order of `all_chunks`."""
        return Outline.of_rows(self.db.execute(
            "SELECT id, content_hash, source, json_extract(data, '$.kind'), json_extract(data, '$.doc_type'), "
            "json_extract(data, '$.doc_number'), json_extract(data, '$.article'), json_extract(data, '$.year'), "
            "coalesce(json_extract(data, '$.title'), '') FROM chunks ORDER BY source, position"))

    def read(self, ids: list[str]) -> list[Chunk]:
        """The chunks with these ids (those that exist), in no particular order."""
        marks = ",".join("?" * len(ids))
        return [chunk_from_json(data) for (data,) in self.db.execute(f"SELECT data FROM chunks WHERE id IN ({marks})",
                                                                      ids)] if ids else []

    def all_chunks(self) -> list[Chunk]:
        """Every passage, in reading order (by file, then position)."""
        rows = self.db.execute("SELECT data FROM chunks ORDER BY source, position")
        return [chunk_from_json(data) for (data,) in rows]

    def all_tokens(self) -> list[list[str]]:
        """Every passage's indexed words, in the order of `all_chunks`."""
        return [toks.split() for (toks,) in self.db.execute("SELECT tokens FROM chunks ORDER BY source, position")]

    def tokens_of(self, chunk_id: str) -> list[str]:
        row = self.db.execute("SELECT tokens FROM chunks WHERE id=?", (chunk_id,)).fetchone()
        return row[0].split() if row else []

    def retokenize(self, tokenize_chunk: Callable[[Chunk], list[str]]) -> int:
        """Rebuild every chunk's stored tokens (after a tokenizer change)."""
        rows = self.db.execute("SELECT id, data FROM chunks").fetchall()
        with self.db:
            for chunk_id, data in rows:
                tokens = tokenize_chunk(chunk_from_json(data))
                self.db.execute("UPDATE chunks SET tokens=? WHERE id=?", (" ".join(tokens), chunk_id))
        return len(rows)

    def pending_vectors(self, limit: int) -> list[Chunk]:
        """Chunks whose stored vector is missing or made from other content, in reading order."""
        rows = self.db.execute("SELECT data FROM chunks WHERE vector_hash != content_hash "
                               "ORDER BY source, position LIMIT ?", (limit,))
        return [chunk_from_json(data) for (data,) in rows]

    def count_pending_vectors(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM chunks WHERE vector_hash != content_hash").fetchone()[0])

    def mark_vectors(self, chunks: list[Chunk]) -> None:
        with self.db:
            self.db.executemany("UPDATE chunks SET vector_hash=? WHERE id=?", [(c.content_hash, c.id) for c in chunks])

    def vectors_belong_to(self, collection: str) -> None:
        """The marks say which vectors the collection holds: another collection (another
        embedder) starts with none marked; its own stored vectors are found again, not re-made."""
        if self.get_meta("vector_collection") != collection:
            with self.db:
                self.db.execute("UPDATE chunks SET vector_hash=''")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('vector_collection', ?)", (collection,))

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def version(self) -> str:
        row = self.db.execute("SELECT COUNT(*), COALESCE(MAX(ingested_at), 0) FROM files").fetchone()
        return f"{row[0]}:{row[1]}"




def chunk_from_json(data: str) -> Chunk:
    fields = json.loads(data)
    fields["references"] = tuple(fields.get("references") or ())
    return Chunk(**fields)
