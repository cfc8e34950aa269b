"""How much of a question a text covers: IDF-weighted syllables and word pairs.

Shared by retrieval (to rerank fused candidates, so a passage that covers every
concept of the question beats one that repeats a single concept) and by the
answerer (to pick the sentence)."""
from __future__ import annotations

import re

from .text import fold

_WEAK = frozenset("là của và các những được cho với có trong theo này đó thì mà về từ tại đã "
                  "bao nhiêu gì nào ai".split())


class Overlap:
    def __init__(self, terms: tuple[str, ...] | list[str], text: str, idf: dict[str, float],
                 default_idf: float) -> None:
        self.idf = idf
        self.default_idf = default_idf
        self.syllables = {p for term in terms for p in term.split("_") if p}
        words = re.findall(r"\w+", fold(text))
        self.bigrams = {(a, b) for a, b in zip(words, words[1:]) if a not in _WEAK and b not in _WEAK}
        self.total = sum(self.weight(s) for s in self.syllables) or 1.0

    def weight(self, syllable: str) -> float:
        return self.idf.get(syllable, self.default_idf)

    def coverage(self, text: str) -> float:
        """Share of the question's IDF mass present in `text` (0..1)."""
        words = set(re.findall(r"[\w/,%-]+", fold(text)))
        words |= {w.replace(".", ",") for w in words}
        return sum(self.weight(s) for s in self.syllables if s in words) / self.total

    def phrase(self, text: str) -> float:
        """Share of the question's word pairs found as pairs in `text` (0..1)."""
        if not self.bigrams:
            return 0.0
        words = re.findall(r"\w+", fold(text))
        return len(self.bigrams & set(zip(words, words[1:]))) / len(self.bigrams)
