"""Figure extraction against the hand-labelled records of tests/figures_labelled.jsonl
(every figure statement of the five news articles). Prints precision and recall.

    python bench/figures_eval.py [LABELS] [DOCS]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant.evaluate.figures import evaluate_labels  # noqa: E402


def main(argv: list[str]) -> int:
    labels_path = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "figures_labelled.jsonl"
    docs = Path(argv[2]) if len(argv) > 2 else ROOT.parent / "shared" / "knowledge"
    score = evaluate_labels(labels_path, docs)
    for label in score.missed:
        print("MISSED  ", json.dumps(label, ensure_ascii=False))
    for f in score.spurious:
        print("SPURIOUS", f.source, f.value_text, f.unit, f.scope, f.year, f.period, f.programme, f.measure,
              "|", f.clause[:100])
    print(f"labelled {score.labelled}  extracted {score.extracted}  matched {score.matched}  "
          f"precision {score.precision:.3f}  recall {score.recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
