"""Programme figures: every funding/count statement in news and report text becomes a
record (scope, year, period, programme, measure, exact value, unit, percentages,
source sentence and span), stored in SQLite beside the index and queried to answer
numeric questions.

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
import sqlite3
from dataclasses import asdict, dataclass, fields
from decimal import Decimal

from ingest.model import Chunk, Document
from ingest.sentences import split_sentences

from . import slots
from .text import fold, parse_amount

log = logging.getLogger("kcassistant.facts")

FULL_YEAR = "cả năm"
_UNITS = r"tỷ đồng|triệu đồng|nghìn đồng|tỷ|triệu|đề án|dự án|nhiệm vụ"
_AMOUNT = re.compile(
    r"(?P<qual>trên|gần|khoảng|hơn)?\s*(?<![\d.,])(?<!\d/)(?P<num>\d+(?:[.,]\s?\d+)*)"
    r"(?:/(?P<num2>\d+(?:[.,]\d+)*))?\s*(?P<unit>" + _UNITS + r")(?!\w)", re.IGNORECASE)
_PERCENT = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s*%")
_CLAUSE_CUT = re.compile(r";\s+|(?<=Trong đó:)\s+|(?<=trong đó:)\s+")
_MEASURE_WORDS = [
    (slots.ALLOCATED, re.compile(r"phân bổ")),
    (slots.REVENUE, re.compile(r"doanh thu")),
    (slots.PLAN, re.compile(r"kế hoạch|được duyệt|phê duyệt|được giao|\bgiao\b|dự toán")),
    (slots.ACTUAL, re.compile(r"thực hiện|giải ngân|\bđạt\b|triển khai|hỗ trợ")),
]
_SHARE_OF = re.compile(r"chiếm\s+\d+(?:[.,]\d+)?\s*%\s*(?P<whole>[^()%;]*?)\s*\($")
_PLAN_IN_BRACKETS = re.compile(r"kế hoạch(?:\s+năm)?(?:\s+\d{4})?\s*\(\s*(?:được giao\s*)?$")


@dataclass
class Figure:
    source: str
    chunk_id: str
    title: str
    sentence: str  # the sentence as written
    clause: str  # the part of the sentence the figure stands in
    start: int  # character span of the amount inside `sentence`
    end: int
    scope: str | None
    year: int | None
    period: str
    programme: str  # KCQG | KCĐP | tổng
    measure: str  # kế hoạch | thực hiện | phân bổ | doanh thu | tỷ lệ
    value: str  # exact decimal, "27.6"
    value_text: str  # as Vietnamese write it, "27,6"
    unit: str  # tỷ đồng | triệu đồng | đề án | dự án | nhiệm vụ | %
    qualifier: str = ""  # trên / gần / khoảng
    percent: str = ""  # "94,8" in "đạt 94,8% so với kế hoạch"
    percent_of: str = ""
    share: str = ""  # "39,8" in "chiếm 39,8% kinh phí … toàn vùng"
    share_of: str = ""
    id: int | None = None

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.value)

    def key(self) -> tuple:
        return (self.scope, self.year, self.period, self.programme, self.measure, self.unit)


def _normal_unit(unit: str) -> str:
    unit = unit.lower()
    return {"tỷ": "tỷ đồng", "triệu": "triệu đồng"}.get(unit, unit)


def _measure_before(window: str) -> str | None:
    """The measure an amount states, read from the words just before it."""
    low = fold(window)
    if _PLAN_IN_BRACKETS.search(low):
        return slots.PLAN  # "… so với kế hoạch (29,1 tỷ đồng)"
    low = re.sub(r"(?:đạt\s+)?\d+(?:[.,]\d+)?\s*%\s*(?:so với\s+)?(?:kế hoạch(?: năm)?)?", " ", low)
    for name in (slots.REVENUE, slots.ALLOCATED):
        if dict(_MEASURE_WORDS)[name].search(low):
            return name
    best = None
    for name, pattern in _MEASURE_WORDS:
        for match in pattern.finditer(low):
            if best is None or match.start() > best[0]:
                best = (match.start(), name)
    return best[1] if best else None


def _programme(text: str) -> str | None:
    found = slots.programmes(text)
    return found.pop() if len(found) == 1 else None


@dataclass
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
        if clause_programme is None and re.search(r"tổng kinh phí|toàn vùng|tổng kế hoạch|kinh phí khuyến công", fold(clause)):
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
            measure = _measure_before(window) or (previous.measure if previous and window.strip(" ,") in ("/", "", "và") else None)
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
                    measure = "tỷ lệ thực hiện"
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
    for section in doc.sections:
        for paragraph in section.paragraphs:
            ctx = _Context(year=title_years[0] if title_years else None, scope=title_scope, scope_from_title=True)
            for sentence in split_sentences(paragraph):
                ctx = _advance(ctx, sentence, title_scope)
                home = next((c for c in chunks if sentence in c.text), None)
                if home is None:
                    continue
                found = extract_sentence(sentence, ctx, doc.source, home.id, doc.title)
                if found and not fold(sentence).startswith("trong đó"):
                    ctx.measure = found[0].measure  # what "Trong đó: …" goes on to break down
                figures.extend(found)
    return figures


FIELDS = [f.name for f in fields(Figure) if f.name != "id"]


class FactStore:
    """Figures in the catalog's SQLite file; a document's records are replaced on re-ingest."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        columns = ", ".join(f"{name} {'INTEGER' if name in ('start', 'end', 'year') else 'TEXT'}"
                            for name in FIELDS)
        self.db.execute(f"CREATE TABLE IF NOT EXISTS figures (id INTEGER PRIMARY KEY, {columns})")
        self.db.execute("CREATE INDEX IF NOT EXISTS figures_source ON figures(source)")
        self.db.commit()

    def replace(self, source: str, figures: list[Figure]) -> None:
        with self.db:
            self.db.execute("DELETE FROM figures WHERE source=?", (source,))
            marks = ", ".join("?" for _ in FIELDS)
            self.db.executemany(
                f"INSERT INTO figures ({', '.join(FIELDS)}) VALUES ({marks})",
                [tuple(asdict(f)[name] for name in FIELDS) for f in figures])

    def remove(self, source: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM figures WHERE source=?", (source,))

    def query(self, scope: str | None = None, year: int | None = None, period: str | None = None,
              programme: str | None = None, measure: str | None = None, unit: str | None = None,
              source: str | None = None) -> list[Figure]:
        where, args = [], []
        for column, value in (("scope", scope), ("year", year), ("period", period), ("programme", programme),
                              ("measure", measure), ("unit", unit), ("source", source)):
            if value is not None and value != "":
                where.append(f"{column} = ?")
                args.append(value)
        sql = f"SELECT id, {', '.join(FIELDS)} FROM figures"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY source, id"
        return [Figure(id=row[0], **dict(zip(FIELDS, row[1:]))) for row in self.db.execute(sql, args)]


_COUNT_ASKED = re.compile(r"bao nhiêu\s+(đề án|dự án|nhiệm vụ)|how many\s+(projects?|schemes?|tasks?)|số\s+(đề án|dự án)")
_MONEY_ASKED = re.compile(r"kinh phí|tiền|ngân sách|tỷ|triệu|funding|budget|money|fund|doanh thu|revenue")
_EN_COUNT = {"project": "đề án", "projects": "đề án", "scheme": "đề án", "schemes": "đề án",
             "task": "nhiệm vụ", "tasks": "nhiệm vụ"}
MEASURE_DEFAULTS = (slots.ACTUAL, slots.PLAN, slots.ALLOCATED)


MONEY = ("tỷ đồng", "triệu đồng")


# "how much was the plan", "kế hoạch … là bao nhiêu": an amount of money without the word
_AMOUNT_IMPLIED = re.compile(r"how much|(?:kế hoạch|thực hiện|phân bổ|dự toán|giải ngân)[^?]*(?:là )?bao nhiêu\s*\??$")
_PERCENT_ASKED = re.compile(r"bao nhiêu\s*(?:phần trăm|%)|tỷ lệ|percent|percentage")


def wanted_units(question: str) -> list[tuple[str, ...]]:
    """What the question counts in: a rate, projects ("bao nhiêu đề án"), money.
    Nothing when it asks for something no figure record holds (delegates, provinces)."""
    low = fold(question)
    if _PERCENT_ASKED.search(low) and not re.search(r"bao nhiêu\s+(?:tỷ|triệu)|là bao nhiêu và", low):
        return [("%",)]
    units: list[tuple[str, ...]] = []
    for match in _COUNT_ASKED.finditer(low):
        unit = next(g for g in match.groups() if g)
        units.append((_EN_COUNT.get(unit, unit),))
    if _MONEY_ASKED.search(low) or (not units and _AMOUNT_IMPLIED.search(low)):
        units.append(MONEY)
    return units


def match_figures(store: FactStore, *, years: tuple[int, ...], period: str | None, programme: str | None,
                  measure: str | None, scope: str | None, question: str) -> list[Figure]:
    """Records answering a figure question: all slots must agree; an unnamed measure
    prefers what was spent, then the plan, then the allocation; an unnamed programme
    means the total."""
    if not years:
        return []
    if not scope and re.search(r"\b\d+ tỉnh|khu vực|toàn vùng|\bvùng\b|\bregion", fold(question)):
        return []  # a region is meant but not named: no record can be picked safely
    candidates = [f for y in years for f in store.query(year=y)]
    candidates = [f for f in candidates if f.period == (period or FULL_YEAR)]
    candidates = [f for f in candidates if f.programme == (programme or slots.TOTAL)]
    # No scope named: only country-wide figures answer (a province's figure is not "the" figure).
    candidates = [f for f in candidates if f.scope == scope or (not scope and f.scope in (None, "cả nước"))]
    chosen: list[Figure] = []
    for unit in wanted_units(question):
        of_unit = [f for f in candidates if f.unit in unit]
        if unit == ("%",):
            chosen.extend(f for f in of_unit if f not in chosen)
            continue
        for wanted in ([measure] if measure else MEASURE_DEFAULTS):
            hits = [f for f in of_unit if f.measure == wanted]
            if hits:
                chosen.extend(h for h in hits if h not in chosen)
                break
    return chosen


@dataclass
class ExtractionScore:
    labelled: int
    extracted: int
    matched: int
    missed: list[dict]
    spurious: list[Figure]

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


def _label_key(source: str, value: str, unit: str, scope, year, period, programme, measure) -> tuple:
    return (source, re.sub(r"\s", "", value).replace(".", ","), unit, scope, year, period, programme, measure)


def score_extraction(labels: list[dict], figures: list[Figure]) -> ExtractionScore:
    """A record counts when source, value, unit and every slot equal a hand label (multiset)."""
    wanted: dict[tuple, list[dict]] = {}
    for label in labels:
        key = _label_key(label["source"], label["value"], label["unit"], label.get("scope"), label.get("year"),
                         label.get("period", FULL_YEAR), label["programme"], label["measure"])
        wanted.setdefault(key, []).append(label)
    spurious = []
    matched = 0
    for f in figures:
        key = _label_key(f.source, f.value_text, f.unit, f.scope, f.year, f.period, f.programme, f.measure)
        if wanted.get(key):
            wanted[key].pop()
            matched += 1
        else:
            spurious.append(f)
    missed = [label for rest in wanted.values() for label in rest]
    return ExtractionScore(len(labels), len(figures), matched, missed, spurious)


def evaluate_labels(labels_path, docs_dir) -> ExtractionScore:
    """Extract the figures of every labelled document under `docs_dir` and score them."""
    import json
    from pathlib import Path

    from ingest import chunk_document, parse_file

    labels = [json.loads(line) for line in Path(labels_path).read_text(encoding="utf-8").splitlines()
              if line.strip()]
    figures: list[Figure] = []
    for source in sorted({label["source"] for label in labels}):
        doc = parse_file(Path(docs_dir) / source, source)
        figures.extend(extract_figures(doc, chunk_document(doc)))
    return score_extraction(labels, figures)
