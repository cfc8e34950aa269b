"""The team's domain vocabulary, read from `knowledge/*.json` here and nowhere else.

It sits in the lowest layer because both sides need it: the parsers (document
types, boilerplate) and the question side (glossary, regions, programmes,
measures, periods, units, stop words). Everything is loaded once and frozen.
Entries under `patterns` in the JSON are regular-expression alternatives; the
helpers here join them so callers never spell a word list again.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"


# Two tone placements are in use for the same word — "hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe" — and the
# corpus, the laws and the questions mix them. Matching forms put the mark on the first vowel of a
# word-final "oa", "oe", "uy"; with a final consonant ("hoàn") or after "q" ("quý") both styles agree.
_OLD_TONE = re.compile(r"(?<!q)([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?![^\W_])")
_TONE_OF = {base: marks for base, marks in (("a", "àáảãạ"), ("e", "èéẻẽẹ"), ("y", "ỳýỷỹỵ"))}
_MARKED = {"o": "òóỏõọ", "u": "ùúủũụ"}
_NEW_TONE = {(first, marked): _MARKED[first][marks.index(marked)] + base
             for first, pairs in (("o", ("a", "e")), ("u", ("y",)))
             for base in pairs for marks in [_TONE_OF[base]] for marked in marks}


def tone_marks(text: str) -> str:
    """One tone placement for lower-case text: "hoà" → "hòa", "thuỷ" → "thủy"; same length."""
    return _OLD_TONE.sub(lambda m: _NEW_TONE.get((m.group(1), m.group(2)), m.group(0)), text)


def fold(text: str) -> str:
    """Lower-case, NFC, one tone placement, whitespace collapsed: the form used for matching."""
    return " ".join(tone_marks(unicodedata.normalize("NFC", text).lower()).split())


def alternation(patterns: tuple[str, ...] | list[str]) -> str:
    """`a|b|c` from regular-expression alternatives (kept in their data order)."""
    return "|".join(patterns)


@cache  # every question checks every alias of the glossary
def alias_pattern(alias: str) -> re.Pattern[str]:
    """A glossary alias as a whole-word pattern over folded text."""
    return re.compile(r"(?<![\w])" + re.escape(fold(alias)) + r"(?![\w])")


@dataclass(frozen=True)
class DocumentType:
    name: str  # "Nghị định"
    codes: tuple[str, ...]  # ("NĐ",)
    english: tuple[str, ...]
    in_questions: bool  # a bare mention in a question is a reference
    primacy: float  # tie-break between quotes of different types
    browse_order: int
    kind_of: str | None = None  # "Thông tư liên tịch" is a kind of "Thông tư"


@dataclass(frozen=True)
class AliasGroup:
    canonical: str
    aliases: tuple[str, ...]  # every form, canonical included

    @property
    def vietnamese(self) -> tuple[str, ...]:
        """Forms worth adding to a Vietnamese search: not plain English words."""
        return tuple(a for a in self.aliases if not re.fullmatch(r"[A-Za-z' ]*[a-z][A-Za-z' ]*", a))


@dataclass(frozen=True)
class Programme:
    code: str  # KCQG | KCĐP | tổng
    label: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Boilerplate:
    end_markers: tuple[str, ...]
    line_prefixes: tuple[str, ...]
    chrome_lines: frozenset[str]
    caption_markers: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    document_types: tuple[DocumentType, ...]
    issuer_codes: tuple[str, ...]
    groups: tuple[AliasGroup, ...]
    english_terms: dict[str, str]
    regions: dict[str, tuple[str, ...]]  # region → provinces
    region_patterns: dict[str, tuple[str, ...]]
    country_patterns: tuple[str, ...]
    provinces: dict[str, str]  # folded alias → canonical province
    boilerplate: Boilerplate
    index_stopwords: frozenset[str]
    weak_words: frozenset[str]
    heading_connectives: frozenset[str]
    question_particles: frozenset[str]
    question_frame: frozenset[str]  # compound words a question asks with, not about ('bao_lâu', 'tối_đa')
    subject_connectives: frozenset[str]
    programmes: dict[str, Programme]
    not_programme: tuple[str, ...]
    programme_followup_words: tuple[str, ...]
    total_words: tuple[str, ...]
    total_followup_words: tuple[str, ...]  # 'Còn tổng kinh phí thì sao?': the total, not the earlier programme
    measures_in_text: dict[str, tuple[str, ...]]  # measure → patterns, in order of precedence
    measures_before_amount: dict[str, tuple[str, ...]]
    unnamed_measure_preference: tuple[str, ...]
    measure_stands_in: dict[str, tuple[str, ...]]  # a measure asked → those that answer when no record states it
    ratio_patterns: tuple[str, ...]
    measure_followup_words: tuple[str, ...]
    number_words: dict[str, int]
    period_number_words: tuple[str, ...]
    period_number_words_en: tuple[str, ...]
    half_year: tuple[str, ...]
    to_date: tuple[str, ...]
    full_year: str
    whole_year: tuple[str, ...]
    period_followup_words: tuple[str, ...]
    figure_units: tuple[str, ...]
    normal_unit: dict[str, str]
    counted_units: tuple[str, ...]
    people_counted: tuple[str, ...]  # "bao nhiêu người" is stated in members, delegates, staff …
    money_units: tuple[str, ...]
    money_words: tuple[str, ...]
    count_asked: dict[str, str]
    addressed_to_assistant: tuple[str, ...]
    honorifics: tuple[str, ...] = ()  # "ông", "đồng chí": a person's name follows
    surnames: tuple[str, ...] = ()  # family names: a person's name begins with one
    offices: tuple[str, ...] = ()  # "giám đốc", "cục trưởng": titles whose holder a question may ask
    levels: tuple[str, ...] = ()  # "tỉnh", "bộ": the tier a rule is for, named after "cấp"
    page_header_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "number" → ("so_hieu", …)

    def document_type(self, name: str | None) -> str | None:
        """The canonical spelling of a type name in any case ("NGHỊ ĐỊNH" → "Nghị định")."""
        if not name:
            return None
        folded = fold(name)
        return next((t.name for t in self.document_types if fold(t.name) == folded), None)

    def names_type(self, asked: str, doc_type: str) -> bool:
        """Does a question's type name `asked` cover a document of `doc_type`?"""
        if fold(asked) == fold(doc_type):
            return True
        return any(t.name == doc_type and t.kind_of == asked for t in self.document_types)

    @cached_property
    def _types_by_code(self) -> dict[str, str]:
        """Each type code, with Đ as D, → its type (the first type listing it)."""
        by_code: dict[str, str] = {}
        for t in self.document_types:
            for c in t.codes:
                by_code.setdefault(c.replace("Đ", "D"), t.name)
        return by_code

    def type_of_code(self, code: str) -> str | None:
        """The type a number's code names: "NĐ" and "ND" alike (a keyboard without Đ)."""
        return self._types_by_code.get(code.replace("Đ", "D"))

    def type_of_english(self, word: str) -> str | None:
        return next((t.name for t in self.document_types if fold(word) in t.english), None)

    def type_names(self, questions_only: bool = False) -> tuple[str, ...]:
        return tuple(t.name for t in self.document_types if t.in_questions or not questions_only)

    def primacy(self, doc_type: str | None) -> float:
        return next((t.primacy for t in self.document_types if t.name == doc_type), 0.0)

    def browse_order(self, doc_type: str | None) -> int:
        return next((t.browse_order for t in self.document_types if t.name == doc_type), 9)


def _read(directory: Path, name: str) -> Any:
    return json.loads((directory / name).read_text(encoding="utf-8"))


def _low(items: list[str]) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", x).lower() for x in items)


@lru_cache(maxsize=4)
def vocabulary(directory: Path = KNOWLEDGE_DIR) -> Vocabulary:
    types = _read(directory, "document_types.json")
    glossary = _read(directory, "glossary.json")
    regions = _read(directory, "regions.json")
    boiler = _read(directory, "boilerplate.json")
    words = _read(directory, "vocabulary.json")
    provinces: dict[str, str] = {}
    for members in regions["regions"].values():
        for province in members:
            provinces[fold(province)] = province
    for province, aliases in regions.get("province_aliases", {}).items():
        for alias in aliases:
            provinces[fold(alias)] = province
    programmes = words["programmes"]
    measures = words["measures"]
    periods = words["periods"]
    units = words["units"]
    return Vocabulary(
        document_types=tuple(DocumentType(t["name"], tuple(t["codes"]), tuple(t["english"]), t["in_questions"],
                                          t["primacy"], t["browse_order"], t.get("kind_of"))
                             for t in types["types"]),
        issuer_codes=tuple(types["issuer_codes"]),
        groups=tuple(AliasGroup(g[0], tuple(g)) for g in glossary["groups"]),
        english_terms={fold(k): v for k, v in glossary.get("terms_en", {}).items()},
        regions={k: tuple(v) for k, v in regions["regions"].items()},
        region_patterns={k: tuple(fold(p) for p in v) for k, v in regions["region_patterns"].items()},
        country_patterns=tuple(fold(p) for p in regions["country_patterns"]),
        provinces=provinces,
        boilerplate=Boilerplate(_low(boiler["end_markers"]), _low(boiler["line_prefixes"]),
                                frozenset(_low(boiler["chrome_lines"])), _low(boiler["caption_markers"])),
        index_stopwords=frozenset(words["stopwords"]["index"]),
        weak_words=frozenset(words["stopwords"]["weak"]),
        heading_connectives=frozenset(words["stopwords"]["heading_connectives"]),
        question_particles=frozenset(words["stopwords"]["question_particles"]),
        question_frame=frozenset(words["stopwords"]["question_frame"]),
        subject_connectives=frozenset(words["stopwords"]["subject_connectives"]),
        programmes={code: Programme(code, p["label"], tuple(p["patterns"]))
                    for code, p in programmes.items() if isinstance(p, dict) and "label" in p},
        not_programme=tuple(programmes["not_programme"]),
        programme_followup_words=tuple(programmes["followup_words"]),
        total_words=tuple(programmes["total_words"]),
        total_followup_words=tuple(programmes["total_followup_words"]),
        measures_in_text={k: tuple(v) for k, v in measures["in_text"].items()},
        measures_before_amount={k: tuple(v) for k, v in measures["before_amount"].items()},
        unnamed_measure_preference=tuple(measures["unnamed_preference"]),
        measure_stands_in={k: tuple(v) for k, v in measures["stands_in"].items()},
        ratio_patterns=tuple(measures["ratio"]),
        measure_followup_words=tuple(measures["followup_words"]),
        number_words=dict(periods["number_words"]),
        period_number_words=tuple(periods["in_periods"]),
        period_number_words_en=tuple(periods["in_periods_en"]),
        half_year=tuple(periods["half_year"]),
        to_date=tuple(periods["to_date"]),
        full_year=periods["full_year"],
        whole_year=tuple(periods["whole_year"]),
        period_followup_words=tuple(periods["followup_words"]),
        figure_units=tuple(units["figure"]),
        normal_unit=dict(units["normal"]),
        counted_units=tuple(units["counted"]),
        people_counted=tuple(units["people"]),
        money_units=tuple(units["money"]),
        money_words=tuple(units["money_words"]),
        count_asked=dict(units["count_asked"]),
        addressed_to_assistant=tuple(words["addressed_to_assistant"]["patterns"]),
        honorifics=tuple(words["people"]["honorifics"]),
        surnames=tuple(words["people"]["surnames"]),
        offices=tuple(words["people"]["offices"]),
        levels=tuple(words["levels"]["after_cap"]),
        page_header_keys={k: tuple(v) for k, v in words["page_header_keys"].items() if not k.startswith("_")},
    )
