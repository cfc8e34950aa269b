"""The vector store (kcassistant/store/vectors.py): failures surface as VectorStoreUnavailable,
and a failing store is not asked again on every question."""
import numpy as np
import pytest

from kcassistant import Config
from kcassistant.store import vectors as module
from kcassistant.store.vectors import RETRY_SECONDS, VectorStore, VectorStoreUnavailable


class FlakyCollection:
    """Fails its first search (an index that cannot be loaded), then answers."""

    def __init__(self) -> None:
        self.calls = 0

    def query(self, **_: object) -> dict:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("Error loading hnsw segment reader")
        return {"ids": [["a"]], "distances": [[0.25]]}


def test_a_failed_search_is_not_retried_until_the_pause_is_over(tmp_path, monkeypatch):
    store = VectorStore(Config(data_dir=tmp_path), "e5")
    store.collection = FlakyCollection()
    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    vector = np.zeros(384, dtype=np.float32)
    with pytest.raises(VectorStoreUnavailable, match="hnsw"):
        store.query(vector, 5)
    now[0] += RETRY_SECONDS / 2
    with pytest.raises(VectorStoreUnavailable):
        store.query(vector, 5)  # answered by words at once: the store is not asked
    assert store.collection.calls == 1
    now[0] += RETRY_SECONDS
    assert store.query(vector, 5) == [("a", 0.75)] and store.collection.calls == 2
    assert store.query(vector, 5) == [("a", 0.75)] and store.collection.calls == 3
