"""Figures out of news and report text (the ingest side of the figures wing).

Reading a figure is mostly reading its neighbourhood. A sentence inherits year,
period and scope from the sentence before it when it starts with "Trong đó"; a
clause (cut at ";") names its programme; an amount takes its measure from the words
just before it ("kế hoạch", "thực hiện", "phân bổ", "doanh thu"); an amount in
brackets after "so với kế hoạch" is the plan of the same subject, and after
"chiếm x% tổng kinh phí …" it is the whole the share is taken of.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from ingest.model import Chunk, Document
from ingest.sentences import split_sentences
from ingest.untrusted import addressed_to_assistant
from ingest.vocabulary import alternation, vocabulary

from .. import slots
from ..text import fold, parse_amount
from .record import FULL_YEAR, Figure

log = logging.getLogger("kcassistant.figures")

_VOCABULARY = vocabulary()
_AMOUNT = re.compile(
    r"(?P<qual>trên|gần|khoảng|hơn)?\s*(?<![\d.,])(?<!\d/)(?P<num>\d+(?:[.,]\s?\d+)*)"
    r"(?:/(?P<num2>\d+(?:[.,]\d+)*))?\s*(?P<unit>" + alternation(_VOCABULARY.figure_units) + r")(?!\w)",
    re.IGNORECASE)
_PERCENT = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s*%")
_CLAUSE_CUT = re.compile(r";\s+|(?<=Trong đó:)\s+|(?<=trong đó:)\s+")
_MEASURE_WORDS = [(name, re.compile(alternation(patterns)))
                  for name, patterns in _VOCABULARY.measures_before_amount.items()]
_TOTAL_WORDS = re.compile(alternation(_VOCABULARY.total_words))
_SHARE_OF = re.compile(r"chiếm\s+\d+(?:[.,]\d+)?\s*%\s*(?P<whole>[^()%;]*?)\s*\($")
_PLAN_IN_BRACKETS = re.compile(r"kế hoạch(?:\s+năm)?(?:\s+\d{4})?\s*\(\s*(?:được giao\s*)?$")


def _normal_unit(unit: str) -> str:
    unit = unit.lower()
    return _VOCABULARY.normal_unit.get(unit, unit)


def _measure_before(window: str) -> str | None:
    """The measure an amount states, read from the words just before it."""
    low = fold(window)
    if _PLAN_IN_BRACKETS.search(low):
        return slots.PLAN  # "… so với kế hoạch (29,1 tỷ đồng)"
    low = re.sub(r"(?:đạt\s+)?\d+(?:[.,]\d+)?\s*%\s*(?:so với\s+)?(?:kế hoạch(?: năm)?)?", " ", low)
    for measure in (slots.REVENUE, slots.ALLOCATED):  # these name the amount wherever they stand
        if dict(_MEASURE_WORDS)[measure].search(low):
            return measure
    best = None
    for name, pattern in _MEASURE_WORDS:
        for match in pattern.finditer(low):
            if best is None or match.start() > best[0]:
                best = (match.start(), name)
    return best[1] if best else None


def _programme(text: str) -> str | None:
    found = slots.programmes(text)
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class _Context:
    year: int | None = None
    period: str = FULL_YEAR
    scope: str | None = None
    measure: str | None = None
    scope_from_title: bool = False


def extract_sentence(sentence: str, ctx: _Context, source: str, chunk_id: str, title: str) -> list[Figure]:
    """Figures stated in one sentence, given what the sentences before established."""
    figures: list[Figure] = []
    offset = 0
    clauses = [c for c in _CLAUSE_CUT.split(sentence)]
    for clause in clauses:
        start_in_sentence = sentence.find(clause, offset)
        offset = max(offset, start_in_sentence)
        clause_programme = _programme(clause.split("(")[0]) or _programme(clause)
        if clause_programme is None and _TOTAL_WORDS.search(fold(clause)):
            clause_programme = slots.TOTAL
        clause_years = slots.years_in(clause)
        clause_measure = None
        last_end = 0
        previous: Figure | None = None
        for match in _AMOUNT.finditer(clause):
            window = clause[last_end:match.start()]
            last_end = match.end()
            value = parse_amount(match.group("num"))
            if value is None:
                log.warning("%s: bỏ qua số tiền không hợp lệ '%s' trong câu: %s", source, match.group("num"), sentence)
                continue
            unit = _normal_unit(match.group("unit"))
            share = _SHARE_OF.search(clause[:match.start()].rstrip())
            follows_previous = previous is not None and window.strip(" ,") in ("/", "", "và")  # "15,2 và 20 tỷ"
            measure = _measure_before(window) or (previous.measure if previous and follows_previous else None)
            programme = _programme(window) or clause_programme or slots.TOTAL
            scope = ctx.scope
            year = ctx.year
            window_years = slots.years_in(window)
            if window_years:
                year = window_years[-1]
            elif clause_years and clause_years[0] != ctx.year and clause.find(str(clause_years[0])) < match.start():
                year = clause_years[0]
            if share:
                whole = share.group("whole")
                programme = _programme(whole) or programme
                scope = "cả nước" if not re.search(r"toàn vùng|khu vực", fold(whole)) else scope
                measure = _measure_before(whole) or measure or clause_measure
                whole_years = slots.years_in(whole)
                year = whole_years[-1] if whole_years else year
            if measure is None:
                measure = clause_measure or ctx.measure or slots.ACTUAL
            if programme == slots.KCQG and not share and ctx.scope_from_title and re.search(
                    r"tổng kế hoạch|phê duyệt|được phân bổ", fold(clause[:match.start()])):
                scope = "cả nước"  # the national programme's own totals are country-wide
            if not share:
                clause_measure = clause_measure or measure
            values = [(match.group("num"), value, measure, match.start("num"), match.end("num"))]
            if match.group("num2"):
                plan = parse_amount(match.group("num2"))
                if plan is not None:
                    values = [(match.group("num"), value, slots.ACTUAL, match.start("num"), match.end("num")),
                              (match.group("num2"), plan, slots.PLAN, match.start("num2"), match.end("num2"))]
            after = clause[match.end():match.end() + 120]
            percent = re.match(r"\s*,?\s*\(?\s*đạt\s+(\d+(?:[.,]\d+)?)\s*%\s*(so với\s+[^,;()]*)?", after)
            share_after = re.search(r"chiếm\s+(\d+(?:[.,]\d+)?)\s*%\s*([^,;()]*)", after)
            for text_value, number, kind, s, e in values:
                figure = Figure(
                    source=source, chunk_id=chunk_id, title=title, sentence=sentence, clause=clause.strip(),
                    start=start_in_sentence + s, end=start_in_sentence + e, scope=scope, year=year,
                    period=ctx.period, programme=programme, measure=kind,
                    value=str(number), value_text=re.sub(r"\s", "", text_value), unit=unit,
                    qualifier=(match.group("qual") or "").lower(),
                    percent=percent.group(1) if percent and kind == measure else "",
                    percent_of=(percent.group(2) or "kế hoạch").strip() if percent and kind == measure else "",
                    share=share_after.group(1) if share_after and not share else "",
                    share_of=share_after.group(2).strip() if share_after and not share else "")
                figures.append(figure)
                previous = figure
        if not figures or all(f.clause != clause.strip() for f in figures):
            # a rate without an amount: "kinh phí KCQG năm 2023 chỉ đạt 34,6% kế hoạch"
            for match in _PERCENT.finditer(clause):
                before = fold(clause[:match.start()])
                after = fold(clause[match.end():match.end() + 25])
                if re.search(r"đạt\s*$", before) and "kế hoạch" in after and "kinh phí" in before:
                    measure = slots.Measure.RATE
                elif re.search(r"phân bổ[^%]{0,40}chiếm\s*$", before):
                    measure = slots.ALLOCATED
                else:
                    continue
                value = parse_amount(match.group("num"))
                if value is None:
                    continue
                years = slots.years_in(clause[:match.start()])
                programme = clause_programme or slots.TOTAL
                scope = ctx.scope
                if programme == slots.KCQG and ctx.scope_from_title and measure == slots.ALLOCATED:
                    scope = "cả nước"  # the national programme's allocation is country-wide
                figures.append(Figure(
                    source=source, chunk_id=chunk_id, title=title, sentence=sentence, clause=clause.strip(),
                    start=start_in_sentence + match.start("num"), end=start_in_sentence + match.end("num"),
                    scope=scope, year=years[-1] if years else ctx.year,
                    period=slots.period_of(clause[:match.start()]) or ctx.period,
                    programme=programme, measure=measure, value=str(value),
                    value_text=match.group("num"), unit="%",
                    percent_of="kế hoạch" if "kế hoạch" in fold(clause[match.end():match.end() + 20]) else ""))
    return figures


def _advance(ctx: _Context, sentence: str, title_scope: str | None) -> _Context:
    """The context a sentence establishes for itself and the next ones."""
    low = fold(sentence)
    if low.startswith("trong đó"):
        return ctx
    own = re.sub(r"chiếm[^;]*", " ", sentence)  # "chiếm x% … của cả nước" names the whole, not the subject
    years = slots.years_in(own.split("(")[0]) or slots.years_in(own)
    period = slots.period_of(sentence.split(",")[0] + " " + sentence[:80])
    scope = slots.scope_of(own)
    if scope is None and re.search(r"toàn vùng|các tỉnh thành|khu vực", low):
        scope = ctx.scope if not ctx.scope_from_title else title_scope
    from_title = scope is None and (ctx.scope is None or ctx.scope_from_title)
    return _Context(year=years[0] if years else ctx.year, period=period or FULL_YEAR,
                    scope=scope or ctx.scope or title_scope, measure=None,
                    scope_from_title=from_title)


def extract_figures(doc: Document, chunks: list[Chunk]) -> list[Figure]:
    """Figures of a news/report document, in reading order, each tied to its chunk."""
    if doc.kind == "legal":
        return []
    figures: list[Figure] = []
    title_scope = slots.scope_of(doc.title)
    title_years = slots.years_in(doc.title)
    at = 0  # sentences come in reading order, and so do chunks: one pass over both
    for section in doc.sections:
        for paragraph in section.paragraphs:
            ctx = _Context(year=title_years[0] if title_years else None, scope=title_scope, scope_from_title=True)
            for sentence in split_sentences(paragraph):
                ctx = _advance(ctx, sentence, title_scope)
                while at < len(chunks) and sentence not in chunks[at].text:
                    at += 1
                if at == len(chunks):  # not where reading order says: look everywhere once
                    at = next((i for i, c in enumerate(chunks) if sentence in c.text), len(chunks))
                    if at == len(chunks):
                        at = 0
                        continue
                home = chunks[at]
                if addressed_to_assistant(sentence):  # an order to an assistant states no figure
                    continue
                found = [f for f in extract_sentence(sentence, ctx, doc.source, home.id, doc.title)
                         if f.scope and f.year]  # a figure without its scope and year answers nothing
                if found and not fold(sentence).startswith("trong đó"):
                    ctx = replace(ctx, measure=found[0].measure)  # what "Trong đó: …" goes on to break down
                figures.extend(found)
    return figures
