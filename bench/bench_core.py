"""Core engine benchmark (issue: grounded Q&A engine). Fixed input: ../shared/knowledge
and the questions of ../shared/eval/dev.jsonl. Prints the figures the README quotes.

    cold ingest        : fresh data dir, every file parsed, chunked, embedded, stored
    re-ingest unchanged: same data dir again (no embedding work expected)
    warm ask p50/p95   : in-process, index loaded, each dev question 3 times
    one-shot CLI ask   : `kcassistant ask …` as a new process, wall time, median of 3
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402

from latency import warm_ask_ms  # noqa: E402

CORPUS = Path(os.environ.get("KC_DOCS", ROOT.parent / "shared" / "knowledge"))
QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="kc-bench-"))
    config = Config(data_dir=data_dir)
    figures: dict[str, float | int | str] = {}

    started = time.perf_counter()
    assistant = Assistant(config)
    report = assistant.ingest([CORPUS])
    figures["cold_ingest_s"] = round(time.perf_counter() - started, 1)
    figures["files"] = report.count("indexed")
    figures["passages"] = assistant.status().passages

    started = time.perf_counter()
    again = Assistant(Config(data_dir=data_dir)).ingest([CORPUS])
    figures["reingest_unchanged_s"] = round(time.perf_counter() - started, 2)
    figures["reingest_embedded"] = again.embedded

    p50, p95 = warm_ask_ms(assistant, QUESTIONS)
    figures["warm_ask_p50_ms"], figures["warm_ask_p95_ms"] = round(p50, 1), round(p95, 1)
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]

    env = {**os.environ, "KC_DATA_DIR": str(data_dir)}
    env.pop("KC_CHROMA_URL", None)
    walls = []
    for q in questions[:3]:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kcassistant.cli", "ask", q["question"]], env=env,
                       capture_output=True, check=True)
        walls.append(time.perf_counter() - t)
    figures["cli_ask_wall_s"] = round(statistics.median(walls), 2)

    goals = {"cold_ingest_s": 90, "reingest_unchanged_s": 5, "warm_ask_p95_ms": 150, "cli_ask_wall_s": 3}
    for key, value in figures.items():
        goal = goals.get(key)
        mark = "" if goal is None else (f"  ok (goal ≤ {goal})" if float(value) <= goal else f"  OVER (goal ≤ {goal})")
        print(f"{key:24s} {value}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
