"""Embedding across machines, rehearsed on this one: a Ray cluster of two nodes and a Chroma server.

    python bench/bench_cluster.py [--limit N]

1. Raw throughput on the same texts (the corpus's passages as ingest embeds them):
   the local worker pool with 1 and with 2 worker processes, then Ray actors on a
   cluster of two nodes of one CPU each (`ray.cluster_utils.Cluster`: two raylets,
   the layout of two machines, on this machine's two cores). Workers are started
   and warm before the timing; the vectors of each path are compared with the pool's.
2. The whole path a multi-machine deployment runs: a Chroma server (`chroma run`),
   the corpus ingested by words only (`vectors=False`), then `Assistant.embed_pending`
   with `embed_cluster` set to the Ray cluster's address and `chroma_url` to the
   server: the vectors come back from the actors and land in the server. It checks
   that nothing waits, that the server holds one vector per passage, and asks one
   question that needs them.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

from bench_embedder import CORPUS, passages  # noqa: E402

from kcassistant import Assistant, Config  # noqa: E402
from kcassistant.embed_cluster import RayPool  # noqa: E402
from kcassistant.embed_pool import LOCAL_MAX, EmbedPool  # noqa: E402

WARM = ["khởi động"] * (LOCAL_MAX + 1)  # more than the pool embeds in the calling process


def timed(engine: EmbedPool | RayPool, texts: list[str]) -> tuple[float, np.ndarray]:
    engine.embed_passages(WARM)  # start the workers (a model each) outside the timing
    started = time.perf_counter()
    vectors = engine.embed_passages(texts)
    return time.perf_counter() - started, vectors


def chroma_server(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("the Chroma server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N passages only (0 = all)")
    args = parser.parse_args()
    import ray
    from ray.cluster_utils import Cluster

    texts = passages(args.limit)
    print(f"passages {len(texts)}, {sum(map(len, texts)):,} characters (corpus: {CORPUS})")
    rates: dict[str, float] = {}
    reference: np.ndarray | None = None
    for workers in (1, 2):
        pool = EmbedPool("e5", workers)
        seconds, vectors = timed(pool, texts)
        pool.close()
        rates[f"local pool, {workers} worker{'s' if workers > 1 else ''}"] = len(texts) / seconds
        reference = vectors if reference is None else reference

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    ray.init(address=cluster.address, log_to_driver=False)
    nodes = sum(1 for node in ray.nodes() if node["Alive"])
    ray_pool = RayPool(cluster.address, "e5")
    seconds, vectors = timed(ray_pool, texts)
    placed = ray_pool.nodes()
    ray_pool.close()
    name = f"Ray, {len(placed)} actors on {len(set(placed))} of {nodes} nodes"
    rates[name] = len(texts) / seconds
    assert reference is not None
    agreement = float((vectors * reference).sum(1).min())

    one = rates["local pool, 1 worker"]
    print(f"{'path':38s} {'passages/s':>10s} {'× 1 worker':>10s}")
    for path, rate in rates.items():
        print(f"{path:38s} {rate:10.1f} {rate / one:10.2f}")
    print(f"Ray vectors vs the local pool's: cosine min {agreement:.4f}")

    with tempfile.TemporaryDirectory(prefix="kc-cluster-") as tmp:
        server, url = chroma_server(Path(tmp) / "server")
        try:
            config = replace(Config.from_env(), data_dir=Path(tmp) / "data", chroma_url=url,
                             embed_cluster=cluster.address)
            assistant = Assistant(config)
            report = assistant.ingest([CORPUS], vectors=False)
            waiting = assistant.status().vectors_pending
            run = assistant.embed_pending()
            status = assistant.status()
            stored = assistant.index.vectors.count()
            answer = assistant.ask("Ai được hưởng chính sách khuyến công?")
            print(f"end to end: {report.count('indexed')} files by words, {waiting} passages waiting; "
                  f"embed_pending through Ray → Chroma server {url}: {run.total} embedded in {run.seconds:.1f} s "
                  f"({run.total / run.seconds:.1f} passages/s); waiting now {status.vectors_pending}; "
                  f"server holds {stored} vectors for {status.passages} passages; "
                  f"a question answered: {answer.found}")
            ok = status.vectors_pending == 0 and stored == status.passages and answer.found
        finally:
            assistant.embedder.close()  # type: ignore[attr-defined]
            server.terminate()
            server.wait()
    ray.shutdown()
    cluster.shutdown()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
