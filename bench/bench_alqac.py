"""Retrieval over the ALQAC laws (../shared/eval/external) against the bm25s baselines,
at rank 1: runs the external benchmark's own script for each set (a fresh index unless
--reuse-index) and prints, per set, kcassistant's R@1 beside both bm25s baselines'.

    .venv/bin/python bench/bench_alqac.py [--sets alqac2022 alqac2023] [--reuse-index] [--out-root /tmp/kc-alqac]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "eval" / "external"
SYSTEMS = ("kcassistant search k=10", "kcassistant ask (cited first)", "bm25s syllables", "bm25s underthesea words")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["alqac2022", "alqac2023"])
    parser.add_argument("--reuse-index", action="store_true")
    parser.add_argument("--out-root", default="/tmp/kc-alqac")
    args = parser.parse_args()
    rows = []
    for name in args.sets:
        out = Path(args.out_root) / name
        command = [sys.executable, str(EXTERNAL / "run_external.py"), "--set", name, "--out", str(out), "--omp-passive"]
        if args.reuse_index:
            command.append("--reuse-index")
        subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "OMP_WAIT_POLICY": "passive"},
                       stdout=subprocess.DEVNULL)
        summary = json.loads((out / "results" / "summary.json").read_text(encoding="utf-8"))
        systems = summary["systems"]
        best_baseline = max(systems[s]["r@1"] for s in SYSTEMS[2:])
        rows.append({"set": name, **{s: systems[s]["r@1"] for s in SYSTEMS},
                     "kcassistant beats both at R@1": systems[SYSTEMS[0]]["r@1"] > best_baseline})
    print("| set | " + " | ".join(f"R@1 {s}" for s in SYSTEMS) + " | beats both |")
    print("| --- |" + " --- |" * (len(SYSTEMS) + 1))
    for row in rows:
        print(f"| {row['set']} | " + " | ".join(f"{row[s]:.3f}" for s in SYSTEMS)
              + f" | {'yes' if row['kcassistant beats both at R@1'] else 'no'} |")
    return 0 if all(r["kcassistant beats both at R@1"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
