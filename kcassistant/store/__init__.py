"""The index: the catalog (SQLite, source of truth), the figure records beside it,
the vectors (Chroma) and the in-memory `Snapshot` that search reads.

`Index` only stores and loads; writing files into it is the `Indexer`'s job, and
nothing here knows about questions or answers."""
from __future__ import annotations

from collections.abc import Callable

from ..config import Config
from ..figures.store import FigureStore
from ..text import TOKENIZER_VERSION
from .catalog import Catalog, FileRecord
from .lexical import LexicalIndex, chunk_tokens
from .snapshot import Snapshot
from .vectors import VectorStore

__all__ = ["Catalog", "FileRecord", "FigureStore", "Index", "LexicalIndex", "Snapshot", "VectorStore",
           "chunk_tokens"]


class Index:
    def __init__(self, config: Config, embedder_name: Callable[[], str]) -> None:
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.config = config
        self.catalog = Catalog(config.catalog_path)
        self.figures = FigureStore(self.catalog.db)
        if not self.catalog.files():  # a new index is tokenised by this version from the start
            self.catalog.set_meta("tokenizer", TOKENIZER_VERSION)
        self._embedder_name = embedder_name
        self._vectors: VectorStore | None = None
        self._snapshot: Snapshot | None = None

    @property
    def vectors(self) -> VectorStore:
        """The vector collection of the configured embedder, opened on first use."""
        if self._vectors is None:
            self._vectors = VectorStore(self.config, self._embedder_name())
        return self._vectors

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt when the catalog has changed since the last one."""
        version = self.catalog.version()
        if self._snapshot is None or self._snapshot.version != version:
            if self.catalog.get_meta("tokenizer") != TOKENIZER_VERSION:
                self.catalog.retokenize(lambda c: chunk_tokens([c])[0])
                self.catalog.set_meta("tokenizer", TOKENIZER_VERSION)
            chunks, tokens = self.catalog.all_chunks()
            self._snapshot = Snapshot.build(version, chunks, tokens)
        return self._snapshot
