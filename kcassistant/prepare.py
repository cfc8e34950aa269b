"""Reading a file into what the index stores — in worker processes, one per core.

Parsing, chunking and above all the word segmentation of every passage (underthesea's
CRF, most of the lexical phase) touch nothing of the index, so they run in parallel;
the indexer then records each result in order, in its own process, where the catalog
is written. A handful of files is read in the calling process: starting workers (each
loads the segmentation model) would cost more than it saves.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ingest import Chunk, Document, IncompleteChunking, LoadError, chunk_document, parse_file
from ingest.links import Link, extract_links
from ingest.sentences import split_sentences
from ingest.untrusted import addressed_to_assistant

from .figures import Figure, extract_figures
from .store.lexical import chunk_tokens

log = logging.getLogger("kcassistant")
IN_PROCESS_MAX = 3  # files; more are read by the worker pool


@dataclass(frozen=True)
class Prepared:
    """One file read: its passages with their BM25 words, figure records and links."""
    source: str
    title: str
    kind: str
    publisher: str
    published: str
    chunks: tuple[Chunk, ...]
    tokens: tuple[tuple[str, ...], ...]
    figures: tuple[Figure, ...]
    links: tuple[Link, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Refused:
    source: str
    message: str


def prepare(path: Path, source: str) -> Prepared | Refused:
    """Never raises for a bad file: the reason is returned for the user."""
    try:
        doc = parse_file(path, source)
    except LoadError as exc:
        return Refused(source, str(exc))
    except Exception as exc:  # a parser bug must not stop the other files
        return Refused(source, f"{source}: lỗi khi phân tích ({type(exc).__name__}: {exc})")
    try:
        chunks = chunk_document(doc)
    except IncompleteChunking as exc:  # never index a file that would silently lose text
        return Refused(source, f"{exc} — tệp không được lập chỉ mục để không mất nội dung")
    if not chunks:
        return Refused(source, f"{source}: không có đoạn văn nào để lập chỉ mục")
    try:
        figures = extract_figures(doc, chunks)
    except Exception as exc:  # figures are a bonus: never lose the document for them
        figures = []
        log.warning("%s: không trích được số liệu (%s)", source, exc)
    try:
        links = extract_links(chunks, doc.sections)
    except Exception as exc:  # links are a bonus too
        links = []
        log.warning("%s: không trích được liên kết văn bản (%s)", source, exc)
    return Prepared(source, doc.title, doc.kind, doc.publisher, doc.published, tuple(chunks),
                    tuple(tuple(t) for t in chunk_tokens(chunks)), tuple(figures), tuple(links),
                    _warnings(source, doc))


def _prepare_job(job: tuple[Path, str]) -> Prepared | Refused:
    return prepare(*job)


def prepare_all(jobs: list[tuple[Path, str]], workers: int) -> Iterator[Prepared | Refused]:
    """`prepare` of each (path, source), in the order given, as each is ready."""
    if workers <= 1 or len(jobs) <= IN_PROCESS_MAX:
        yield from (prepare(path, source) for path, source in jobs)
        return
    import multiprocessing

    from .embed_pool import exit_with_parent

    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=multiprocessing.get_context("spawn"),
                             initializer=exit_with_parent) as pool:
        yield from pool.map(_prepare_job, jobs)


def _warnings(source: str, doc: Document) -> tuple[str, ...]:
    orders = [s for section in doc.sections for p in section.paragraphs for s in split_sentences(p)
              if addressed_to_assistant(s)]
    if not orders:
        return ()
    return (f"{source}: {len(orders)} câu có dạng ra lệnh cho trợ lý (ví dụ “{orders[0][:80]}”): "
            "được lưu như văn bản, không bao giờ dùng làm số liệu hay câu trả lời",)
