"""Are two `kcassistant eval` results files the same answers? (apart from latency)

    python scripts/same_results.py BEFORE.jsonl AFTER.jsonl
    python scripts/same_results.py --base REV [--set ../shared/eval/dev-large.jsonl]

The second form answers the question set twice — with the code at git revision REV
(checked out into a temporary worktree) and with the working tree — each on a fresh
index of ../shared/knowledge, then compares. Every field must be equal except
`latency_ms`; a passage's `score` may differ by up to 0.01, because the dense search
(Chroma HNSW) returns distances that vary in the third decimal between two builds of
the same index. Exit status 0 when the same, 1 otherwise (with the differences).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE_TOLERANCE = 0.01


def differences(before: Path, after: Path) -> list[str]:
    left = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = [] if len(left) == len(right) else [f"{len(left)} results before, {len(right)} after"]
    for a, b in zip(left, right):
        a.pop("latency_ms", None)
        b.pop("latency_ms", None)
        for key in sorted(set(a) | set(b)):
            if key == "passages":
                found.extend(_passage_differences(a["id"], a.get(key) or [], b.get(key) or []))
            elif a.get(key) != b.get(key):
                found.append(f"{a['id']}: {key} differs: {str(a.get(key))[:120]!r} → {str(b.get(key))[:120]!r}")
    return found


def _passage_differences(qid: str, left: list[dict], right: list[dict]) -> list[str]:
    if len(left) != len(right):
        return [f"{qid}: {len(left)} passages before, {len(right)} after"]
    found = []
    for rank, (p, q) in enumerate(zip(left, right), 1):
        for key in sorted(set(p) | set(q)):
            if key == "score" and abs(float(p.get(key, 0)) - float(q.get(key, 0))) <= SCORE_TOLERANCE:
                continue
            if p.get(key) != q.get(key):
                found.append(f"{qid}: passage {rank} {key} differs: {p.get(key)!r} → {q.get(key)!r}")
    return found


def answer_set(code_dir: Path, questions: Path, out: Path) -> None:
    """Ingest the corpus into a fresh index and answer `questions` with the code in `code_dir`."""
    data = Path(tempfile.mkdtemp(prefix="kc-same-"))
    # one thread: multi-threaded float sums in the query embedder make near-tied dense ranks swap between runs
    env = {**os.environ, "KC_DATA_DIR": str(data), "PYTHONPATH": str(code_dir), "OMP_NUM_THREADS": "1"}
    env.pop("KC_CHROMA_URL", None)
    for args in (["ingest", str(SHARED / "knowledge")], ["eval", str(questions), "--out", str(out)]):
        print(f"[{code_dir.name}] kcassistant {' '.join(args[:1])} …", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "kcassistant.cli", *args], cwd=code_dir, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="BEFORE.jsonl AFTER.jsonl")
    parser.add_argument("--base", help="git revision whose answers the working tree must reproduce")
    parser.add_argument("--set", default=str(SHARED / "eval" / "dev-large.jsonl"), help="question set")
    args = parser.parse_args()
    if args.base:
        work = Path(tempfile.mkdtemp(prefix="kc-base-"))
        subprocess.run(["git", "worktree", "add", "--detach", str(work / "base"), args.base], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        try:
            answer_set(work / "base", Path(args.set), work / "before.jsonl")
            answer_set(ROOT, Path(args.set), work / "after.jsonl")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work / "base")], cwd=ROOT, check=False)
        before, after = work / "before.jsonl", work / "after.jsonl"
    elif len(args.files) == 2:
        before, after = map(Path, args.files)
    else:
        parser.error("give BEFORE.jsonl AFTER.jsonl, or --base REV")
    found = differences(before, after)
    for line in found:
        print(line)
    n = sum(1 for line in before.read_text(encoding="utf-8").splitlines() if line.strip())
    print(f"{n} answers compared: " + ("identical apart from latency" if not found else f"{len(found)} differences"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
