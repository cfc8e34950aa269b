"""The index: the catalog (SQLite, source of truth), the figure records and feedback beside it,
the vectors (Chroma) and the in-memory `Snapshot` that search reads.

`Index` only stores and loads; writing files into it is the `Indexer`'s job, and
nothing here knows about questions or answers."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from ..config import Config, SettingError
from ..feedback import FeedbackStore
from ..figures.store import FigureStore
from ..text import TOKENIZER_VERSION
from .catalog import Catalog, FileRecord
from .lexical import LexicalIndex, chunk_tokens
from .links import LinkStore
from .passages import Passages
from .snapshot import Snapshot, WordStatistics
from .vectors import VectorStore, VectorStoreUnavailable

__all__ = ["Catalog", "FileRecord", "FigureStore", "Index", "LexicalIndex", "LinkStore", "Snapshot", "VectorStore",
           "VectorStoreUnavailable", "WordStatistics", "chunk_tokens"]


class Index:
    def __init__(self, config: Config, embedder_name: Callable[[], str]) -> None:
        try:
            config.data_dir.mkdir(parents=True, exist_ok=True)
            self.catalog = Catalog(config.catalog_path)
        except (OSError, sqlite3.Error) as exc:
            raise SettingError(f"Thư mục dữ liệu '{config.data_dir}' (KC_DATA_DIR hoặc --data-dir) không dùng được: "
                               f"{getattr(exc, 'strerror', None) or exc}. Hãy trỏ tới một thư mục ghi được.") from exc
        self.config = config
        self.figures = FigureStore(self.catalog.db)
        self.feedback = FeedbackStore(self.catalog.db)
        self.links = LinkStore(self.catalog.db)
        if not self.catalog.files():  # a new index is tokenised by this version from the start
            self.catalog.set_meta("tokenizer", TOKENIZER_VERSION)
        self._embedder_name = embedder_name
        self._vectors: VectorStore | None = None
        self._snapshot: Snapshot | None = None
        self._lock = threading.RLock()  # first use from many threads builds each thing once

    @property
    def vectors(self) -> VectorStore:
        """The vector collection of the configured embedder, opened on first use."""
        with self._lock:
            if self._vectors is None:
                self._vectors = VectorStore(self.config, self._embedder_name())
                self.catalog.vectors_belong_to(self._vectors.name)
            return self._vectors

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt when the catalog has changed since the last one."""
        version = self.catalog.version()
        current = self._snapshot
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.version != version:
                if self.catalog.get_meta("tokenizer") != TOKENIZER_VERSION:
                    self.catalog.retokenize(lambda c: chunk_tokens([c])[0])
                    self.catalog.set_meta("tokenizer", TOKENIZER_VERSION)
                # words are read only to build what is not kept on disk, and one passage at a time to answer
                passages = Passages(self.catalog.outline(), self.catalog.read)  # read when a question needs them
                roots = self.catalog.collections()
                self._snapshot = Snapshot.build(version, passages, self.catalog.all_tokens,
                                                self.config.data_dir / "lexical", self.catalog.tokens_of,
                                                [roots.get(s, "") for s in passages.outline.sources])
            return self._snapshot
