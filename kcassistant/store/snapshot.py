"""What search keeps in memory, built once per version of the catalog and never changed."""
from __future__ import annotations

import hashlib
import json
import math
import os
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from ingest.model import Chunk, spoken_name
from ingest.vocabulary import vocabulary

from ..references import DocRef
from ..text import TOKENIZER_VERSION
from .lexical import LexicalIndex
from .passages import Outline, Passages

# A collection (the files ingested from one folder) this large keeps word statistics of its own.
LARGE_COLLECTION = 10_000


def idf(document_frequency: Counter[str], n: int) -> dict[str, float]:
    """BM25-style inverse document frequency."""
    return {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in document_frequency.items()}


@dataclass(frozen=True)
class WordStatistics:
    """How rare each word is among a body of passages: what coverage weighs a question's words by."""
    term_idf: dict[str, float]  # of whole words ("kinh_phí")
    idf: dict[str, float]  # of syllables ("kinh", "phí")
    default_idf: float  # of a word no passage has


def groups_of(collections: Sequence[str]) -> list[str]:
    """Each passage's statistics group: a large collection is a group of its own, the rest share one
    (""). Among a body of law, the words of a programme's few hundred passages ("khuyến công",
    "miền Trung") are rare, so rare that a passage of that programme covering them looked like an
    answer to any question naming them; within their own documents they are what every passage says."""
    sizes = Counter(collections)
    large = {c for c, n in sizes.items() if n >= LARGE_COLLECTION}
    if not large or len(sizes) == 1:
        return [""] * len(collections)
    return [c if c in large else "" for c in collections]


T = TypeVar("T")


def per_statistics(statistics_of: Callable[[str], WordStatistics],
                   make: Callable[[WordStatistics], T]) -> Callable[[str], T]:
    """`make(statistics)` for a passage (by id), made once per set of statistics (per collection)."""
    made: dict[int, T] = {}  # by identity: a snapshot hands out the same statistics for a collection

    def of(chunk_id: str) -> T:
        words = statistics_of(chunk_id)
        if id(words) not in made:
            made[id(words)] = make(words)
        return made[id(words)]
    return of


def _default_idf(n: int) -> float:
    """The IDF of a word none of `n` passages has."""
    return math.log(1 + (n + 0.5) / 0.5)


def _tables(words: Sequence[frozenset[str]]) -> dict[str, Any]:
    n = max(1, len(words))
    return {"term": idf(Counter(w for ws in words for w in ws), n),
            "syllable": idf(Counter(s for ws in words for s in {p for w in ws for p in w.split("_")}), n), "n": n}


def _statistics(table: dict[str, Any]) -> WordStatistics:
    return WordStatistics(table["term"], table["syllable"], _default_idf(table["n"]))


@dataclass(frozen=True)
class Snapshot:
    version: str
    chunks: Passages  # read from the catalog when first asked for (passages.py)
    position: dict[str, int]  # chunk id → index in `chunks`
    lexical: LexicalIndex
    words: Callable[[str], frozenset[str]]  # a chunk id → its indexed words
    term_idf: dict[str, float]  # of whole words ("kinh_phí")
    idf: dict[str, float]  # of syllables ("kinh", "phí")
    default_idf: float  # of a word no chunk has
    document_names: dict[str, frozenset[str]]  # "bộ luật dân sự" → the titles of the documents it names
    doc_types: dict[str, str | None]  # every document number indexed → its type ("Thông tư liên tịch")
    groups: tuple[str, ...] = ()  # each passage's statistics group (`groups_of`); () when the library is one
    statistics: dict[str, WordStatistics] = field(default_factory=dict)  # by group ("": the rest), when several

    @classmethod
    def build(cls, version: str, chunks: Sequence[Chunk] | Passages,
              tokens: list[list[str]] | Callable[[], list[list[str]]],
              store: Path | None = None, tokens_of: Callable[[str], list[str]] | None = None,
              collections: Sequence[str] = ()) -> Snapshot:
        """`chunks`: the passages in order, in memory or read on demand (`Passages`).
        `tokens`: each chunk's indexed words, or how to read them (only called when something
        must be built). `store`: a folder where the BM25 index and the IDF tables of this version
        are kept, so that the next process loads them instead of computing them again.
        `tokens_of`: one chunk's words by id, read when asked (default: from `tokens`).
        `collections`: each passage's collection (the folder it was ingested from), when known."""
        read = tokens if callable(tokens) else (lambda: tokens)
        every: list[list[str]] = []

        def all_tokens() -> list[list[str]]:
            if not every:
                every.extend(read())
            return every

        passages = chunks if isinstance(chunks, Passages) else Passages.of(chunks)
        outline = passages.outline
        n = max(1, len(passages))

        groups = groups_of(collections) if len(collections) == len(passages) else [""] * len(passages)
        separate = len(set(groups)) > 1

        def tables() -> dict[str, Any]:
            words = [frozenset(toks) for toks in all_tokens()]
            whole = _tables(words)
            if separate:
                members: dict[str, list[frozenset[str]]] = {}
                for group, ws in zip(groups, words):
                    members.setdefault(group, []).append(ws)
                whole["groups"] = {group: _tables(ws) for group, ws in members.items()}
            return whole

        if store is None:
            lexical, idfs = LexicalIndex(all_tokens()), tables()
        else:
            ids = hashlib.sha1(" ".join(f"{i}:{h}" for i, h in zip(outline.ids, outline.hashes)).encode()).hexdigest()
            grouping = hashlib.sha1("\n".join(groups).encode()).hexdigest() if separate else ""
            key = f"{version}|{TOKENIZER_VERSION}|{n}|{ids}"
            lexical = LexicalIndex.stored(store / "bm25", key, all_tokens)
            idfs = _stored_json(store / "idf.json", f"{key}|{grouping}", tables)
        if tokens_of is None:
            by_id = {i: frozenset(t) for i, t in zip(outline.ids, all_tokens())}

            def words(chunk_id: str) -> frozenset[str]:
                return by_id.get(chunk_id, frozenset())
        else:
            def words(chunk_id: str) -> frozenset[str]:
                return frozenset(tokens_of(chunk_id))
        return cls(
            version=version, chunks=passages, position={c: i for i, c in enumerate(outline.ids)},
            lexical=lexical, words=words, term_idf=idfs["term"], idf=idfs["syllable"],
            default_idf=_default_idf(n), document_names=names_of(outline),
            doc_types={d: t for d, t in zip(outline.doc_numbers, outline.doc_types) if d},
            groups=tuple(groups) if separate else (),
            statistics={g: _statistics(t) for g, t in idfs.get("groups", {}).items()})

    @cached_property
    def whole(self) -> WordStatistics:
        """The whole library's word statistics."""
        return WordStatistics(self.term_idf, self.idf, self.default_idf)

    def statistics_of(self, chunk_id: str) -> WordStatistics:
        """The word statistics a passage is weighed by: its collection's when it is large, those
        the others share otherwise — the passage is judged as it would be among its own kind; a
        passage this snapshot does not hold, by the whole library's."""
        i = self.position.get(chunk_id)
        return self.statistics.get(self.groups[i], self.whole) if self.groups and i is not None else self.whole

    @property
    def doc_numbers(self) -> set[str]:
        """Every document number indexed."""
        return set(self.doc_types)

    def chunk(self, chunk_id: str) -> Chunk | None:
        i = self.position.get(chunk_id)
        return self.chunks[i] if i is not None else None

    def words_of(self, chunk: Chunk) -> frozenset[str]:
        return self.words(chunk.id)

    def with_article(self, article: str) -> tuple[int, ...]:
        """Positions of the passages whose article number is `article` (of any document)."""
        return self.chunks.with_article(article)

    def article_of(self, chunk: Chunk) -> list[Chunk]:
        """Every passage of the article `chunk` belongs to, in reading order."""
        outline = self.chunks.outline
        same = [i for i in self.with_article(chunk.article or "")
                if outline.sources[i] == chunk.source and outline.doc_numbers[i] == chunk.doc_number]
        return sorted(self.chunks.many(same).values(), key=lambda c: c.position)

    def of_document(self, doc: DocRef) -> list[Chunk]:
        """Every passage of the documents a reference names, in snapshot order."""
        outline = self.chunks.outline
        pairs = set(zip(outline.doc_numbers, outline.doc_types))
        named = {pair for pair in pairs if doc.matches(*pair)}
        return self.chunks.where(lambda i: (outline.doc_numbers[i], outline.doc_types[i]) in named)

    def with_titles(self, titles: frozenset[str], kind: str = "legal") -> list[Chunk]:
        """Every passage of the documents with these titles (of that kind), in snapshot order."""
        outline = self.chunks.outline
        return self.chunks.where(lambda i: outline.titles[i] in titles and outline.kinds[i] == kind)


def _stored_json(path: Path, key: str, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`compute()`, kept in `path` under `key` and read from there while the key holds."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return dict(stored["value"])
    except (OSError, ValueError, KeyError):  # absent or damaged: computed again
        pass
    value = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    # one staging file per writer: two processes may share a data folder
    staging = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.new")
    staging.write_text(json.dumps({"key": key, "value": value}, ensure_ascii=False), encoding="utf-8")
    staging.replace(path)
    return value


def names_of(outline: Outline) -> dict[str, frozenset[str]]:
    """Each legal document's name (its title without number) → the document titles."""
    names: dict[str, set[str]] = {}
    legal = zip(outline.titles, outline.doc_numbers, outline.kinds)
    numbered = {t for t, n in zip(outline.doc_types, outline.doc_numbers) if t and n}  # "Thông tư" 36/2013/…
    for title, number in {(title, number) for title, number, kind in legal if kind == "legal" and title}:
        name = spoken_name(title, number)
        # "thông tư" alone names no document; a document titled by its type alone is named by it when that
        # type is the only one of its kind ("Hiến pháp"), not when the library numbers others of it
        # (a page titled "Thông tư" without its number is not what every "Thông tư …" question means)
        kind_of = vocabulary().document_type(name) if name else None
        if name and (not kind_of or (title.strip().lower() == name and kind_of not in numbered)):
            names.setdefault(name, set()).add(title)
    return {name: frozenset(titles) for name, titles in names.items()}
