"""The whole of ../shared/scale beside the corpus: the lexical phase, start-up and answers.

    python bench/bench_scale_full.py [--data-dir DIR] [--embed-minutes M]

1. ../shared/knowledge is ingested with its vectors (as a user's index would be);
2. all of ../shared/scale is ingested lexically (`vectors=False`): the time until every
   page is searchable by words is the "lexical ready" figure;
3. optionally, M minutes of the vectors phase (`embed_pending`) for its rate and ETA;
4. a new process answers one question (`kcassistant ask`): process start to first answer;
5. in this process, dev.jsonl three times: warm ask p50/p95; then answer-and-citation of
   dev.jsonl and dev-large.jsonl among the distractors, beside the corpus alone.

Peak RSS is this process's (the ingesting and answering one). An existing DIR is reused
(incremental), so steps 1–2 can be timed once and the rest re-run.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.evaluate import run_eval  # noqa: E402

from latency import warm_ask_ms  # noqa: E402


def disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="index folder (default: a fresh temporary one)")
    parser.add_argument("--embed-minutes", type=float, default=0.0)
    args = parser.parse_args()
    data = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="kc-scale-full-"))
    assistant = Assistant(Config(data_dir=data))
    started = time.perf_counter()
    waiting = assistant.status().vectors_pending  # a re-run: the scale passages still wait, and stay waiting
    assistant.ingest([SHARED / "knowledge"], vectors=not waiting)
    print(f"corpus ingest ({'lexical, vectors kept' if waiting else 'with vectors'})   "
          f"{time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    report = assistant.ingest([SHARED / "scale"], vectors=False)
    lexical = time.perf_counter() - started
    status = assistant.status()
    megabytes = disk_mb(SHARED / "scale")
    print(f"scale lexical ready            {lexical:.0f} s ({megabytes:.0f} MB, "
          f"{megabytes / lexical * 60:.1f} MB/min); files: "
          f"{report.count('indexed')} indexed, {report.count('unchanged')} unchanged, {report.count('failed')} refused")
    for outcome in report.failed:
        print("  refused:", outcome.message[:160])
    print(f"documents / passages           {status.documents} / {status.passages}; vectors waiting "
          f"{status.vectors_pending}")
    if args.embed_minutes:
        stop = threading.Event()
        timer = threading.Timer(args.embed_minutes * 60, stop.set)
        timer.start()
        run = assistant.embed_pending(stop=stop)
        timer.cancel()
        rate = run.total / run.seconds if run.seconds else 0.0
        print(f"vectors phase                  {run.total} passages in {run.seconds:.0f} s = {rate:.1f}/s; "
              f"left {run.pending} (ETA {run.pending / rate / 3600:.1f} h)" if rate else "vectors phase: none")
    print(f"index on disk                  {disk_mb(data):.0f} MB")
    env = {**os.environ, "KC_DATA_DIR": str(data)}
    env.pop("KC_CHROMA_URL", None)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kcassistant.cli", "ask", "Điều 12 Nghị định 45/2012/NĐ-CP quy định gì?"],
                   env=env, capture_output=True, check=True)
    print(f"process start to first answer  {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    assistant.warm_up()
    print(f"warm-up in this process        {time.perf_counter() - started:.1f} s")
    p50, p95 = warm_ask_ms(assistant, SHARED / "eval" / "dev.jsonl")
    print(f"warm ask p50 / p95             {p50:.0f} / {p95:.0f} ms")
    out = Path(tempfile.mkdtemp(prefix="kc-scale-full-out-"))
    for name in ("dev.jsonl", "dev-large.jsonl"):
        _, summary = run_eval(assistant, SHARED / "eval" / name, out / name)
        print(f"{name:30s} answer+citation {summary['both_acc']:.3f} among the distractors "
              f"(every unanswerable not found: {summary['unanswerable_ok']})")
    print(f"peak RSS                       {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"index kept in                  {data}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
