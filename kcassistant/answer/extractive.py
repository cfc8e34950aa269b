"""The extractive answerer: quote the best one or two units of the retrieved
passages, with [n] markers and citations, or say plainly that they do not answer.

found / not found is decided on the best unit: enough of the question's IDF mass
(syllables, then whole words) must be in it, no slot of a figure question may
contradict it, a "bao nhiêu" question needs a number, and one asking who holds an office
("Ai là Giám đốc Sở …?") a sentence naming that office and a person. A question that names a
document the library holds is answered from that document or one guiding or amending
it, never from another's rule on the same subject.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..accents import strip_marks
from ..figures import Figure, FigureStore
from ..overlap import Overlap
from ..query import Query, analyse
from ..question_forms import asks_for, definition_asked, role_asked, split_parts
from ..references import comparable, mentions
from ..retrieve import Hit
from ..slots import Measure
from ..store import Snapshot, WordStatistics
from ..text import defines, fold
from .abstain import AbstentionModel, features_of
from .ranker import select_units
from .records import Draft, not_found, one_line
from .units import AMOUNT, Unit, build_citation, counted_in, precise_locator, with_items

MIN_COVERAGE = 0.45
MIN_TERM_COVERAGE = 0.3
COMPLEMENT_GAIN = 0.2  # a second unit adds this share of the question's IDF mass …
COMPLEMENT_PHRASE = 0.1  # … and of its word pairs
COMPLEMENT_MARGIN = 1.0
PART_MISSING = 0.25  # a second part is answered apart when the best unit lacks this share of its own words …
PART_GAIN = 0.5  # … by a unit that brings at least half of what it lacks


def states_a_number(text: str) -> bool:
    """An amount, a count or an ordinal — a year or a date alone does not answer "bao nhiêu"."""
    if AMOUNT.search(text) or re.search(r"lần thứ [IVXLC]+\b", text):
        return True
    bare = re.sub(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\b(?:19|20)\d\d\b", " ", text)
    return re.search(r"\d", bare) is not None


def term_coverage(query: Query, have: frozenset[str], term_idf: dict[str, float], default_idf: float) -> float:
    """Coverage by whole words ("nhà_ở", "xã_hội"), not syllables, of the passage's
    indexed words `have`: the stricter test of whether a passage is about what was
    asked, used to decide found / not found."""
    terms = [t for t in dict.fromkeys(query.terms) if not re.fullmatch(r"[\d.,/%-]+", t)]
    if query.english:
        terms = [t for t in terms if (t in term_idf or not t.isascii()) and t not in query.unknown_words]
    weights = {t: term_idf.get(t, default_idf) for t in terms}
    total = sum(weights.values())
    syllables = {part for word in have for part in word.split("_")}

    def present(term: str) -> bool:
        # a compound the segmenter made only for the question ("khuyến_công_điểm")
        # is present when its syllables are
        return term in have or (term not in term_idf and all(p in syllables for p in term.split("_")))

    return sum(w for t, w in weights.items() if present(t)) / total if total else 1.0


Gate = Callable[[dict[str, float]], bool]
Part = tuple[Sequence[Unit], Overlap]  # one part of a two-part question: its units, the words only it holds


def rule_gate(features: dict[str, float]) -> bool:
    """The hand-set cut-offs, used when no abstention model has been fitted."""
    return features["coverage"] >= MIN_COVERAGE and features["term_coverage"] >= MIN_TERM_COVERAGE


def compose(query: Query, units: Sequence[Unit], statistics_of: Callable[[str], WordStatistics],
            words_of: Callable[[Hit], frozenset[str]], gate: Gate = rule_gate, parts: Sequence[Part] = ()) -> Draft:
    """The answer from ranked units (best first), or not found. Structure decides first (a
    contradicted slot, a "bao nhiêu" without a number); then `gate` judges the evidence,
    unless the question named the article. `parts`, for a question that asks two things (each
    part's units, ranked for it, and the words only it holds), may give the second quote."""
    units = admissible(query, units)
    parts = [(admissible(query, part_units), words) for part_units, words in parts]
    if not units:
        return not_found()
    agreeing = [u for u in units if u.slot_ok]  # a unit that contradicts a slot asked is no answer
    units = agreeing + [u for u in units if not u.slot_ok]
    role = role_asked(query)
    if role:  # "Ai là Giám đốc Sở …?": the units that name that office and a person first
        units = sorted(units, key=lambda u: not names_holder(u, role))
    best = units[0]
    if role and not best.hit.direct and not names_holder(best, role):
        return not_found()
    if (query.numeric or query.years or query.counted) and not best.slot_ok:
        return not_found()
    if (query.numeric and not best.hit.direct and not states_a_number(best.text)
            and not (query.counted and counted_in(best, query.counted))):  # "phân thành bốn loại"
        return not_found()
    if (query.numeric and not best.hit.direct and best.hit.chunk.kind != "legal"
            and dict(best.features).get("asked_unit", 0.0) < 0):
        return not_found()  # a report's share does not answer "bao nhiêu tỷ đồng" (a rule's rate may)
    term = definition_asked(query)
    if term and not best.hit.direct and not any(defines(u.text, term) for u in units):
        return not_found()  # "X là gì?": a text that only mentions X does not say what it is
    words = statistics_of(best.hit.chunk.id)  # the best passage is judged as among its own kind
    features = features_of(query, units, words.term_idf, words.default_idf, words_of, term_coverage)
    evidence = tuple(features.items())
    if not best.hit.direct and not gate(features):
        return replace(not_found(), evidence=evidence)
    chosen = [best]
    second = part_answer(best, parts) or _close_second(query, best, units)
    if second is None and not (query.article and best.hit.direct):
        second = complement(best, units, Overlap.of(query, words.idf, words.default_idf))
    if second:
        chosen.append(second)
    chosen = [with_items(u) for u in chosen]
    citations = tuple(build_citation(i, u) for i, u in enumerate(chosen, 1))
    lines = []
    for cite, unit in zip(citations, chosen):
        lead = f"Theo {cite.locator}: " if unit.hit.chunk.kind == "legal" else ""
        lines.append(f"{lead}“{one_line(unit.text)}” [{cite.n}]")
    return Draft("\n".join(lines), True, citations, "extractive", evidence)


def names_holder(unit: Unit, role: str) -> bool:
    """Does the unit name the office asked ("giám đốc sở công") and a person (the ranker's "who" cue)?
    Compared without marks: a question typed without them may be read back as "Số" for "Sở"."""
    said = strip_marks(" ".join(fold(unit.text).split()))
    return strip_marks(role) in said and dict(unit.features).get("who_cue", 0.0) > 0


def _close_second(query: Query, best: Unit, units: Sequence[Unit]) -> Unit | None:
    """A unit of another passage that answers about as well as the best: both are quoted."""
    for unit in units[1:]:
        if unit.hit.chunk.id == best.hit.chunk.id and (unit.text in best.text or best.text in unit.text):
            continue
        if unit.score < best.score - 0.15 or unit.coverage < max(MIN_COVERAGE, best.coverage - 0.1):
            return None
        if query.article and best.hit.direct:
            return None
        if unit.hit.chunk.id == best.hit.chunk.id:
            continue
        return unit
    return None


def admissible(query: Query, units: Sequence[Unit]) -> list[Unit]:
    """The units that may answer for the document the question names: one the library lacks only
    by what names it, one it holds by itself or the documents guiding or amending it, or a report
    sentence naming one of those by number ("dự thảo sửa đổi Nghị định số 45/2012/NĐ-CP …")."""
    if query.doc_absent and query.doc and query.doc.number:
        units = [u for u in units if mentions(query.doc, u.text)]
    if query.law_absent:
        units = [u for u in units if query.law_absent in fold(u.text)]
    if query.doc_family:
        family = {comparable(n) for n in query.doc_family}
        units = [u for u in units if comparable(u.hit.chunk.doc_number or "") in family
                 or (u.hit.chunk.kind != "legal" and any(n in comparable(u.text) for n in family))]
    return list(units)


def part_answer(best: Unit, parts: Sequence[Part]) -> Unit | None:
    """The unit that says what one part of a two-part question asks and the best unit does not.
    Each part is measured by the words only it holds ("thanh lý" in "…, và hạn thanh lý hợp đồng
    là ngày nào?"). When the best unit lacks PART_MISSING of a part's IDF mass, the unit that
    brings PART_GAIN of what it lacks and MIN_COVERAGE of the part's words, agreeing with that
    part's own slots (its units are measured against the part), is quoted too. One clause that
    answers both "bao lâu" and "do ai phê duyệt" gets no second quote."""
    said = f"{precise_locator(best)} {with_items(best).text}"  # what the reader is shown, not the heading
    for units, words in parts:
        missing = 1.0 - words.coverage(said)
        if missing < PART_MISSING:
            continue
        gains = [(words.gain(u.text, said), u) for u in units if u.slot_ok and words.coverage(u.text) >= MIN_COVERAGE]
        gain, unit = max(gains, key=lambda pair: pair[0], default=(0.0, None))
        if gain >= PART_GAIN * missing:
            return unit
    return None


def complement(best: Unit, units: Sequence[Unit], overlap: Overlap) -> Unit | None:
    """The unit that says most of what the question asks and the best unit does not ("bao lâu
    và do ai phê duyệt" answered by two clauses; "những ai đồng chủ trì" by the sentence after
    the one that names the event): at least COMPLEMENT_GAIN of the question's IDF mass and
    COMPLEMENT_PHRASE of its word pairs, so that a syllable met by chance ("Nam" in "Hà Nam")
    adds nothing; within COMPLEMENT_MARGIN of the best's score. Both thresholds were chosen on
    the fit half of dev-large (README)."""
    said = f"{best.text} {best.context} {best.hit.chunk.heading} {best.hit.chunk.title}"
    gains = [(overlap.gain(u.text, said), u) for u in units[1:]
             if u.slot_ok and u.score >= best.score - COMPLEMENT_MARGIN
             and not (u.hit.chunk.id == best.hit.chunk.id and (u.text in best.text or best.text in u.text))
             and overlap.phrase_gain(u.text, said) >= COMPLEMENT_PHRASE]
    gain, unit = max(gains, key=lambda pair: pair[0], default=(0.0, None))
    return unit if gain >= COMPLEMENT_GAIN else None


_AMOUNT_MEASURES = frozenset({Measure.PLAN, Measure.ACTUAL, Measure.ALLOCATED, Measure.REVENUE})  # not a bare rate


def as_records_read(query: Query, units: Sequence[Unit], records: Sequence[Figure]) -> list[Unit]:
    """Units stating amounts of which the figure records read none as the one asked — of another
    year, measure (plan for actual, allocated for spent), scope, period or programme — contradict
    the question: "Kinh phí KCQG thực hiện đạt 11,07 tỷ đồng" in a report on 2021, published under
    a 2022 title, does not answer for 2022, nor "giao theo kế hoạch 50,3 tỷ đồng" for what was
    spent, nor a region's amount for the whole country. The records come from the extractor,
    which reads the whole paragraph; a unit alone sees only the sentences before it."""
    if not records or not (query.years or query.measure or query.scope or query.period or query.programme):
        return list(units)
    of_chunk: dict[str, list[Figure]] = {}
    for record in records:
        of_chunk.setdefault(record.chunk_id, []).append(record)
    out = []
    for unit in units:
        stated = [r for r in of_chunk.get(unit.hit.chunk.id, ()) if _states(unit.text, r)]
        if unit.slot_ok and stated and not any(_fits(query, r) for r in stated):
            unit = replace(unit, slot_ok=False, features=unit.features + (("records_other_slot", 1.0),))
        out.append(unit)
    return out


def _fits(query: Query, record: Figure) -> bool:
    """Could the record be the figure asked? A slot the record leaves open does not count against it."""
    def agrees(asked: object, stated: object) -> bool:
        return not asked or not stated or asked == stated

    measure = query.measure if query.measure in _AMOUNT_MEASURES and record.measure in _AMOUNT_MEASURES else None
    period = None if (record.period or "").startswith("đến") else record.period  # "đến 30/6": to a date
    # a region's amount does not answer for the country or another region; the country's, reported
    # at a region's conference (a question framed by the conference it was reported at), may be what is asked there
    scope = None if record.scope == "cả nước" and query.scope != "cả nước" else record.scope
    return ((not query.years or not record.year or record.year in query.years) and agrees(measure, record.measure)
            and agrees(query.scope, scope) and agrees(query.period, period)
            and agrees(query.programme, record.programme))


def _states(text: str, record: Figure) -> bool:
    """Does `text` state the record's amount ("11,07/11,14 tỷ đồng" states 11,07 tỷ đồng), not
    merely the same digits ("5 tháng" for 5 đề án)?"""
    unit = re.escape(record.unit.split()[0])
    return re.search(rf"(?<![\d.,]){re.escape(record.value_text)}(?!\d)[^.;]{{0,12}}?\b{unit}", text) is not None


class ExtractiveAnswerer:
    """Ranks the units of the retrieved passages and quotes the best."""

    def __init__(self, snapshot: Callable[[], Snapshot], gate: Gate | None = None,
                 figures: FigureStore | None = None) -> None:
        self._snapshot = snapshot
        self._figures = figures
        model = AbstentionModel.load()
        self.gate: Gate = gate or (model.accepts if model else rule_gate)

    def answer(self, query: Query, hits: Sequence[Hit]) -> Draft | None:
        if not hits:
            return not_found()
        shot = self._snapshot()
        units = select_units(query, hits, shot.idf, shot.default_idf, statistics_of=shot.statistics_of)
        if units and not any(u.slot_ok for u in units):  # every unit of the first passages contradicts a slot
            units = select_units(query, hits, shot.idf, shot.default_idf, len(hits), statistics_of=shot.statistics_of)
        if self._figures is not None:
            units = as_records_read(query, units, self._figures.of_chunks({u.hit.chunk.id for u in units}))
        return compose(query, units, shot.statistics_of, lambda hit: shot.words_of(hit.chunk), self.gate,
                       self._parts(query, hits, shot))

    @staticmethod
    def _parts(query: Query, hits: Sequence[Hit], shot: Snapshot) -> list[Part]:
        """For a question that asks two things: each part's units measured against that part, and
        the words only that part holds (not the other's, not the kind of thing asked: "cơ quan nào")."""
        split = split_parts(query.question)
        if split is None:
            return []
        analysed = [analyse(p) for p in split]
        parts: list[Part] = []
        words = shot.statistics_of(hits[0].chunk.id)  # the own words of a part, weighed as the first passage's kind
        for part, other in (analysed[1], analysed[0]), (analysed[0], analysed[1]):
            said = {s for t in other.terms for s in t.split("_")}
            own = [t for t in part.terms if not set(t.split("_")) <= said and not asks_for(t, part.text)]
            if own:
                parts.append((select_units(part, hits, words.idf, words.default_idf, statistics_of=shot.statistics_of),
                              Overlap.of(part, words.idf, words.default_idf, own)))
        return parts
