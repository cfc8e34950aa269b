"""Hybrid retrieval: BM25 over segmented text and dense vectors, fused by reciprocal
rank, after structural shortcuts (a question naming "Điều 12 Nghị định 45/2012"
goes straight to that article) and filters (document type, number, year).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ingest.model import Chunk
from ingest.patterns import canon_doc_number

from .embed import Embedder
from .overlap import Overlap
from .query import Query
from .references import documents_named
from .rerank import RRF_K, RerankModel, default_model, rerank_features
from .store import Index, VectorStoreUnavailable
from .store.passages import Outline, Passages
from .store.snapshot import per_statistics
from .text import tokenize

NAMED_DOCUMENT_DEPTH = 5  # passages of a document the question names by number, kept as candidates


@dataclass(frozen=True)
class Filters:
    doc_type: str | None = None
    doc_number: str | None = None
    year: int | None = None
    kind: str | None = None  # "legal" | "news"

    def admits(self, doc_type: str | None, doc_number: str | None, year: int | None, kind: str) -> bool:
        if self.doc_type and (doc_type or "").lower() != self.doc_type.lower():
            return False
        if self.doc_number and canon_doc_number(doc_number or "") != canon_doc_number(self.doc_number):
            return False
        if self.year and year != self.year:
            return False
        if self.kind and kind != self.kind:
            return False
        return True

    def mask(self, outline: Outline) -> np.ndarray:
        """Which passages the filters admit, from their outline (no passage is read to be tested)."""
        if self == Filters():
            return np.ones(len(outline.ids), dtype=bool)
        return np.array([self.admits(*row) for row in zip(outline.doc_types, outline.doc_numbers, outline.years,
                                                          outline.kinds)], dtype=bool)

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.doc_type:
            clauses.append({"doc_type": self.doc_type})
        if self.doc_number:
            clauses.append({"doc_number": self.doc_number})
        if self.year:
            clauses.append({"year": self.year})
        if self.kind:
            clauses.append({"kind": self.kind})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    direct: bool = False  # reached through an explicit article reference
    reasons: tuple[str, ...] = ()
    features: tuple[tuple[str, float], ...] = ()  # what the rerank weighed (rerank.rerank_features)

    def raised(self, by: float, reason: str | None = None, direct: bool | None = None) -> Hit:
        """This hit with `by` added to its score (and a reason, and directness, when given)."""
        return replace(self, score=self.score + by, reasons=self.reasons + ((reason,) if reason else ()),
                       direct=self.direct if direct is None else direct)


def _ranks(scores: np.ndarray, allowed: np.ndarray, limit: int) -> dict[int, int]:
    masked = np.where(allowed & (scores > 0), scores, -np.inf)
    top = np.argsort(-masked)[:limit]
    return {int(i): r for r, i in enumerate(top, 1) if np.isfinite(masked[i])}


def clause_covers(label: str | None, clause: str) -> bool:
    if not label:
        return True
    lo, _, hi = label.partition("-")
    try:
        return int(lo) <= int(clause) <= int(hi or lo)
    except ValueError:
        return False


def hybrid_search(query: Query, chunks: Sequence[Chunk], lexical_scores: np.ndarray,
                  dense: list[tuple[int, float]], k: int, filters: Filters | None = None,
                  overlap: Overlap | Callable[[str], Overlap] | None = None, subject_scores: np.ndarray | None = None,
                  depth: int = 100, rerank: int = 40, named: frozenset[str] = frozenset(),
                  model: RerankModel | None = None) -> list[Hit]:
    """Fuse lexical and dense rankings; apply explicit references and filters; with `overlap`,
    re-rank the first `rerank` by `model` (rerank.py).
    `subject_scores` (BM25 of a definition's subject alone) is a third ranking;
    `named` holds the titles of documents the question names by name ("Hiến pháp").
    `chunks` are usually a snapshot's `Passages` (read on demand); a plain list is held as one."""
    passages = chunks if isinstance(chunks, Passages) else Passages.of(chunks)
    filters = filters or Filters()
    allowed = filters.mask(passages.outline)
    lexical = _ranks(lexical_scores, allowed, depth) if len(lexical_scores) else {}
    dense_ranks = {i: r for r, (i, _) in enumerate([d for d in dense if allowed[d[0]]][:depth], 1)}
    subject = _ranks(subject_scores, allowed, 20) if subject_scores is not None and len(subject_scores) else {}
    doc_ref = query.doc
    in_named: dict[int, int] = {}  # a third ranking: by words within the document named by number
    if doc_ref is not None and doc_ref.number and not query.article and len(lexical_scores):
        within = [i for i in passages.in_documents(doc_ref.matches) if allowed[i] and lexical_scores[i] > 0]
        top = sorted(within, key=lambda i: -lexical_scores[i])[:NAMED_DOCUMENT_DEPTH]
        in_named = {i: r for r, i in enumerate(top, 1)}  # candidates however many others outrank them
    fused: dict[int, Hit] = {}
    candidates = set(lexical) | set(dense_ranks) | set(subject) | set(in_named)
    read = passages.many(candidates)  # every candidate in one read
    for i in candidates:
        score = sum(1.0 / (RRF_K + ranks[i]) for ranks in (lexical, dense_ranks, subject, in_named) if i in ranks)
        fused[i] = Hit(read[i], score, lexical.get(i), dense_ranks.get(i))

    named = named if doc_ref is None else frozenset()  # a number says more than a name

    def in_named_document(chunk: Chunk) -> bool:
        return bool(doc_ref and doc_ref.matches(chunk.doc_number, chunk.doc_type)) or chunk.title in named

    for i, hit in fused.items():
        chunk = hit.chunk
        if in_named_document(chunk):
            hit = hit.raised(0.5 / RRF_K, "document named")
            if query.asks_scope_of_doc and "phạm vi" in chunk.heading.lower():
                hit = hit.raised(1.0 / RRF_K, direct=True)  # what a document regulates is its scope article
        if query.scope and chunk.kind == "news" and query.scope.lower() in (chunk.title or "").lower():
            hit = hit.raised(0.2 / RRF_K)
        fused[i] = hit
    if query.article:
        for i in passages.with_article(query.article.article):
            chunk = passages[i]
            if not allowed[i]:
                continue
            if (doc_ref or named) and not in_named_document(chunk):
                continue
            if query.article.clause and not clause_covers(chunk.clause, query.article.clause):
                continue
            hit = fused.get(i) or Hit(chunk, 0.0)
            if doc_ref is None and not named:
                fused[i] = hit.raised(1.0 / RRF_K, "article named")  # an article number alone: rank among same-numbered
            else:
                fused[i] = hit.raised(10.0, "article named", direct=True)
    ranked = sorted(fused.values(), key=lambda h: (-h.score, h.chunk.source, h.chunk.position))
    if overlap is not None:
        model = model or default_model()
        reranked = []
        for hit in ranked[:rerank]:
            features = rerank_features(query, hit, overlap if isinstance(overlap, Overlap) else overlap(hit.chunk.id))
            reranked.append(replace(hit, score=model.score(features), features=tuple(features.items())))
        ranked = sorted(reranked, key=lambda h: (-h.score, h.chunk.source, h.chunk.position))
    return ranked[:k]


@dataclass(frozen=True)
class Retrieval:
    hits: tuple[Hit, ...]
    notices: tuple[str, ...] = ()  # what the person should know about how they were found


_QUERY_THREADS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kc-query-vector")


class Retriever:
    """Query in, hits out: BM25 and dense search over the index's current snapshot.
    When the vector store cannot be reached, lexical search answers alone and says so."""

    def __init__(self, index: Index, embedder: Callable[[], Embedder]) -> None:
        self.index = index
        self._embedder = embedder

    def search(self, query: Query, k: int, filters: Filters | None = None) -> list[Hit]:
        return list(self.retrieve(query, k, filters).hits)

    def retrieve(self, query: Query, k: int, filters: Filters | None = None) -> Retrieval:
        snapshot = self.index.snapshot()
        if not snapshot.chunks:
            return Retrieval(())
        # the question is embedded while the words are scored: the encoder releases the GIL
        dense_search = _QUERY_THREADS.submit(self._dense, query, filters, snapshot.position)
        lexical = snapshot.lexical.scores(lexical_query_tokens(query))
        subject = snapshot.lexical.scores(tokenize(query.definition_of)) if query.definition_of else None
        named = documents_named(query.question, snapshot.document_names)
        if not named and query.doc is None and query.earlier:  # "Còn Điều 166 thì sao?" after "… Bộ luật Dân sự …"
            named = documents_named(query.earlier, snapshot.document_names)
        if named and query.doc is not None and not any(query.doc.matches(n, t) for n, t in snapshot.doc_types.items()):
            query = replace(query, doc=None)  # a number the library does not record gives way to a name it holds
        notices: tuple[str, ...] = ()
        try:
            dense = dense_search.result()
        except VectorStoreUnavailable as exc:
            dense = []
            notices = (f"Tìm kiếm theo ngữ nghĩa tạm thời không dùng được ({exc}); "
                       "kết quả chỉ dựa trên tìm kiếm từ khóa.",)
        # each passage's coverage weighed by its own collection's statistics
        overlap = per_statistics(snapshot.statistics_of, lambda words: Overlap.of(query, words.idf, words.default_idf))
        return Retrieval(tuple(hybrid_search(query, snapshot.chunks, lexical, dense, k, filters, overlap, subject,
                                             named=named)), notices)

    def _dense(self, query: Query, filters: Filters | None, position: dict[str, int]) -> list[tuple[int, float]]:
        vectors = self.index.vectors  # opened first: an unreachable store costs no embedding
        vector = self._embedder().embed_query(query.question if query.english else query.text)
        where = filters.chroma_where() if filters else None
        return [(position[i], s) for i, s in vectors.query(vector, 60, where) if i in position]


def lexical_query_tokens(query: Query) -> list[str]:
    """Each query token once: an alias and its expansion must not count a concept twice."""
    return list(dict.fromkeys(tokenize(query.expanded)))
