"""Fits the abstention model (kcassistant/answer/abstain.py) from labelled questions.

    .venv/bin/python scripts/fit_abstention.py [--data-dir DIR] [--alqac-fit DIR] [--alqac-held DIR]
                                               [--among DIR]

1. Answers every question of ../shared/eval/dev-large.jsonl with the extractive answerer's
   gate open, keeping the evidence of each extractive answer and whether it was right by
   the rules of ../shared/eval/FORMAT.md (an unanswerable question answered is wrong);
   likewise ALQAC sets built by ../shared/eval/external/make_corpus.py (--alqac-fit,
   --alqac-held: right when the first citation is a gold article; negatives are wrong); with
   --among, the same questions asked of an index that holds the corpus among other documents.
2. Fits a logistic model of a few features (--features) on the "fit" part of dev-large
   (kcassistant/evaluate/split.py) and --alqac-fit, each source weighing the same in total
   (ALQAC has three times the answers; unweighted, legal quizzes would set the gate for the
   programme's reports), features standardised, L2-regularised, by plain gradient descent.
3. Chooses the threshold on the fit part, on a grid of 0.05: an accepted right answer earns 1,
   an accepted wrong one costs --wrong-cost (more than "không tìm thấy", which costs nothing),
   abstaining on an unanswerable question earns 1. The utility is nearly flat over a wide
   range, so the best single grid point moves with one borderline answer; the threshold is the
   centre of the best window of three neighbouring points (`choose_threshold`).
4. Writes knowledge/abstention.json (weights, threshold, the fit's report) and prints the
   risk–coverage curve of the fit and the held parts.
Deterministic: the same index and questions give the same file.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.answer.abstain import FEATURES, MODEL_FILE  # noqa: E402
from kcassistant.answer.extractive import ExtractiveAnswerer  # noqa: E402
from kcassistant.evaluate import read_questions, score_row  # noqa: E402
from kcassistant.evaluate.alqac import AlqacSet  # noqa: E402
from kcassistant.evaluate.split import FIT, HELD, split  # noqa: E402

L2 = 1.0
MODEL_FEATURES = ("coverage", "term_coverage", "compound_coverage", "both_first", "margin")


def gate_open(data: Path) -> Assistant:
    """An assistant on the index in `data` (the corpus ingested into it) whose extractive answerer
    answers whatever the gate would refuse, so that every answer's evidence can be labelled."""
    assistant = Assistant(Config(data_dir=data))
    assistant.ingest([SHARED / "knowledge"])
    assistant.warm_up()  # questions embedded as every long-running process embeds them (the int8 encoder)
    assistant.extractive = ExtractiveAnswerer(assistant.index.snapshot, gate=lambda features: True)
    return assistant


def collect(assistant: Assistant, questions: list[dict]) -> list[dict]:
    """Every extractive answer with its evidence and whether it is right."""
    rows = []
    for q in questions:
        answer = assistant.ask(q["question"], q.get("history") or ())
        if answer.method != "extractive" or not answer.found:
            continue
        result = {"id": q["id"], **answer.to_dict()}
        row = score_row(q, result)
        features = dict(answer.evidence)
        rows.append({"id": q["id"], "kind": q.get("kind"), "right": bool(row.answer_ok and row.cite_ok),
                     "answerable": q.get("answerable", True) is not False, "features": features})
    return rows


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, steps: int = 4000,
        rate: float = 0.1) -> tuple[np.ndarray, float]:
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (weight * (p - y)) / len(y) + L2 * w / len(y)
        grad_b = float(np.mean(weight * (p - y)))
        w -= rate * grad_w
        b -= rate * grad_b
    return w, b


def utility(p: np.ndarray, rows: list[dict], weight: np.ndarray, threshold: float, wrong_cost: float) -> float:
    total = 0.0
    for prob, row, w in zip(p, rows, weight):
        if prob >= threshold:
            total += w * (1.0 if row["right"] else -wrong_cost)
        elif not row["answerable"]:
            total += w
    return total


def choose_threshold(grid: list[float], utilities: list[float]) -> tuple[float, float]:
    """(threshold, its window's mean utility): the grid point whose mean utility with its two
    neighbours (one at either end of the grid) is highest; on a tie, the higher threshold."""
    def window(i: int) -> float:
        near = utilities[max(0, i - 1):i + 2]
        return sum(near) / len(near)

    best = max(range(len(grid)), key=lambda i: (round(window(i), 6), grid[i]))
    return grid[best], window(best)


def source_weights(rows: list[dict]) -> np.ndarray:
    """Each source (dev-large, ALQAC) weighs the same in total; mean weight 1."""
    sizes = Counter(row["kind"] == "alqac" for row in rows)
    return np.array([len(rows) / (len(sizes) * sizes[row["kind"] == "alqac"]) for row in rows])


def curve(p: np.ndarray, rows: list[dict]) -> list[tuple[float, float, float]]:
    """(threshold, coverage, risk) at every tenth."""
    points = []
    for threshold in [i / 10 for i in range(10)]:
        accepted = [r for prob, r in zip(p, rows) if prob >= threshold]
        risk = sum(not r["right"] for r in accepted) / len(accepted) if accepted else 0.0
        points.append((threshold, len(accepted) / max(1, len(rows)), risk))
    return points


def collect_alqac(folder: Path, data: Path) -> list[dict]:
    """Extractive answers to an ALQAC set built by ../shared/eval/external/make_corpus.py in
    `folder`: right when the first citation is a gold article; every answer to a negative
    (its law is absent from the corpus) is wrong."""
    labelled = AlqacSet.read(folder)
    assistant = Assistant(Config(data_dir=data))
    assistant.ingest([labelled.corpus])
    assistant.warm_up()
    assistant.extractive = ExtractiveAnswerer(assistant.index.snapshot, gate=lambda features: True)
    rows = []
    for answerable in (True, False):
        for q in labelled.questions(negatives=not answerable):
            answer = assistant.ask(q["question"])
            if answer.method != "extractive" or not answer.found:
                continue
            first = answer.citations[0]
            right = answerable and labelled.is_gold(q, first.source, first.article)
            rows.append({"id": q["qid"], "kind": "alqac", "right": right, "answerable": answerable,
                         "features": dict(answer.evidence)})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", help="index folder (default: a fresh temporary one)")
    parser.add_argument("--wrong-cost", type=float, default=0.5,
                        help="cost of an accepted wrong answer (a right one earns 1, not found costs 0)")
    parser.add_argument("--features", default=",".join(MODEL_FEATURES),
                        help=f"comma-separated evidence the model weighs, of: {', '.join(FEATURES)}")
    parser.add_argument("--alqac-fit", type=Path, help="an ALQAC set folder (make_corpus.py --out) to fit on too")
    parser.add_argument("--alqac-held", type=Path, help="an ALQAC set folder to report on")
    parser.add_argument("--among", type=Path, help="an index holding the corpus among other documents (e.g. "
                        "../shared/scale): its answers to the fit part are fitted on too, its held part reported")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the model (the "
                        "answerer uses knowledge/abstention.json when it exists)")
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    data = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="kc-fit-"))
    assistant = gate_open(data)
    path = SHARED / "eval" / "dev-large.jsonl"
    questions = read_questions(path)
    parts = split(questions)
    rows = collect(assistant, questions)
    by_part = {part: [r for r in rows if parts[r["id"]] == part] for part in (FIT, HELD)}
    reported = {"dev-large held": by_part[HELD]}
    if args.among:  # the same questions where other documents make the corpus's words rarer
        among_rows = collect(gate_open(args.among), questions)
        by_part[FIT] = by_part[FIT] + [r for r in among_rows if parts[r["id"]] == FIT]
        reported["dev-large held among"] = [r for r in among_rows if parts[r["id"]] == HELD]
    if args.alqac_fit:
        by_part[FIT] = by_part[FIT] + collect_alqac(args.alqac_fit, args.alqac_fit / "kcdata")
    if args.alqac_held:
        reported["ALQAC held"] = collect_alqac(args.alqac_held, args.alqac_held / "kcdata")
    names = tuple(args.features.split(","))
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        parser.error(f"unknown features {unknown}; the evidence has {', '.join(FEATURES)}")
    train = by_part[FIT]
    x = np.array([[r["features"][f] for f in names] for r in train])
    y = np.array([1.0 if r["right"] else 0.0 for r in train])
    weight = source_weights(train)
    means, spreads = x.mean(axis=0), x.std(axis=0) + 1e-6
    w, b = fit((x - means) / spreads, y, weight)

    def probabilities(part_rows: list[dict]) -> np.ndarray:
        xs = np.array([[r["features"][f] for f in names] for r in part_rows]).reshape(-1, len(names))
        return 1.0 / (1.0 + np.exp(-(((xs - means) / spreads) @ w + b)))

    p_fit = probabilities(train)
    grid = [round(0.05 * i, 2) for i in range(1, 20)]
    utilities = [utility(p_fit, train, weight, t, args.wrong_cost) for t in grid]
    print("utility by threshold: " + ", ".join(f"{t:.2f} {u:.1f}" for t, u in zip(grid, utilities)))
    threshold, best_utility = choose_threshold(grid, utilities)
    report: dict[str, object] = {
        "fit_questions": len(train), "fit_right": int(y.sum()), "wrong_cost": args.wrong_cost,
        "threshold_window_utility_fit": round(best_utility, 3),
        "utility_by_threshold_fit": [[t, round(u, 1)] for t, u in zip(grid, utilities)],
        "curve_fit": curve(p_fit, train),
        **{f"curve {name}": curve(probabilities(part_rows), part_rows) for name, part_rows in reported.items()},
    }
    model = {
        "_about": "Written by scripts/fit_abstention.py; do not edit by hand. P(right) = sigmoid(bias + "
                  "sum(weight * (feature - mean) / spread)); an extractive answer is given when P ≥ threshold.",
        "features": list(names), "weights": dict(zip(names, np.round(w, 6).tolist())),
        "bias": round(b, 6), "threshold": float(threshold),
        "means": dict(zip(names, np.round(means, 6).tolist())),
        "spreads": dict(zip(names, np.round(spreads, 6).tolist())),
        "report": report,
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"fitted on {len(train)} extractive answers of the fit part ({int(y.sum())} right); "
          f"threshold {threshold:.3f}; written {args.out}")
    print("weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in zip(names, w.tolist())))
    for name, points in (("fit", curve(p_fit, train)),
                         *((name, curve(probabilities(r), r)) for name, r in reported.items())):
        print(f"risk–coverage ({name}): threshold → share answered, share of those wrong")
        for t, cov, risk in points:
            print(f"  {t:.1f}  {cov:.2f}  {risk:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
