"""The records an answer travels in: a `Draft` from an answerer, the `Answer` the
Assistant returns, and their `Citation`s. All immutable."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ingest.model import Chunk

from ..query import Query
from ..retrieve import Hit

NOT_FOUND = ("Không tìm thấy thông tin trả lời câu hỏi này trong các tài liệu hiện có. "
             "Hãy thử nêu rõ năm, khu vực, chương trình (KCQG/KCĐP) hoặc số hiệu văn bản.")


@dataclass(frozen=True)
class Citation:
    n: int
    title: str
    source: str
    doc_number: str | None
    article: str | None
    locator: str
    quote: str
    text: str
    heading: str = ""
    clause: str | None = None
    chapter: str | None = None
    effective_date: str | None = None
    chunk_id: str = ""
    quote_start: int = -1  # where the quote stands in `text` (for highlighting)
    collection: str = "corpus"  # "corpus" (the programme's documents) or "upload" (a user's file)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def citation_of(n: int, chunk: Chunk, quote: str, where: str | None = None) -> Citation:
    """The one way a citation is made: `quote` from `chunk`, named by `where` (default: the chunk's locator)."""
    return Citation(n=n, title=chunk.title, source=chunk.source, doc_number=chunk.doc_number, article=chunk.article,
                    locator=where or chunk.locator, quote=quote, text=chunk.text, heading=chunk.heading,
                    clause=chunk.clause, chapter=chunk.chapter, effective_date=chunk.effective_date, chunk_id=chunk.id,
                    quote_start=chunk.text.find(quote), collection=chunk.collection)


@dataclass(frozen=True)
class Draft:
    """What one answerer makes of a question: the text, whether the documents answer
    it, the citations the text's [n] markers point to, and which answerer it was."""
    text: str
    found: bool
    citations: tuple[Citation, ...]
    method: str  # "figures" | "reference" | "extractive"
    evidence: tuple[tuple[str, float], ...] = ()  # what the abstention gate judged (extractive answers)


def not_found(method: str = "extractive") -> Draft:
    return Draft(NOT_FOUND, False, (), method)


@dataclass(frozen=True)
class Generation:
    """Whether a chat model's rewrite is what the answer shows, and if not, why."""
    used: bool
    reason: str = ""


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    passages: tuple[Hit, ...] = ()
    latency_ms: float = 0.0
    query: Query | None = None
    method: str = "extractive"
    notices: tuple[str, ...] = ()  # e.g. vector search unavailable: answered lexically
    evidence: tuple[tuple[str, float], ...] = ()  # what the abstention gate judged
    generation: Generation | None = None  # None: no chat model configured (KC_LLM_URL)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question, "answer": self.text, "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
            "passages": [passage_dict(rank, h) for rank, h in enumerate(self.passages, 1)],
            "latency_ms": round(self.latency_ms, 1), "method": self.method, "notices": list(self.notices),
            "evidence": {name: round(value, 4) for name, value in self.evidence},
            "generation": asdict(self.generation) if self.generation else None,
        }


def passage_dict(rank: int, hit: Hit) -> dict[str, Any]:
    c = hit.chunk
    return {"rank": rank, "title": c.title, "source": c.source, "doc_number": c.doc_number,
            "article": c.article, "locator": c.locator, "heading": c.heading, "text": c.text,
            "chunk_id": c.id, "score": round(hit.score, 5), "why": list(hit.reasons)}


def one_line(text: str) -> str:
    return " ".join(text.split())
