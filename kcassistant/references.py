"""References a question makes to legal documents: "khoản 4 Điều 14", "Nghị định
45/2012/NĐ-CP", "Thông tư 26/2014", "Decree 45/2012/ND-CP"."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.patterns import DOC_NUMBER_FULL, canon_doc_number, doc_type_of
from ingest.vocabulary import alternation, vocabulary

from .text import fold, nfc

_VOCABULARY = vocabulary()
_QUESTION_TYPES = alternation([fold(t) for t in _VOCABULARY.type_names(questions_only=True)])
_ENGLISH_TYPES = alternation([e for t in _VOCABULARY.document_types if t.in_questions for e in t.english
                              if " " not in e])
ARTICLE_REF = re.compile(
    r"(?:(?:điểm\s+([a-zđ])\s*,?\s*)?khoản\s+(\d+)\s*,?\s*)?điều\s+(\d+[a-z]?)(?!\.\d)", re.IGNORECASE)
_CODES = alternation([c for t in _VOCABULARY.document_types if t.in_questions for c in t.codes])
_DOC_REF = re.compile(  # "Nghị định 45/2012", "decree 45", "NĐ 45/2012", "TTLT 26/2014"
    rf"(?<!\w)({_QUESTION_TYPES}|{_ENGLISH_TYPES}|{_CODES})"
    r"\s+(?:số\s+|no\.?\s*)?(\d{1,5})(?:\s*/\s*(\d{4}))?(?:/([A-ZĐa-zđ\-]+))?", re.IGNORECASE)
_ANY_TYPE = alternation([fold(t) for t in _VOCABULARY.type_names()])
_A_TYPE = re.compile(rf"(?<!\w)(?:{_ANY_TYPE})(?!\w)")
_ANY_TYPED_SHORT = re.compile(  # "Luật 24/2018", "Bộ luật 45/2019": any type, when a year follows the number
    rf"(?<!\w)({_ANY_TYPE})\s+(?:số\s+)?(\d{{1,5}})\s*/\s*(\d{{4}})(?![\d/])", re.IGNORECASE)
# numbers with no dash or no year: a law passed by the National Assembly ("45/2019/QH14"), a consolidated text
LAW_NUMBER = re.compile(r"\b\d{1,5}/(?:\d{4}/QH\d{1,2}|VBHN-[A-ZĐ]{2,10})(?![\w/])")
_TYPED_NUMBER = re.compile(rf"(?:(?:{_ANY_TYPE})\s+)?(?:số\s+)?"
                           rf"(?:{DOC_NUMBER_FULL.pattern}|{LAW_NUMBER.pattern})", re.IGNORECASE)
_TYPE_ONLY = re.compile(f"({_QUESTION_TYPES})")


@dataclass(frozen=True)
class ArticleRef:
    article: str
    clause: str | None = None
    point: str | None = None


@dataclass(frozen=True)
class DocRef:
    doc_type: str | None
    number: str | None  # "45" or the full "45/2012/NĐ-CP"
    year: str | None = None

    def matches(self, doc_number: str | None, doc_type: str | None) -> bool:
        if not doc_number:
            return False
        canon = canon_doc_number(doc_number)
        if self.number and "/" in self.number and comparable(self.number) != comparable(doc_number):
            return False
        if self.number and "/" not in self.number:
            head = canon.split("/")[0].split("-")[0]
            if head != self.number:
                return False
            if self.year and f"/{self.year}/" not in canon + "/":
                return False
        if self.doc_type and doc_type and not _VOCABULARY.names_type(self.doc_type, doc_type):
            return False
        return True


def article_ref(text: str) -> ArticleRef | None:
    match = ARTICLE_REF.search(fold(text))
    return ArticleRef(match.group(3), match.group(2), match.group(1)) if match else None


_PART_REF = re.compile(r"(?:điểm\s+([a-zđ])\b\s*,?\s*)?(?:khoản\s+(\d+)\b)?", re.IGNORECASE)


def part_ref(text: str, of: ArticleRef) -> ArticleRef | None:
    """A clause or point named without its article ("Còn khoản 4?", "điểm b thì sao?"), read as
    part of the article `of` an earlier question named; None when the text names none."""
    for match in _PART_REF.finditer(fold(text)):
        point, clause = match.group(1), match.group(2)
        if clause:
            return ArticleRef(of.article, clause, point)
        if point and of.clause:
            return ArticleRef(of.article, of.clause, point)
    return None


def written_numbers_joined(text: str) -> str:
    """Document numbers as people type them, made whole: "45 / 2012 / NĐ - CP" → "45/2012/NĐ-CP",
    "45/2012/nđ-cp" → "45/2012/NĐ-CP", "45/2012/NDCP" kept (compared without dashes)."""
    text = re.sub(r"(?<=\d)\s*/\s*(?=[\dA-Za-zĐđ])", "/", nfc(text))
    text = re.sub(r"(?<=[A-ZĐa-zđ])\s+-\s+(?=[A-ZĐa-zđ])", "-", text)
    return re.sub(r"\b\d{1,5}/(?:\d{4}/)?[a-zđA-ZĐ][\w-]*", lambda m: m.group(0).upper(), text)


def without_numbers(text: str) -> str:
    """The text without the document numbers it writes, whose issuer codes ("TTLT-BNNPTNT-BKHĐT-BTC",
    "QH14") would otherwise read as words."""
    return _TYPED_NUMBER.sub(" ", written_numbers_joined(text))


def doc_ref(text: str) -> DocRef | None:
    """The document a text names by number, in full or as "type + number (/ year)"."""
    text = written_numbers_joined(text)
    full = DOC_NUMBER_FULL.search(text)
    if full:
        return DocRef(doc_type_of(full.group(0)), full.group(0))
    law = LAW_NUMBER.search(text)
    if law:
        return DocRef(type_named(text), law.group(0))
    match = _DOC_REF.search(text) or _ANY_TYPED_SHORT.search(fold(text))
    if not match:
        return None
    kind = match.group(1)
    doc_type = (_VOCABULARY.type_of_english(kind) or _VOCABULARY.document_type(kind)
                or _VOCABULARY.type_of_code(kind.upper()))
    return DocRef(doc_type, match.group(2), match.group(3))


def names_a_type(text: str) -> bool:
    """Does a text name any type of document ("Hiến pháp", "Luật …", "Nghị định"), even one never
    read as a reference on its own?"""
    return bool(_A_TYPE.search(fold(text)))


def type_named(text: str) -> str | None:
    """A document type named without a number ("Điều 5 của Thông tư")."""
    match = _TYPE_ONLY.search(fold(text))
    return _VOCABULARY.document_type(match.group(1)) if match else None


_WORDS = re.compile(r"\w+")


def _names_in(text: str, names: dict[str, frozenset[str]]) -> list[str]:
    padded = " " + " ".join(_WORDS.findall(fold(text))) + " "
    found = [name for name in names if f" {name} " in padded]
    return [n for n in found if not any(n != m and f" {n} " in f" {m} " for m in found)]


def documents_named(text: str, names: dict[str, frozenset[str]]) -> frozenset[str]:
    """The documents (titles) a text names by name, "theo Hiến pháp", "Bộ luật dân sự
    2015"; when one name holds another ("bộ luật dân sự" ⊃ "luật dân sự"), the longer."""
    return frozenset(t for n in _names_in(text, names) for t in names[n])


_LAW_BY_NAME = re.compile(r"(?<!\w)(Bộ [Ll]uật|(?<!Bộ )Luật|Pháp lệnh)\s+(\w+)(?:\s+(\w+))?")  # capitalised: a title
_NOT_A_NAME = (_VOCABULARY.index_stopwords | _VOCABULARY.weak_words
               | {part for word in _VOCABULARY.index_stopwords for part in word.split("_")})


@dataclass(frozen=True)
class NamedLaw:
    """A law a question names by its name ("Luật Du lịch"), not by number."""
    written: str  # as the question writes it: "Luật Du Lịch"
    key: str  # folded, the type and the first words of the name, as passages cite it: "luật du lịch"


def law_not_held(text: str, names: dict[str, frozenset[str]]) -> NamedLaw | None:
    """A law the question names by name that no document of the library bears ("theo Luật
    Du lịch" in a library without it), unless it also names one the library holds. Another
    law's rule does not answer for it: only passages that name it may."""
    absent: list[NamedLaw] = []
    text = nfc(text)
    for match in _LAW_BY_NAME.finditer(text):
        kind, first, second = match.group(1), match.group(2), match.group(3)
        if fold(first) in _NOT_A_NAME or first.isdigit():
            continue  # "Luật số 59/2020/QH14" (a number), "Bộ luật này", "Luật quy định …"
        start = fold(f"{kind} {first}")
        if any(f" {start} " in f" {name} " or f" {fold(f'luật {first}')} " in f" {name} " for name in names):
            return None  # "Luật dân sự" is how people name "Bộ luật dân sự"
        words = [first] + ([second] if second and fold(second) not in _NOT_A_NAME and not second.isdigit() else [])
        name = f"{kind} {' '.join(words)}"
        more = re.match(r"\s+\w", text[match.start() + len(name):]) is not None
        absent.append(NamedLaw(name + ("…" if more else ""), fold(name).removeprefix("bộ ")))
    return absent[0] if absent else None


def naming_phrases(text: str, names: dict[str, frozenset[str]], doc: DocRef | None) -> list[str]:
    """How a text names documents the library holds — "bộ luật dân sự 2015", "Nghị định
    45/2012/NĐ-CP" —: the citation answers these words, so a quoted passage need not repeat them."""
    low = " ".join(_WORDS.findall(fold(text)))
    phrases = []
    for name in _names_in(text, names):
        year = re.search(rf"\b{re.escape(name)}\s+(?:năm\s+)?((?:19|20)\d\d)\b", low)
        phrases.append(year.group(0) if year else name)  # as written: "bộ luật dân sự năm 2015"
    if doc is not None:
        phrases.append(f"{doc.doc_type or ''} {doc.number or ''}".strip())
    return phrases


def comparable(number: str) -> str:
    """A document number compared without case, spaces, Đ/D or dashes."""
    return canon_doc_number(number).replace("-", "")


def mentions(doc: DocRef, text: str) -> bool:
    """Does `text` name the document: by its whole number, or by its type and the number's head
    alone ("Quyết định 1881 năm 2020" names 1881/QĐ-TTg; "Quyết định 1881/QĐ-BCT" does not)?"""
    if not doc.number:
        return False
    if comparable(doc.number) in comparable(text):
        return True
    head = doc.number.split("/")[0]
    return bool(doc.doc_type and head.isdigit() and re.search(
        rf"(?<!\w){re.escape(fold(doc.doc_type))}\s+(?:số\s+)?{head}(?![\d/])", fold(text)))


def _year_of(number: str) -> int | None:
    parts = number.split("/")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def _near_year(written: int | None, known: int | None) -> bool:
    """A slip of the year (one or two off, or a year added or left out); in a library of many
    documents the same number and issuer twelve years apart is another document."""
    return written is None or known is None or abs(written - known) <= 2


def resolve(ref: DocRef, known: set[str]) -> tuple[DocRef, str | None]:
    """The known document a written number means. An exact match (up to spelling) is it;
    otherwise one known document with the same number and issuer code but a year one or two
    off (or none: "26/2013/NQ-CP" for "26/NQ-CP") is it, and the note says so. Never invents."""
    if not ref.number or "/" not in ref.number:
        return ref, None
    wanted = comparable(ref.number)
    exact = [k for k in known if comparable(k) == wanted]
    if exact:
        return DocRef(ref.doc_type, exact[0]), None
    head, code = wanted.split("/")[0], wanted.split("/")[-1]
    year = _year_of(wanted)
    near = sorted(k for k in known if comparable(k).split("/")[0] == head and comparable(k).split("/")[-1] == code
                  and _near_year(year, _year_of(comparable(k))))
    if len(near) != 1:
        return ref, None
    return DocRef(ref.doc_type, near[0]), (f"Không có văn bản số {ref.number} trong tài liệu; hiểu là {near[0]} "
                                           "(cùng số và cơ quan ban hành, khác năm).")


def of_type_asked(ref: DocRef, doc_types: Mapping[str, str | None]) -> DocRef:
    """A short reference ("TT 13/2014") that fits one document of the very type it names and
    others only as a kind of it ("Thông tư liên tịch 13/2014/TTLT-…") means the one of its type."""
    if not ref.doc_type or not ref.number or "/" in ref.number:
        return ref
    fitting = [number for number, doc_type in doc_types.items() if ref.matches(number, doc_type)]
    exact = [number for number in fitting if fold(doc_types[number] or "") == fold(ref.doc_type)]
    return DocRef(ref.doc_type, exact[0]) if len(exact) == 1 and len(fitting) > 1 else ref
