"""App benchmark: a warm question answered and rendered by the Streamlit app
(streamlit.testing, index of ../shared/knowledge), p50/p95 over the dev questions.
Goal: ≤ 1 s including rendering."""
from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402

CORPUS = Path(os.environ.get("KC_DOCS", ROOT.parent / "shared" / "knowledge"))
QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def main() -> int:
    from streamlit.testing.v1 import AppTest

    data_dir = Path(os.environ.get("KC_BENCH_DATA") or tempfile.mkdtemp(prefix="kc-app-bench-"))
    Assistant(Config(data_dir=data_dir)).ingest([CORPUS])
    os.environ["KC_DATA_DIR"] = str(data_dir)
    os.environ.pop("KC_CHROMA_URL", None)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()  # loads the index and the model once, as the first visitor would
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    timings = []
    for question in questions:
        started = time.perf_counter()
        at.chat_input[0].set_value(question).run()
        timings.append((time.perf_counter() - started) * 1000)
        if at.exception:
            print("app error:", at.exception)
            return 1
        at.session_state.messages = []  # each question on a fresh conversation
    timings.sort()
    p95 = timings[int(round(0.95 * (len(timings) - 1)))]
    print(f"app_warm_question_p50_ms {statistics.median(timings):.0f}")
    print(f"app_warm_question_p95_ms {p95:.0f}  {'ok' if p95 <= 1000 else 'OVER'} (goal ≤ 1000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
