"""The vectors phase killed with SIGKILL, then resumed: nothing is embedded twice.

    python bench/bench_kill_resume.py --data-dir DIR [--kill-after S] [--resume-for S]

DIR is an index with passages waiting for vectors (bench_scale_full.py's, for instance).
`kcassistant embed` runs in a new process and is killed with `kill -9` after S seconds;
then this process counts the stored vectors and the waiting passages, resumes the phase for
a while, and checks that the store grew by exactly the number of passages it embedded
(a passage embedded again would be stored under its existing id: the store would grow less).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", required=True, help="an index with passages waiting for vectors")
    parser.add_argument("--kill-after", type=float, default=60.0)
    parser.add_argument("--resume-for", type=float, default=60.0)
    args = parser.parse_args()
    env = {**os.environ, "KC_DATA_DIR": args.data_dir, "OMP_WAIT_POLICY": "passive"}
    embed = subprocess.Popen([sys.executable, "-m", "kcassistant.cli", "embed"], env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(args.kill_after)
    os.killpg(embed.pid, signal.SIGKILL)  # the CLI and its embedding workers, as a crash would
    embed.wait()
    assistant = Assistant(Config(data_dir=Path(args.data_dir)))
    store_before = assistant.index.vectors.count()
    waiting = assistant.index.catalog.count_pending_vectors()
    print(f"after kill -9 at {args.kill_after:.0f} s: {store_before} vectors stored, {waiting} passages waiting")
    stop = threading.Event()
    threading.Timer(args.resume_for, stop.set).start()
    run = assistant.embed_pending(stop=stop)
    grown = assistant.index.vectors.count() - store_before
    print(f"resumed for {run.seconds:.0f} s: {run.reused} stored before the kill and only marked, "
          f"{run.total} embedded ({run.total / run.seconds:.1f}/s), {run.pending} waiting")
    print(f"store grew by {grown}, embedded {run.total}: nothing embedded twice: {grown == run.total}")
    return 0 if grown == run.total else 1


if __name__ == "__main__":
    sys.exit(main())
