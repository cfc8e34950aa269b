"""The second phase of ingest: vectors for the passages that wait for one.

Ingest records a file as soon as it is parsed and tokenised, so it is searchable
lexically (and answerable) at once; its passages wait here for their vectors. The
queue is the catalog itself (chunks whose `vector_hash` is not their content hash),
so it survives a restart or a kill: a re-run takes up where the last one stopped.
Nothing is embedded twice: before a batch is embedded, the vectors already stored
under the same id and content hash (a run killed between storing and marking) are
only marked. Hybrid search uses vectors where they exist. A round is stored (Chroma)
and marked (catalog) in a thread while the workers embed the next one, so the phase
runs at the embedder's pace.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from ingest.model import Chunk

from .config import Config
from .embed import Embedder
from .progress import eta_text
from .store import Catalog, Index, VectorStore

Progress = Callable[[int, int, str], None]
BATCH = 256  # passages per round: stored and marked together, so a kill loses at most two rounds


@dataclass(frozen=True)
class VectorRun:
    embedded: Counter[str]  # source → passages embedded in this run
    reused: int  # stored already (an interrupted run), only marked
    pending: int  # still waiting (stopped, or the store went away)
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.embedded.values())


class VectorQueue:
    def __init__(self, index: Index, embedder: Callable[[], Embedder], config: Config) -> None:
        self.index = index
        self._embedder = embedder
        self.config = config
        self._lock = threading.Lock()  # one drain at a time (CLI, app and a background thread alike)

    def pending(self) -> int:
        return self.index.catalog.count_pending_vectors()

    def rate(self) -> float | None:
        """Passages per second of the last run that embedded any (kept in the catalog)."""
        value = self.index.catalog.get_meta("embed_rate")
        return float(value) if value else None

    def drain(self, progress: Progress | None = None, stop: threading.Event | None = None,
              batch: int = BATCH) -> VectorRun:
        """Embed what waits, round by round, until nothing waits or `stop` is set.
        A VectorStoreUnavailable stops the run (the passages stay pending) and is raised."""
        with self._lock:
            return self._drain(progress, stop, batch)

    def _drain(self, progress: Progress | None, stop: threading.Event | None, batch: int) -> VectorRun:
        catalog, vectors = self.index.catalog, self.index.vectors
        started = time.perf_counter()
        total = catalog.count_pending_vectors()
        embedded: Counter[str] = Counter()
        reused = done = 0
        limit = self.config.embed_max_chars
        storing: Future[None] | None = None  # the previous round, stored while this one is embedded
        in_flight: set[str] = set()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kc-store-vectors") as store:
            while not (stop is not None and stop.is_set()):
                chunks = [c for c in catalog.pending_vectors(batch + len(in_flight)) if c.id not in in_flight][:batch]
                if not chunks:
                    break
                stored = vectors.existing([c.id for c in chunks])
                todo = [c for c in chunks if stored.get(c.id) != c.content_hash]
                made = (self._embedder().embed_passages([f"{c.heading}\n{c.text}"[:limit] for c in todo])
                        if todo else None)
                if storing is not None:
                    storing.result()  # raises what storing raised (an unreachable store stops the run)
                in_flight = {c.id for c in chunks}
                storing = store.submit(_store, vectors, catalog, todo, made, chunks)
                embedded.update(c.source for c in todo)
                reused += len(chunks) - len(todo)
                done += len(chunks)
                if progress:
                    elapsed = time.perf_counter() - started
                    rate = sum(embedded.values()) / elapsed if elapsed else 0.0
                    left = f", còn khoảng {eta_text((total - done) / rate)}" if rate and total > done else ""
                    progress(done, total, f"vector {done}/{total} đoạn ({rate:.1f} đoạn/giây{left})")
            if storing is not None:
                storing.result()
        seconds = time.perf_counter() - started
        count = sum(embedded.values())
        if count >= 32:  # a rate from a handful of passages would mislead the ETA
            catalog.set_meta("embed_rate", f"{count / seconds:.3f}")
        return VectorRun(embedded, reused, catalog.count_pending_vectors(), seconds)


def _store(vectors: VectorStore, catalog: Catalog, todo: list[Chunk], made: np.ndarray | None,
           chunks: list[Chunk]) -> None:
    """One round: its new vectors stored, then every passage of it marked (in that order,
    so a kill in between leaves vectors that the next run only marks)."""
    if todo and made is not None:
        vectors.upsert(todo, made)
    catalog.mark_vectors(chunks)
