"""Weights over named features: a score is the sum of weight × feature. The weights are data —
a file a fit script wrote, or the hand-set prior when there is none. Used by the passage rerank
(kcassistant/rerank.py) and the unit ranker (kcassistant/answer/ranker.py)."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LinearModel:
    weights: Mapping[str, float]

    def score(self, features: Mapping[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())


def read_weights(path: Path, prior: Mapping[str, float], script: str) -> dict[str, float]:
    """The prior, overridden by the weights `script` fitted into `path` when it exists."""
    if not path.exists():
        return dict(prior)
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data["weights"]) - set(prior)
    if unknown:
        raise ValueError(f"{path}: weights for unknown features {sorted(unknown)}; rerun {script}")
    return {**prior, **data["weights"]}
