"""Grid search for the unit ranker's passage-rank prior (kcassistant/answer/ranker.py RANK_PRIOR).

    .venv/bin/python scripts/fit_rank_prior.py --alqac-fit DIR23 --alqac-held DIR22 0.25 0.5 0.8

DIR23 and DIR22 are ALQAC set folders built and indexed by ../shared/eval/external/run_external.py
--out DIR (their kcdata/ index is reused). For each value it prints answer-and-citation on the
fit and held parts of dev-large (kcassistant/evaluate/split.py) over an index of
../shared/knowledge (--data-dir, built when empty), and the share of ALQAC questions whose first
citation is a gold article. Choose on the fit columns; a value that lifts them and lowers a held
column is overfitting.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import kcassistant.answer.ranker as ranker  # noqa: E402
from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.evaluate import read_questions, score_row, summarise  # noqa: E402
from kcassistant.evaluate.split import FIT, HELD, split  # noqa: E402


def dev_large(assistant: Assistant) -> dict[str, float]:
    questions = read_questions(SHARED / "eval" / "dev-large.jsonl")
    parts = split(questions)
    scored = []
    for q in questions:
        answer = assistant.ask(q["question"], q.get("history") or ())
        scored.append((parts[q["id"]], score_row(q, {"id": q["id"], **answer.to_dict()})))
    return {part: summarise([row for p, row in scored if p == part])["both_acc"] for part in (FIT, HELD)}


def alqac(folder: Path) -> float:
    """Share of questions whose first citation is a gold article."""
    law_of = {law["source"]: law["law_id"] for law in json.loads((folder / "laws.json").read_text(encoding="utf-8"))}
    assistant = Assistant(Config(data_dir=folder / "kcdata"))
    questions = [json.loads(line) for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    good = 0
    for q in questions:
        answer = assistant.ask(q["question"])
        first = answer.citations[0] if answer.found and answer.citations else None
        good += bool(first and (law_of.get(first.source), first.article) in {tuple(g) for g in q["gold"]})
    return good / len(questions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("values", nargs="+", type=float)
    parser.add_argument("--data-dir", type=Path, help="index of ../shared/knowledge (default: a fresh one)")
    parser.add_argument("--alqac-fit", type=Path, required=True)
    parser.add_argument("--alqac-held", type=Path, required=True)
    args = parser.parse_args()
    data = args.data_dir or Path(tempfile.mkdtemp(prefix="kc-prior-"))
    assistant = Assistant(Config(data_dir=data))
    assistant.ingest([SHARED / "knowledge"])
    print("| RANK_PRIOR | dev-large fit | ALQAC fit | dev-large held | ALQAC held |\n| --- | --- | --- | --- | --- |")
    for value in args.values:
        ranker.RANK_PRIOR = value
        dev = dev_large(assistant)
        print(f"| {value} | {dev[FIT]:.3f} | {alqac(args.alqac_fit):.3f} | {dev[HELD]:.3f} | "
              f"{alqac(args.alqac_held):.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
