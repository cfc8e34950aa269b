"""Fits retrieval's rerank weights (kcassistant/rerank.py) from labelled questions.

    .venv/bin/python scripts/fit_rerank.py [--data-dir DIR] [--alqac-fit FOLDER] [--alqac-held FOLDER]

1. For every question of ../shared/eval/dev-large.jsonl and dev.jsonl, retrieves as `ask` does
   and measures the passages the rerank weighs (the first 40 of rank fusion). A passage is
   labelled right when it meets the question's citation rule of ../shared/eval/FORMAT.md (the
   article `must_cite` names, else an `evidence` string). ALQAC sets built by
   ../shared/eval/external/make_corpus.py add legal questions: a passage is right when it lies
   in a gold article. Questions whose passages are all right or all wrong teach nothing here.
2. Fits a conditional logit (kcassistant/evaluate/choice.py) on the "fit" part of dev-large
   (kcassistant/evaluate/split.py), dev.jsonl and --alqac-fit, pulled toward the hand-set prior
   (rerank.PRIOR) with a strength chosen by 5-fold cross-validation of top-1 within the fit data.
3. Writes knowledge/rerank.json (weights and the fit's report) and prints top-1 (the first
   passage is a right one) of the prior and the fit, on the fit data and on each held set.
Retrieval feeds the unit ranker and the abstention model: refit scripts/fit_abstention.py after.
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
from kcassistant.evaluate import read_questions  # noqa: E402
from kcassistant.evaluate.choice import Group, choose_strength, fit, top1  # noqa: E402
from kcassistant.evaluate.questions import passage_answers  # noqa: E402
from kcassistant.evaluate.split import FIT, HELD, split  # noqa: E402
from kcassistant.rerank import FEATURES, MODEL_FILE, PRIOR  # noqa: E402
from kcassistant.retrieve import Hit  # noqa: E402

CANDIDATES = 40  # hybrid_search's `rerank` depth


def measured(assistant: Assistant, question: str, history: list[str]) -> list[Hit]:
    """The passages the rerank weighs, each with its features (the same, whatever the weights)."""
    query, _, _ = assistant.understand(question, history)
    return list(assistant.retriever.retrieve(query, CANDIDATES).hits)


def group_of(hits: list[Hit], right: list[bool]) -> Group | None:
    if not any(right) or all(right):
        return None
    x = np.array([[dict(h.features).get(f, 0.0) for f in FEATURES] for h in hits])
    return x, np.array(right, dtype=float)


def dev_groups(assistant: Assistant, questions: list[dict]) -> list[Group]:
    groups = []
    for q in questions:
        if q.get("answerable", True) is False:
            continue
        hits = measured(assistant, q["question"], q.get("history") or [])
        right = [passage_answers(q, {"text": h.chunk.text, "doc_number": h.chunk.doc_number,
                                     "article": h.chunk.article, "locator": h.chunk.locator,
                                     "title": h.chunk.title}) for h in hits]
        group = group_of(hits, right)
        if group is not None:
            groups.append(group)
    return groups


def alqac_groups(folder: Path) -> list[Group]:
    laws = json.loads((folder / "laws.json").read_text(encoding="utf-8"))
    law_of = {law["source"]: law["law_id"] for law in laws}
    assistant = Assistant(Config(data_dir=folder / "kcdata"))
    assistant.ingest([folder / "corpus"])
    assistant.warm_up()
    groups = []
    for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        gold = {tuple(g) for g in q["gold"]}
        hits = measured(assistant, q["question"], [])
        group = group_of(hits, [(law_of.get(h.chunk.source), h.chunk.article) in gold for h in hits])
        if group is not None:
            groups.append(group)
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", help="index folder for ../shared/knowledge (default: a fresh temporary one)")
    parser.add_argument("--alqac-fit", type=Path, help="an ALQAC set folder (make_corpus.py --out) to fit on too")
    parser.add_argument("--alqac-held", type=Path, help="an ALQAC set folder to report on")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the weights")
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    data = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="kc-fit-"))
    assistant = Assistant(Config(data_dir=data))
    assistant.ingest([SHARED / "knowledge"])
    assistant.warm_up()  # questions embedded as every long-running process embeds them
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
    strength, cross_validated = choose_strength(train, prior)
    w = fit(train, prior, strength)
    accuracy = {name: {"questions": len(groups), "prior": round(top1(prior, groups), 4),
                       "fitted": round(top1(w, groups), 4)} for name, groups in {**sets, **held}.items()}
    report = {"strength": strength, "cross_validated_top1": cross_validated, "top1": accuracy}
    model = {"_about": "Written by scripts/fit_rerank.py; do not edit by hand. A passage's rerank score is "
                       "the sum of weight × feature (kcassistant/rerank.py).",
             "weights": dict(zip(FEATURES, np.round(w, 4).tolist())), "report": report}
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"fitted on {len(train)} questions; L2 pull toward the prior {strength} "
          f"(5-fold top-1: {cross_validated}); written {args.out}")
    print("| set | questions | top-1 with the prior | top-1 fitted |\n| --- | --- | --- | --- |")
    for name, row in accuracy.items():
        print(f"| {name} | {row['questions']} | {row['prior']:.3f} | {row['fitted']:.3f} |")
    print("weights: " + ", ".join(f"{f} {PRIOR[f]:+.2f}→{v:+.2f}" for f, v in zip(FEATURES, w.tolist())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
