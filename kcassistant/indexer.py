"""The write side of the index: files in, catalog rows, vectors and figure records out.

Unchanged files (same SHA-256) cost nothing; a changed file re-embeds only the
passages whose content hash changed and replaces its records. A file is recorded
in the catalog only after its vectors are stored. A bad file is reported, never
allowed to stop the others.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
        self._used_embedder = False

    def ingest(self, paths: Iterable[Path | str], progress: Progress | None = None,
               prune: bool = False, root: Path | None = None) -> IngestReport:
        """Index files and folders. A file's source name is its path inside the folder
        given (or inside `root`)."""
        started = time.perf_counter()
        self._used_embedder = False
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
            step = (lambda note, i=i, source=source: progress(i - 1, len(targets), f"{source} — {note}")) \
                if progress else None
            if progress:
                progress(i - 1, len(targets), source)
            outcomes.append(self._ingest_file(path, source, step))
        if progress:
            progress(len(targets), len(targets), "")
        close = getattr(self._embedder(), "close", None) if self._used_embedder else None
        if close:  # embedding workers hold a model each: not kept between ingests
            close()
        return IngestReport(tuple(outcomes), time.perf_counter() - started)

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

    def _ingest_file(self, path: Path, source: str, step: Callable[[str], None] | None = None) -> FileOutcome:
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
        try:
            embedded = self._store_vectors(source, chunks, step)
        except VectorStoreUnavailable as exc:
            return FileOutcome(source, "failed", message=f"{source}: chưa lập chỉ mục vì {exc}; hãy chạy lại khi "
                                                         "kho vector hoạt động")
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
        return FileOutcome(source, "indexed", chunks=len(chunks), embedded=embedded, warnings=_warnings(source, doc))

    def _store_vectors(self, source: str, chunks: list[Chunk], step: Callable[[str], None] | None = None,
                       batch: int = 64) -> int:
        """Embed only chunks whose vectors are missing or stale, in batches that report
        progress inside a large file; drop vectors of removed chunks."""
        vectors = self.index.vectors
        old_ids = set(self.index.catalog.chunk_hashes(source))
        stored = vectors.existing([c.id for c in chunks])
        todo = [c for c in chunks if stored.get(c.id) != c.content_hash]
        limit = self.config.embed_max_chars
        self._used_embedder |= bool(todo)
        for start in range(0, len(todo), batch):
            part = todo[start:start + batch]
            if step and len(todo) > batch:
                step(f"nhúng đoạn {start + 1}–{start + len(part)}/{len(todo)}")
            vectors.upsert(part, self._embedder().embed_passages([f"{c.heading}\n{c.text}"[:limit] for c in part]))
        stale = old_ids - {c.id for c in chunks}
        if stale:
            vectors.delete(stale)
        return len(todo)


def _warnings(source: str, doc: Document) -> tuple[str, ...]:
    orders = [s for section in doc.sections for p in section.paragraphs for s in split_sentences(p)
              if addressed_to_assistant(s)]
    if not orders:
        return ()
    return (f"{source}: {len(orders)} câu có dạng ra lệnh cho trợ lý (ví dụ “{orders[0][:80]}”): "
            "được lưu như văn bản, không bao giờ dùng làm số liệu hay câu trả lời",)
