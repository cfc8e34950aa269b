"""The figures answerer: a numeric question answered from figure records, each
value with its source; disagreeing sources are all given."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ingest.model import Chunk
from ingest.vocabulary import vocabulary

from ..figures import Figure, FigureStore, match_figures
from ..query import Query
from ..retrieve import Hit
from ..slots import Measure, Programme
from .records import Citation, Draft, citation_of, one_line

_PROGRAMME_LABEL = {code: p.label for code, p in vocabulary().programmes.items()}


def _figure_label(figure: Figure, query: Query) -> str:
    """What the number is, in the question's own terms (no number that is not asked)."""
    money = figure.unit in ("tỷ đồng", "triệu đồng")
    programme = _PROGRAMME_LABEL.get(figure.programme, figure.programme)
    if not money and figure.unit != "%":
        subject = f"Số {figure.unit}" + (f" ({figure.programme})" if figure.programme != Programme.TOTAL else "")
        subject += {Measure.PLAN: " theo kế hoạch", Measure.ACTUAL: " thực hiện"}.get(Measure(figure.measure), "")
    elif figure.unit == "%":
        rate = "được phân bổ" if figure.measure == Measure.ALLOCATED else "thực hiện so với kế hoạch"
        subject = f"Tỷ lệ {programme} {rate}"
    elif figure.measure == Measure.PLAN:
        subject = f"Kế hoạch {programme}"
    elif figure.measure == Measure.ALLOCATED:
        subject = f"{programme.capitalize()} được phân bổ"
    elif figure.measure == Measure.REVENUE:
        subject = "Doanh thu dịch vụ tư vấn"
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


def compose_from_figures(query: Query, figures: Sequence[Figure], chunk_of: Callable[[str], Chunk | None]) -> Draft:
    """State each asked figure with its source; disagreeing sources are all given."""
    citations: list[Citation] = []
    cite_of: dict[tuple[str, str], Citation] = {}

    def cite(figure: Figure) -> Citation:
        key = (figure.chunk_id, figure.sentence)
        if key not in cite_of:
            chunk = chunk_of(figure.chunk_id)
            assert chunk is not None, f"figure record of a chunk not in the index: {figure.chunk_id}"
            quote = figure.sentence if len(figure.sentence) <= 250 else figure.clause
            citation = citation_of(len(citations) + 1, chunk, quote)
            cite_of[key] = citation
            citations.append(citation)
        return cite_of[key]

    groups: dict[tuple[object, ...], list[Figure]] = {}
    for figure in figures:
        groups.setdefault((figure.measure, figure.programme, figure.unit in ("tỷ đồng", "triệu đồng")
                           or figure.unit), []).append(figure)
    lines = []
    for group in groups.values():
        by_value: dict[tuple[str, str], list[Figure]] = {}
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
    quotes = [f"[{c.n}] “{one_line(c.quote)}”" for c in citations]
    return Draft("\n".join(lines + quotes), True, tuple(citations), "figures")


_COUNTED_BY_RECORDS = frozenset(name.split()[0] for name in vocabulary().count_asked)


class FiguresAnswerer:
    """Answers a numeric question whose slots select figure records; None otherwise."""

    def __init__(self, store: FigureStore, chunk_of: Callable[[str], Chunk | None]) -> None:
        self.store = store
        self._chunk_of = chunk_of

    def matching(self, query: Query) -> list[Figure]:
        return match_figures(self.store, years=query.years, period=query.period, programme=query.programme,
                             measure=query.measure, scope=query.scope, question=query.question, context=query.text)

    def answer(self, query: Query, hits: Sequence[Hit]) -> Draft | None:
        if not query.numeric or (query.counted and query.counted not in _COUNTED_BY_RECORDS):
            return None  # "bao nhiêu lớp …": a count no figure record holds, whatever money it names
        figures = self.matching(query)
        return compose_from_figures(query, figures, self._chunk_of) if figures else None
