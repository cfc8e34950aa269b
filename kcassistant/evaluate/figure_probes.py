"""Figure probes written from the figures table itself: each amount the reports state, asked for
in the ways officials write a figure question, each answer checked for stating that amount.

The questions are generated from the records (scope, year, period, programme, measure, value),
so they test how a question is read — its slots, the rate it asks for — on every report a user
adds, not only on the ones the development sets were written on. Only slots that every source
states alike are asked: where reports disagree the answer lists them all (a conflict, not this
probe). Run by scripts/probe_figures.py; checked in tests/test_probes.py.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest.vocabulary import vocabulary

from ..figures import Figure
from ..slots import Measure, Programme
from ..text import numbers_in

PROGRAMME_LABELS = {code: programme.label for code, programme in vocabulary().programmes.items()}
_ENGLISH_PROGRAMME = {"KCQG": "national extension funding", "KCĐP": "local extension funding"}
_MONEY = ("tỷ đồng", "triệu đồng")

# name → (what it tests, template); {p} programme, {m} measure, {t} period and year ({T} capitalised),
# {s} scope ("khu vực miền Trung - Tây Nguyên", "cả nước"), {u} the counted unit and its programme,
# {e} the programme, {v} "spent" / "planned", {w} the scope and {y} the year in English
FIGURE_FORMS: dict[str, tuple[str, str]] = {
    "amount": ("programme, measure, period, scope", "{p} {m} {t} của {s} là bao nhiêu?"),
    "amount_lead": ("the period first, in money", "{T}, {s} có {p} {m} bao nhiêu tỷ đồng?"),
    "amount_colon": ("the scope first", "{S}, {t}: {p} {m} bao nhiêu?"),
    "of_plan": ("the rate of the plan reached", "{T}, {p} thực hiện của {s} đạt bao nhiêu % kế hoạch?"),
    "count": ("a count of projects", "{T}, {s} {m} bao nhiêu {u}?"),
    "english": ("an English question", "How much {e} was {v} {w} in {y}?"),
}
# a conversation: after the "amount" question on one record, another record asked by what differs
FOLLOWUP_FORMS: dict[str, tuple[str, str]] = {
    "then_programme": ("'Còn <programme> thì sao?' after another programme", "Còn {p} thì sao?"),
    "then_year": ("'Còn năm N thì sao?' after another year (whole years)", "Còn năm {y} thì sao?"),
    "then_measure": ("'Còn <measure> thì sao?' after the other of plan and actual", "Còn {m} thì sao?"),
}


@dataclass(frozen=True)
class FigureProbe:
    form: str
    question: str
    value: str  # as the report writes it, "27,6"
    history: tuple[str, ...] = ()  # the question asked before it in the conversation


@dataclass(frozen=True)
class FigureProbeResult:
    probe: FigureProbe
    found: bool
    answer: str

    @property
    def right(self) -> bool:
        return self.found and self.probe.value.replace(".", ",") in numbers_in(self.answer)


def _when(period: str, year: int) -> str:
    return f"năm {year}" if period == "cả năm" else f"{period} đầu năm {year}" if "tháng" in period \
        else f"{period} năm {year}"


def figure_probes(figures: Iterable[Figure]) -> list[FigureProbe]:
    """Questions on each (scope, year, period, programme, measure, unit) that the reports state
    with one value, in the forms that fit it."""
    values: dict[tuple[str, int, str, str, str, str], set[tuple[str, str]]] = {}
    for f in figures:
        if f.scope and f.year and f.measure in (Measure.PLAN, Measure.ACTUAL) and f.programme in PROGRAMME_LABELS:
            values.setdefault((f.scope, f.year, f.period, f.programme, f.measure, f.unit), set()).add(
                (f.value_text, f.percent))
    agreed = {key: next(iter(stated)) for key, stated in sorted(values.items()) if len(stated) == 1}
    probes = []
    for key, (value, percent) in agreed.items():
        scope, year, period, programme, measure, unit = key
        slots = slots_of(*key)
        for form, (_, template) in FIGURE_FORMS.items():
            asked = _asked(form, unit, measure, period, programme, percent, value)
            if asked is not None:
                probes.append(FigureProbe(form, template.format(**slots), asked))
        if unit not in _MONEY:
            continue
        # the same record asked after the "amount" question on one that differs only in programme or year
        before = [("then_programme", (scope, year, period, other, measure, unit)) for other in PROGRAMME_LABELS
                  if other != programme] + [("then_year", (scope, other_year, period, programme, measure, unit))
                                            for other_year in (year - 1, year + 1) if period == "cả năm"] + [
            ("then_measure", (scope, year, period, programme, other, unit)) for other in (Measure.PLAN, Measure.ACTUAL)
            if other != measure]
        for form, earlier in before:
            if earlier in agreed:
                history = (FIGURE_FORMS["amount"][1].format(**slots_of(*earlier)),)
                probes.append(FigureProbe(form, FOLLOWUP_FORMS[form][1].format(**slots), value, history))
    return probes


def slots_of(scope: str, year: int, period: str, programme: str, measure: str, unit: str) -> dict[str, object]:
    when = _when(period, year)
    where = scope if scope == "cả nước" else f"khu vực {scope}"
    return {"p": PROGRAMME_LABELS[programme], "m": measure, "t": when, "T": when[:1].upper() + when[1:],
            "s": where, "S": where[:1].upper() + where[1:], "y": year,
            "u": unit if programme == Programme.TOTAL else f"{unit} {programme}",
            "e": _ENGLISH_PROGRAMME.get(programme, ""), "v": "spent" if measure == Measure.ACTUAL else "planned",
            "w": "nationwide" if scope == "cả nước" else f"in the {scope} region"}


def _asked(form: str, unit: str, measure: str, period: str, programme: str, percent: str, value: str) -> str | None:
    """The value a form asks of a record, or None when the form does not fit it."""
    if form == "of_plan":
        return percent if percent and measure == Measure.ACTUAL and unit in _MONEY else None
    if form == "count":
        return value if unit not in _MONEY and unit != "%" else None
    if unit not in _MONEY:
        return None
    if form == "english":
        return value if period == "cả năm" and programme in _ENGLISH_PROGRAMME else None
    return value


Ask = Callable[[str, tuple[str, ...]], tuple[bool, str]]


def run_figure_probes(probes: Iterable[FigureProbe], ask: Ask) -> list[FigureProbeResult]:
    """Each probe asked after its history; `ask` returns whether an answer was found and its text."""
    return [FigureProbeResult(probe, *ask(probe.question, probe.history)) for probe in probes]
