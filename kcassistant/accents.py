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
from functools import cache
from pathlib import Path

from ingest.vocabulary import tone_marks, vocabulary

from .english import is_english

LONGEST = 4  # syllables in the longest word tried
_PUNCTUATION = ".,;:!?()\"'“”"
_LETTERS = re.compile(r"[^\W\d_]+")


def _function_words() -> frozenset[str]:
    """The words the index leaves out ("có", "những", "bao nhiêu"): the commonest of all, and no
    evidence of what a question is about."""
    return vocabulary().index_stopwords | vocabulary().weak_words


@cache
def dictionary() -> frozenset[str]:
    """The words of Vietnamese (underthesea's Viet74K list, "lao động", "cung cấp"), one tone placement:
    what tells a misplaced mark ("lạo động") from a word the library happens not to hold ("bao lâu")."""
    import underthesea

    path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    try:
        return frozenset(tone_marks(line.strip().lower()) for line in path.read_text(encoding="utf-8").splitlines())
    except OSError:  # not shipped by this version: no word is corrected
        return frozenset()


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
    known: frozenset[str] = frozenset()  # every syllable the library (or its function words) writes

    @classmethod
    def of(cls, idfs: list[dict[str, float]], known: frozenset[str] | None = None) -> Restorer:
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
        return cls({key: word for key, (_, word) in best.items()}, known_syllables(idfs) if known is None else known)

    def correct(self, question: str) -> str:
        """A marked question with each marked syllable the library never writes ("lạo động", "cung
        câp", "phần mêm": a mark misplaced or missed) read back as the library writes it, when with
        a neighbour as typed it is no Vietnamese word (`dictionary`) and its unmarked form with that
        neighbour is one, and a word of the library ("lao_động"): the neighbour is the evidence. A
        syllable alone is left as typed, as are unmarked words ("OCOP") and words ("bao lâu")."""
        tokens = question.split()
        typed_tokens = list(tokens)
        for i, token in enumerate(tokens):
            core = _unknown(token, self.known)
            if not core:
                continue
            before = tone_marks(tokens[i - 1].strip(_PUNCTUATION).lower()) \
                if i and tokens[i - 1][-1] not in _PUNCTUATION else ""
            after = tone_marks(tokens[i + 1].strip(_PUNCTUATION).lower()) \
                if i + 1 < len(tokens) and token[-1] not in _PUNCTUATION else ""
            for left, right in [(before, after), (before, ""), ("", after)]:
                typed = [w for w in (left, core, right) if w]
                if len(typed) == 1:
                    continue
                found = self.words.get("_".join(strip_marks(w) for w in typed), "").split("_")
                if (found[0] and len(found) == len(typed) and all(f == t for f, t in zip(found, typed) if t != core)
                        and " ".join(typed) not in dictionary() and " ".join(found) in dictionary()):
                    tokens[i] = _as_typed(token, found[typed.index(core)])
                    break
        return question if tokens == typed_tokens else " ".join(tokens)

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


def known_syllables(idfs: list[dict[str, float]]) -> frozenset[str]:
    """Every syllable the library (its IDF tables) or its function words write."""
    return frozenset(s for table in [dict.fromkeys(_function_words(), -1.0), *idfs] for w in table
                     for s in w.replace("_", " ").split())  # function words are written "bao lâu"


def _unknown(token: str, known: frozenset[str]) -> str:
    """The token's marked syllable, one tone placement ("thoả" is "thỏa": no typo), when the library
    never writes it; "" otherwise (known, unmarked, or not a word)."""
    core = tone_marks(token.strip(_PUNCTUATION).lower())
    return core if core and not core.isascii() and _LETTERS.fullmatch(core) and core not in known else ""


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
        self._known: tuple[str, frozenset[str]] | None = None  # the library's syllables, likewise

    def read(self, question: str, version: str, idfs: Callable[[], list[dict[str, float]]]) -> str:
        """The question as the library writes it: typed without marks, read back; with its marks,
        the syllables the library never writes corrected (`Restorer.correct`). The reader of every
        word is built only for a question that needs it: a set of syllables tells the rest."""
        plain = unmarked(question)
        if not plain:
            if self._known is None or self._known[0] != version:
                self._known = (version, known_syllables(idfs()))
            if not any(_unknown(token, self._known[1]) for token in question.split()):
                return question
        if self._restorer is None or self._restorer[0] != version:
            known = self._known[1] if self._known is not None and self._known[0] == version else None
            self._restorer = (version, Restorer.of(idfs(), known))
        restorer = self._restorer[1]
        return restorer.restore(question) if plain else restorer.correct(question)
