"""Candidate answer units and their scores.

A unit is a sentence (news), a clause with its points, a point or an indented item
(legal), or one part of a long sentence cut at ";" — each keeps what precedes it as
context, because "Trong đó: … 27,6 tỷ đồng" takes its year from the sentence it
follows. Units are scored on coverage of the question (IDF-weighted syllables, word
pairs, compactness), the passage's rank, cues of the question (definition, when,
where, who, list) and, for figures, agreement of year, period, programme, measure
and scope.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ingest.sentences import split_sentences

from . import slots
from .overlap import Overlap
from .query import Query
from .retrieve import Hit
from .text import defines

AMOUNT = re.compile(r"\d+(?:[.,]\s?\d+)*(?:/\d+(?:[.,]\d+)*)?\s*(?:%|tỷ|triệu|nghìn|đề án|dự án|"
                    r"nhiệm vụ|cơ sở|tỉnh|đơn vị|địa phương|sản phẩm|người|đại biểu|lượt)")
POINT = re.compile(r"^[a-zđ]\)\s")
CLAUSE = re.compile(r"^\d+\.\s")
_DASH = re.compile(r"^[-+•]\s")
_POINTS = re.compile(r"^[a-zđ]\)\s", re.MULTILINE)
_ASKS_LIST = re.compile(r"gồm những|những gì|những ai|bao gồm|\bgồm\b|(?:những|các) \w+(?: \w+)? nào|liệt kê|"
                        r"what are|which (?:are|\w+s)\b", re.IGNORECASE)
# A decree states the rule, a circular details it: on a tie, quote the decree.
_PRIMARY = {"Luật": 0.06, "Nghị định": 0.05, "Nghị quyết": 0.04, "Quyết định": 0.03}
_TIME = re.compile(r"(?:trước|sau|chậm nhất|kể từ)?\s*ngày\s+\d|tháng\s+\d|\d+\s+(?:ngày|tháng)|hàng năm|\d{1,2}/\d{1,2}")
_PLACE = re.compile(r"\btại\s+(?:tỉnh|thành phố|tp\.?)?\s*[A-ZĐ]")
_PERSON = re.compile(r"\b(?:ông|bà|đồng chí)\s+[A-ZĐ]|[A-ZĐ]\w+\s+[A-ZĐ]\w+\s+[A-ZĐ]\w+")


@dataclass
class Unit:
    text: str
    context: str  # what precedes it in its paragraph
    hit: Hit
    rank: int
    score: float = 0.0
    coverage: float = 0.0
    term_coverage: float = 1.0
    slot_ok: bool = True


def _legal_units(hit: Hit, rank: int, paragraphs: list[str]) -> list[Unit]:
    """Clauses with their points, and each point with its clause as context."""
    units: list[Unit] = []
    clause: list[str] = []  # the current clause: lead + its points and dashes

    def flush() -> None:
        if not clause:
            return
        whole = "\n".join(clause)
        lead = clause[0]
        if len(whole) <= 1400 or len(clause) == 1:
            units.append(Unit(whole, "", hit, rank))
        point: list[str] = []
        for para in clause[1:] + [None]:
            if para is None or POINT.match(para):
                if point:
                    units.append(Unit("\n".join(point), lead, hit, rank))
                point = [para] if para else []
                continue
            if _DASH.match(para):  # an indented item: its own unit, its point and clause as context
                units.append(Unit(para, f"{lead} {point[0] if point else ''}".strip(), hit, rank))
            if point:
                point.append(para)
            elif not _DASH.match(para):
                units.append(Unit(para, lead, hit, rank))
        for para in clause:  # single sentences of long paragraphs, the clause as context
            if len(para) > 200:
                sentences = split_sentences(para)
                if len(sentences) > 1:
                    units.extend(Unit(sentence, lead if para is not lead else "", hit, rank)
                                 for sentence in sentences)

    for para in paragraphs:
        if CLAUSE.match(para) or not clause:
            flush()
            clause = [para]
        else:
            clause.append(para)
    flush()
    return units


def units_of(hit: Hit, rank: int) -> list[Unit]:
    """Candidate answer units of one passage, each with its preceding context."""
    paragraphs = [p for p in hit.chunk.text.split("\n") if p.strip()]
    if hit.chunk.kind == "legal":
        return _legal_units(hit, rank, paragraphs)
    units: list[Unit] = []
    for para in paragraphs:
        previous: list[str] = []
        for sentence in split_sentences(para):
            context = " ".join(previous[-2:])
            units.append(Unit(sentence, context, hit, rank))
            parts = _split_long(sentence)
            if len(parts) > 1:
                for j, part in enumerate(parts):
                    units.append(Unit(part, f"{context} {' '.join(parts[:j])}".strip(), hit, rank))
            previous.append(sentence)
    return units


def _split_long(sentence: str) -> list[str]:
    """Cut a long sentence at ';' and 'Trong đó:' into verbatim parts."""
    if len(sentence) < 200:
        return [sentence]
    pieces = re.split(r"(?<=;)\s+|(?<=\.)\s+(?=Trong đó)|(?<=Trong đó:)\s+", sentence)
    return [p.strip() for p in pieces if len(p.strip()) > 20]


class Scorer:
    """Scores units for a query; idf comes from the lexical index."""

    def __init__(self, query: Query, idf: dict[str, float], default_idf: float) -> None:
        self.query = query
        self.overlap = Overlap(query.terms, query.text, idf, default_idf, known_only=query.english)
        self.coverage = self.overlap.coverage
        self.phrase = self.overlap.phrase

    def score(self, unit: Unit) -> None:
        q = self.query
        chunk = unit.hit.chunk
        scope_text = f"{chunk.heading} {chunk.locator}"
        unit.coverage = self.coverage(unit.text, f"{unit.context} {scope_text}")
        score = (1.0 * unit.coverage + 0.6 * self.phrase(unit.text) + 0.4 * self.phrase(chunk.heading)
                 + 0.4 * self.overlap.title_match(chunk.heading)
                 + 0.3 * unit.coverage * self.overlap.density(unit.text))
        is_list = len(_POINTS.findall(unit.text)) >= 2 and bool(_ASKS_LIST.search(q.text))
        if is_list:
            score += 0.25
        score += 0.25 / math.sqrt(unit.rank)
        if unit.hit.direct:
            score += 0.5
        if q.doc and q.doc.number and chunk.kind == "legal" and not q.doc.matches(chunk.doc_number, chunk.doc_type):
            score -= 0.8  # the question names another document
        if q.programme and not (q.numeric or q.years):
            named = slots.programmes(unit.text)
            if named and q.programme not in named:
                score -= 0.4  # the national programme's rule does not answer for the local one
        if q.definition_of and defines(unit.text, q.definition_of):
            score += 1.0  # "X là gì?" is answered by "X là …"
        if "when" in q.asks and _TIME.search(unit.text):
            score += 0.3
        if "where" in q.asks and _PLACE.search(unit.text):
            score += 0.2
        if "who" in q.asks and _PERSON.search(unit.text):
            score += 0.15
        if q.numeric or q.years:
            score += self._figure_agreement(unit)
        if not is_list:  # a sentence or two answers better than a page
            score -= 0.3 * min(1.0, max(0, len(unit.text) - 300) / 700)
        score += _PRIMARY.get(chunk.doc_type or "", 0.0)
        if len(unit.text) < 25:
            score -= 0.3
        unit.score = score

    def _figure_agreement(self, unit: Unit) -> float:
        q = self.query
        text, context = unit.text, unit.context
        bonus = 0.0
        has_amount = bool(AMOUNT.search(text))
        if q.numeric:
            bonus += 0.3 if has_amount else -0.6
        if q.years:
            in_unit = slots.years_mentioned(text)
            in_context = slots.years_mentioned(context)
            if unit.hit.chunk.kind != "legal":
                in_context |= set(slots.years_in(unit.hit.chunk.title))  # "Hội nghị … năm 2022 tại …"
            wanted = set(q.years)
            if wanted & in_unit:
                bonus += 0.4
            elif wanted & in_context and not in_unit:
                bonus += 0.25
            elif in_unit or in_context:
                bonus -= 0.7
                unit.slot_ok = False
            else:
                bonus -= 0.35
                unit.slot_ok = False
        if not has_amount:
            return bonus
        unit_programmes = slots.programmes(text)
        if q.programme:
            if q.programme in unit_programmes:
                bonus += 0.3 if len(unit_programmes) == 1 else 0.1
            elif unit_programmes:
                bonus -= 0.6
                unit.slot_ok = False
        elif unit_programmes and not slots.programmes(q.text):
            bonus -= 0.15  # a total was asked, this states one programme
        period = slots.period_of(text) or (slots.period_of(context) if not slots.years_in(text) else None)
        if q.period:
            bonus += 0.3 if period == q.period else -0.5
        elif period:
            bonus -= 0.4
        if q.measure:
            measure = slots.measure_of(text)
            if measure == q.measure:
                bonus += 0.2
            elif measure and measure != q.measure:
                bonus -= 0.15
        if q.scope:
            scope = slots.scope_of(text) or slots.scope_of(context) or slots.scope_of(unit.hit.chunk.title)
            if scope and scope != q.scope and q.scope != "cả nước":
                bonus -= 0.4
                unit.slot_ok = False
        return bonus


def select_units(query: Query, hits: list[Hit], idf: dict[str, float], default_idf: float,
                 max_passages: int = 8) -> list[Unit]:
    scorer = Scorer(query, idf, default_idf)
    units: list[Unit] = []
    for rank, hit in enumerate(hits[:max_passages], 1):
        for unit in units_of(hit, rank):
            scorer.score(unit)
            units.append(unit)
    units.sort(key=lambda u: -u.score)
    return units
