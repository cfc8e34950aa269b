"""Whether the best unit answers the question: a calibrated probability, not hand-set cut-offs.

The features say how much of the question the unit and its passage hold (IDF-weighted
syllables and whole words), how much of the question the index has never seen (unknown
words count against), how clearly the unit beat the next one, and how retrieval ranked
its passage. A logistic model turns them into P(the answer is right); the answer is
given when that reaches the threshold, chosen for precision because a wrong answer
costs more than "không tìm thấy". Weights, threshold and the fit's report live in
knowledge/abstention.json, written by scripts/fit_abstention.py from labelled questions.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.vocabulary import KNOWLEDGE_DIR, fold, vocabulary

from ..query import Query
from ..retrieve import Hit
from .units import Unit

MODEL_FILE = KNOWLEDGE_DIR / "abstention.json"
FEATURES = ("coverage", "term_coverage", "unknown", "score", "margin", "retrieval", "rank", "numeric", "english",
            "legal", "lexical_rank", "dense_rank", "both_first", "phrase", "compound_words", "terms",
            "compound_coverage")
_FRAME = vocabulary().question_frame
_SURNAMES = frozenset(fold(name) for name in vocabulary().surnames)


def _term_weights(query: Query, term_idf: dict[str, float], default_idf: float) -> dict[str, float]:
    terms = [t for t in dict.fromkeys(query.terms) if not t.replace(",", "").replace(".", "").isdigit()]
    return {t: term_idf.get(t, default_idf) for t in terms}


def _names_its_subject(compound: str) -> bool:
    """Not a word a question asks with, nor a person's name ("nguyễn_văn_a", "a_nhờ": the segmenter
    glues the letters that stand for parties to the words beside them)."""
    syllables = compound.split("_")
    return (compound not in _FRAME and not any(len(s) == 1 for s in syllables)
            and not (len(syllables) >= 3 and syllables[0] in _SURNAMES))


def compound_coverage(query: Query, hit: Hit, have: frozenset[str], term_idf: dict[str, float],
                      default_idf: float) -> float:
    """The IDF-weighted share of the question's compound words ("trọng_tài", "phạm_tội") that the
    passage holds, as an indexed word or as its syllables in a row. A question on a law the
    library lacks shares the law's everyday syllables with some passage, but rarely its terms;
    unlike `term_coverage`, a compound the index has never seen counts against. Words a
    question asks with ("bao_lâu", "tối_đa") and names of people are left out."""
    compounds = {t: term_idf.get(t, default_idf) for t in query.terms if "_" in t and _names_its_subject(t)}
    if not compounds:
        return 1.0
    chunk = hit.chunk
    text = " " + " ".join(re.findall(r"\w+", fold(f"{chunk.title} {chunk.heading} {chunk.text}"))) + " "
    held = sum(w for t, w in compounds.items() if t in have or f" {fold(t.replace('_', ' '))} " in text)
    return held / sum(compounds.values())


def _margin(best: Unit, runner_up: Unit | None) -> float:
    """How clearly the best unit beat the next one of another passage. A unit that contradicts a slot
    asked is ranked below the one that agrees, whatever it scored: falling short of it is no evidence."""
    if runner_up is None:
        return 1.0
    margin = best.score - runner_up.score
    return max(0.0, margin) if best.slot_ok and not runner_up.slot_ok else margin


def features_of(query: Query, units: Sequence[Unit], term_idf: dict[str, float], default_idf: float,
                words_of: Callable[[Hit], frozenset[str]],
                term_coverage: Callable[[Query, frozenset[str], dict[str, float], float], float]) -> dict[str, float]:
    """The evidence for the best of `units` (ranked, best first)."""
    best = units[0]
    runner_up = next((u for u in units[1:] if u.hit.chunk.id != best.hit.chunk.id), None)
    weights = _term_weights(query, term_idf, default_idf)
    total = sum(weights.values()) or 1.0
    unknown = sum(w for t, w in weights.items() if t not in term_idf or t in query.unknown_words) / total
    measured = dict(best.features)
    have = words_of(best.hit)
    read = 1.0 - query.unknown_share  # an English question's words the glossary cannot read count against
    return {
        "coverage": best.coverage * read,
        "term_coverage": term_coverage(query, have, term_idf, default_idf) * read,
        "unknown": unknown,
        "score": best.score,
        "margin": _margin(best, runner_up),
        "retrieval": best.hit.score,
        "rank": 1.0 / math.sqrt(best.rank),
        "numeric": 1.0 if query.numeric else 0.0,
        "english": 1.0 if query.english else 0.0,
        "legal": 1.0 if best.hit.chunk.kind == "legal" else 0.0,
        # whether the two searches agree on the passage: a question on a law the library lacks
        # tends to find different near misses by words and by meaning
        "lexical_rank": measured.get("lexical_rank", 0.0),
        "dense_rank": measured.get("dense_rank", 0.0),
        "both_first": float(best.hit.lexical_rank == 1 and best.hit.dense_rank == 1),
        "phrase": measured.get("phrase", 0.0),
        "compound_words": measured.get("compound_words", 0.0),
        "terms": math.log1p(len(weights)),
        "compound_coverage": compound_coverage(query, best.hit, have, term_idf, default_idf),
    }


@dataclass(frozen=True)
class AbstentionModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    means: dict[str, float]  # features are standardised with the fit's means and spreads
    spreads: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * (features[name] - self.means[name]) / self.spreads[name]
                            for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> AbstentionModel | None:
        """The fitted model, or None when none has been fitted (the rule gates then decide)."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"],
                   means=data["means"], spreads=data["spreads"])
