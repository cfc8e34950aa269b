"""Warm `ask` latency, measured the same way by every benchmark: each question of a set
asked `rounds` times in one process (after `warm_up`), p50 and p95 in milliseconds."""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from kcassistant import Assistant


def warm_ask_ms(assistant: Assistant, question_file: Path, rounds: int = 3) -> tuple[float, float]:
    questions = [json.loads(line) for line in question_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    assistant.warm_up()
    latencies = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            assistant.ask(q["question"], q.get("history") or ())
            latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return statistics.median(latencies), latencies[int(round(0.95 * (len(latencies) - 1)))]
