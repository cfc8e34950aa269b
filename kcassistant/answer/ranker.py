"""Scores candidate answer units for a question.

A unit scores on coverage of the question (IDF-weighted syllables, word pairs,
compactness), its passage's rank, cues of the question (definition, when, where,
who, list) and, for figures, agreement of year, period, programme, measure and
scope. The ranker returns new, scored units; it never changes the ones it is given.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from ingest.vocabulary import vocabulary

from .. import slots
from ..figures.match import MONEY_ASKED
from ..overlap import Overlap
from ..query import Query
from ..retrieve import Hit
from ..text import defines
from .units import AMOUNT, Unit, counts, units_of

_VOCABULARY = vocabulary()
RANK_PRIOR = 0.5  # weight of the passage rank; chosen by scripts/fit_rank_prior.py (README)
_POINTS = re.compile(r"^[a-zđ]\)\s", re.MULTILINE)
_ASKS_LIST = re.compile(r"gồm những|những gì|những ai|bao gồm|\bgồm\b|(?:những|các) \w+(?: \w+)? nào|liệt kê|"
                        r"what are|which (?:are|\w+s)\b", re.IGNORECASE)
_TIME = re.compile(r"(?:trước|sau|chậm nhất|kể từ)?\s*ngày\s+\d|tháng\s+\d|\d+\s+(?:ngày|tháng)|hàng năm|"
                   r"\d{1,2}/\d{1,2}")
_PLACE = re.compile(r"\btại\s+(?:tỉnh|thành phố|tp\.?)?\s*[A-ZĐ]")
_PERSON = re.compile(r"\b(?:ông|bà|đồng chí)\s+[A-ZĐ]|[A-ZĐ]\w+\s+[A-ZĐ]\w+\s+[A-ZĐ]\w+")


class UnitRanker:
    """Scores units for one query; idf comes from the lexical index."""

    def __init__(self, query: Query, idf: dict[str, float], default_idf: float) -> None:
        self.query = query
        self.overlap = Overlap(query.terms, query.text, idf, default_idf, known_only=query.english)
        self.coverage = self.overlap.coverage
        self.phrase = self.overlap.phrase

    def score(self, unit: Unit) -> Unit:
        q = self.query
        chunk = unit.hit.chunk
        scope_text = f"{chunk.heading} {chunk.locator}"
        coverage = self.coverage(unit.text, f"{unit.context} {scope_text}")
        slot_ok = True
        score = (1.0 * coverage + 0.6 * self.phrase(unit.text) + 0.4 * self.phrase(chunk.heading)
                 + 0.4 * self.overlap.title_match(chunk.heading)
                 + 0.3 * coverage * self.overlap.density(unit.text))
        is_list = len(_POINTS.findall(unit.text)) >= 2 and bool(_ASKS_LIST.search(q.text))
        if is_list:
            score += 0.25
        score += RANK_PRIOR / math.sqrt(unit.rank)
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
            bonus, slot_ok = self._figure_agreement(unit)
            score += bonus
        if q.counted:
            if counts(unit.text, q.counted):
                score += 0.3  # "bao nhiêu thành viên" is answered by "07 hoặc 09 thành viên"
            elif not unit.hit.direct:
                slot_ok = False
        if not is_list:  # a sentence or two answers better than a page
            score -= 0.3 * min(1.0, max(0, len(unit.text) - 300) / 700)
        score += _VOCABULARY.primacy(chunk.doc_type)  # on a tie, the decree that states the rule
        if len(unit.text) < 25:
            score -= 0.3
        return replace(unit, score=score, coverage=coverage, slot_ok=slot_ok)

    def _figure_agreement(self, unit: Unit) -> tuple[float, bool]:
        """Bonus for slots of a figure question the unit agrees with; whether none contradicts.
        Slots are a report's (year, period, programme, scope): they rank a legal unit but never
        rule it out — a law named with its year ("Bộ luật Dân sự 2015") is no figure's year."""
        bonus, slot_ok = self._slot_agreement(unit)
        return bonus, slot_ok or unit.hit.chunk.kind == "legal"

    def _slot_agreement(self, unit: Unit) -> tuple[float, bool]:
        q = self.query
        slot_ok = True
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
                slot_ok = False
            else:
                bonus -= 0.35
                slot_ok = False
        if not has_amount:
            return bonus, slot_ok
        unit_programmes = slots.programmes(text)
        if q.programme:
            if q.programme in unit_programmes:
                bonus += 0.3 if len(unit_programmes) == 1 else 0.1
            elif unit_programmes:
                bonus -= 0.6
                slot_ok = False
        elif unit_programmes and not slots.programmes(q.text):
            bonus -= 0.15  # a total was asked, this states one programme
        period = slots.period_of(text) or (slots.period_of(context) if not slots.years_in(text) else None)
        if q.period:
            bonus += 0.3 if period == q.period else -0.5
            if period and period != q.period:
                slot_ok = False  # the unit states another period than the one asked
        elif period:
            bonus -= 0.4
            if q.numeric and re.fullmatch(r"\d+ tháng", period) and MONEY_ASKED.search(q.text.lower()):
                slot_ok = False  # money spent in some months does not answer for the whole year
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
                slot_ok = False
        return bonus, slot_ok


def select_units(query: Query, hits: Sequence[Hit], idf: dict[str, float], default_idf: float,
                 max_passages: int = 8) -> list[Unit]:
    """Every candidate unit of the first `max_passages` hits, scored, best first."""
    ranker = UnitRanker(query, idf, default_idf)
    units = [ranker.score(unit) for rank, hit in enumerate(hits[:max_passages], 1) for unit in units_of(hit, rank)]
    units.sort(key=lambda u: -u.score)
    return units
