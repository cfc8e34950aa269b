"""The reference answerer: the article (or clause) a question names, or the article
whose heading is the question, quoted from its start."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ingest.model import Chunk, article_order, cited_document, locator
from ingest.vocabulary import vocabulary

from ..query import Query
from ..references import documents_named
from ..retrieve import Hit
from ..store import Snapshot
from ..text import fold
from .extractive import admissible
from .records import Draft, one_line
from .units import CLAUSE, Unit, build_citation

_VOCABULARY = vocabulary()


def compose_reference(query: Query, article: Sequence[Hit], max_chars: int = 600) -> Draft | None:
    """The article (or the clause) a question names, quoted from its start.
    `article` is the article's hits in reading order."""
    if not article:
        return None
    first = article[0]
    chunk = first.chunk
    clause = query.article.clause if query.article else None
    paragraphs = [p for p in chunk.text.split("\n") if p.strip()]
    if clause:
        start = next((i for i, p in enumerate(paragraphs) if p.startswith(f"{clause}. ")), None)
        if start is None and (clause != "1" or len(article) > 1 or any(CLAUSE.match(p) for p in paragraphs)):
            return None
        if start is None:
            clause = None  # an article not divided into clauses: its text is all "khoản 1" can mean
        else:
            end = next((i for i in range(start + 1, len(paragraphs)) if CLAUSE.match(paragraphs[i])), len(paragraphs))
            paragraphs = paragraphs[start:end]
    quoted: list[str] = []
    for para in paragraphs:
        if quoted and sum(len(q) for q in quoted) + len(para) > max_chars:
            break
        quoted.append(para)
    quote = "\n".join(quoted)
    citation = build_citation(1, Unit(quote, "", first, 1))
    if not clause:
        citation = replace(citation, locator=locator(chunk.article or "", chunk.cited_type, chunk.doc_number))
    more = " …" if len(quoted) < len(paragraphs) or (len(article) > 1 and not clause) else ""
    text = f"{citation.locator} ({chunk.heading.split('. ', 1)[-1]}): “{one_line(quote)}”{more} [1]"
    return Draft(text, True, (citation,), "reference")


def heading_is_question(query: Query, heading: str) -> bool:
    """The question only names an article's subject: "Mục tiêu của hoạt động khuyến công là gì?"
    asks for the article headed "Mục tiêu của hoạt động khuyến công"."""
    subject = re.sub(r"^điều \d+\w*\.\s*", "", fold(heading))
    heading_words = set(re.findall(r"\w+", subject)) - _VOCABULARY.heading_connectives
    asked = {p for t in query.terms for p in t.split("_")} - _VOCABULARY.question_particles
    return len(heading_words) >= 2 and bool(asked) and asked <= heading_words and len(asked) >= len(heading_words) - 1


class ReferenceAnswerer:
    """Answers when the question names an article, or asks for one by its heading."""

    def __init__(self, snapshot: Callable[[], Snapshot]) -> None:
        self._snapshot = snapshot

    def answer(self, query: Query, hits: Sequence[Hit]) -> Draft | None:
        missing = self._missing_article(query) or self._missing_clause(query)
        if missing is not None:
            return missing
        if not hits:
            return None
        if query.reference_only:
            return compose_reference(query, sorted((h for h in hits if h.direct), key=lambda h: h.chunk.position))
        top = hits[0].chunk
        # a heading answers for the document the question names only from that document or its family
        may_answer = bool(admissible(query, [Unit(top.text, "", hits[0], 1)]))
        if top.kind == "legal" and heading_is_question(query, top.heading) and may_answer:
            return compose_reference(query, [Hit(c, 0.0) for c in self._snapshot().article_of(top)])
        return None

    def _named_document(self, query: Query) -> list[Chunk]:
        """The passages of the one document the question names, by number or by name (a
        follow-up's name comes from the question before: "Còn Điều 166 thì sao?")."""
        snapshot = self._snapshot()
        if query.doc is not None and query.doc.number:
            return snapshot.of_document(query.doc)
        if query.doc is not None:
            return []  # a type and a short number the library could not resolve
        titles = documents_named(query.question, snapshot.document_names)
        if not titles and query.earlier:
            titles = documents_named(query.earlier, snapshot.document_names)
        return snapshot.with_titles(titles) if len(titles) == 1 else []

    def _missing_article(self, query: Query) -> Draft | None:
        """A named article the named document does not have: say so, and what it has,
        rather than quote the same-numbered article of another document."""
        if query.article is None:
            return None
        chunks = self._named_document(query)
        if not chunks or any(c.article == query.article.article for c in chunks):
            return None
        documents = sorted({cited_document(c) for c in chunks})
        numbers = sorted({c.article for c in chunks if c.article}, key=article_order)
        if not numbers:
            return None
        held = f"Điều {numbers[0]} đến Điều {numbers[-1]}" if len(numbers) > 1 else f"Điều {numbers[0]}"
        text = (f"{', '.join(documents)} trong kho tài liệu không có Điều {query.article.article}; "
                f"văn bản này gồm {held} ({len(numbers)} điều). Hãy kiểm tra lại số điều hoặc số hiệu văn bản.")
        return Draft(text, False, (), "reference")

    def _missing_clause(self, query: Query) -> Draft | None:
        """A named clause the named article does not have ("khoản 9" of an article of five):
        say so, and which clauses it has, rather than quote another clause of it."""
        named = query.article
        if named is None or not named.clause:
            return None
        article = sorted((c for c in self._named_document(query) if c.article == named.article),
                         key=lambda c: c.position)
        if not article or len({(c.doc_number, c.title) for c in article}) > 1:
            return None
        paragraphs = [p for c in article for p in c.text.split("\n")]
        clauses = [int(m.group(1)) for p in paragraphs if (m := re.match(r"(\d+)\.\s", p))]
        if not clauses or named.clause in {str(k) for k in clauses}:
            return None  # an article not divided into clauses is all that "khoản 1" can mean
        if not named.clause.isdigit() or int(named.clause) <= max(clauses):
            return None  # a clause within the numbering that the text does not show: not ours to deny
        text = (f"Điều {named.article} {cited_document(article[0])} trong kho tài liệu không có khoản "
                f"{named.clause}; điều này gồm khoản 1 đến khoản {max(clauses)}. "
                "Hãy kiểm tra lại số khoản hoặc số điều.")
        return Draft(text, False, (), "reference")
