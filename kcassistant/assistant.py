"""The one facade the CLI, the app and the tests use: ingest, ask, search, facts.

It only wires the stages — `Index` (stores and snapshot), `Indexer` (write side),
`Retriever` (query → hits) and the answerers (figures → reference → extractive) —
and checks what people type.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ingest import Chunk
from ingest.links import INVERSE, Link
from ingest.model import UPLOADS

from .accents import AGREEMENT, Marks, agreement, unmarked
from .answer import Answer, Citation, Draft, ExtractiveAnswerer, FiguresAnswerer, ReferenceAnswerer, not_found
from .answer.about_document import DocumentAnswerer
from .answer.generate import Generator
from .answer.records import Generation
from .config import Config
from .embed import Embedder, make_embedder
from .feedback import Feedback
from .figures import Figure
from .indexer import FileOutcome, Indexer, IngestReport, Progress
from .query import Query, analyse, without_naming_terms
from .references import DocRef, doc_ref, documents_named, law_not_held, of_type_asked, resolve
from .retrieve import Filters, Hit, Retrieval, Retriever
from .store import FileRecord, Index, VectorStoreUnavailable
from .text import nfc, tokenize
from .vector_queue import VectorRun

__all__ = ["Assistant", "FileOutcome", "IngestReport", "InputError", "Status"]
log = logging.getLogger("kcassistant")


class InputError(ValueError):
    """Bad input from a person: the message says what to change (in Vietnamese; `english` for the API)."""

    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.english = english or message


@dataclass(frozen=True)
class Status:
    documents: int
    passages: int
    last_ingest: float | None
    embedder: str
    vector_store: str
    data_dir: str
    vectors_pending: int = 0  # passages searchable by words, still waiting for a vector
    embed_rate: float | None = None  # passages per second of the last embedding run


# The answer stage reads twice the passages shown: when every unit of the first ones contradicts a
# slot asked ("bao nhiêu thành viên" and no count), the next ones are read before "không tìm thấy" —
# among many other documents the clause that answers falls more often below the first top_k.
ANSWER_DEPTH = 2


class Assistant:
    def __init__(self, config: Config | None = None, embedder: Embedder | None = None) -> None:
        self.config = config or Config.from_env()
        self._embedder = embedder
        self.marks = Marks()
        self.index = Index(self.config, lambda: self.embedder.name)
        self.indexer = Indexer(self.index, lambda: self.embedder, self.config)
        self.retriever = Retriever(self.index, lambda: self.embedder)
        self.figures = FiguresAnswerer(self.index.figures, self.chunk)
        self.reference = ReferenceAnswerer(self.index.snapshot)
        self.extractive = ExtractiveAnswerer(self.index.snapshot, figures=self.index.figures)
        self.about_document = DocumentAnswerer(self.index.snapshot, self.index.links)
        self.generator: Generator | None = None
        if self.config.llm_url:
            self.generator = Generator(self.config.llm_url, self.config.llm_model, self.config.llm_api_key,
                                       self.config.llm_timeout)

    @property
    def embedder(self) -> Embedder:
        """The configured embedder, loaded on first use."""
        if self._embedder is None:
            self._embedder = make_embedder(self.config.embed_model, self.config.segment_for_embedding,
                                           self.config.embed_workers, self.config.embed_device,
                                           self.config.embed_cluster)
        return self._embedder

    def warm_up(self) -> None:
        """Load everything a question needs, so the first question is not slow."""
        self.index.snapshot()
        try:
            self.index.vectors.count()
        except VectorStoreUnavailable as exc:  # questions will be answered lexically, and say so
            log.warning("%s", exc)
        prepare_queries = getattr(self.embedder, "prepare_queries", None)  # an engine's faster question path
        if prepare_queries is not None:
            prepare_queries()
        self.embedder.embed_query("khuyến công")
        tokenize("khuyến công quốc gia")

    def ingest(self, paths: Iterable[Path | str], progress: Progress | None = None,
               prune: bool = False, root: Path | None = None, vectors: bool = True) -> IngestReport:
        """Index files and folders; unchanged files cost nothing, changed ones are replaced.
        Files are searchable once recorded; `vectors=False` leaves their vectors waiting."""
        return self.indexer.ingest(paths, progress, prune, root, vectors)

    def embed_pending(self, progress: Progress | None = None, stop: threading.Event | None = None) -> VectorRun:
        """Vectors for the passages that wait for one; resumable, nothing embedded twice."""
        return self.indexer.embed_pending(progress, stop)

    def _check_question(self, question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise InputError("Câu hỏi trống: hãy nhập nội dung cần hỏi.", "Empty question: type what you want to ask.")
        if len(question) > self.config.max_question_chars:
            raise InputError(f"Câu hỏi dài {len(question)} ký tự, vượt giới hạn "
                             f"{self.config.max_question_chars}: hãy rút gọn câu hỏi.",
                             f"The question has {len(question)} characters, over the limit of "
                             f"{self.config.max_question_chars}: shorten it.")
        return question

    def search(self, query: str, k: int = 10, filters: Filters | None = None,
               history: Iterable[str] = ()) -> list[Hit]:
        question = self._check_question(query)
        return self.retriever.search(analyse(question, tuple(history)), k, filters)

    def understand(self, question: str, history: Iterable[str] = (),
                   filters: Filters | None = None) -> tuple[Query, Retrieval, str | None]:
        """The question analysed (its document number resolved against the index) and its
        passages retrieved: what every answerer reads; also what scripts/fit_ranker.py labels."""
        question = self._check_question(question)
        snapshot = self.index.snapshot()
        def marked(text: str) -> str:  # typed without marks: read through the library's words (`accents`)
            return self.marks.read(text, snapshot.version, lambda: [snapshot.term_idf, snapshot.idf])

        typed, question = question, marked(question)
        history = tuple(marked(h) for h in history if h and h.strip())
        query = analyse(question, history)
        note = None
        if query.doc is not None:  # a number written another way, or with a wrong year
            known = snapshot.doc_numbers
            doc, note = resolve(query.doc, known)
            doc = of_type_asked(doc, snapshot.doc_types)
            # a whole number ("45/2012/NĐ-CP", "01/VBHN-VPQH"), not a short one ("45/2012") still to resolve
            whole = bool(doc.number and (doc.number.count("/") >= 2 or re.search(r"/[^\W\d]", doc.number)))
            absent = whole and doc.number not in known
            # "Luật An ninh mạng số 24/2018/QH14" where the library holds that law without its number
            by_name = absent and bool(documents_named(question, snapshot.document_names))
            if by_name:
                note = (f"Kho tài liệu không ghi số hiệu {doc.number}; câu hỏi được hiểu theo tên văn bản "
                        "trong kho.")
            elif absent:
                note = (f"Không có văn bản số {doc.number} trong kho tài liệu; chỉ những đoạn nhắc đến "
                        "số hiệu này mới được dùng để trả lời.")
            query = replace(query, doc=None if by_name else doc, doc_absent=absent and not by_name)
            if query.doc is not None and query.doc.number and not query.doc_absent:
                query = replace(query, doc_family=self._family(query.doc, snapshot.doc_types))
        names = snapshot.document_names
        law = law_not_held(question, names) if query.doc is None else None
        if law is not None:
            note = (f"Không có văn bản “{law.written}” trong kho tài liệu; chỉ những đoạn nhắc đến "
                    "văn bản này mới được dùng để trả lời.")
            query = replace(query, law_absent=law.key)
        elif query.doc is None:  # "Nghị định về khuyến công": named by its name, answered by it as by its number
            query = replace(query, doc_family=self._named_family(question, snapshot.document_names,
                                                                 snapshot.doc_types))
        if query.mostly_unknown:
            note = (f"Phần lớn từ của câu hỏi ({', '.join(query.unknown_words[:6])}) không có trong bảng thuật ngữ "
                    "Anh–Việt của kho tài liệu nên câu hỏi không được trả lời; hãy hỏi bằng tiếng Việt.")
        if question != typed:
            read = "Câu hỏi gõ không dấu được hiểu là" if unmarked(typed) else \
                "Câu hỏi có chữ không có trong kho tài liệu, được đọc lại là"
            note = " ".join(x for x in (f"{read}: “{question}”.", note) if x)
        retrieval = self.retriever.retrieve(query, ANSWER_DEPTH * self.config.top_k, filters)
        return without_naming_terms(query, names), retrieval, note

    def _named_family(self, question: str, names: dict[str, frozenset[str]],
                      doc_types: dict[str, str | None]) -> tuple[str, ...]:
        """The families of the held documents the question names by name, or () when one of them
        bears no number to hold the answer to (a title alone: "Hiến pháp")."""
        refs = [doc_ref(title) for title in documents_named(question, names)]
        if not refs or not all(ref and ref.number for ref in refs):
            return ()
        return tuple(dict.fromkeys(n for ref in refs if ref for n in self._family(ref, doc_types)))

    def _family(self, doc: DocRef, doc_types: dict[str, str | None]) -> tuple[str, ...]:
        """The held documents `doc` names and those that guide or amend them: what answers for it."""
        named = [n for n, t in doc_types.items() if doc.matches(n, t)]
        return tuple(dict.fromkeys(named + [link.from_doc for n in named for link in self.index.links.of(n)[1]
                                            if link.relation in ("hướng dẫn", "sửa đổi, bổ sung")]))

    def ask(self, question: str, history: Iterable[str] = (), filters: Filters | None = None) -> Answer:
        started = time.perf_counter()
        question = self._check_question(question)
        query, retrieval, note = self.understand(question, history, filters)
        hits = list(retrieval.hits)
        draft = self._draft(query, hits, filters)
        read_back = query.question != " ".join(nfc(question).split())  # without marks, or a mark corrected
        if draft.found and read_back and agreement(question, " ".join(
                f"{c.locator} {c.quote}" for c in draft.citations)) < AGREEMENT:
            draft = not_found()  # read back wrongly: what was typed is not what the passage says
        generation = None
        if self.generator is not None and draft.found:
            outcome = self.generator.rewrite(question, draft)
            draft, generation = outcome.draft, Generation(outcome.used, outcome.reason)
        return Answer(question=question, text=draft.text, found=draft.found, citations=draft.citations,
                      passages=self._cited_first(draft.citations, hits), query=query, method=draft.method,
                      notices=((note,) if note else ()) + retrieval.notices + self._amended(draft),
                      evidence=draft.evidence,
                      generation=generation, latency_ms=(time.perf_counter() - started) * 1000)

    def _draft(self, query: Query, hits: list[Hit], filters: Filters | None) -> Draft:
        """Figures for numeric questions (unless the filters ask for regulations only),
        then the named article, then the best units."""
        if query.mostly_unknown:
            return not_found()  # what we cannot read we cannot check a quote against
        wants_news = filters is None or (not filters.doc_type and not filters.doc_number and filters.kind != "legal")
        if wants_news:
            draft = self.figures.answer(query, hits)
            if draft is not None:
                return draft
        if not hits:
            return not_found()
        return (self.about_document.answer(query, hits) or self.reference.answer(query, hits)
                or self.extractive.answer(query, hits) or not_found())

    def _amended(self, draft: Draft) -> tuple[str, ...]:
        """What later documents say of the articles an answer quotes: amended, repealed, replaced."""
        notes: list[str] = []
        for cite in draft.citations if draft.method != "document" else ():
            if not (cite.doc_number and cite.article):
                continue
            for link in self.index.links.of(cite.doc_number)[1]:
                if link.relation in ("sửa đổi, bổ sung", "bãi bỏ") and link.to_article == cite.article or \
                        link.relation in ("thay thế", "hết hiệu lực") and not link.to_article:
                    article = re.sub(r"^.*?(Điều \S+)", r"\1", cite.locator).split(" (")[0]
                    where = article if link.to_article else cite.doc_number
                    notes.append(f"Lưu ý: {where} {INVERSE[link.relation]} {link.from_doc}: “{link.sentence}”")
        return tuple(dict.fromkeys(notes))

    def _cited_first(self, citations: Sequence[Citation], hits: list[Hit]) -> tuple[Hit, ...]:
        """Passages as the answer ranks them: what it cites first, then the rest."""
        cited = list(dict.fromkeys(c.chunk_id for c in citations))
        by_id = {h.chunk.id: h for h in hits}
        chunks = [self.chunk(i) for i in cited]
        first = [by_id.get(c.id) or Hit(c, 0.0) for c in chunks if c is not None]
        rest = [h for h in hits if h.chunk.id not in cited]
        return tuple((first + rest)[:self.config.top_k])

    def facts(self, scope: str | None = None, year: int | None = None, period: str | None = None,
              programme: str | None = None, measure: str | None = None, unit: str | None = None) -> list[Figure]:
        """Programme figures extracted from the news and reports, filtered."""
        return self.index.figures.query(scope=scope, year=year, period=period, programme=programme,
                                        measure=measure, unit=unit)

    def links_of(self, doc_number: str) -> tuple[list[Link], list[Link]]:
        """(what a document says of others, what others say of it): căn cứ, thay thế, sửa đổi …"""
        return self.index.links.of(doc_number)

    def files(self) -> list[FileRecord]:
        """The indexed files, each one document identity (news article, upload, Pháp điển page)."""
        return self.index.catalog.files()

    def remove(self, source: str) -> bool:
        """Take a file out of the index; a user's upload is deleted from disk too."""
        record = self.index.catalog.file(source)
        removed = self.indexer.remove(source)
        if removed and record is not None and source.startswith(UPLOADS):
            Path(record.path).unlink(missing_ok=True)
        return removed

    def status(self) -> Status:
        files = self.index.catalog.files()
        last = self.index.catalog.get_meta("last_ingest")
        return Status(documents=len(files), passages=sum(f.n_chunks for f in files),
                      last_ingest=float(last) if last else None,
                      embedder=self.config.embed_model if self._embedder is None else self._embedder.name,
                      vector_store=self.config.chroma_url or str(self.config.chroma_path),
                      data_dir=str(self.config.data_dir),
                      vectors_pending=self.indexer.vector_queue.pending(), embed_rate=self.indexer.vector_queue.rate())

    def record_feedback(self, feedback: Feedback) -> Feedback:
        """Keep a judgement of an answer (with the settings that produced it)."""
        return self.index.feedback.add(replace(feedback, config=feedback.config or self.config.described()))

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self.index.snapshot().chunk(chunk_id)

    def chunks(self) -> list[Chunk]:
        return list(self.index.snapshot().chunks)

    def chunks_of(self, source: str) -> list[Chunk]:
        passages = self.index.snapshot().chunks
        return passages.where(lambda i: passages.outline.sources[i] == source)
