"""The lexical side: BM25 (bm25s) over underthesea words, and what a chunk's words are."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.model import Chunk

from ..text import tokenize


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
        self.retriever = None
        if not tokens:
            return
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in toks] or [vocab.setdefault("<empty>", len(vocab))]
               for toks in tokens]
        self.vocab = vocab
        self.retriever = bm25s.BM25(k1=1.2, b=0.75)
        self.retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        if self.retriever is None:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in query_tokens if t in self.vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)
