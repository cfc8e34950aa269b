"""Candidate answer units of retrieved passages.

A unit is a sentence (news), a clause with its points, a point or an indented item
(legal), or one part of a long sentence cut at ";" — each keeps what precedes it as
context, because "Trong đó: … 27,6 tỷ đồng" takes its year from the sentence it
follows. Units are scored by `ranker.UnitRanker`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.model import locator
from ingest.sentences import split_sentences
from ingest.untrusted import addressed_to_assistant
from ingest.vocabulary import alternation, vocabulary

from ..retrieve import Hit
from .records import Citation, citation_of

AMOUNT = re.compile(r"\d+(?:[.,]\s?\d+)*(?:/\d+(?:[.,]\d+)*)?\s*(?:"
                    + alternation(vocabulary().counted_units) + ")")
POINT = re.compile(r"^[a-zđ]\)\s")
CLAUSE = re.compile(r"^\d+\.\s")
_DASH = re.compile(r"^[-+•]\s")
_ITEM_MARK = re.compile("|".join(p.pattern for p in (CLAUSE, POINT, _DASH)))  # any list marker
ITEMS_LIMIT = 1200  # characters of a lead and the items it introduces, quoted together
_NUMBER = r"(?:\d+(?:[.,/]\d+)*|" + alternation(list(vocabulary().number_words)) + r")"


def counts(text: str, counted: str) -> bool:
    """Does `text` state a number of `counted` ("07 hoặc 09 thành viên", "hai Phó Giám đốc")?"""
    # "10 người lao động"; "bao nhiêu người" is stated in members, delegates, staff ("07 thành viên")
    nouns = vocabulary().people_counted if counted == "người" else (counted,)
    return re.search(rf"(?<!\w){_NUMBER}(?:\s+(?:hoặc|đến|tới|và|-|–)\s+{_NUMBER})?\s+(?:người\s+)?"
                     rf"(?:{'|'.join(map(re.escape, nouns))})(?!\w)", text, re.IGNORECASE) is not None


def enumerates(unit: Unit, counted: str) -> bool:
    """Does the unit introduce a list of `counted` — named just before its colon ("… được phân theo
    các nhóm như sau:") or opening its items ("1. Nhóm …", "2. Nhóm …")? Its items are the count:
    "mấy nhóm" is answered by the list that holds them, not by a list of something else whose
    lead happens to name the word ("Sau khi thẩm định cấp Bộ, … hồ sơ gồm:")."""
    whole = with_items(unit)
    if whole is unit:
        return False
    word = rf"(?<!\w){re.escape(counted)}(?!\w)"
    items = [_ITEM_MARK.sub("", item.strip()) for item in whole.text[len(unit.text):].strip().split("\n")
             if _marker(item.strip())]
    lead_names = re.search(rf"{word}(?:\W+\w+){{0,3}}\W*:$", unit.text.rstrip(), re.IGNORECASE) is not None
    items_name = sum(1 for item in items if re.match(word, item, re.IGNORECASE)) >= 2
    return len(items) >= 2 and (lead_names or items_name)


def counted_in(unit: Unit, counted: str) -> bool:
    """A number of `counted` stated in the unit, or a list of them it introduces."""
    return counts(unit.text, counted) or enumerates(unit, counted)


@dataclass(frozen=True)
class Unit:
    text: str
    context: str  # what precedes it in its paragraph
    hit: Hit
    rank: int  # of its passage among the retrieved ones
    score: float = 0.0
    coverage: float = 0.0
    slot_ok: bool = True  # no slot of a figure question (year, programme, scope) contradicts it
    features: tuple[tuple[str, float], ...] = ()  # what the ranker measured (unit_features.py)


def _legal_units(hit: Hit, rank: int, paragraphs: list[str]) -> list[Unit]:
    """Clauses with their points, and each point with its clause as context."""
    units: list[Unit] = []
    clause: list[str] = []  # the current clause: lead + its points and dashes

    def flush() -> None:
        if not clause:
            return
        whole = "\n".join(clause)
        lead = clause[0]
        if len(whole) <= 1400 or len(clause) == 1:
            units.append(Unit(whole, "", hit, rank))
        point: list[str] = []
        for para in clause[1:] + [None]:
            if para is None or POINT.match(para):
                if point:
                    units.append(Unit("\n".join(point), lead, hit, rank))
                point = [para] if para else []
                continue
            if _DASH.match(para):  # an indented item: its own unit, its point and clause as context
                units.append(Unit(para, f"{lead} {point[0] if point else ''}".strip(), hit, rank))
            if point:
                point.append(para)
            elif not _DASH.match(para):
                units.append(Unit(para, lead, hit, rank))
        for para in clause:  # single sentences of long paragraphs, the clause as context
            if len(para) > 200:
                sentences = split_sentences(para)
                if len(sentences) > 1:
                    units.extend(Unit(sentence, lead if para is not lead else "", hit, rank)
                                 for sentence in sentences)

    for para in paragraphs:
        if CLAUSE.match(para) or not clause:
            flush()
            clause = [para]
        else:
            clause.append(para)
    flush()
    return units


def units_of(hit: Hit, rank: int) -> list[Unit]:
    """Candidate answer units of one passage, each with its preceding context; text
    addressed to an assistant is never a candidate (documents are data)."""
    return [u for u in _units_of(hit, rank) if not addressed_to_assistant(u.text)]


def _units_of(hit: Hit, rank: int) -> list[Unit]:
    paragraphs = [p for p in hit.chunk.text.split("\n") if p.strip()]
    if hit.chunk.kind == "legal":
        return _legal_units(hit, rank, paragraphs)
    units: list[Unit] = []
    for para in paragraphs:
        previous: list[str] = []
        for sentence in split_sentences(para):
            context = " ".join(previous[-2:])
            units.append(Unit(sentence, context, hit, rank))
            parts = _split_long(sentence)
            if len(parts) > 1:
                for j, part in enumerate(parts):
                    units.append(Unit(part, f"{context} {' '.join(parts[:j])}".strip(), hit, rank))
            previous.append(sentence)
    return units


def _split_long(sentence: str) -> list[str]:
    """Cut a long sentence at ';' and 'Trong đó:' into verbatim parts."""
    if len(sentence) < 200:
        return [sentence]
    pieces = re.split(r"(?<=;)\s+|(?<=\.)\s+(?=Trong đó)|(?<=Trong đó:)\s+", sentence)
    return [p.strip() for p in pieces if len(p.strip()) > 20]


def _marker(paragraph: str) -> int:
    """How deep a paragraph's list marker is: 0 none, 1 "1.", 2 "a)", 3 "-"."""
    for depth, pattern in enumerate((CLAUSE, POINT, _DASH), 1):
        if pattern.match(paragraph):
            return depth
    return 0


def with_items(unit: Unit, limit: int = ITEMS_LIMIT) -> Unit:
    """A unit that ends in ":" ("… phải đảm bảo các nguyên tắc sau:") quoted with the items it
    introduces — the paragraphs after it marked deeper than it ("1.", "a)", "-") — verbatim
    from its passage, up to `limit` characters; otherwise the unit as it is. A list's lead
    alone does not say what the list holds."""
    text = unit.text.rstrip()
    body = unit.hit.chunk.text
    start = body.find(text)
    if not text.endswith(":") or start < 0:
        return unit
    lead = text.split("\n")[0].strip()
    depth = _marker(lead)
    end = start + len(text)
    if body[end:].split("\n", 1)[0].strip():  # the lead does not end its paragraph
        return unit
    last = end
    for match in re.finditer(r"[^\n]+", body[end:]):
        paragraph = match.group(0).strip()
        if not paragraph:
            continue
        if _marker(paragraph) <= depth or end + match.end() - start > limit:
            break
        last = end + match.end()
    return unit if last == end else replace(unit, text=body[start:last])


def precise_locator(unit: Unit) -> str:
    """"Điểm b khoản 1 Điều 10 …" when the quote is one clause or point of an article."""
    c = unit.hit.chunk
    if c.kind != "legal" or not c.article:
        return c.locator
    clause = CLAUSE.match(unit.text) or CLAUSE.match(unit.context)
    point = POINT.match(unit.text)
    return locator(c.article, c.cited_type, c.doc_number,
                   clause=clause.group(0).split(".")[0] if clause else None,
                   point=point.group(0)[0] if clause and point else None)


def build_citation(n: int, unit: Unit) -> Citation:
    return citation_of(n, unit.hit.chunk, unit.text, precise_locator(unit))
