"""Re-ranks the passages rank fusion found: a weighted sum of what each says of the question.

Rank fusion rewards a passage that repeats one concept of the question; coverage rewards the
passage that answers them all. The features (`rerank_features`) are measurements; the weights
are data: the hand-set weights retrieval started with are the prior (`PRIOR`), and
scripts/fit_rerank.py fits weights from labelled questions — which passages hold the answer —
pulled toward that prior, and writes knowledge/rerank.json, used when it exists.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.vocabulary import KNOWLEDGE_DIR

from .overlap import Overlap
from .query import Query
from .text import defines
from .weights import LinearModel, read_weights

if TYPE_CHECKING:
    from .retrieve import Hit

MODEL_FILE = KNOWLEDGE_DIR / "rerank.json"
RRF_K = 60

PRIOR: dict[str, float] = {
    "fusion": 1.0,  # the fused reciprocal-rank score, scaled so that first in both lists is about 1
    "coverage": 1.0, "phrase": 0.5, "heading_phrase": 0.5, "heading_title": 0.5,
    "direct": 1.0,  # reached through the article the question names
    "defines": 0.5,  # "X là gì?": the passage that says "X là …"
    "lexical": 0.0, "dense": 0.0,  # 1 / rank in each list: measured since the fit began, no hand-set weight
}
FEATURES = tuple(PRIOR)


def rerank_features(query: Query, hit: Hit, overlap: Overlap) -> dict[str, float]:
    """What a passage says of the question, each measure in [0, 1] or close to it."""
    chunk = hit.chunk
    text = f"{chunk.heading}\n{chunk.text}"
    return {
        "fusion": RRF_K / 2 * hit.score,
        "coverage": overlap.coverage(text),
        "phrase": overlap.phrase(text),
        "heading_phrase": overlap.phrase(chunk.heading),
        "heading_title": overlap.title_match(chunk.heading),
        "direct": 1.0 if hit.direct else 0.0,
        "defines": 1.0 if query.definition_of and any(defines(p, query.definition_of)
                                                      for p in chunk.text.split("\n")) else 0.0,
        "lexical": 1.0 / hit.lexical_rank if hit.lexical_rank else 0.0,
        "dense": 1.0 / hit.dense_rank if hit.dense_rank else 0.0,
    }


class RerankModel(LinearModel):
    """Feature weights; a passage's score is the sum of weight × feature."""

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RerankModel:
        """The fitted weights, or the prior when none have been fitted."""
        return cls(read_weights(path, PRIOR, "scripts/fit_rerank.py"))


@cache
def default_model() -> RerankModel:
    """The weights retrieval uses unless given others, read once."""
    return RerankModel.load()
