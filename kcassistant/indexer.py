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
    LoadError,
    file_sha256,
)
from ingest.load import check_size

from .config import Config
from .embed import Embedder
from .embed_pool import usable_cores
from .prepare import Prepared, Refused, prepare_all
from .store import FileRecord, Index, VectorStoreUnavailable
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
class _Job:
    path: Path
    source: str
    sha256: str


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
        checked: list[FileOutcome | _Job] = []  # per file, in the order given
        queued: dict[str, _Job] = {}  # content (SHA-256) already to be read in this run
        for path, source in targets:
            one = self._check(path, source)
            if isinstance(one, _Job):
                first = queued.setdefault(one.sha256, one)
                if first is not one:  # the same file given twice, or a copy of it
                    one = _same_content(one.source, first.source)
            checked.append(one)
        jobs = [one for one in checked if isinstance(one, _Job)]
        if progress and not jobs:
            progress(0, len(targets), "")
        done = len(targets) - len(jobs)
        recorded: dict[str, FileOutcome] = {}
        read_all = prepare_all([(j.path, j.source) for j in jobs], self.config.embed_workers or usable_cores())
        for job, read in zip(jobs, read_all):
            if progress:
                progress(done, len(targets), job.source)
            recorded[job.sha256] = self._record(job, read)
            done += 1
        outcomes.extend(recorded[one.sha256] if isinstance(one, _Job) else one for one in checked)
        if progress:
            progress(len(targets), len(targets), "")
        if any(o.status in ("indexed", "removed") for o in outcomes):
            # the word index of what is now recorded, built here and kept on disk: the next process
            # (an `ask` right after `ingest`) loads it instead of building it before its first answer
            self.index.snapshot()
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

    def _check(self, path: Path, source: str) -> FileOutcome | _Job:
        """What can be said of a file without reading it: refused, unchanged, or to read."""
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
        same_file = catalog.file_where("path", str(path.resolve()))
        if same_file is not None and same_file.source != source:
            source = same_file.source  # the file indexed before under another name: one identity
        known = catalog.file(source)
        if known and known.sha256 == sha and known.parser == PARSER_VERSION:
            return FileOutcome(source, "unchanged", chunks=known.n_chunks)
        twin = catalog.file_where("sha256", sha) if known is None else None
        if twin is not None:  # a new name for content already indexed
            return _same_content(source, twin.source, twin.n_chunks)
        return _Job(path, source, sha)

    def _record(self, job: _Job, read: Prepared | Refused) -> FileOutcome:
        """A file read (in a worker) written into the index: figures, links, then the catalog."""
        if isinstance(read, Refused):
            return FileOutcome(job.source, "failed", message=read.message)
        chunks = list(read.chunks)
        self._drop_stale_vectors(job.source, chunks)
        self.index.figures.replace(job.source, list(read.figures))
        self.index.links.replace(job.source, list(read.links))
        record = FileRecord(job.source, job.sha256, read.title, read.kind, len(chunks), time.time(),
                            str(job.path.resolve()), PARSER_VERSION, read.publisher, read.published)
        self.index.catalog.replace_file(record, chunks, [list(t) for t in read.tokens])
        return FileOutcome(job.source, "indexed", chunks=len(chunks), warnings=read.warnings)

    def _drop_stale_vectors(self, source: str, chunks: list[Chunk]) -> None:
        """Vectors of passages the file no longer has; harmless if left (search ignores them)."""
        stale = set(self.index.catalog.chunk_hashes(source)) - {c.id for c in chunks}
        if stale:
            try:
                self.index.vectors.delete(stale)
            except VectorStoreUnavailable as exc:
                log.warning("%s: vectors left behind (%s)", source, exc)


def _same_content(source: str, indexed_as: str, chunks: int = 0) -> FileOutcome:
    return FileOutcome(source, "unchanged", chunks=chunks,
                       message=f"{source}: cùng nội dung với {indexed_as} đã có trong chỉ mục; không lập lại")
