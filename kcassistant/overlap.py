"""How much of a question a text covers: IDF-weighted syllables and word pairs.

Shared by retrieval (to rerank fused candidates, so a passage that covers every
concept of the question beats one that repeats a single concept) and by the
answerer (to pick the sentence)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ingest.vocabulary import vocabulary

from .text import fold

if TYPE_CHECKING:
    from .query import Query

_WEAK = vocabulary().weak_words
_WORD = re.compile(r"[\w/,%-]+")
_DATE = re.compile(r"\d{1,2}/\d{1,2}/(?:19|20)\d\d")
_NUMBER_WITH_YEAR = re.compile(r"\d+/(?:19|20)\d\d/[\w-]+")
_YEAR_PART = re.compile(r"/(?:19|20)\d\d/")


@lru_cache(maxsize=8192)
def folded_words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


@lru_cache(maxsize=8192)
def word_pairs(text: str) -> frozenset[tuple[str, str]]:
    words = re.findall(r"\w+", fold(text))
    return frozenset(zip(words, words[1:]))


@lru_cache(maxsize=8192)
def text_words(text: str) -> frozenset[str]:
    """The words a text offers to a question's syllables, with the other spellings a
    question may use (`,` for `.`, D for Đ in numbers, a date's year, a number without
    its year). Cached: a passage is read by retrieval and again by the answerer."""
    words = set(folded_words(text))
    words |= {w.replace(".", ",") for w in words if "." in w}
    for word in [w for w in words if "/" in w]:
        if "đ" in word:
            words.add(word.replace("đ", "d"))  # document numbers are compared with Đ as D
        if _DATE.fullmatch(word):
            words.add(word[-4:])  # a date names its year
        elif _NUMBER_WITH_YEAR.fullmatch(word):
            words.add(_YEAR_PART.sub("/", word).replace("đ", "d"))  # "26/NQ-CP" names "26/2013/NQ-CP"
    if "%" in text:
        words |= {"phần", "trăm"}
    return frozenset(words)


class Overlap:
    def __init__(self, terms: tuple[str, ...] | list[str], text: str, idf: dict[str, float],
                 default_idf: float, known_only: bool = False, unread: tuple[str, ...] = ()) -> None:
        self.idf = idf
        self.default_idf = default_idf
        self.syllables = {p for term in terms for p in term.split("_") if p}
        if known_only:  # English words left untranslated (`unread`) say nothing about Vietnamese text,
            # whether or not a page of the library happens to hold them
            self.syllables = {s for s in self.syllables if (s in idf or not s.isascii()) and s not in unread}
        self.bigrams = {(a, b) for a, b in word_pairs(text) if a not in _WEAK and b not in _WEAK}
        self.total = sum(self.weight(s) for s in self.syllables) or 1.0

    @classmethod
    def of(cls, query: Query, idf: dict[str, float], default_idf: float,
           terms: tuple[str, ...] | list[str] | None = None) -> Overlap:
        """What the question asks (`terms`, its own by default), measured as its language allows."""
        return cls(query.terms if terms is None else terms, query.text, idf, default_idf,
                   known_only=query.english, unread=query.unknown_words)

    def weight(self, syllable: str) -> float:
        return self.idf.get(syllable, self.default_idf)

    @staticmethod
    def _words(text: str) -> frozenset[str]:
        return text_words(text)

    def coverage(self, text: str, context: str = "", context_weight: float = 0.7) -> float:
        """Share of the question's IDF mass present in `text` (0..1); words found only
        in `context` (the heading, the sentence before) count `context_weight`."""
        words = self._words(text)
        around = self._words(context) if context else set()
        got = 0.0
        for s in self.syllables:
            if s in words:
                got += self.weight(s)
            elif s in around:
                got += context_weight * self.weight(s)
        return got / self.total

    def gain(self, text: str, said: str) -> float:
        """Share of the question's IDF mass that `text` holds and `said` does not (0..1)."""
        new = self._words(text) - self._words(said)
        return sum(self.weight(s) for s in self.syllables if s in new) / self.total

    def phrase_gain(self, text: str, said: str) -> float:
        """Share of the question's word pairs (IDF-weighted) that `text` holds and `said` does not."""
        if not self.bigrams:
            return 0.0
        weight = {pair: self.weight(pair[0]) + self.weight(pair[1]) for pair in self.bigrams}
        new = (self.bigrams & word_pairs(text)) - word_pairs(said)
        return sum(weight[p] for p in new) / sum(weight.values())

    def phrase(self, text: str) -> float:
        """Share of the question's word pairs found as pairs in `text` (0..1)."""
        if not self.bigrams:
            return 0.0
        return len(self.bigrams & word_pairs(text)) / len(self.bigrams)

    def title_match(self, heading: str) -> float:
        """How tightly a heading is the question's subject ("Nội dung hoạt động khuyến công")."""
        words = set(re.findall(r"\w+", fold(heading))) - _WEAK - {"điều"}
        words = {w for w in words if not w.isdigit()}
        if not words:
            return 0.0
        return len(words & self.syllables) / len(words) * self.phrase(heading)

    def density(self, text: str) -> float:
        """How compactly `text` states the question's words: matched distinct words over
        the length of the shortest stretch that holds them all (0..1)."""
        words = folded_words(text)
        wanted = [i for i, w in enumerate(words) if w in self.syllables]
        present = {words[i] for i in wanted}
        if len(present) < 2:
            return 0.0
        best = len(words)
        counts: dict[str, int] = {}
        left = 0
        for right in wanted:
            counts[words[right]] = counts.get(words[right], 0) + 1
            while len(counts) == len(present):
                start = wanted[left]
                best = min(best, right - start + 1)
                counts[words[start]] -= 1
                if not counts[words[start]]:
                    del counts[words[start]]
                left += 1
        return len(present) / best

