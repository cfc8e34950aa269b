"""Fits the unit ranker's weights (kcassistant/answer/ranker.py) from labelled questions.

    .venv/bin/python scripts/fit_ranker.py [--data-dir DIR] [--alqac-fit FOLDER] [--alqac-held FOLDER]
                                           [--free unset|FEATURE,FEATURE…]

1. For every question of ../shared/eval/dev-large.jsonl and dev.jsonl, retrieves its passages
   as `ask` does and measures every candidate unit (kcassistant/answer/unit_features.py). A
   unit is labelled right when quoting it alone, with its citation, scores right by the rules
   of ../shared/eval/FORMAT.md (answer and citation). ALQAC sets built by
   ../shared/eval/external/make_corpus.py add legal questions: a unit is right when it lies in
   a gold article. Questions no single unit answers (and unanswerable ones) teach nothing here.
2. Fits a conditional logit — P(unit) = softmax over the question's units of weights · features —
   on the "fit" part of dev-large (kcassistant/evaluate/split.py), dev.jsonl and --alqac-fit,
   maximising the probability of the right units, with an L2 pull toward the hand-set prior
   (ranker.PRIOR) whose strength is chosen by 5-fold cross-validation within the fit data.
3. Writes knowledge/unit_ranker.json (weights and the fit's report) and prints top-1 accuracy
   (the best unit is a right one) of the prior and the fit, on the fit data and on each held set.
Deterministic: the same index and questions give the same file.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.answer.extractive import build_citation  # noqa: E402
from kcassistant.answer.ranker import FEATURES, MODEL_FILE, PRIOR, UNSET, RankerModel, select_units  # noqa: E402
from kcassistant.answer.records import one_line  # noqa: E402
from kcassistant.evaluate import read_questions, score_row  # noqa: E402
from kcassistant.evaluate.choice import Group, choose_strength, fit, top1  # noqa: E402
from kcassistant.evaluate.split import FIT, HELD, split  # noqa: E402


def measured(assistant: Assistant, question: str, history: list[str]) -> list:
    query, retrieval, _ = assistant.understand(question, history)
    shot = assistant.index.snapshot()
    return select_units(query, list(retrieval.hits), shot.idf, shot.default_idf, model=RankerModel(PRIOR))


def group_of(units: list, right: list[bool]) -> Group | None:
    if not any(right) or all(right):
        return None
    x = np.array([[dict(u.features).get(f, 0.0) for f in FEATURES] for u in units])
    return x, np.array(right, dtype=float)


def dev_groups(assistant: Assistant, questions: list[dict]) -> list[Group]:
    groups = []
    for q in questions:
        if q.get("answerable", True) is False:
            continue
        units = measured(assistant, q["question"], q.get("history") or [])
        right = []
        for unit in units:
            cite = build_citation(1, unit)
            result = {"answer": f"{cite.locator}: “{one_line(unit.text)}” [1]", "found": True,
                      "citations": [cite.to_dict()], "passages": []}
            row = score_row(q, result)
            right.append(bool(row.answer_ok and row.cite_ok))
        group = group_of(units, right)
        if group is not None:
            groups.append(group)
    return groups


def alqac_groups(folder: Path) -> list[Group]:
    laws = json.loads((folder / "laws.json").read_text(encoding="utf-8"))
    law_of = {law["source"]: law["law_id"] for law in laws}
    assistant = Assistant(Config(data_dir=folder / "kcdata"))
    assistant.ingest([folder / "corpus"])
    groups = []
    for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        gold = {tuple(g) for g in q["gold"]}
        units = measured(assistant, q["question"], [])
        group = group_of(units, [(law_of.get(u.hit.chunk.source), u.hit.chunk.article) in gold for u in units])
        if group is not None:
            groups.append(group)
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", help="index folder for ../shared/knowledge (default: a fresh temporary one)")
    parser.add_argument("--alqac-fit", type=Path, help="an ALQAC set folder (make_corpus.py --out) to fit on too")
    parser.add_argument("--alqac-held", type=Path, help="an ALQAC set folder to report on")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the weights")
    parser.add_argument("--free", default="", help="fit only these features' weights (comma-separated; "
                        "'unset' = those with no hand-set weight), the others held at the prior")
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    data = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="kc-fit-"))
    assistant = Assistant(Config(data_dir=data))
    assistant.ingest([SHARED / "knowledge"])
    large = read_questions(SHARED / "eval" / "dev-large.jsonl")
    parts = split(large)
    sets = {"dev-large fit": dev_groups(assistant, [q for q in large if parts[q["id"]] == FIT]),
            "dev": dev_groups(assistant, read_questions(SHARED / "eval" / "dev.jsonl"))}
    held = {"dev-large held": dev_groups(assistant, [q for q in large if parts[q["id"]] == HELD])}
    if args.alqac_fit:
        sets["ALQAC fit"] = alqac_groups(args.alqac_fit)
    if args.alqac_held:
        held["ALQAC held"] = alqac_groups(args.alqac_held)
    train = [g for groups in sets.values() for g in groups]
    prior = np.array([PRIOR[f] for f in FEATURES])
    names = set(UNSET if args.free == "unset" else filter(None, args.free.split(",")))
    unknown = names - set(FEATURES)
    if unknown:
        parser.error(f"--free: no such feature {sorted(unknown)}; the features are {', '.join(FEATURES)}")
    free = np.array([f in names for f in FEATURES]) if names else None
    strength, cross_validated = choose_strength(train, prior, free)
    w = fit(train, prior, strength, free)
    accuracy = {name: {"questions": len(groups), "prior": round(top1(prior, groups), 4),
                       "fitted": round(top1(w, groups), 4)} for name, groups in {**sets, **held}.items()}
    report = {"free": sorted(names) or "all", "strength": strength, "cross_validated_top1": cross_validated,
              "top1": accuracy}
    model = {"_about": "Written by scripts/fit_ranker.py; do not edit by hand. A unit's score is the sum "
                       "of weight × feature (kcassistant/answer/unit_features.py).",
             "weights": dict(zip(FEATURES, np.round(w, 4).tolist())), "report": report}
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"fitted on {len(train)} questions; L2 pull toward the prior {strength} "
          f"(5-fold top-1: {cross_validated}); written {args.out}")
    print("| set | questions | top-1 with the prior | top-1 fitted |\n| --- | --- | --- | --- |")
    for name, row in accuracy.items():
        print(f"| {name} | {row['questions']} | {row['prior']:.3f} | {row['fitted']:.3f} |")
    print("largest changes: " + ", ".join(f"{f} {PRIOR[f]:+.2f}→{v:+.2f}" for f, v in sorted(
        zip(FEATURES, w.tolist()), key=lambda fv: -abs(fv[1] - PRIOR[fv[0]]))[:12]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
