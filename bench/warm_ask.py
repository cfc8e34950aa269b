"""Warm `ask` latency alone, on an index already built: the figure to compare two commits by.

    .venv/bin/python bench/warm_ask.py --data-dir DIR [--questions FILE] [--rounds N]

Loads the index in DIR (build it first, e.g. with scripts/quality.py --data-dir DIR), warms up,
asks every question of FILE (default ../shared/eval/dev-large.jsonl) N times (default 2) and
prints p50 / p95 in ms. To compare commits, run it from a worktree of each, alternating, e.g.
`farm-bench -n 5 --vs "<the other worktree's command>" -- <this one's command>`.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kcassistant import Assistant, Config  # noqa: E402

from latency import warm_ask_ms  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an index already built")
    parser.add_argument("--questions", type=Path, default=ROOT.parent / "shared" / "eval" / "dev-large.jsonl")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    p50, p95 = warm_ask_ms(Assistant(Config(data_dir=args.data_dir)), args.questions, args.rounds)
    print(f"{ROOT.name}: warm ask p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
