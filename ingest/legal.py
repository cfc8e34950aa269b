"""Vietnamese legal texts → articles with their document, number, chapter and dates.

Two layouts are understood:

* Pháp điển topic pages: each article is headed `Điều 7.5.NĐ.12. <title>` and followed
  by its origin `(Điều 12 Nghị định số 45/2012/NĐ-CP …, có hiệu lực thi hành kể từ
  ngày …)`. The origin, not the Pháp điển label, says which document and article the
  text is. Cross-reference lists `(Điều này có nội dung liên quan đến …)` are links, a
  heading may be glued to the end of the previous line, and the trailing
  `## Danh sách điều khoản` is a table of contents (used for chapters, never indexed;
  a topic's index page, which has nothing else, is read without it: `without_contents`).
* Every other legal text is in the ordinary published layout: `ingest/plain_legal.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import Document, Section
from .patterns import DOC_NUMBER, DOC_TYPE, doc_type_of, normalise_date
from .plain_legal import CHAPTER, is_upper_line, parse_ordinary
from .vocabulary import vocabulary

_PD_LABEL = r"(\d+(?:\.\d+)*)\.([A-ZĐ]{2})\.(\d+(?:\.\d+)?)"
# "Điều 24.9.NĐ.8. Về đầu tư, tín dụng", or with no title at all ("Điều 24.9.QĐ.3.1."), ending its line
_PD_HEADING = re.compile(r"Điều\s+" + _PD_LABEL + r"\.(?:[ \t]+([^\n]*\S))?[ \t]*(?=\n|$)")
_ORIGIN = re.compile(r"\A\s*\(\s*Điều\s+(\d+[a-z]?)\s+([^()]*?)\)[ \t]*")
_CROSSREF = re.compile(r"\(Điều này có nội dung liên quan đến\s+(.*?)\)(?=\s|$|Điều|Chương)", re.DOTALL)
_TOC = re.compile(r"^##\s+Danh sách điều khoản\s*$", re.MULTILINE)
_GLUED_CHAPTER = re.compile(r"(?<=\S)(Chương\s+[IVXLC]+)\s*$", re.MULTILINE)
_PLAIN_ARTICLE = re.compile(r"^\s*Điều\s+(\d+[a-z]?)\s*[.:]\s*(.*)$")



def is_phapdien(text: str) -> bool:
    return _PD_HEADING.search(text) is not None and "(Điều " in text


def looks_legal(text: str) -> bool:
    """Pháp điển pages, or plain text with at least two `Điều N.` headings."""
    if is_phapdien(text):
        return True
    heads = sum(1 for line in text.split("\n") if _PLAIN_ARTICLE.match(line))
    return heads >= 2


@dataclass
class _Origin:
    article: str
    doc_type: str | None
    doc_number: str | None
    doc_title: str | None
    issued_date: str | None
    effective_date: str | None


def parse_origin(inner: str, article: str) -> _Origin:
    """`Nghị định số 45/2012/NĐ-CP Về khuyến công ngày 21/05/2012 …, có hiệu lực …`."""
    inner = " ".join(inner.split())
    number_match = DOC_NUMBER.search(inner)
    number = number_match.group(0) if number_match else None
    type_match = DOC_TYPE.match(inner)
    doc_type = vocabulary().document_type(type_match.group(0)) if type_match else None
    doc_type = doc_type or (doc_type_of(number) if number else None)
    title = issued = effective = None
    if number_match:
        rest = inner[number_match.end():]
        title_match = re.match(r"\s*(.*)\s*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})(?=\s+của\b|,)", rest)
        if title_match and "hiệu lực" not in title_match.group(1):
            title = title_match.group(1).strip(" ,") or None
            issued = normalise_date(*title_match.group(2, 3, 4))
    eff = re.search(r"kể từ ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", inner)
    if eff:
        effective = normalise_date(*eff.groups())
    return _Origin(article, doc_type, number, title, issued, effective)


def _toc_chapters(toc: str) -> dict[str, str]:
    """Pháp điển label → chapter heading, read from the table of contents."""
    chapters: dict[str, str] = {}
    current = None
    for line in toc.split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if CHAPTER.match(line):
            current = " ".join(line.split())
            continue
        head = _PD_HEADING.match(line)
        if head and current:
            chapters[".".join(head.group(1, 2, 3))] = current
    return chapters


def _clean_body(body: str) -> tuple[list[str], list[str]]:
    """Paragraphs of an article body, and chapter headings found in it (removed)."""
    chapters = []
    body = _GLUED_CHAPTER.sub(lambda m: "\n" + m.group(1), body)
    lines = [" ".join(line.split()) for line in body.split("\n")]
    paragraphs: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        chapter_match = CHAPTER.match(line)
        if chapter_match and len(line) < 80:
            title = chapter_match.group(2)
            j = i + 1
            while j < len(lines) and not lines[j]:
                j += 1
            if not title and j < len(lines) and is_upper_line(lines[j]):
                title, i = lines[j], j
            chapters.append(f"{chapter_match.group(1)} {title}".strip())
            i += 1
            continue
        if is_upper_line(line) and len(line.split()) >= 2 and not re.search(r"\d", line):
            chapters.append(line)  # a chapter title whose "Chương N" line was lost
            i += 1
            continue
        if not re.search(r"\.(?:docx?|pdf|xlsx?|rar|zip)$", line, re.IGNORECASE):  # attachment names
            paragraphs.append(line)
        i += 1
    return paragraphs, chapters


def parse_phapdien(text: str, source: str) -> Document:
    toc_match = _TOC.search(text)
    body_text, toc = (text[:toc_match.start()], text[toc_match.end():]) if toc_match else (text, "")
    toc_chapter = _toc_chapters(toc)
    title_match = re.search(r"^title:\s*(.+)$", text, re.MULTILINE)
    page_title = title_match.group(1).strip() if title_match else source

    # Cross-reference lists are links: remember them per position, cut them out.
    references_at: list[tuple[int, list[str]]] = []

    def _cut(match: re.Match) -> str:
        labels = [".".join(m.groups()) for m in re.finditer(_PD_LABEL, match.group(1))]
        references_at.append((match.start(), labels))
        return "\n" + " " * (len(match.group(0)) - 1)  # keep offsets stable

    body_text = _CROSSREF.sub(_cut, body_text)

    heads = []
    for match in _PD_HEADING.finditer(body_text):
        found = _ORIGIN.match(body_text, match.end() + 1) or _ORIGIN.match(body_text[match.end():])
        if found:
            heads.append((match, found))
    sections: list[Section] = []
    titles_by_number: dict[str, tuple[str | None, str]] = {}
    chapter = None
    for idx, (match, origin_match) in enumerate(heads):
        origin_end = match.end() + origin_match.end()
        end = heads[idx + 1][0].start() if idx + 1 < len(heads) else len(body_text)
        origin = parse_origin(origin_match.group(2), origin_match.group(1))
        if origin.doc_number and origin.issued_date:
            titles_by_number.setdefault(origin.doc_number, (origin.doc_title, origin.issued_date))
        paragraphs, chapters_in_body = _clean_body(body_text[origin_end:end])
        label = ".".join(match.group(1, 2, 3))
        chapter = toc_chapter.get(label, chapter)
        refs = sorted({r for pos, labels in references_at if match.start() < pos < end
                       for r in labels if r != label})
        section = Section(kind="article", title=(match.group(4) or "").strip(), paragraphs=tuple(paragraphs),
                          article=origin.article, chapter=chapter, doc_number=origin.doc_number,
                          doc_type=origin.doc_type, issued_date=origin.issued_date,
                          effective_date=origin.effective_date, label=label, references=tuple(refs),
                          origin=" ".join(origin_match.group(0).split()))
        sections.append(section)
        if chapters_in_body and not toc_chapter:
            chapter = chapters_in_body[-1]
    # short origin lines name only the number: their title and date come from a longer one
    filled = tuple(replace(s, doc_title=known[0], issued_date=known[1])
                   if (known := titles_by_number.get(s.doc_number or "")) else s for s in sections)
    return Document(source=source, title=page_title, kind="legal", sections=filled)


def without_contents(page: str) -> str:
    """A Markdown page without its `## Danh sách điều khoản`: on a topic's index page the
    table of contents is all there is of articles — truncated excerpts, each followed by a
    node id that would be read as its body —: navigation, as in a Pháp điển page."""
    toc = _TOC.search(page)
    return page[:toc.start()] if toc else page


def parse_legal(text: str, source: str) -> Document:
    return parse_phapdien(text, source) if is_phapdien(text) else parse_ordinary(text, source)
