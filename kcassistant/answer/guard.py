"""The numeric guard in front of generated answers: a rewrite is shown only when
everything it states that could be wrong — every number, date, document number
and article — stands in a passage it cites, and every sentence carries a marker
[n] of a citation that exists. A wrong number is the worst failure; "what the
model wrote" is never a source."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.patterns import DATE_NUMERIC, DATE_WORDS, DOC_NUMBER, canon_doc_number, normalise_date

from .records import Citation

MARKER = re.compile(r"\[(\d{1,3})\]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
ARTICLE = re.compile(r"\b(?:Điều|điều)\s+(\d+[a-zđ]?)\b")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
MIN_WORDS_FOR_A_CLAIM = 4  # shorter pieces ("Cụ thể:", "Trong đó:") state nothing to cite


def check(text: str, citations: Sequence[Citation]) -> list[str]:
    """What is wrong with `text` as an answer resting on `citations` (empty: nothing).
    Reasons are written for the log a reviewer reads."""
    by_n = {c.n: c for c in citations}
    reasons: list[str] = []
    used = [int(n) for n in MARKER.findall(text)]
    unknown = sorted({n for n in used if n not in by_n})
    if unknown:
        reasons.append(f"dấu trích dẫn không tồn tại: {', '.join(f'[{n}]' for n in unknown)}")
    if not used:
        reasons.append("không có dấu trích dẫn [n] nào")
    cited = [by_n[n] for n in dict.fromkeys(used) if n in by_n] or list(citations)
    support = " \n ".join(f"{c.quote}\n{c.locator}\n{c.doc_number or ''}" for c in cited)
    for sentence in _sentences(text):
        if not MARKER.search(sentence) and len(MARKER.sub("", sentence).split()) >= MIN_WORDS_FOR_A_CLAIM:
            reasons.append(f"câu không có dấu trích dẫn: “{sentence[:80]}”")
    reasons += [f"số hiệu văn bản không có trong trích dẫn: {d}" for d in _missing_doc_numbers(text, support)]
    reasons += [f"ngày không có trong trích dẫn: {d}" for d in sorted(_dates(text) - _dates(support))]
    articles = {a.lower() for a in ARTICLE.findall(support)}
    reasons += [f"điều không có trong trích dẫn: Điều {a}" for a in ARTICLE.findall(text) if a.lower() not in articles]
    reasons += [f"con số không có trong trích dẫn: {n}" for n in sorted(_numbers(text) - _numbers(support))]
    return reasons


def _sentences(text: str) -> list[str]:
    """Sentences, a marker written after the full stop ("… đồng. [1]") kept with its sentence."""
    pieces = [p.strip() for p in SENTENCE_END.split(text) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and not MARKER.sub("", piece).strip(" .,;:"):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return merged


def _numbers(text: str) -> set[str]:
    """Number tokens outside dates and document numbers (checked whole), `.` and `,`
    alike (27.6 = 27,6), leading zeros dropped (07 = 7); markers are not numbers."""
    for pattern in (MARKER, DATE_NUMERIC, DATE_WORDS, DOC_NUMBER):
        text = pattern.sub(" ", text)
    return {n.replace(".", ",").lstrip("0") or "0" for n in NUMBER.findall(text)}


def _dates(text: str) -> set[str]:
    return {normalise_date(*m.groups()) for pattern in (DATE_NUMERIC, DATE_WORDS) for m in pattern.finditer(text)}


def _missing_doc_numbers(text: str, support: str) -> list[str]:
    known = {canon_doc_number(m.group(0)) for m in DOC_NUMBER.finditer(support)}
    return [m.group(0) for m in DOC_NUMBER.finditer(text) if canon_doc_number(m.group(0)) not in known]
