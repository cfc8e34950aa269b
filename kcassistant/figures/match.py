"""Which figure records answer a numeric question (the question side of the figures wing)."""
from __future__ import annotations

import re

from ingest.vocabulary import alternation, vocabulary

from .. import slots
from ..text import fold
from .record import FULL_YEAR, Figure
from .store import FigureStore

_VOCABULARY = vocabulary()
_COUNTED = alternation(sorted(_VOCABULARY.count_asked, key=len, reverse=True))

_COUNT_ASKED = re.compile(rf"(?:bao nhiêu|mấy|how many|số)\s+({_COUNTED})\b")
MONEY_ASKED = re.compile(alternation(_VOCABULARY.money_words))  # the question is about money
MEASURE_DEFAULTS = _VOCABULARY.unnamed_measure_preference
MONEY = _VOCABULARY.money_units


# "how much was the plan", "kế hoạch … là bao nhiêu": an amount of money without the word
_AMOUNT_IMPLIED = re.compile(r"how much|(?:kế hoạch|thực hiện|phân bổ|dự toán|giải ngân)[^?]*(?:là )?bao nhiêu\s*\??$"
                             r"|^what (?:was|is|were|are) the [^?]{0,40}\bplan(?:ned)?\b")  # a programme's plan: money
_PERCENT_ASKED = re.compile(r"(?:bao nhiêu|mấy)\s*(?:phần trăm|%)|tỷ lệ|percent|percentage")


def wanted_units(question: str) -> list[tuple[str, ...]]:
    """What the question counts in: a rate, projects ("bao nhiêu đề án"), money.
    Nothing when it asks for something no figure record holds (delegates, provinces)."""
    low = fold(question)
    if _PERCENT_ASKED.search(low) and not re.search(r"bao nhiêu\s+(?:tỷ|triệu)|là bao nhiêu và", low):
        return [("%",)]
    units: list[tuple[str, ...]] = []
    for match in _COUNT_ASKED.finditer(low):
        units.append((_VOCABULARY.count_asked[match.group(1)],))
    if MONEY_ASKED.search(low) or (not units and _AMOUNT_IMPLIED.search(low)):
        units.append(MONEY)
    return units


def match_figures(store: FigureStore, *, years: tuple[int, ...], period: str | None, programme: str | None,
                  measure: str | None, scope: str | None, question: str, context: str = "") -> list[Figure]:
    """Records answering a figure question: all slots must agree; an unnamed measure
    prefers what was spent, then the plan, then the allocation, and an allocation asked that no
    record states is the plan's assignment (vocabulary `stands_in`); an unnamed programme
    means the total. `context` is what the question inherits (a follow-up's earlier
    question): it names slots, but what is counted is the question's own unless it asks none."""
    if not years:
        return []
    if not scope and re.search(r"\b\d+ tỉnh|khu vực|toàn vùng|\bvùng\b|\bregion", fold(f"{question} {context}")):
        return []  # a region is meant but not named: no record can be picked safely
    candidates = [f for y in years for f in store.query(year=y)]
    candidates = [f for f in candidates if f.period == (period or FULL_YEAR)]
    candidates = [f for f in candidates if f.programme == (programme or slots.TOTAL)]
    # No scope named: only country-wide figures answer (a province's figure is not "the" figure).
    candidates = [f for f in candidates if fold(f.scope or "") == fold(scope or "cả nước")]
    chosen: list[Figure] = []
    for unit in wanted_units(question) or wanted_units(context):
        of_unit = [f for f in candidates if f.unit in unit]
        if unit == ("%",):
            chosen.extend(f for f in of_unit + _rates_beside_amounts(candidates, measure, question, context)
                          if f not in chosen)
            continue
        for wanted in ([measure, *_VOCABULARY.measure_stands_in.get(measure, ())] if measure else MEASURE_DEFAULTS):
            hits = [f for f in of_unit if f.measure == wanted]
            if hits:
                chosen.extend(h for h in hits if h not in chosen)
                break
    return chosen


def _rates_beside_amounts(candidates: list[Figure], measure: str | None, question: str, context: str) -> list[Figure]:
    """Amounts that carry the rate of the plan reached: "27,6 tỷ đồng, đạt 54,9% kế hoạch"
    answers "đạt bao nhiêu % kế hoạch" (of what was done, unless another measure is asked).
    A share ("chiếm 39,8% …") is not read this way: the extractor may attach it to the wrong
    amount of its sentence (the plan in "đạt 94,8% so với kế hoạch (29,1 tỷ đồng) và chiếm …")."""
    if slots.PercentKind.OF_PLAN not in (slots.percent_kinds_asked(question) or slots.percent_kinds_asked(context)):
        return []
    return [f for f in candidates if f.unit != "%" and f.percent and f.measure == (measure or slots.Measure.ACTUAL)]
