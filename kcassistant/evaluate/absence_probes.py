"""Absence probes: questions the library cannot answer, written from what it holds by changing
the one thing that makes them unanswerable — an article past a document's last, a clause past an
article's last, a document number the library does not hold, a year or a scope the reports give
no figure for. Each is right only when the answer is "không tìm thấy": the worst failure is a
rule or a number quoted for what was not asked, and these are the near misses that invite it.

Generated, so they cover every document a user adds, not only the ones the development sets'
unanswerable questions were written on. Run by scripts/probe_absences.py; checked in
tests/test_absence_probes.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest.model import Chunk
from ingest.patterns import canon_doc_number
from ingest.vocabulary import vocabulary

from ..figures import Figure
from ..slots import Measure
from ..text import fold
from .figure_probes import FIGURE_FORMS, PROGRAMME_LABELS, slots_of
from .probes import articles_held, last_clauses

PAST = 5  # an article this far past a document's last; a clause this far past an article's last

# name → (what it tests, template); {a} article, {k} clause, {t} type, {n} number, {m} a document's name
LEGAL_FORMS: dict[str, tuple[str, str]] = {
    "past_last_article": ("an article past the document's last", "Điều {a} {t} {n} quy định gì?"),
    "past_last_clause": ("a clause past the article's last", "Khoản {k} Điều {a} {t} {n} quy định gì?"),
    "other_number": ("a document number the library does not hold", "Điều {a} {t} {n} quy định gì?"),
    "name_past_last_article": ("an article past the last, by name", "Điều {a} {m} quy định gì?"),
}
# the "amount" question of a figure record with one slot changed to one no report gives a figure for
FIGURE_ABSENCE_FORMS: dict[str, tuple[str, str]] = {
    "other_year": ("a year the reports give no figure for in that scope", FIGURE_FORMS["amount"][1]),
    "other_region": ("a region no report gives a figure for", FIGURE_FORMS["amount"][1]),
    "other_province": ("a province no document names", FIGURE_FORMS["amount"][1]),
    "other_measure": ("plan asked where only the actual is stated, or the reverse", FIGURE_FORMS["amount"][1]),
}
WHAT_EACH_TESTS = {form: spec[0] for form, spec in (*LEGAL_FORMS.items(), *FIGURE_ABSENCE_FORMS.items())}


@dataclass(frozen=True)
class AbsenceProbe:
    form: str
    question: str
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class AbsenceResult:
    probe: AbsenceProbe
    found: bool
    answer: str

    @property
    def right(self) -> bool:
        return not self.found


def _numeric(article: str) -> int | None:
    return int(article) if article.isdigit() else None


def _unheld_number(number: str, held: set[str]) -> str | None:
    """The number with its serial changed to one the library does not hold ("45/2012/NĐ-CP" →
    "145/2012/NĐ-CP"), or None when it has no serial to change."""
    serial, slash, rest = number.partition("/")
    if not serial.isdigit() or not slash:
        return None
    for step in (100, 200, 300):
        other = f"{int(serial) + step}/{rest}"
        if canon_doc_number(other) not in held:
            return other
    return None


def legal_absence_probes(chunks: Iterable[Chunk]) -> list[AbsenceProbe]:
    """For every document: an article past its last; for its article with the most clauses, a
    clause past the last; for a numbered one, its first article under a number not held."""
    chunks = list(chunks)
    numbered, named = articles_held(chunks)
    last_clause = last_clauses(chunks)
    held = {canon_doc_number(n) for _, n in numbered}
    probes: list[AbsenceProbe] = []
    for (doc_type, number), headings in sorted(numbered.items()):
        articles = sorted(a for a in map(_numeric, headings) if a is not None)
        if not articles:
            continue
        naming = {"t": doc_type, "n": number}
        probes.append(_legal("past_last_article", a=articles[-1] + PAST, **naming))
        clauses = sorted((k, int(a)) for (document, a), k in last_clause.items()
                         if document == number and a.isdigit())
        if clauses:
            k, a = clauses[-1]
            probes.append(_legal("past_last_clause", a=a, k=k + PAST, **naming))
        other = _unheld_number(number, held)
        if other:
            probes.append(_legal("other_number", a=articles[0], t=doc_type, n=other))
    for name, headings in sorted(named.items()):
        articles = sorted(a for a in map(_numeric, headings) if a is not None)
        if articles:
            probes.append(_legal("name_past_last_article", a=articles[-1] + PAST, m=name))
    return probes


def _legal(form: str, **values: object) -> AbsenceProbe:
    return AbsenceProbe(form, LEGAL_FORMS[form][1].format(**values))


def figure_absence_probes(figures: Iterable[Figure], chunks: Iterable[Chunk]) -> list[AbsenceProbe]:
    """The "amount" question of each money record, asked for a year its scope has no figure for
    (the years next to those the reports cover), for the other of plan and actual where the
    reports state only one, for a region with no figure, and for a province no passage names."""
    keys: set[tuple[str, int, str, str, str, str]] = set()
    for f in figures:
        if f.scope and f.year and f.measure in (Measure.PLAN, Measure.ACTUAL) and f.programme in PROGRAMME_LABELS \
                and f.unit in ("tỷ đồng", "triệu đồng"):
            keys.add((f.scope, int(f.year), f.period, f.programme, f.measure, f.unit))
    years_of: dict[str, set[int]] = {}
    for scope, year, *_ in keys:
        years_of.setdefault(scope, set()).add(year)
    every_year = set().union(*years_of.values()) if years_of else set()
    near_years = sorted(every_year | {y - 1 for y in every_year} | {y + 1 for y in every_year})
    regions = vocabulary().regions
    text = fold(" ".join(chunk.text for chunk in chunks))
    quiet_regions = [r for r in regions if r not in years_of]
    unnamed = [p for members in regions.values() for p in members
               if p not in years_of and not re.search(r"(?<!\w)" + re.escape(fold(p)) + r"(?!\w)", text)]
    probes: list[AbsenceProbe] = []
    for scope, year, period, programme, measure, unit in sorted(keys):
        template = FIGURE_FORMS["amount"][1]
        absent = [y for y in near_years if y not in years_of[scope]]
        if absent:  # the nearest such year, earlier first
            other = min(absent, key=lambda y: (abs(y - year), y))
            probes.append(AbsenceProbe("other_year", template.format(
                **slots_of(scope, other, period, programme, measure, unit))))
        other_measure = Measure.PLAN if measure == Measure.ACTUAL else Measure.ACTUAL
        if not any(k[:4] == (scope, year, period, programme) and k[4] == other_measure for k in keys):
            probes.append(AbsenceProbe("other_measure", template.format(
                **slots_of(scope, year, period, programme, other_measure, unit))))
        for form, candidates in (("other_region", quiet_regions), ("other_province", unnamed)):
            if candidates:
                other_scope = candidates[(year + len(programme)) % len(candidates)]
                slots = slots_of(other_scope, year, period, programme, measure, unit)
                if form == "other_province":
                    slots = {**slots, "s": f"tỉnh {other_scope}"}
                probes.append(AbsenceProbe(form, template.format(**slots)))
    return probes


Ask = Callable[[str, tuple[str, ...]], tuple[bool, str]]


def run_absence_probes(probes: Iterable[AbsenceProbe], ask: Ask) -> list[AbsenceResult]:
    """Each probe asked after its history; `ask` returns whether an answer was found and its text."""
    return [AbsenceResult(probe, *ask(probe.question, probe.history)) for probe in probes]
