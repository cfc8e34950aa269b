"""Extractive answers: quote the 1–3 passages' sentences that answer the question,
with [n] markers and citations, or say plainly that the documents do not answer.

Deterministic and LLM-free. Three ways to answer, tried in this order by the
Assistant: figure records for numeric questions (compose_from_figures), the article
a question names or whose heading it is (compose_reference), and the best candidate
units of the retrieved passages (compose; units are chosen by kcassistant.units).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .query import Query
from .retrieve import Hit
from .text import fold
from .units import AMOUNT, CLAUSE, POINT, Unit

NOT_FOUND = ("Không tìm thấy thông tin trả lời câu hỏi này trong các tài liệu hiện có. "
             "Hãy thử nêu rõ năm, khu vực, chương trình (KCQG/KCĐP) hoặc số hiệu văn bản.")
MIN_COVERAGE = 0.45
MIN_TERM_COVERAGE = 0.3


@dataclass
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

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    passages: list[Hit] = field(default_factory=list)
    latency_ms: float = 0.0
    query: Query | None = None
    method: str = "extractive"

    def to_dict(self) -> dict:
        return {
            "question": self.question, "answer": self.text, "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
            "passages": [passage_dict(rank, h) for rank, h in enumerate(self.passages, 1)],
            "latency_ms": round(self.latency_ms, 1), "method": self.method,
        }


def passage_dict(rank: int, hit: Hit) -> dict:
    c = hit.chunk
    return {"rank": rank, "title": c.title, "source": c.source, "doc_number": c.doc_number,
            "article": c.article, "locator": c.locator, "heading": c.heading, "text": c.text,
            "chunk_id": c.id, "score": round(hit.score, 5), "why": hit.reasons}


def precise_locator(unit: Unit) -> str:
    """"Điểm b khoản 1 Điều 10 …" when the quote is one clause or point of an article."""
    c = unit.hit.chunk
    if c.kind != "legal" or not c.article:
        return c.locator
    document = " ".join(x for x in (c.doc_type, c.doc_number) if x)
    clause = CLAUSE.match(unit.text) or CLAUSE.match(unit.context)
    point = POINT.match(unit.text)
    if clause and point:
        return f"Điểm {point.group(0)[0]} khoản {clause.group(0).split('.')[0]} Điều {c.article} {document}"
    if clause:
        return f"Khoản {clause.group(0).split('.')[0]} Điều {c.article} {document}"
    return f"Điều {c.article} {document}"


def build_citation(n: int, unit: Unit) -> Citation:
    c = unit.hit.chunk
    return Citation(n=n, title=c.title, source=c.source, doc_number=c.doc_number, article=c.article,
                    locator=precise_locator(unit), quote=unit.text, text=c.text, heading=c.heading,
                    clause=c.clause, chapter=c.chapter, effective_date=c.effective_date, chunk_id=c.id,
                    quote_start=c.text.find(unit.text))


def states_a_number(text: str) -> bool:
    """An amount, a count or an ordinal — a year or a date alone does not answer "bao nhiêu"."""
    if AMOUNT.search(text) or re.search(r"lần thứ [IVXLC]+\b", text):
        return True
    bare = re.sub(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\b(?:19|20)\d\d\b", " ", text)
    return re.search(r"\d", bare) is not None


def term_coverage(query: Query, have: set[str], term_idf: dict[str, float], default_idf: float) -> float:
    """Coverage by whole words ("nhà_ở", "xã_hội"), not syllables, of the passage's
    indexed words `have`: the stricter test of whether a passage is about what was
    asked, used to decide found / not found."""
    terms = [t for t in dict.fromkeys(query.terms) if not re.fullmatch(r"[\d.,/%-]+", t)]
    if query.english:
        terms = [t for t in terms if t in term_idf or not t.isascii()]
    weights = {t: term_idf.get(t, default_idf) for t in terms}
    total = sum(weights.values())
    syllables = {part for word in have for part in word.split("_")}

    def present(term: str) -> bool:
        # a compound the segmenter made only for the question ("khuyến_công_điểm")
        # is present when its syllables are
        return term in have or (term not in term_idf and all(p in syllables for p in term.split("_")))

    return sum(w for t, w in weights.items() if present(t)) / total if total else 1.0


def compose(query: Query, units: list[Unit], term_idf: dict[str, float] | None = None,
            default_idf: float = 1.0, words_of=None) -> tuple[str, bool, list[Citation]]:
    """The answer text, whether it was found, and its citations."""
    if not units:
        return NOT_FOUND, False, []
    best = units[0]
    if best.coverage < MIN_COVERAGE and not best.hit.direct:
        return NOT_FOUND, False, []
    if term_idf is not None and words_of is not None and not best.hit.direct:
        best.term_coverage = term_coverage(query, words_of(best.hit.chunk), term_idf, default_idf)
        if best.term_coverage < MIN_TERM_COVERAGE:
            return NOT_FOUND, False, []
    if (query.numeric or query.years) and not best.slot_ok:
        return NOT_FOUND, False, []
    if query.numeric and not best.hit.direct and not states_a_number(best.text):
        return NOT_FOUND, False, []
    chosen = [best]
    for unit in units[1:]:
        if len(chosen) >= 2:
            break
        if unit.hit.chunk.id == best.hit.chunk.id and (unit.text in best.text or best.text in unit.text):
            continue
        if unit.score < best.score - 0.15 or unit.coverage < max(MIN_COVERAGE, best.coverage - 0.1):
            break
        if query.article and best.hit.direct:
            break
        if unit.hit.chunk.id == best.hit.chunk.id:
            continue
        chosen.append(unit)
        break
    citations = [build_citation(i, u) for i, u in enumerate(chosen, 1)]
    parts = []
    for cite, unit in zip(citations, chosen):
        lead = f"Theo {cite.locator}: " if unit.hit.chunk.kind == "legal" else ""
        parts.append(f"{lead}“{_one_line(unit.text)}” [{cite.n}]")
    return "\n".join(parts), True, citations


def _one_line(text: str) -> str:
    return " ".join(text.split())


_PROGRAMME_LABEL = {"KCQG": "kinh phí khuyến công quốc gia", "KCĐP": "kinh phí khuyến công địa phương",
                    "tổng": "tổng kinh phí khuyến công"}


def _figure_label(figure, query: Query) -> str:
    """What the number is, in the question's own terms (no number that is not asked)."""
    money = figure.unit in ("tỷ đồng", "triệu đồng")
    programme = _PROGRAMME_LABEL.get(figure.programme, figure.programme)
    if not money and figure.unit != "%":
        subject = f"Số {figure.unit}" + (f" ({figure.programme})" if figure.programme != "tổng" else "")
        subject += {"kế hoạch": " theo kế hoạch", "thực hiện": " thực hiện"}.get(figure.measure, "")
    elif figure.unit == "%":
        subject = f"Tỷ lệ {programme} " + ("được phân bổ" if figure.measure == "phân bổ" else "thực hiện so với kế hoạch")
    elif figure.measure == "kế hoạch":
        subject = f"Kế hoạch {programme}"
    elif figure.measure == "phân bổ":
        subject = f"{programme.capitalize()} được phân bổ"
    elif figure.measure == "doanh thu":
        subject = "Doanh thu tư vấn phát triển công nghiệp"
    else:
        subject = f"{programme.capitalize()} thực hiện"
    parts = [subject]
    if figure.period != "cả năm":
        parts.append(figure.period)
    if figure.year and figure.year in query.years:
        parts.append(f"năm {figure.year}")
    if figure.scope:
        parts.append(f"({figure.scope})")
    return " ".join(parts)


def compose_from_figures(query: Query, figures: list, chunk_of) -> tuple[str, bool, list[Citation]]:
    """State each asked figure with its source; disagreeing sources are all given."""
    citations: list[Citation] = []
    cite_of: dict[tuple[str, str], Citation] = {}

    def cite(figure) -> Citation:
        key = (figure.chunk_id, figure.sentence)
        if key not in cite_of:
            chunk = chunk_of(figure.chunk_id)
            quote = figure.sentence if len(figure.sentence) <= 250 else figure.clause
            citation = Citation(
                n=len(citations) + 1, title=chunk.title, source=chunk.source, doc_number=chunk.doc_number,
                article=chunk.article, locator=chunk.locator, quote=quote, text=chunk.text,
                heading=chunk.heading, chunk_id=chunk.id, quote_start=chunk.text.find(quote))
            cite_of[key] = citation
            citations.append(citation)
        return cite_of[key]

    groups: dict[tuple, list] = {}
    for figure in figures:
        groups.setdefault((figure.measure, figure.programme, figure.unit in ("tỷ đồng", "triệu đồng")
                           or figure.unit), []).append(figure)
    lines = []
    for group in groups.values():
        by_value: dict[tuple[str, str], list] = {}
        for figure in group:
            by_value.setdefault((str(figure.decimal.normalize()), figure.unit), []).append(figure)
        label = _figure_label(group[0], query)
        statements = []
        for (_, unit), same in by_value.items():
            marks = "".join(f"[{cite(f).n}]" for f in same)
            first = same[0]
            extra = f", đạt {first.percent}% {first.percent_of}".rstrip() if first.percent else ""
            shown = f"{first.value_text}%" if unit == "%" else f"{first.value_text} {unit}"
            statements.append(f"{first.qualifier + ' ' if first.qualifier else ''}{shown}{extra} {marks}")
        if len(statements) == 1:
            lines.append(f"{label}: {statements[0]}.")
        else:
            lines.append(f"{label}: các nguồn ghi khác nhau — " + "; ".join(statements) + ".")
    quotes = [f"[{c.n}] “{_one_line(c.quote)}”" for c in citations]
    return "\n".join(lines + quotes), True, citations


def compose_reference(query: Query, article: list, max_chars: int = 600) -> tuple[str, bool, list[Citation]] | None:
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
        if start is None:
            return None
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
        citation.locator = " ".join(x for x in (f"Điều {chunk.article}", chunk.doc_type, chunk.doc_number) if x)
    more = " …" if len(quoted) < len(paragraphs) or (len(article) > 1 and not clause) else ""
    text = f"{citation.locator} ({chunk.heading.split('. ', 1)[-1]}): “{_one_line(quote)}”{more} [1]"
    return text, True, [citation]


def heading_is_question(query: Query, heading: str) -> bool:
    """The question only names an article's subject: "Mục tiêu của hoạt động khuyến công là gì?"
    asks for the article headed "Mục tiêu của hoạt động khuyến công"."""
    subject = re.sub(r"^điều \d+\w*\.\s*", "", fold(heading))
    heading_words = set(re.findall(r"\w+", subject)) - {"của", "và", "về", "trong"}
    asked = {p for t in query.terms for p in t.split("_")} - {"là", "gì", "gồm", "những", "nào"}
    return len(heading_words) >= 2 and bool(asked) and asked <= heading_words and len(asked) >= len(heading_words) - 1
