"""The passages a snapshot searches, without holding them all in memory.

At 10^5 passages, reading every passage into Python objects is most of a process's start.
Search needs far less: for each passage, what filters, document references and article
numbers look at (the `Outline`, a few short columns read in one query), and the text of the
few hundred candidates a question retrieves. `Passages` is a sequence of chunks that reads
a chunk from the catalog when it is first asked for and keeps the most recent ones.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import overload

from ingest.model import Chunk

BATCH = 500


@dataclass(frozen=True)
class Outline:
    """One entry per passage, in snapshot order: what is known without reading it."""
    ids: tuple[str, ...]
    hashes: tuple[str, ...]
    sources: tuple[str, ...]
    kinds: tuple[str, ...]
    doc_types: tuple[str | None, ...]
    doc_numbers: tuple[str | None, ...]
    articles: tuple[str | None, ...]
    years: tuple[int | None, ...]
    titles: tuple[str, ...]

    @classmethod
    def of(cls, chunks: Sequence[Chunk]) -> Outline:
        return cls(tuple(c.id for c in chunks), tuple(c.content_hash for c in chunks),
                   tuple(c.source for c in chunks), tuple(c.kind for c in chunks),
                   tuple(c.doc_type for c in chunks), tuple(c.doc_number for c in chunks),
                   tuple(c.article for c in chunks), tuple(c.year for c in chunks),
                   tuple(c.title or "" for c in chunks))

    @classmethod
    def of_rows(cls, rows: Iterable[tuple]) -> Outline:
        columns = list(zip(*rows)) or [()] * 9
        return cls(*(tuple(column) for column in columns))


class Passages(Sequence[Chunk]):
    """Chunks by position; `read(ids)` fetches the ones not kept (in any order)."""

    def __init__(self, outline: Outline, read: Callable[[list[str]], list[Chunk]], keep: int = 8192) -> None:
        self.outline = outline
        self._read = read
        self._keep = keep
        self._kept: OrderedDict[int, Chunk] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def of(cls, chunks: Sequence[Chunk]) -> Passages:
        """Passages all held in memory (a small index, a test)."""
        held = {c.id: c for c in chunks}
        passages = cls(Outline.of(chunks), lambda ids: [held[i] for i in ids], keep=len(chunks) + 1)
        passages._kept.update(enumerate(chunks))
        return passages

    def __len__(self) -> int:
        return len(self.outline.ids)

    @overload
    def __getitem__(self, i: int) -> Chunk: ...

    @overload
    def __getitem__(self, i: slice) -> list[Chunk]: ...

    def __getitem__(self, i: int | slice) -> Chunk | list[Chunk]:
        if isinstance(i, slice):
            positions = list(range(len(self)))[i]
            got = self.many(positions)
            return [got[p] for p in positions]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.many([i])[i]

    def __iter__(self) -> Iterator[Chunk]:
        for start in range(0, len(self), BATCH):
            positions = list(range(start, min(len(self), start + BATCH)))
            got = self.many(positions)
            yield from (got[p] for p in positions)

    def many(self, positions: Iterable[int]) -> dict[int, Chunk]:
        """The chunks at `positions`, reading the ones not kept in batches."""
        wanted = list(dict.fromkeys(positions))
        with self._lock:
            got = {p: self._kept[p] for p in wanted if p in self._kept}
            for p in got:
                self._kept.move_to_end(p)
        missing = [p for p in wanted if p not in got]
        for start in range(0, len(missing), BATCH):
            part = missing[start:start + BATCH]
            by_id = {c.id: c for c in self._read([self.outline.ids[p] for p in part])}
            got.update((p, by_id[self.outline.ids[p]]) for p in part)
        if missing:
            with self._lock:
                self._kept.update((p, got[p]) for p in missing)
                while len(self._kept) > self._keep:
                    self._kept.popitem(last=False)
        return got

    def with_article(self, article: str) -> tuple[int, ...]:
        """Positions of the passages whose article number is `article` (of any document)."""
        return self._by_article.get(article, ())

    @cached_property
    def _by_article(self) -> dict[str, tuple[int, ...]]:  # built on the first article asked for
        index: dict[str, list[int]] = {}
        for i, article in enumerate(self.outline.articles):
            if article:
                index.setdefault(article, []).append(i)
        return {article: tuple(positions) for article, positions in index.items()}

    def in_documents(self, named: Callable[[str, str | None], bool]) -> tuple[int, ...]:
        """Positions of the passages of the documents for which `named(doc_number, doc_type)` holds
        (tested once per document, not per passage)."""
        return tuple(p for (number, doc_type), positions in self._by_document.items() if named(number, doc_type)
                     for p in positions)

    @cached_property
    def _by_document(self) -> dict[tuple[str, str | None], tuple[int, ...]]:
        index: dict[tuple[str, str | None], list[int]] = {}
        for i, (number, doc_type) in enumerate(zip(self.outline.doc_numbers, self.outline.doc_types)):
            if number:
                index.setdefault((number, doc_type), []).append(i)
        return {key: tuple(positions) for key, positions in index.items()}

    def where(self, test: Callable[[int], bool]) -> list[Chunk]:
        """The chunks whose outline passes `test(position)`, in snapshot order."""
        positions = [p for p in range(len(self)) if test(p)]
        got = self.many(positions)
        return [got[p] for p in positions]
