"""The one facade the CLI, the app and the tests use: ingest, ask, search, facts."""
from __future__ import annotations

import logging
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest import SUPPORTED, Chunk, LoadError, chunk_document, file_sha256, parse_file

from .answer import NOT_FOUND, Answer, compose, compose_from_figures, compose_reference, heading_is_question
from .config import Config
from .embed import Embedder, make_embedder
from .facts import FactStore, Figure, extract_figures, match_figures
from .index import Catalog, FileRecord, LexicalIndex, VectorStore
from .overlap import Overlap
from .query import analyse
from .retrieve import Filters, Hit, hybrid_search, lexical_query_tokens
from .units import select_units
from .text import TOKENIZER_VERSION, tokenize

log = logging.getLogger("kcassistant")
Progress = Callable[[int, int, str], None]


class InputError(ValueError):
    """Bad input from a person: the message says what to change."""


@dataclass
class FileOutcome:
    source: str
    status: str  # "indexed" | "unchanged" | "failed" | "removed"
    chunks: int = 0
    embedded: int = 0
    message: str = ""


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def embedded(self) -> int:
        return sum(o.embedded for o in self.outcomes)


@dataclass
class Status:
    documents: int
    passages: int
    last_ingest: float | None
    embedder: str
    vector_store: str
    data_dir: str


class _Loaded:
    """What search needs in memory, rebuilt when the catalog changes."""

    def __init__(self, catalog: Catalog) -> None:
        self.version = catalog.version()
        self.chunks, tokens = catalog.all_chunks()
        self.position = {c.id: i for i, c in enumerate(self.chunks)}
        self.lexical = LexicalIndex(tokens)
        self.words = [set(toks) for toks in tokens]
        n = max(1, len(tokens))
        # BM25-style idf of whole words and of syllables ("kinh_phí" → "kinh", "phí")
        self.term_idf = _idf(Counter(w for words in self.words for w in words), n)
        self.idf = _idf(Counter(s for words in self.words for s in {p for w in words for p in w.split("_")}), n)
        self.default_idf = math.log(1 + (n + 0.5) / 0.5)


def _idf(document_frequency: Counter[str], n: int) -> dict[str, float]:
    return {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in document_frequency.items()}


class Assistant:
    def __init__(self, config: Config | None = None, embedder: Embedder | None = None) -> None:
        self.config = config or Config()
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        self.catalog = Catalog(self.config.catalog_path)
        self.figures = FactStore(self.catalog.db)
        if not self.catalog.files():  # a new index is tokenised by this version from the start
            self.catalog.set_meta("tokenizer", TOKENIZER_VERSION)
        self._embedder = embedder
        self._store: VectorStore | None = None
        self._loaded: _Loaded | None = None

    # -- resources, loaded on first use -------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.config.embed_model, self.config.segment_for_embedding)
        return self._embedder

    @property
    def store(self) -> VectorStore:
        if self._store is None:
            self._store = VectorStore(self.config, self.embedder.name)
        return self._store

    def _state(self) -> _Loaded:
        if self._loaded is None or self._loaded.version != self.catalog.version():
            if self.catalog.get_meta("tokenizer") != TOKENIZER_VERSION:
                self.catalog.retokenize(lambda c: self._tokens([c])[0])
                self.catalog.set_meta("tokenizer", TOKENIZER_VERSION)
            self._loaded = _Loaded(self.catalog)
        return self._loaded

    def warm_up(self) -> None:
        """Load everything a question needs, so the first question is not slow."""
        self._state()
        self.store.count()
        self.embedder.embed_query("khuyến công")
        tokenize("khuyến công quốc gia")

    # -- ingestion ----------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path | str], progress: Progress | None = None,
               prune: bool = False, root: Path | None = None) -> IngestReport:
        """Index files and folders; unchanged files cost nothing, changed ones are replaced.
        A file's source name is its path inside the folder given (or inside `root`)."""
        started = time.perf_counter()
        report = IngestReport()
        targets = []
        for raw in paths:
            path = Path(raw)
            if not path.exists():
                report.outcomes.append(FileOutcome(str(raw), "failed", message=f"{raw}: không tồn tại"))
                continue
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
                targets.extend((p, p.relative_to(path).as_posix()) for p in files)
                if prune:
                    report.outcomes.extend(self._prune(path, {p.relative_to(path).as_posix() for p in files}))
            elif root is not None and Path(root).resolve() in path.resolve().parents:
                targets.append((path, path.resolve().relative_to(Path(root).resolve()).as_posix()))
            else:
                targets.append((path, path.name))
        for i, (path, source) in enumerate(targets, 1):
            if progress:
                progress(i - 1, len(targets), source)
            report.outcomes.append(self._ingest_file(path, source))
        if progress:
            progress(len(targets), len(targets), "")
        report.seconds = time.perf_counter() - started
        return report

    def _prune(self, root: Path, present: set[str]) -> list[FileOutcome]:
        outcomes = []
        root_str = str(root.resolve())
        for record in self.catalog.files():
            if record.path.startswith(root_str) and record.source not in present:
                ids = self.catalog.remove_file(record.source)
                self.figures.remove(record.source)
                self.store.delete(ids)
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
        known = self.catalog.file(source)
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
        self.figures.replace(source, figures)
        tokens = self._tokens(chunks)
        record = FileRecord(source, sha, doc.title, doc.kind, len(chunks), time.time(), str(path.resolve()))
        self.catalog.replace_file(record, chunks, tokens)
        return FileOutcome(source, "indexed", chunks=len(chunks), embedded=embedded)

    @staticmethod
    def _tokens(chunks: list[Chunk]) -> list[list[str]]:
        """BM25 words of each chunk: heading (legal) and text, plus the document title
        once, since it says what the passage is part of."""
        titles: dict[str, list[str]] = {}
        return [tokenize(f"{c.heading}\n{c.text}" if c.kind == "legal" else c.text)
                + titles.setdefault(c.title, tokenize(c.title)) for c in chunks]

    def _store_vectors(self, source: str, chunks: list[Chunk]) -> int:
        """Embed only chunks whose vectors are missing or stale; drop vectors of removed chunks."""
        old_ids = set(self.catalog.chunk_hashes(source))
        stored = self.store.existing([c.id for c in chunks])
        todo = [c for c in chunks if stored.get(c.id) != c.content_hash]
        if todo:
            limit = self.config.embed_max_chars
            texts = [f"{c.heading}\n{c.text}"[:limit] for c in todo]
            vectors = self.embedder.embed_passages(texts)
            self.store.upsert(todo, vectors)
        stale = old_ids - {c.id for c in chunks}
        if stale:
            self.store.delete(stale)
        return len(todo)

    # -- questions ----------------------------------------------------------------------
    def _check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise InputError("Câu hỏi trống: hãy nhập nội dung cần hỏi.")
        if len(question) > self.config.max_question_chars:
            raise InputError(f"Câu hỏi dài {len(question)} ký tự, vượt giới hạn "
                             f"{self.config.max_question_chars}: hãy rút gọn câu hỏi.")
        return question

    def search(self, query: str, k: int = 10, filters: Filters | None = None,
               history: Iterable[str] = ()) -> list[Hit]:
        question = self._check_question(query)
        return self._search(analyse(question, tuple(history)), k, filters)

    def _search(self, query, k: int, filters: Filters | None) -> list[Hit]:
        state = self._state()
        if not state.chunks:
            return []
        lexical = state.lexical.scores(lexical_query_tokens(query))
        vector = self.embedder.embed_query(query.question if query.english else query.text)
        where = filters.chroma_where() if filters else None
        dense = [(state.position[i], s) for i, s in self.store.query(vector, 60, where) if i in state.position]
        overlap = Overlap(query.terms, query.text, state.idf, state.default_idf, known_only=query.english)
        subject = state.lexical.scores(tokenize(query.definition_of)) if query.definition_of else None
        return hybrid_search(query, state.chunks, lexical, dense, k, filters, overlap, subject)

    def ask(self, question: str, history: Iterable[str] = (), filters: Filters | None = None) -> Answer:
        started = time.perf_counter()
        question = self._check_question(question)
        query = analyse(question, tuple(h for h in history if h and h.strip()))
        hits = self._search(query, self.config.top_k, filters)
        wants_news = filters is None or (not filters.doc_type and not filters.doc_number and filters.kind != "legal")
        figures = self._figures_for(query) if query.numeric and wants_news else []
        if figures:
            (text, found, citations), method = compose_from_figures(query, figures, self.chunk), "figures"
        elif hits:
            (text, found, citations), method = self._answer_from_passages(query, hits)
        else:
            (text, found, citations), method = (NOT_FOUND, False, []), "extractive"
        answer = Answer(question=question, text=text, found=found, citations=citations,
                        passages=self._cited_first(citations, hits), query=query, method=method)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def _answer_from_passages(self, query, hits: list[Hit]) -> tuple[tuple[str, bool, list], str]:
        """The article the question names or whose heading it is, else the best units."""
        state = self._state()
        reference = None
        if query.reference_only:
            reference = compose_reference(query, sorted((h for h in hits if h.direct), key=lambda h: h.chunk.position))
        elif hits[0].chunk.kind == "legal" and heading_is_question(query, hits[0].chunk.heading):
            top = hits[0].chunk
            article = [Hit(c, 0.0) for c in state.chunks
                       if c.source == top.source and c.doc_number == top.doc_number and c.article == top.article]
            reference = compose_reference(query, sorted(article, key=lambda h: h.chunk.position))
        if reference:
            return reference, "reference"
        units = select_units(query, hits, state.idf, state.default_idf)
        return compose(query, units, state.term_idf, state.default_idf,
                       lambda chunk: state.words[state.position[chunk.id]]), "extractive"

    def _figures_for(self, query) -> list[Figure]:
        return match_figures(self.figures, years=query.years, period=query.period, programme=query.programme,
                             measure=query.measure, scope=query.scope,
                             question=f"{query.question} {query.text}")

    def _cited_first(self, citations, hits: list[Hit]) -> list[Hit]:
        """Passages as the answer ranks them: what it cites first, then the rest."""
        cited = list(dict.fromkeys(c.chunk_id for c in citations))
        by_id = {h.chunk.id: h for h in hits}
        chunks = [self.chunk(i) for i in cited]
        first = [by_id.get(c.id) or Hit(c, 0.0) for c in chunks if c is not None]
        rest = [h for h in hits if h.chunk.id not in cited]
        return (first + rest)[:self.config.top_k]

    def facts(self, scope: str | None = None, year: int | None = None, period: str | None = None,
              programme: str | None = None, measure: str | None = None, unit: str | None = None) -> list[Figure]:
        """Programme figures extracted from the news and reports, filtered."""
        return self.figures.query(scope=scope, year=year, period=period, programme=programme,
                                  measure=measure, unit=unit)

    def status(self) -> Status:
        files = self.catalog.files()
        last = self.catalog.get_meta("last_ingest")
        return Status(documents=len(files), passages=sum(f.n_chunks for f in files),
                      last_ingest=float(last) if last else None,
                      embedder=self.config.embed_model if self._embedder is None else self._embedder.name,
                      vector_store=self.config.chroma_url or str(self.config.chroma_path),
                      data_dir=str(self.config.data_dir))

    def chunk(self, chunk_id: str) -> Chunk | None:
        state = self._state()
        i = state.position.get(chunk_id)
        return state.chunks[i] if i is not None else None

    def chunks(self) -> list[Chunk]:
        return list(self._state().chunks)

    def chunks_of(self, source: str) -> list[Chunk]:
        return [c for c in self._state().chunks if c.source == source]
