"""English questions: told from Vietnamese ones, read in the corpus's Vietnamese through the
glossary's English aliases and terms, and the words no alias or term accounts for counted
(a question mostly in such words is not answered: see `query.Query.mostly_unknown`)."""
from __future__ import annotations

import re

from ingest.patterns import DOC_NUMBER_FULL
from ingest.vocabulary import AliasGroup, Vocabulary, alias_pattern

from .text import fold

_ENGLISH = re.compile(r"\b(?:what|which|who|where|when|how|is|are|does|did|the|of)\b", re.IGNORECASE)


def is_english(question: str) -> bool:
    words = re.findall(r"[^\W\d_]+", question)
    if not words:
        return False
    ascii_words = sum(1 for w in words if w.isascii())
    return ascii_words / len(words) > 0.8 and bool(_ENGLISH.search(question))


def term_of(word: str, knowledge: Vocabulary) -> str | None:
    """The glossary's Vietnamese for an English word, or for its base form when the glossary
    has only that ("manages", "managed", "managing" → "manage"; "policies" → "policy"):
    the table lists words once, English inflects them. None when neither is there."""
    terms = knowledge.english_terms
    if word in terms:
        return terms[word]
    stems = [word[:-3] + "y"] if word.endswith("ies") else []
    stems += [word[:-2], word[:-1]] if word.endswith(("es", "ed")) else [word[:-1]] if word.endswith("s") else []
    stems += [word[:-3], word[:-3] + "e"] if word.endswith("ing") else []
    ending = 3 if word.endswith("ing") else 2 if word.endswith("ed") else 0
    if ending and len(word) > ending + 2 and word[-ending - 1] == word[-ending - 2]:
        stems.append(word[:-ending - 1])  # "submitting", "planned": the consonant doubled before the ending
    return next((terms[s] for s in stems if len(s) > 2 and s in terms), None)


def _english_aliases(knowledge: Vocabulary) -> list[tuple[str, AliasGroup]]:
    """The glossary's English aliases with their groups, longest first (so a phrase wins over its words)."""
    return sorted(((a, g) for g in knowledge.groups for a in g.aliases if a.isascii()), key=lambda ag: -len(ag[0]))


def translate_english(question: str, knowledge: Vocabulary) -> str:
    """English question → Vietnamese search terms (glossary phrases, then words)."""
    text = fold(question)
    numbers = [fold(m.group(0)) for m in DOC_NUMBER_FULL.finditer(question)]  # kept whole: "88/2030/TT-BCT"
    for i, number in enumerate(numbers):
        text = text.replace(number, f" docnumber{i} ")
    for alias, group in _english_aliases(knowledge):
        text = alias_pattern(alias).sub(f" {fold(group.canonical)} ", text)
    words = []
    for word in re.findall(r"[\w\-/,.%]+", text):
        kept = re.fullmatch(r"docnumber(\d+)", word)
        found = term_of(word, knowledge)
        words.append(numbers[int(kept.group(1))].upper() if kept else word if found is None else found)
    return " ".join(w for w in words if w)


def unknown_english(question: str, knowledge: Vocabulary) -> tuple[tuple[str, ...], float]:
    """The content words of an English question that no glossary alias or term translates,
    and their share of its content words (aliases, translated words, numbers and the rest)."""
    text = fold(question)
    known = 0
    for alias, _ in _english_aliases(knowledge):
        text, matched = alias_pattern(alias).subn(" ", text)
        known += matched
    unknown: list[str] = []
    for word in re.findall(r"[\w\-/]+", text):
        term = term_of(word, knowledge)
        if any(c.isdigit() for c in word) or term or not word.isascii():
            known += 1
        elif term is None and len(word) > 1:
            unknown.append(word)
    content = known + len(unknown)
    return tuple(unknown), (len(unknown) / content if content else 0.0)
