"""Scores candidate answer units for a question: a weighted sum of their features.

The features (`unit_features.UnitFeatures`) are measurements; the weights are data. The
hand-set weights the engine started with are the prior (`PRIOR`); scripts/fit_ranker.py
fits weights from labelled questions — which unit of the retrieved passages answers —
pulled toward that prior, and writes knowledge/unit_ranker.json, used when it exists.
The ranker returns new, scored units; it never changes the ones it is given.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from ingest.vocabulary import KNOWLEDGE_DIR

from ..query import Query
from ..retrieve import Hit
from ..store import WordStatistics
from ..store.snapshot import per_statistics
from ..weights import LinearModel, read_weights
from .unit_features import UnitFeatures
from .units import Unit, units_of

MODEL_FILE = KNOWLEDGE_DIR / "unit_ranker.json"

# measured since the fit began: no hand-set weight, only a fit gives them one
UNSET = ("names_document", "names_many", "counted_missing", "amounts_asked", "slot_conflict", "programme_absent",
         "percent_kind_missing", "rate_missing", "date_other")
PRIOR: dict[str, float] = {
    "coverage": 1.0, "phrase": 0.6, "heading_phrase": 0.4, "title_match": 0.4, "density": 0.3,
    "compound_words": 0.0, "list": 0.25, "rank_prior": 0.5, "lexical_rank": 0.0, "dense_rank": 0.0,
    "direct": 0.5, "clause": 0.0, "point": 0.0, "other_document": -0.8, "other_programme": -0.4,
    "defines": 1.0, "when_cue": 0.3, "where_cue": 0.2, "who_cue": 0.15, "long": -0.3, "short": -0.3,
    "primacy": 1.0, "counted": 0.3, "asked_unit": 0.0,
    "amount": 0.3, "no_amount": -0.6,
    "year_in_unit": 0.4, "year_in_context": 0.25, "year_other": -0.7, "year_missing": -0.35,
    "programme_only": 0.3, "programme_among": 0.1, "programme_other": -0.6, "programme_unasked": -0.15,
    "period_same": 0.3, "period_other": -0.5, "period_unasked": -0.4,
    "measure_same": 0.2, "measure_other": -0.15, "scope_other": -0.4,
    "percent_kind_same": 0.2, "percent_kind_other": -0.15,
    **dict.fromkeys(UNSET, 0.0),
}
FEATURES = tuple(PRIOR)


class RankerModel(LinearModel):
    """Feature weights; a unit's score is the sum of weight × feature."""

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RankerModel:
        """The fitted weights, or the prior when none have been fitted."""
        return cls(read_weights(path, PRIOR, "scripts/fit_ranker.py"))


@cache
def default_model() -> RankerModel:
    """The weights every ranker uses unless given others, read once."""
    return RankerModel.load()


class UnitRanker:
    """Scores units for one query; idf comes from the lexical index."""

    def __init__(self, query: Query, idf: dict[str, float], default_idf: float,
                 model: RankerModel | None = None) -> None:
        self.query = query
        self.measure = UnitFeatures(query, idf, default_idf).measure
        self.model = model or default_model()

    def score(self, unit: Unit) -> Unit:
        measured = self.measure(unit)
        return replace(unit, score=self.model.score(measured.features), coverage=measured.coverage,
                       slot_ok=measured.slot_ok, features=tuple(measured.features.items()))


def select_units(query: Query, hits: Sequence[Hit], idf: dict[str, float], default_idf: float,
                 max_passages: int = 8, model: RankerModel | None = None,
                 statistics_of: Callable[[str], WordStatistics] | None = None) -> list[Unit]:
    """Every candidate unit of the first `max_passages` hits, scored, best first; each passage's
    units weighed by `statistics_of` its passage id when given (its collection's), else by `idf`."""
    given = WordStatistics({}, idf, default_idf)
    ranker = per_statistics(statistics_of or (lambda _: given),
                            lambda words: UnitRanker(query, words.idf, words.default_idf, model))
    units = [ranker(hit.chunk.id).score(unit) for rank, hit in enumerate(hits[:max_passages], 1)
             for unit in units_of(hit, rank)]
    units.sort(key=lambda u: -u.score)
    return units
