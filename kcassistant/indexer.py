"""The write side of the index: files in, catalog rows, figure records and links out;
then the vectors of the passages that wait for one (`vector_queue`).

Unchanged files (same SHA-256) cost nothing; a changed file replaces its records and
only the passages whose content hash changed wait for a vector again. A file is
searchable lexically as soon as it is recorded; an interrupted ingest leaves every
recorded file usable and a re-run embeds what still waits. A bad file is reported,
never allowed to stop the others.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ingest import (
    PARSER_VERSION,
    SUPPORTED,
    Chunk,
    Document,
    IncompleteChunking,
    LoadError,
    chunk_document,
    file_sha256,
    parse_file,
)
from ingest.links import extract_links
from ingest.load import check_size
from ingest.sentences import split_sentences
from ingest.untrusted import addressed_to_assistant

from .config import Config
from .embed import Embedder
from .figures import extract_figures
from .store import FileRecord, Index, VectorStoreUnavailable, chunk_tokens
from .vector_queue import VectorQueue, VectorRun

log = logging.getLogger("kcassistant")
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileOutcome:
    source: str
    status: str  # "indexed" | "unchanged" | "failed" | "removed"
    chunks: int = 0
    embedded: int = 0
    message: str = ""
    warnings: tuple[str, ...] = ()  # indexed, but a reader should know (text addressed to an assistant)


@dataclass(frozen=True)
class IngestReport:
    outcomes: tuple[FileOutcome, ...] = ()
    seconds: float = 0.0
    vectors_pending: int = 0  # passages still without a vector (deferred, or the store was down)

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
        self.vector_queue = VectorQueue(index, embedder, config)

    def ingest(self, paths: Iterable[Path | str], progress: Progress | None = None,
               prune: bool = False, root: Path | None = None, vectors: bool = True) -> IngestReport:
        """Index files and folders, then embed what waits (unless `vectors` is False: a
        later `embed_pending` does it). A file's source name is its path inside the folder
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
        for i, (path, source) in enumerate(targets):
            if progress:
                progress(i, len(targets), source)
            outcomes.append(self._ingest_file(path, source))
        if progress:
            progress(len(targets), len(targets), "")
        if vectors:
            outcomes = self._embed_after(outcomes, progress)
        return IngestReport(tuple(outcomes), time.perf_counter() - started, self.vector_queue.pending())

    def embed_pending(self, progress: Progress | None = None, stop: threading.Event | None = None) -> VectorRun:
        """Vectors for every passage that waits for one; the embedding workers stop after."""
        try:
            return self.vector_queue.drain(progress, stop)
        finally:
            close = getattr(self._embedder(), "close", None)
            if close:  # embedding workers hold a model each: not kept between ingests
                close()

    def _embed_after(self, outcomes: list[FileOutcome], progress: Progress | None) -> list[FileOutcome]:
        if not self.vector_queue.pending():
            return outcomes
        try:
            run = self.embed_pending(progress)
        except VectorStoreUnavailable as exc:
            note = f"tìm theo từ khóa được ngay; vector chưa có vì {exc}: chạy lại khi kho vector hoạt động"
            return [replace(o, warnings=(*o.warnings, f"{o.source}: {note}")) if o.status == "indexed" else o
                    for o in outcomes]
        return [replace(o, embedded=run.embedded[o.source]) if run.embedded[o.source] else o for o in outcomes]

    def _prune(self, root: Path, present: set[str]) -> list[FileOutcome]:
        """Remove the files indexed from under `root` that are no longer there, however
        they were named when indexed (as the folder, a subfolder or the file itself)."""
        outcomes = []
        inside = str(root.resolve()) + os.sep
        present_paths = {str((root / p).resolve()) for p in present}
        for record in self.index.catalog.files():
            if record.path.startswith(inside) and record.path not in present_paths:
                self.remove(record.source)
                outcomes.append(FileOutcome(record.source, "removed", message="tệp không còn, đã gỡ khỏi chỉ mục"))
        return outcomes

    def remove(self, source: str) -> bool:
        """Take one file out of the index (catalog, figure records, vectors); False if it was not in it.
        Vectors go last: a vector whose chunk is not in the catalog is never returned."""
        if self.index.catalog.file(source) is None:
            return False
        ids = self.index.catalog.remove_file(source)
        self.index.figures.remove(source)
        self.index.links.remove(source)
        try:
            self.index.vectors.delete(ids)
        except VectorStoreUnavailable as exc:  # harmless: search ignores vectors of chunks not in the catalog
            log.warning("%s: vectors left behind (%s)", source, exc)
        return True

    def _ingest_file(self, path: Path, source: str) -> FileOutcome:
        if path.suffix.lower() not in SUPPORTED:
            return FileOutcome(source, "failed", message=f"{source}: định dạng '{path.suffix}' không được hỗ trợ "
                                                         f"({', '.join(SUPPORTED)})")
        try:
            check_size(path)
            sha = file_sha256(path)
        except LoadError as exc:
            return FileOutcome(source, "failed", message=str(exc))
        except OSError as exc:
            return FileOutcome(source, "failed", message=f"{source}: không đọc được ({exc.strerror})")
        catalog = self.index.catalog
        resolved = str(path.resolve())
        same_file = catalog.file_where("path", resolved)
        if same_file is not None and same_file.source != source:
            source = same_file.source  # the file indexed before under another name: one identity
        known = catalog.file(source)
        if known and known.sha256 == sha and known.parser == PARSER_VERSION:
            return FileOutcome(source, "unchanged", chunks=known.n_chunks)
        twin = catalog.file_where("sha256", sha) if known is None else None
        if twin is not None:  # a new name for content already indexed
            return FileOutcome(source, "unchanged", chunks=twin.n_chunks,
                               message=f"{source}: cùng nội dung với {twin.source} đã có trong chỉ mục; không lập lại")
        try:
            doc = parse_file(path, source)
        except LoadError as exc:
            return FileOutcome(source, "failed", message=str(exc))
        except Exception as exc:  # a parser bug must not stop the other files
            return FileOutcome(source, "failed", message=f"{source}: lỗi khi phân tích ({type(exc).__name__}: {exc})")
        try:
            chunks = chunk_document(doc)
        except IncompleteChunking as exc:  # never index a file that would silently lose text
            return FileOutcome(source, "failed", message=f"{exc} — tệp không được lập chỉ mục để không mất nội dung")
        if not chunks:
            return FileOutcome(source, "failed", message=f"{source}: không có đoạn văn nào để lập chỉ mục")
        try:
            figures = extract_figures(doc, chunks)
        except Exception as exc:  # figures are a bonus: never lose the document for them
            figures = []
            log.warning("%s: không trích được số liệu (%s)", source, exc)
        self._drop_stale_vectors(source, chunks)
        self.index.figures.replace(source, figures)
        try:
            links = extract_links(chunks, doc.sections)
        except Exception as exc:  # links are a bonus too
            links = []
            log.warning("%s: không trích được liên kết văn bản (%s)", source, exc)
        self.index.links.replace(source, links)
        record = FileRecord(source, sha, doc.title, doc.kind, len(chunks), time.time(), str(path.resolve()),
                            PARSER_VERSION, doc.publisher, doc.published)
        self.index.catalog.replace_file(record, chunks, chunk_tokens(chunks))
        return FileOutcome(source, "indexed", chunks=len(chunks), warnings=_warnings(source, doc))

    def _drop_stale_vectors(self, source: str, chunks: list[Chunk]) -> None:
        """Vectors of passages the file no longer has; harmless if left (search ignores them)."""
        stale = set(self.index.catalog.chunk_hashes(source)) - {c.id for c in chunks}
        if stale:
            try:
                self.index.vectors.delete(stale)
            except VectorStoreUnavailable as exc:
                log.warning("%s: vectors left behind (%s)", source, exc)


def _warnings(source: str, doc: Document) -> tuple[str, ...]:
    orders = [s for section in doc.sections for p in section.paragraphs for s in split_sentences(p)
              if addressed_to_assistant(s)]
    if not orders:
        return ()
    return (f"{source}: {len(orders)} câu có dạng ra lệnh cho trợ lý (ví dụ “{orders[0][:80]}”): "
            "được lưu như văn bản, không bao giờ dùng làm số liệu hay câu trả lời",)
