"""The lexical side: BM25 (bm25s) over underthesea words, and what a chunk's words are."""
from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.model import Chunk

from ..text import tokenize

log = logging.getLogger("kcassistant")


def chunk_tokens(chunks: Sequence[Chunk]) -> list[list[str]]:
    """BM25 words of each chunk: heading (legal) and text, plus the document title
    once, since it says what the passage is part of."""
    titles: dict[str, list[str]] = {}
    return [tokenize(f"{c.heading}\n{c.text}" if c.kind == "legal" else c.text)
            + titles.setdefault(c.title, tokenize(c.title)) for c in chunks]


class LexicalIndex:
    """BM25 (bm25s) over the stored segmented tokens."""

    def __init__(self, tokens: list[list[str]]) -> None:
        import bm25s

        self.size = len(tokens)
        self.retriever: Any = None
        self.vocab: dict[str, int] = {}
        if not tokens:
            return
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in toks] or [vocab.setdefault("<empty>", len(vocab))]
               for toks in tokens]
        self.vocab = vocab
        self.retriever = bm25s.BM25(k1=1.2, b=0.75)
        self.retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)

    @classmethod
    def stored(cls, folder: Path, key: str, tokens: Callable[[], list[list[str]]]) -> LexicalIndex:
        """The index saved in `folder` for `key` (memory-mapped, not rebuilt), or one built
        from `tokens()` and saved there. Why: at 10^5 passages building BM25 takes most of a
        process's start; loading it takes a fraction of a second."""
        import bm25s

        try:  # read once: another writer may replace the folder between a check and a read
            stored_key: str | None = (folder / "key.txt").read_text(encoding="utf-8")
        except OSError:
            stored_key = None
        if stored_key == key:
            try:
                loaded = cls([])
                loaded.retriever = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
                loaded.vocab = loaded.retriever.vocab_dict
                loaded.size = int(loaded.retriever.scores["num_docs"])
                return loaded
            except (OSError, ValueError, KeyError) as exc:  # damaged: rebuilt below
                log.warning("chỉ mục từ khóa lưu tại %s không đọc được (%s): lập lại", folder, exc)
        built = cls(tokens())
        if built.retriever is not None:
            # one staging folder per writer: two processes may share a data folder
            staging = folder.with_name(f"{folder.name}.{os.getpid()}.{threading.get_ident()}.new")
            shutil.rmtree(staging, ignore_errors=True)
            built.retriever.save(str(staging), show_progress=False)
            (staging / "key.txt").write_text(key, encoding="utf-8")
            shutil.rmtree(folder, ignore_errors=True)
            try:
                staging.rename(folder)  # a reader sees a whole index or none (and then builds one), never half
            except OSError:  # another writer's landed first; its key is checked again at the next load
                shutil.rmtree(staging, ignore_errors=True)
        return built

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        if self.retriever is None:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in query_tokens if t in self.vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)
