"""Passages embedded across machines: the worker pool's work handed to a Ray cluster.

For a library that outgrows one machine's cores. The process that runs `kcassistant
embed` keeps the queue (the catalog) and stores what comes back in the vector store —
a Chroma server (`KC_CHROMA_URL`) when several machines share the index; Ray carries
the texts out and the vectors back (1.5 KB a passage). Each worker is a Ray actor of
one CPU (or one GPU with `KC_EMBED_DEVICE=cuda`) that loads the engine once, exactly
like a local pool worker, so the vectors are the same. Ray is optional (`pip install
ray`); `KC_EMBED_CLUSTER` names the cluster: `auto` (this machine joined one with `ray
start`), `ray://head:10001` (a Ray client address) or `local` (a Ray of this machine
alone, to try the path). Setup across machines: README, "Embedding across machines".
"""
from __future__ import annotations

import os
import socket
from typing import Any

import numpy as np

from .config import SettingError
from .embed_pool import in_tasks


def _answers(address: str) -> None:
    """A Ray client address is tried first, so a wrong one fails at once (Ray itself retries 30 s)."""
    if address.startswith("ray://"):
        host, _, port = address.removeprefix("ray://").partition(":")
        with socket.create_connection((host, int(port or 10001)), timeout=5):
            pass


class _Worker:
    """One engine in one Ray actor (the remote twin of embed_pool's worker process)."""

    def __init__(self, spec: str, device: str) -> None:
        os.environ["OMP_NUM_THREADS"] = "1"
        from .embed import make_passage_engine

        self._engine = make_passage_engine(spec, threads=1, device=device)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self._engine.embed_passages(texts)

    def node(self) -> str:
        import ray

        return str(ray.get_runtime_context().get_node_id())


class RayPool:
    """`embed_passages` across the actors of a Ray cluster; results in the order given.
    `workers` = 0: one actor per CPU (per GPU on cuda) the cluster offers."""

    def __init__(self, address: str, spec: str, workers: int = 0, device: str = "cpu") -> None:
        self.address, self.spec, self.workers, self.device = address, spec, workers, device
        self._pool: Any = None
        self._actors: list[Any] = []

    def _start(self) -> Any:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError:
            raise SettingError(f"KC_EMBED_CLUSTER='{self.address}' cần thư viện ray (pip install ray) trên máy "
                               "này và trên mọi máy của cụm") from None
        if not ray.is_initialized():
            try:
                _answers(self.address)
                if self.address == "local":
                    ray.init(include_dashboard=False, log_to_driver=False)
                else:
                    ray.init(address=self.address, log_to_driver=False)
            except Exception as exc:  # no cluster at that address, a version mismatch …
                raise SettingError(f"KC_EMBED_CLUSTER='{self.address}': không nối được tới cụm Ray "
                                   f"({type(exc).__name__}: {str(exc)[:200]})") from exc
        gpu = self.device.startswith("cuda")
        offered = int(ray.cluster_resources().get("GPU" if gpu else "CPU", 0))
        count = self.workers or offered
        if count < 1:
            raise SettingError(f"KC_EMBED_CLUSTER='{self.address}': cụm không có {'GPU' if gpu else 'CPU'} nào")
        worker = ray.remote(num_cpus=0 if gpu else 1, num_gpus=1 if gpu else 0)(_Worker)
        self._actors = [worker.remote(self.spec, self.device) for _ in range(count)]
        return ActorPool(self._actors)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if self._pool is None and texts:
            self._pool = self._start()
        pool = self._pool
        return in_tasks(texts, lambda tasks: pool.map(lambda actor, task: actor.embed.remote(task), tasks))

    def nodes(self) -> list[str]:
        """The node (machine) each worker runs on: where Ray placed them."""
        import ray

        return [str(node) for node in ray.get([actor.node.remote() for actor in self._actors])]

    def close(self) -> None:
        """Let the actors go (each holds a model); the cluster itself stays up."""
        if self._actors:
            import ray

            for actor in self._actors:
                ray.kill(actor)
            if self.address == "local":  # the Ray this process started goes with its workers
                ray.shutdown()
        self._actors, self._pool = [], None
