"""The vectors phase against the raw embedder, on the same texts.

    python bench/bench_vectors_phase.py --data-dir DIR [--passages N]

DIR is an index with passages waiting for vectors (e.g. bench_scale_full.py's, after its
lexical phase). The next N waiting passages are embedded twice: first by the embedding
engine alone (`make_embedder(...).embed_passages`, the configured workers, nothing stored),
then by the vectors phase (`Assistant.embed_pending`: read from the catalog, embed, store in
Chroma, mark), stopped once those N are done. Prints both rates and their ratio; the phase
stores the N vectors, so a second run measures the next N.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.embed import make_embedder  # noqa: E402
from kcassistant.vector_queue import BATCH  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", required=True, help="an index with passages waiting for vectors")
    parser.add_argument("--passages", type=int, default=2048, help=f"how many (a multiple of {BATCH})")
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    config = replace(Config.from_env(), data_dir=Path(args.data_dir))
    assistant = Assistant(config)
    catalog = assistant.index.catalog
    chunks = catalog.pending_vectors(args.passages)
    if len(chunks) < args.passages:
        print(f"only {len(chunks)} passages wait in {args.data_dir}: ingest more with vectors=False first")
        return 1
    texts = [f"{c.heading}\n{c.text}"[:config.embed_max_chars] for c in chunks]
    engine = make_embedder(config.embed_model, workers=config.embed_workers)
    started = time.perf_counter()
    engine.embed_passages(texts)
    raw = len(texts) / (time.perf_counter() - started)
    close = getattr(engine, "close", None)
    if close:
        close()
    stop = threading.Event()

    def progress(done: int, total: int, note: str) -> None:
        if done >= args.passages:
            stop.set()

    run = assistant.embed_pending(progress, stop)
    phase = run.total / run.seconds
    print(f"passages                {len(texts)} ({sum(map(len, texts)):,} characters), engine {config.embed_model}, "
          f"workers {config.embed_workers or 'one per core'}")
    print(f"raw embedder            {raw:.1f} passages/s")
    print(f"vectors phase           {phase:.1f} passages/s ({run.total} embedded, {run.reused} reused)")
    print(f"phase ÷ raw             {phase / raw:.2f}  (goal ≥ 0.9)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
