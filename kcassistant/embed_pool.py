"""Passages embedded by a pool of worker processes, one BLAS thread each.

Why processes of one thread rather than one process of many: small matrices (a few
passages of ~170 tokens) leave threads waiting on each other, while independent
workers each keep a core busy; measured by `bench/bench_embedder.py`. The pool is
started on the first large batch (each worker loads the model once, a few seconds)
and sized to the cores this process may use. Small batches — a short upload — are
embedded in the calling process by an engine of the same vector space (`local`), where
no worker start is paid.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

import numpy as np

TEXTS_PER_TASK = 8  # a few passages per call: one forward pass of ~1,500 tokens
LOCAL_MAX = 2 * TEXTS_PER_TASK  # up to this many texts, the calling process embeds them itself


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def in_tasks(texts: list[str], run: Callable[[list[list[str]]], Iterable[np.ndarray]]) -> np.ndarray:
    """Texts cut into tasks of a few, like lengths together (a forward pass pads little),
    run by `run` (results in task order), and the vectors put back in the order given."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    tasks = [[texts[i] for i in order[at:at + TEXTS_PER_TASK]] for at in range(0, len(order), TEXTS_PER_TASK)]
    parts = list(run(tasks))
    if not parts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
    vectors[order] = np.vstack(parts)
    return vectors


_worker_embed: Callable[[list[str]], np.ndarray] | None = None


def exit_with_parent() -> None:
    """In a worker process: exit when the process that started it is gone (killed with -9,
    say), instead of idling on to the end of the machine's uptime with a model in memory."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(2.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="kc-exit-with-parent").start()


def _start_worker(spec: str, device: str) -> None:
    global _worker_embed
    exit_with_parent()
    os.environ["OMP_NUM_THREADS"] = "1"
    from .embed import make_passage_engine

    _worker_embed = make_passage_engine(spec, threads=1, device=device).embed_passages


def _embed_in_worker(texts: list[str]) -> np.ndarray:
    assert _worker_embed is not None, "worker not started"
    return _worker_embed(texts)


class EmbedPool:
    """`embed_passages` across `workers` processes; results in the order given."""

    def __init__(self, spec: str, workers: int, device: str = "cpu",
                 local: Callable[[], Callable[[list[str]], np.ndarray]] | None = None) -> None:
        self.spec, self.workers, self.device = spec, max(1, workers), device
        self._local = local
        self._executor: ProcessPoolExecutor | None = None

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if self._local is not None and len(texts) <= LOCAL_MAX:
            return self._local()(texts)
        executor = self._executor
        if executor is None:
            import multiprocessing

            # spawn: a worker must not inherit a parent's BLAS threads or open stores
            executor = self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(self.spec, self.device))
        return in_tasks(texts, lambda tasks: executor.map(_embed_in_worker, tasks))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
