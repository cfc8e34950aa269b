"""What a candidate unit shows about a question, as named numbers the ranker weighs.

Each feature is a plain measurement — how much of the question the unit covers, whether
its passage was retrieved first, whether it states the year, period, programme, scope or
unit of measure the question asks for — and carries no weight of its own: the weights are
data (`ranker.RankerModel`), fitted by scripts/fit_ranker.py from labelled questions.
`slot_ok` is the one hard verdict: a figure question's slot the unit contradicts.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ingest.vocabulary import alternation, vocabulary

from .. import slots
from ..figures import FULL_YEAR
from ..figures.match import MONEY_ASKED
from ..overlap import Overlap, folded_words
from ..query import Query
from ..text import defines
from .units import AMOUNT, CLAUSE, POINT, Unit, counted_in

_VOCABULARY = vocabulary()
_POINTS = re.compile(r"^[a-zđ]\)\s", re.MULTILINE)
# a list written on one line: "…: hợp đồng thực hiện đề án; biên bản nghiệm thu; báo cáo …"
_INLINE_LIST = re.compile(r":[^:;]+;[^;]+;")
_LISTED = re.compile(r"(?:những|các)\s+([^\W\d_]+)(?:\s+[^\W\d_]+)?\s+(?:nào|gì)\b")  # "những nhóm nào"
# a question word, not "bao gồm" alone ("X bao gồm Y, đúng hay sai?" states, "gồm bao nhiêu" counts)
_ASKS_LIST = re.compile(r"gồm những|những gì|những ai|\bgồm(?: \w+){0,3} (?:gì|nào|ai)\b|"
                        r"(?:những|các) \w+(?: \w+)? nào|liệt kê|what are|which (?:are|\w+s)\b", re.IGNORECASE)
_TIME = re.compile(r"(?:trước|sau|chậm nhất|kể từ)?\s*ngày\s+\d|tháng\s+\d|\d+\s+(?:ngày|tháng)|hàng năm|"
                   r"\d{1,2}/\d{1,2}")
_PLACE = re.compile(r"\btại\s+(?:tỉnh|thành phố|tp\.?)?\s*[A-ZĐ]")
_PERSON = re.compile(rf"(?<!\w)(?:(?:{alternation(_VOCABULARY.honorifics)})\s+[A-ZĐ]"
                     rf"|(?:{alternation(_VOCABULARY.surnames)})(?:\s+[A-ZĐ]\w*){{1,3}})")
_NAMES = re.compile(r"(?<!\w)[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*")
_ASKS_PERCENT = re.compile(r"(?:bao nhiêu|mấy)\s*(?:%|phần trăm)|tỷ lệ|what share|what percent|how many percent")
_ASKS_MONEY = re.compile(r"bao nhiêu\s+(?:tỷ|triệu|nghìn|đồng)|how much")
_PERCENT = re.compile(r"\d\s*%")
_ASKS_RATE = re.compile(r"\bmức (?:phạt|hỗ trợ|chi)\b")
_MONEY = re.compile(r"\d\s*(?:tỷ|triệu|nghìn)?\s*(?:đồng|USD)", re.IGNORECASE)


@dataclass(frozen=True)
class Measured:
    """The features of one unit, and whether a slot of a figure question contradicts it."""
    features: dict[str, float]
    coverage: float
    slot_ok: bool


class UnitFeatures:
    """Measures units against one query; idf comes from the lexical index."""

    def __init__(self, query: Query, idf: dict[str, float], default_idf: float) -> None:
        self.query = query
        self.overlap = Overlap.of(query, idf, default_idf)
        low = query.text.lower()
        self.asks_list = bool(_ASKS_LIST.search(query.text)) and not query.numeric  # "gồm bao nhiêu" asks a number
        listed = _LISTED.search(low)
        self.listed = re.compile(rf"(?<!\w){listed.group(1)}(?!\w)", re.IGNORECASE) if listed else None
        self.asks_percent = bool(_ASKS_PERCENT.search(low))
        self.asks_money = not query.counted and (bool(_ASKS_MONEY.search(low))
                                                 or bool(query.numeric and MONEY_ASKED.search(low)))
        self.percent_asked = slots.percent_kinds_asked(query.text) | slots.percent_kinds_asked(query.question)
        # "Mức phạt / mức hỗ trợ / mức chi … là bao nhiêu?": a rate, stated in money or as a share
        self.asks_rate = bool(query.numeric and not query.counted and _ASKS_RATE.search(low))
        self.dates = slots.dates_in(query.text)
        self.asks_effect = slots.asks_effect(query.text)  # a day something took effect identifies it
        self.numbers_asked = len(re.findall(r"bao nhiêu|mấy|tỷ lệ", low))
        self.doc_named = query.doc.number if query.doc and query.doc.number and "/" in query.doc.number else None
        self.whole_words = {t for t in dict.fromkeys(query.terms) if "_" in t}
        # "… thực hiện năm 2020 của cả nước là bao nhiêu?": what a programme or a place spent or
        # planned in a year is stated by reports and by the decisions that allocate it, which name
        # that year; a rule's rates are not it. (A law's question may name a year and "thực hiện"
        # too — "Theo Bộ luật Dân sự 2015, người thực hiện …" — but no programme or place.)
        # With no measure named ("Kinh phí khuyến công quốc gia năm N là bao nhiêu?") a rule's text
        # is no answer only when it states no amount of the kind asked.
        self.asks_year_amount = bool(query.numeric and query.years and (query.programme or query.scope))
        self.asks_reported = self.asks_year_amount and bool(query.measure)
        self._headings: dict[str, tuple[float, float]] = {}

    def measure(self, unit: Unit) -> Measured:
        q, chunk = self.query, unit.hit.chunk
        coverage = self.overlap.coverage(unit.text, f"{unit.context} {chunk.heading} {chunk.locator} {chunk.title}")
        # items on lines of their own, or run on after a colon when the unit names what was asked
        is_list = self.asks_list and (len(_POINTS.findall(unit.text)) >= 2 or (
            bool(_INLINE_LIST.search(unit.text)) and (self.listed is None or bool(self.listed.search(unit.text)))))
        f: dict[str, float] = {
            "coverage": coverage,
            "phrase": self.overlap.phrase(unit.text),
            "heading_phrase": self._heading(chunk.heading)[0],
            "title_match": self._heading(chunk.heading)[1],
            "density": coverage * self.overlap.density(unit.text),
            "compound_words": self._compounds(unit),
            "list": float(is_list),
            "rank_prior": 1.0 / math.sqrt(unit.rank),
            "lexical_rank": 1.0 / math.sqrt(unit.hit.lexical_rank) if unit.hit.lexical_rank else 0.0,
            "dense_rank": 1.0 / math.sqrt(unit.hit.dense_rank) if unit.hit.dense_rank else 0.0,
            "direct": float(unit.hit.direct),
            "clause": float(bool(CLAUSE.match(unit.text))),
            "point": float(bool(POINT.match(unit.text))),
            "other_document": float(bool(q.doc and q.doc.number and chunk.kind == "legal"
                                         and not q.doc.matches(chunk.doc_number, chunk.doc_type))),
            "defines": float(bool(q.definition_of and defines(unit.text, q.definition_of))),
            "when_cue": float("when" in q.asks and bool(_TIME.search(unit.text))),
            "where_cue": float("where" in q.asks and bool(_PLACE.search(unit.text))),
            "who_cue": float("who" in q.asks and bool(_PERSON.search(unit.text))),
            "long": 0.0 if is_list else min(1.0, max(0, len(unit.text) - 300) / 700),
            "short": float(len(unit.text) < 25),
            "primacy": _VOCABULARY.primacy(chunk.doc_type),
            "names_document": float(self.doc_named is not None and self.doc_named in unit.text),
            "names_many": float(self.asks_list and len(_NAMES.findall(unit.text)) >= 4),
        }
        if q.programme and not (q.numeric or q.years):
            # the lead names it for its items, the article's heading for its clauses
            named = next((found for found in map(slots.programmes, (unit.text, unit.context, chunk.heading)) if found),
                         set())
            f["other_programme"] = float(bool(named) and q.programme not in named)
        slot_ok = True
        if q.scope and q.scope != "cả nước" and not q.numeric and chunk.kind != "legal":
            # "Hội nghị khuyến công … phía Bắc": an event of that region (and of its provinces)
            told = slots.scope_of(chunk.title)
            if told and told != "cả nước" and told != q.scope and q.scope not in _VOCABULARY.regions.get(told, ()):
                f["scope_other"] = 1.0
                slot_ok = False
        if q.level:  # a clause about another tier ("cấp quốc gia" for "cấp tỉnh") answers for that tier
            tiers = slots.levels_written_for(unit.text)
            if tiers and q.level not in tiers:
                f["level_other"] = 1.0
                slot_ok = False
        if q.numeric or q.years:
            slot_ok = (self._slots(unit, f) or (chunk.kind == "legal" and not self.asks_reported)
                       ) and slot_ok  # a law's year is no figure's
        stated = slots.dates_in(f"{unit.context} {unit.text}") if self.dates else set()  # the sentence before dates it
        other_day = (stated and slots.dates_contradict(self.dates, stated)
                     or self.asks_effect and slots.effect_contradicts(self.dates, unit.text))
        if self.dates and not unit.hit.direct and other_day:
            f["date_other"] = 1.0
            slot_ok = False
        if q.counted:
            counted = counted_in(unit, q.counted)
            f["counted" if counted else "counted_missing"] = 1.0
            if not counted and not unit.hit.direct:
                slot_ok = False
        if self.numbers_asked > 1:  # "bao nhiêu … và đạt tỷ lệ bao nhiêu": one amount is half an answer
            f["amounts_asked"] = min(1.0, len(AMOUNT.findall(unit.text)) / self.numbers_asked)
        if self.asks_percent or self.asks_money:
            states = bool((self.asks_percent and _PERCENT.search(unit.text))
                          or (self.asks_money and _MONEY.search(unit.text)))
            f["asked_unit"] = 1.0 if states else -1.0
            if not states and self.asks_year_amount and chunk.kind == "legal" and not unit.hit.direct:
                slot_ok = False  # a rule's text with no amount is no year's spending
        if self.asks_rate and not (_PERCENT.search(unit.text) or _MONEY.search(unit.text)):
            f["rate_missing"] = 1.0
            slot_ok = slot_ok and unit.hit.direct
        f["slot_conflict"] = float(not slot_ok)
        return Measured({k: v for k, v in f.items() if v}, coverage, slot_ok)

    def _heading(self, heading: str) -> tuple[float, float]:
        """Phrase coverage and title match of a heading, measured once for all its units."""
        if heading not in self._headings:
            self._headings[heading] = (self.overlap.phrase(heading), self.overlap.title_match(heading))
        return self._headings[heading]

    def _compounds(self, unit: Unit) -> float:
        """Share of the question's compound words ("kinh_phí", "phê_duyệt") the unit holds whole."""
        if not self.whole_words:
            return 0.0
        words = " ".join(folded_words(unit.text))
        return sum(1 for w in self.whole_words if f" {w.replace('_', ' ')} " in f" {words} ") / len(self.whole_words)

    def _slots(self, unit: Unit, f: dict[str, float]) -> bool:
        """Agreement of year, amount, programme, period, measure and scope; False when one contradicts."""
        q = self.query
        slot_ok = True
        text, context = unit.text, unit.context
        has_amount = bool(AMOUNT.search(text))
        if q.numeric:
            f["amount" if has_amount else "no_amount"] = 1.0
        if q.years:
            in_unit = slots.years_stated(text)
            in_context = slots.years_stated(context)
            if unit.hit.chunk.kind != "legal" or self.asks_reported:
                in_context |= set(slots.years_in(unit.hit.chunk.title))  # "Hội nghị … năm 2022 tại …"
            wanted = set(q.years)
            if wanted & in_unit:
                f["year_in_unit"] = 1.0
            elif wanted & in_context and not in_unit:
                f["year_in_context"] = 1.0
            elif in_unit or in_context:
                f["year_other"] = 1.0
                slot_ok = False
            else:  # no year at all: no figure of the year asked; for who or where, the year it happened may go unsaid
                f["year_missing"] = 1.0
                slot_ok = not q.numeric
        if not has_amount:
            return slot_ok
        unit_programmes = slots.programmes(text)
        if q.programme:
            if q.programme in unit_programmes:
                f["programme_only" if len(unit_programmes) == 1 else "programme_among"] = 1.0
            elif unit_programmes:
                f["programme_other"] = 1.0
                slot_ok = False
            else:
                f["programme_absent"] = 1.0  # a programme was asked, this states a total
        elif unit_programmes and not slots.programmes(q.text):
            f["programme_unasked"] = 1.0  # a total was asked, this states one programme
        period = slots.period_of(text) or (slots.period_of(context) if not slots.years_in(text) else None)
        if q.period == FULL_YEAR and period is None or period == FULL_YEAR and not q.period:
            period = q.period  # a figure that names no period is the whole year's
        if q.period:
            f["period_same" if period == q.period else "period_other"] = 1.0
            if period and period != q.period:
                slot_ok = False  # the unit states another period than the one asked
        elif period:
            f["period_unasked"] = 1.0
            if q.numeric and re.fullmatch(r"\d+ tháng", period) and MONEY_ASKED.search(q.text.lower()):
                slot_ok = False  # money spent in some months does not answer for the whole year
        if q.measure:
            measure = slots.measure_of(text)
            if measure:
                f["measure_same" if measure == q.measure else "measure_other"] = 1.0
        asked = self.percent_asked
        if asked:  # "đạt bao nhiêu % kế hoạch" is not answered by "chiếm 20,86% tổng kinh phí", nor the reverse
            stated = slots.percent_kinds_stated(text)
            kind = "same" if asked & stated else "other" if stated else "missing"
            f[f"percent_kind_{kind}"] = 1.0
            if stated and not asked & stated:
                slot_ok = False
        if q.scope:
            scope = slots.scope_of(text) or slots.scope_of(context) or slots.scope_of(unit.hit.chunk.title)
            if scope and scope != q.scope and q.scope != "cả nước":
                f["scope_other"] = 1.0
                slot_ok = False
        return slot_ok
