"""Documents → chunks, the units that are indexed, retrieved and quoted.

Legal text is chunked by article so that a citation names one article; an article
longer than MAX_CHARS is split at clause boundaries ("1.", "2." …) and keeps its
heading. An article that holds a whole programme in Roman-numbered parts ("I. MỤC TIÊU",
"II. NỘI DUNG" — a decision's Điều 1) is split by part first, each chunk's heading
naming its part. News is chunked by paragraph, long paragraphs by a few sentences, with the
headline as heading.
"""
from __future__ import annotations

import hashlib
import re

from .model import Chunk, Document, Section, document_name, locator
from .sentences import split_sentences

MAX_CHARS = 1500
TARGET_CHARS = 900
_CLAUSE = re.compile(r"^(\d+)\.\s")
_PART = re.compile(r"^([IVXLC]+)\.\s+\S")
_SPACE = re.compile(r"\s+")


def chunk_id(source: str, position: int) -> str:
    return f"{hashlib.sha1(source.encode('utf-8')).hexdigest()[:12]}-{position:04d}"


def _named_type(section: Section) -> str | None:
    """A document without a number is named by its type and title: "Luật Cư trú"."""
    if section.doc_number or not section.doc_title:
        return section.doc_type
    return f"{section.doc_type or ''} {section.doc_title}".strip()


def legal_locator(section: Section, clause: str | None = None) -> str:
    return locator(section.article or "", _named_type(section), section.doc_number, clause_range=clause)


def legal_document_title(section: Section) -> str:
    parts = [section.doc_type, section.doc_number, section.doc_title]
    return " ".join(p for p in parts if p) or "Văn bản pháp luật"


def _document_year(section: Section) -> int | None:
    for date in (section.issued_date, section.effective_date):
        if date:
            return int(date[-4:])
    if section.doc_number:
        match = re.search(r"/(\d{4})/", section.doc_number)
        if match:
            return int(match.group(1))
    return None


def _group_clauses(paragraphs: tuple[str, ...]) -> list[tuple[str | None, list[str]]]:
    """Paragraph groups of about TARGET_CHARS, cut only where a clause starts."""
    groups: list[tuple[list[str], list[str]]] = []  # (clause numbers, paragraphs)
    size = 0
    for para in paragraphs:
        clause = _CLAUSE.match(para)
        start_new = not groups or (clause and size >= TARGET_CHARS) or size + len(para) > MAX_CHARS * 2
        if start_new:
            groups.append(([], []))
            size = 0
        numbers, paras = groups[-1]
        if clause:
            numbers.append(clause.group(1))
        paras.append(para)
        size += len(para) + 1
    labelled = []
    for numbers, paras in groups:
        label = None
        if numbers:
            label = numbers[0] if numbers[0] == numbers[-1] else f"{numbers[0]}-{numbers[-1]}"
        labelled.append((label, paras))
    return labelled


def _groups(section: Section) -> list[tuple[str | None, str | None, list[str]]]:
    """(part heading, clause range, paragraphs) of the chunks of one section."""
    if len(section.text) <= MAX_CHARS:
        return [(None, None, list(section.paragraphs))]
    starts = [i for i, p in enumerate(section.paragraphs) if _PART.match(p)]
    if len(starts) < 2:
        groups = _group_clauses(section.paragraphs)
        return [(None, None, groups[0][1])] if len(groups) == 1 else [(None, c, p) for c, p in groups]
    out: list[tuple[str | None, str | None, list[str]]] = []
    if starts[0] > 0:
        out.append((None, None, list(section.paragraphs[:starts[0]])))
    for a, b in zip(starts, starts[1:] + [len(section.paragraphs)]):
        part = section.paragraphs[a]
        groups = _group_clauses(section.paragraphs[a:b])
        out += [(part, None if len(groups) == 1 else c, p) for c, p in groups]
    return out


def _legal_chunks(doc: Document) -> list[Chunk]:
    chunks = []
    position = 0
    for section in doc.sections:
        if not section.paragraphs:
            continue
        for part, clause, paras in _groups(section):
            if section.article:
                heading, where = f"Điều {section.article}. {section.title}".strip(), legal_locator(section, clause)
                if part:
                    heading, where = f"{heading} — {part}", f"{where} (mục {part.split('.')[0]})"
            else:  # the preamble, the signature block, an annex: named by what they are
                heading = section.title
                where = f"{section.title} {document_name(_named_type(section), section.doc_number)}".strip()
            chunks.append(Chunk(
                id=chunk_id(doc.source, position), source=doc.source, text="\n".join(paras),
                heading=heading, locator=where,
                title=legal_document_title(section), kind="legal",
                doc_number=section.doc_number, doc_type=section.doc_type,
                article=section.article, clause=clause if section.article else None,
                chapter=section.chapter,
                effective_date=section.effective_date, year=_document_year(section),
                label=section.label, references=section.references, position=position,
                issuer=section.issuer, issued_date=section.issued_date, signer=section.signer))
            position += 1
    return chunks


def _news_chunks(doc: Document) -> list[Chunk]:
    chunks = []
    position = 0
    for section in doc.sections:
        pieces: list[str] = []
        pending_heading = ""
        for para in _join_lead_ins(section.paragraphs):
            if len(para) < 90 and not para.rstrip().endswith((".", "!", "?", ";", ":")):
                # a sub-heading travels with what follows (several in a row, all of them)
                pending_heading = f"{pending_heading}\n{para}" if pending_heading else para
                continue
            if pending_heading:
                para = f"{pending_heading}\n{para}"
                pending_heading = ""
            if len(para) <= TARGET_CHARS:
                pieces.append(para)
                continue
            window = ""
            for sentence in split_sentences(para):
                if window and len(window) + len(sentence) > TARGET_CHARS * 0.7:
                    pieces.append(window)
                    window = ""
                window = f"{window} {sentence}".strip()
            if window:
                pieces.append(window)
        if pending_heading:
            pieces.append(pending_heading)
        for piece in pieces:
            chunks.append(Chunk(
                id=chunk_id(doc.source, position), source=doc.source, text=piece,
                heading=doc.title, locator=f"{doc.title} (tin bài)", title=doc.title,
                kind=doc.kind, position=position))
            position += 1
    return chunks


def _join_lead_ins(paragraphs: tuple[str, ...]) -> list[str]:
    """A paragraph announcing a list ("… 4 vấn đề sau:") keeps its items with it."""
    joined: list[str] = []
    for para in paragraphs:
        last = joined[-1].rstrip() if joined else ""
        if last.endswith((":", ";")) and ":" in last and len(last) + len(para) < MAX_CHARS:
            joined[-1] = f"{last}\n{para}"
        else:
            joined.append(para)
    return joined


def chunk_document(doc: Document) -> list[Chunk]:
    """The chunks of a document; every sentence of it lands in exactly one (checked)."""
    chunks = _legal_chunks(doc) if doc.kind == "legal" else _news_chunks(doc)
    check_complete(doc, chunks)
    return chunks


class IncompleteChunking(ValueError):
    """A sentence of the document is in no chunk: indexing it would lose text."""


def check_complete(doc: Document, chunks: list[Chunk]) -> None:
    """Every sentence of every section, in reading order, is found once in the chunks,
    in the same order. Raises IncompleteChunking naming the first one that is not.
    Spacing is not compared: the sentence splitter puts a space after "1." in "1.Tổ chức"
    (OCR text), which is not a loss."""
    texts = [_SPACE.sub("", c.text) for c in chunks]
    at, offset = 0, 0
    for section in doc.sections:
        for paragraph in section.paragraphs:
            for shown in split_sentences(paragraph):
                sentence = _SPACE.sub("", shown)
                while at < len(texts) and texts[at].find(sentence, offset) < 0:
                    at, offset = at + 1, 0
                if at == len(texts):
                    raise IncompleteChunking(f"{doc.source}: câu không nằm trong đoạn nào: “{shown[:120]}”")
                offset = texts[at].find(sentence, offset) + len(sentence)
