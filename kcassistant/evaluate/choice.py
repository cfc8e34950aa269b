"""A conditional logit: which of a question's candidates (units, passages) is right.

P(candidate) = softmax over the question's candidates of weights · features, fitted by
maximising the probability of the right candidates with an L2 pull toward a prior (the
hand-set weights), its strength chosen by 5-fold cross-validation of top-1 accuracy. Used by
scripts/fit_ranker.py (answer units) and scripts/fit_rerank.py (retrieved passages).
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

Group = tuple[np.ndarray, np.ndarray]  # (candidates × features, right 0/1 per candidate)
STRENGTHS = (0.3, 1.0, 3.0, 10.0, 30.0)


def loss(w: np.ndarray, groups: list[Group], prior: np.ndarray, strength: float) -> tuple[float, np.ndarray]:
    """Negative log-probability of the right units, plus the pull toward the prior; and its gradient."""
    total, grad = 0.0, np.zeros_like(w)
    for x, right in groups:
        s = x @ w
        s = s - s.max()
        p = np.exp(s)
        p /= p.sum()
        r = p * right
        mass = r.sum()
        total -= np.log(mass + 1e-300)
        grad -= x.T @ (r / mass - p)
    gap = w - prior
    return total / len(groups) + strength * gap @ gap / 2, grad / len(groups) + strength * gap


def fit(groups: list[Group], prior: np.ndarray, strength: float, free: np.ndarray | None = None) -> np.ndarray:
    """Weights maximising the right units' probability; with `free`, only those weights move."""
    bounds = None if free is None else [(None, None) if f else (p, p) for p, f in zip(prior, free)]
    result = minimize(loss, prior.copy(), args=(groups, prior, strength), jac=True, method="L-BFGS-B",
                      bounds=bounds)
    return np.asarray(result.x)


def top1(w: np.ndarray, groups: list[Group]) -> float:
    return float(np.mean([right[int(np.argmax(x @ w))] for x, right in groups])) if groups else 0.0


def choose_strength(groups: list[Group], prior: np.ndarray,
                    free: np.ndarray | None = None) -> tuple[float, dict[str, float]]:
    folds = [groups[i::5] for i in range(5)]
    scores = {}
    for strength in STRENGTHS:
        right = 0.0
        for k, held in enumerate(folds):
            train = [g for j, fold in enumerate(folds) if j != k for g in fold]
            right += top1(fit(train, prior, strength, free), held) * len(held)
        scores[str(strength)] = right / len(groups)
    best = max(STRENGTHS, key=lambda s: (scores[str(s)], s))  # on a tie, the stronger pull
    return best, scores


def group_of(features: Sequence[Mapping[str, float]], names: Sequence[str], right: Sequence[bool]) -> Group | None:
    """One question's candidates as a matrix; None when all are right or none is (nothing to learn)."""
    if not any(right) or all(right):
        return None
    return np.array([[f.get(n, 0.0) for n in names] for f in features]), np.array(right, dtype=float)


def fit_and_write(sets: dict[str, list[Group]], held: dict[str, list[Group]], prior: Mapping[str, float],
                  out: Path, about: str, free: np.ndarray | None = None, extra: dict | None = None) -> np.ndarray:
    """Fit on every group of `sets`, the pull chosen by cross-validation; write the weights and the
    report (top-1 of the prior and the fit on every set) to `out`, print the report, return the weights."""
    names = list(prior)
    train = [g for groups in sets.values() for g in groups]
    start = np.array([prior[n] for n in names])
    strength, cross_validated = choose_strength(train, start, free)
    w = fit(train, start, strength, free)
    accuracy = {name: {"questions": len(groups), "prior": round(top1(start, groups), 4),
                       "fitted": round(top1(w, groups), 4)} for name, groups in {**sets, **held}.items()}
    report = {**(extra or {}), "strength": strength, "cross_validated_top1": cross_validated, "top1": accuracy}
    model = {"_about": about, "weights": dict(zip(names, np.round(w, 4).tolist())), "report": report}
    out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"fitted on {len(train)} questions; L2 pull toward the prior {strength} "
          f"(5-fold top-1: {cross_validated}); written {out}")
    print("| set | questions | top-1 with the prior | top-1 fitted |\n| --- | --- | --- | --- |")
    for name, row in accuracy.items():
        print(f"| {name} | {row['questions']} | {row['prior']:.3f} | {row['fitted']:.3f} |")
    print("largest changes: " + ", ".join(f"{n} {prior[n]:+.2f}→{v:+.2f}" for n, v in sorted(
        zip(names, w.tolist()), key=lambda nv: -abs(nv[1] - prior[nv[0]]))[:12]))
    return w
