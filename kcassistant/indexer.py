"""The write side of the index: files in, catalog rows, vectors and figure records out.

Unchanged files (same SHA-256) cost nothing; a changed file re-embeds only the
passages whose content hash changed and replaces its records. A file is recorded
in the catalog only after its vectors are stored. A bad file is reported, never
allowed to stop the others.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest import SUPPORTED, Chunk, LoadError, chunk_document, file_sha256, parse_file

from .config import Config
from .embed import Embedder
from .figures import extract_figures
from .store import FileRecord, Index, chunk_tokens

log = logging.getLogger("kcassistant")
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileOutcome:
    source: str
    status: str  # "indexed" | "unchanged" | "failed" | "removed"
    chunks: int = 0
    embedded: int = 0
    message: str = ""


@dataclass(frozen=True)
class IngestReport:
    outcomes: tuple[FileOutcome, ...] = ()
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def embedded(self) -> int:
        return sum(o.embedded for o in self.outcomes)


class Indexer:
    def __init__(self, index: Index, embedder: Callable[[], Embedder], config: Config) -> None:
        self.index = index
        self._embedder = embedder
        self.config = config

    def ingest(self, paths: Iterable[Path | str], progress: Progress | None = None,
               prune: bool = False, root: Path | None = None) -> IngestReport:
        """Index files and folders. A file's source name is its path inside the folder
        given (or inside `root`)."""
        started = time.perf_counter()
        outcomes: list[FileOutcome] = []
        targets: list[tuple[Path, str]] = []
        for raw in paths:
            path = Path(raw)
            if not path.exists():
                outcomes.append(FileOutcome(str(raw), "failed", message=f"{raw}: không tồn tại"))
                continue
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
                targets.extend((p, p.relative_to(path).as_posix()) for p in files)
                if prune:
                    outcomes.extend(self._prune(path, {p.relative_to(path).as_posix() for p in files}))
            elif root is not None and Path(root).resolve() in path.resolve().parents:
                targets.append((path, path.resolve().relative_to(Path(root).resolve()).as_posix()))
            else:
                targets.append((path, path.name))
        for i, (path, source) in enumerate(targets, 1):
            if progress:
                progress(i - 1, len(targets), source)
            outcomes.append(self._ingest_file(path, source))
        if progress:
            progress(len(targets), len(targets), "")
        return IngestReport(tuple(outcomes), time.perf_counter() - started)

    def _prune(self, root: Path, present: set[str]) -> list[FileOutcome]:
        outcomes = []
        root_str = str(root.resolve())
        for record in self.index.catalog.files():
            if record.path.startswith(root_str) and record.source not in present:
                ids = self.index.catalog.remove_file(record.source)
                self.index.figures.remove(record.source)
                self.index.vectors.delete(ids)
                outcomes.append(FileOutcome(record.source, "removed", message="tệp không còn, đã gỡ khỏi chỉ mục"))
        return outcomes

    def _ingest_file(self, path: Path, source: str) -> FileOutcome:
        if path.suffix.lower() not in SUPPORTED:
            return FileOutcome(source, "failed", message=f"{source}: định dạng '{path.suffix}' không được hỗ trợ "
                                                         f"({', '.join(SUPPORTED)})")
        try:
            sha = file_sha256(path)
        except OSError as exc:
            return FileOutcome(source, "failed", message=f"{source}: không đọc được ({exc.strerror})")
        known = self.index.catalog.file(source)
        if known and known.sha256 == sha:
            return FileOutcome(source, "unchanged", chunks=known.n_chunks)
        try:
            doc = parse_file(path, source)
        except LoadError as exc:
            return FileOutcome(source, "failed", message=str(exc))
        except Exception as exc:  # a parser bug must not stop the other files
            return FileOutcome(source, "failed", message=f"{source}: lỗi khi phân tích ({type(exc).__name__}: {exc})")
        chunks = chunk_document(doc)
        if not chunks:
            return FileOutcome(source, "failed", message=f"{source}: không có đoạn văn nào để lập chỉ mục")
        try:
            figures = extract_figures(doc, chunks)
        except Exception as exc:  # figures are a bonus: never lose the document for them
            figures = []
            log.warning("%s: không trích được số liệu (%s)", source, exc)
        embedded = self._store_vectors(source, chunks)
        self.index.figures.replace(source, figures)
        record = FileRecord(source, sha, doc.title, doc.kind, len(chunks), time.time(), str(path.resolve()))
        self.index.catalog.replace_file(record, chunks, chunk_tokens(chunks))
        return FileOutcome(source, "indexed", chunks=len(chunks), embedded=embedded)

    def _store_vectors(self, source: str, chunks: list[Chunk]) -> int:
        """Embed only chunks whose vectors are missing or stale; drop vectors of removed chunks."""
        vectors = self.index.vectors
        old_ids = set(self.index.catalog.chunk_hashes(source))
        stored = vectors.existing([c.id for c in chunks])
        todo = [c for c in chunks if stored.get(c.id) != c.content_hash]
        if todo:
            limit = self.config.embed_max_chars
            texts = [f"{c.heading}\n{c.text}"[:limit] for c in todo]
            vectors.upsert(todo, self._embedder().embed_passages(texts))
        stale = old_ids - {c.id for c in chunks}
        if stale:
            vectors.delete(stale)
        return len(todo)
