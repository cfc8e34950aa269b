"""Vietnamese typed without its marks ("kinh phi khuyen cong nam 2022") read as the library writes it.

Phones and foreign keyboards often drop the tone and vowel marks. Such a question matches no
indexed word, so it is read back through the library's own vocabulary: every indexed word
("khuyến_công") and syllable ("khuyến") under its unmarked form ("khuyen_cong"), the most
frequent (lowest IDF) where several share one. Longer words are tried first, so "nam" is read
as "năm" alone but "phía nam" as the region when the library has that phrase. Numbers and
document numbers ("45/2012/ND-CP") are left as typed; the question shown stays the user's.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ingest.vocabulary import vocabulary

from .english import is_english

LONGEST = 4  # syllables in the longest word tried
_PUNCTUATION = ".,;:!?()\"'“”"
_LETTERS = re.compile(r"[^\W\d_]+")


def _function_words() -> frozenset[str]:
    """The words the index leaves out ("có", "những", "bao nhiêu"): the commonest of all, and no
    evidence of what a question is about."""
    return vocabulary().index_stopwords | vocabulary().weak_words


def strip_marks(text: str) -> str:
    """The text as typed without marks: "Khuyến công" → "Khuyen cong", "Đ" → "D"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def unmarked(question: str) -> bool:
    """A Vietnamese question typed without marks: letters, all plain ASCII, and not English."""
    words = _LETTERS.findall(question)
    return len(words) >= 3 and all(w.isascii() for w in words) and not is_english(question)


@dataclass(frozen=True)
class Restorer:
    """Unmarked forms → the library's marked words, from the index's IDF tables."""
    words: dict[str, str]  # "khuyen_cong" → "khuyến_công", "nam" → "năm"

    @classmethod
    def of(cls, idfs: list[dict[str, float]]) -> Restorer:
        """From IDF tables (whole words, syllables): for each unmarked form the most frequent word.
        The words the index leaves out ("có", "những", "bao nhiêu") are the most frequent of all."""
        best: dict[str, tuple[float, str]] = {}
        for table in [dict.fromkeys(_function_words(), -1.0), *idfs]:
            for word, weight in table.items():
                if not _LETTERS.fullmatch(word.replace("_", "")):
                    continue
                key = strip_marks(word)
                if key not in best or (weight, word) < best[key]:  # ties by the word: the same in every process
                    best[key] = (weight, word)
        return cls({key: word for key, (_, word) in best.items()})

    def restore(self, question: str) -> str:
        """The question with each run of plain words read back, longest known words first;
        anything with a digit or "/" ("45/2012/ND-CP", "2022") and unknown words stay as typed."""
        out: list[str] = []
        run: list[str] = []  # consecutive plain words, each with its punctuation
        for token in question.split():
            core = token.strip(_PUNCTUATION)
            if core and _LETTERS.fullmatch(core):
                run.append(token)
                continue
            out.extend(self._run(run))
            run.clear()
            out.append(token)
        out.extend(self._run(run))
        return " ".join(out)

    def _run(self, words: list[str]) -> list[str]:
        """Plain words read back greedily; no word is read across punctuation ("phi, khuyen")."""
        read: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(LONGEST, len(words) - i), 0, -1):
                chunk = words[i:i + size]
                if any(w != w.rstrip(_PUNCTUATION) for w in chunk[:-1]):
                    continue
                found = self.words.get("_".join(w.strip(_PUNCTUATION).lower() for w in chunk))
                if found and len(found.split("_")) == size:
                    read.extend(_as_typed(w, marked) for w, marked in zip(chunk, found.split("_")))
                    i += size
                    break
            else:
                read.append(words[i])
                i += 1
        return read


def _as_typed(typed: str, marked: str) -> str:
    """The marked syllable in the typed word's place: its case and its punctuation kept."""
    core = typed.strip(_PUNCTUATION)
    start = typed.find(core)
    if core[:1].isupper():
        marked = marked[:1].upper() + marked[1:]
    if core.isupper() and len(core) > 1:
        marked = marked.upper()
    return typed[:start] + marked + typed[start + len(core):]


AGREEMENT = 0.5  # the share of a typed question's content words an answer read through restored marks must hold


def agreement(typed: str, answer: str) -> float:
    """The share of the unmarked question's content words (function words left out) found, unmarked,
    in the answer (its quotes and citations): a question read back wrongly ("muc phat" as "mục phát")
    finds passages that share the restored words but not what was typed."""
    function_words = {strip_marks(w) for w in _function_words()}
    asked = {w for w in _LETTERS.findall(strip_marks(typed).lower()) if w not in function_words}
    held = set(_LETTERS.findall(strip_marks(answer).lower()))
    return len(asked & held) / len(asked) if asked else 1.0


class Marks:
    """Reads questions typed without marks through the words of the current snapshot."""

    def __init__(self) -> None:
        self._restorer: tuple[str, Restorer] | None = None  # and the snapshot version it was built from

    def read(self, question: str, version: str, idfs: Callable[[], list[dict[str, float]]]) -> str:
        """The question as the library writes it, or as typed when it has its marks."""
        if not unmarked(question):
            return question
        if self._restorer is None or self._restorer[0] != version:
            self._restorer = (version, Restorer.of(idfs()))
        return self._restorer[1].restore(question)
