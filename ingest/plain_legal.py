"""Vietnamese legal documents in their ordinary published layout (decrees, decisions,
resolutions, circulars, laws, the Constitution) → sections that keep every line:

* the **preamble** — issuing body, `Số: …` / `Luật số: …`, "Hà Nội, ngày … tháng … năm …",
  the type and title, the `Căn cứ …` lines — one section, so that "ký ngày nào", "căn cứ
  nghị định nào" are answered from the document's own words;
* the **articles** (`Điều 5.` / `Điều 5:` / `Điều 5` alone, as in the Constitution) under
  their Phần / Chương / Mục / Tiểu mục, which are context, never article text;
* the **signature block** (`Nơi nhận`, `TM. CHÍNH PHỦ`, `KT. BỘ TRƯỞNG`, the signer) — its
  own section, never the end of the last article;
* **annexes** (`PHỤ LỤC I …`), each its own section.

Every section carries the document's number, type, title, issuing body, date and signer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .markdown import page_header_fields
from .model import Document, Section
from .patterns import DATE_NUMERIC, DATE_WORDS, DOC_NUMBER, DOC_TYPE, doc_type_of, normalise_date
from .vocabulary import vocabulary

ARTICLE = re.compile(r"^\s*Điều\s+(\d+[a-zđ]?)\s*(?:[.:]\s*(.*)|$)")
PART = re.compile(r"^\s*(Phần\s+(?:thứ\s+\w+|[IVXLC]+|\d+))\b\.?\s*(.*)$", re.IGNORECASE)
CHAPTER = re.compile(r"^\s*(Chương\s+[IVXLC\d]+)\b\.?\s*(.*)$", re.IGNORECASE)
SECTION = re.compile(r"^\s*(Mục\s+\d+)\b\.?\s*(.*)$", re.IGNORECASE)
SUBSECTION = re.compile(r"^\s*(Tiểu mục\s+\d+)\b\.?\s*(.*)$", re.IGNORECASE)
ANNEX = re.compile(r"^\s*(PHỤ LỤC|Phụ lục)(\s+[IVXLC\d]+)?\s*[.:]?\s*$")
# a number has digits: "Số hiệu" alone (a table cell) is no number
NUMBER_LINE = re.compile(r"^\s*(?:Bộ luật số|Luật số|Số hiệu|Số)\s*:?\s*(\S*\d\S*)", re.IGNORECASE)
PLACE_DATE = re.compile(r"^(.{2,40}?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
MOTTO = re.compile(r"^(cộng h[òo]a xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc|[-_=*.\s]+)$",
                   re.IGNORECASE)
ENACTING = re.compile(r"^(QUYẾT ĐỊNH|NGHỊ QUYẾT|QUYẾT NGHỊ|NGHỊ ĐỊNH|THÔNG TƯ)\s*:$")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
SIGN_ROLE = re.compile(r"^(?:(?:TM|KT|TL|TUQ|Q)\.\s*\S.*|(?:PHÓ\s+)?(?:THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH"
                       r"(?: QUỐC HỘI| NƯỚC)?|CHỦ NHIỆM|TỔNG KIỂM TOÁN NHÀ NƯỚC|CHÁNH ÁN|VIỆN TRƯỞNG|THỐNG ĐỐC|"
                       r"TỔNG THƯ KÝ)(?:\s+CHÍNH PHỦ)?)$")
PASSED = re.compile(r"^(?:Bộ luật|Luật|Hiến pháp|Nghị quyết|Pháp lệnh) này (?:đã )?được .{0,200}thông qua",
                    re.IGNORECASE)
SIGNED = re.compile(r"^\(?\s*đã ký\s*\)?$", re.IGNORECASE)
NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")


def is_upper_line(line: str) -> bool:
    return any(ch.isalpha() for ch in line) and line == line.upper()


@dataclass(frozen=True)
class Header:
    issuer: str | None
    number: str | None
    doc_type: str | None
    title: str | None
    issued_date: str | None
    place: str | None
    preamble: tuple[str, ...]  # every header line kept, in order


def read_header(lines: list[str]) -> Header:
    """The lines before the first heading of the body."""
    issuer_lines: list[str] = []
    number = doc_type = title = issued = place = None
    title_lines: list[str] = []
    state = "issuer"
    for line in lines:
        cells = [c.strip() for c in re.split(r"\s*\|\s*|\t| {3,}", line) if c.strip()]  # two-column headers
        for cell in cells:
            number_match = NUMBER_LINE.match(cell)
            date_match = PLACE_DATE.match(cell)
            type_match = DOC_TYPE.fullmatch(cell)
            if MOTTO.match(cell):
                state = "after-issuer" if state == "issuer" else state
            elif number_match and number is None:
                found = DOC_NUMBER.search(cell)
                number = found.group(0) if found else number_match.group(1).rstrip(".,;")
                state = "after-issuer"
            elif date_match and issued is None:
                place, issued = date_match.group(1).strip(), normalise_date(*date_match.group(2, 3, 4))
            elif type_match and cell.isupper() and doc_type is None:
                doc_type = vocabulary().document_type(type_match.group(0))
                state = "title"
            elif state == "issuer" and is_upper_line(cell):
                issuer_lines.append(cell)
            elif state == "title":
                if cell.startswith(("Căn cứ", "Theo đề nghị")) or ENACTING.match(cell) or \
                        (title_lines and is_upper_line(cell) != is_upper_line(title_lines[-1])):
                    state = "basis"
                else:
                    title_lines.append(cell)
    if title_lines:
        joined = " ".join(title_lines)
        title = _sentence_case(joined) if joined.isupper() else joined
    if number is None or doc_type is None:  # a site's page that begins at "Điều 1": its YAML header says
        page = page_header_fields(lines, vocabulary().page_header_keys)
        page_title = page.get("title", "")
        in_title = DOC_NUMBER.search(page_title)
        written = page.get("number", "")
        number = number or (written if re.search(r"\d", written) else None) or (in_title.group(0) if in_title else None)
        doc_type = doc_type or vocabulary().document_type(page.get("type"))
        if title is None and page_title:
            title = _without_type_and_number(page_title, number)
        date = DATE_NUMERIC.search(page.get("issued", ""))
        issued = issued or (normalise_date(*date.groups()) if date else None)
    if number and not doc_type:
        doc_type = doc_type_of(number)
    preamble = tuple(x for x in lines if x and not re.fullmatch(r"[-_=*.\s]+", x))
    return Header(" ".join(issuer_lines) or None, number, doc_type, title, issued, place, preamble)


def _without_type_and_number(page_title: str, number: str | None) -> str | None:
    """"Nghị định 198/2026/NĐ-CP sửa đổi …" → "sửa đổi …": a citation names type and number itself."""
    at = page_title.find(number) if number else -1
    if at < 0:
        return page_title
    before = re.sub(r"\s+số$", "", page_title[:at].strip())  # "Thông tư số 40/2026/TT-BGDĐT"
    if before and vocabulary().document_type(before) is None:
        return page_title  # words before the number that are not its type: keep the title whole
    return page_title[at + len(number or ""):].strip(" -–:,") or None


def _sentence_case(heading: str) -> str:
    """A title set in capitals as a sentence, document numbers left as written."""
    lowered = heading[:1] + heading[1:].lower()
    for match in DOC_NUMBER.finditer(heading):
        lowered = lowered[:match.start()] + match.group(0) + lowered[match.end():]
    return lowered


def parse_ordinary(text: str, source: str) -> Document:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    start = next((i for i, line in enumerate(lines) if ARTICLE.match(line) or PART.match(line)
                  or (CHAPTER.match(line) and len(line) < 120)), len(lines))
    header = read_header(lines[:start])
    blank = Section(kind="preamble", title="Phần mở đầu", paragraphs=(), doc_number=header.number,
                    doc_type=header.doc_type, doc_title=header.title, issued_date=header.issued_date,
                    issuer=header.issuer)  # every section carries the document's metadata
    sections: list[tuple[Section, list[str]]] = []  # each section and its paragraphs, filled as lines come

    def _open(section: Section) -> list[str]:
        sections.append((section, []))
        return sections[-1][1]

    if header.preamble:
        _open(blank).extend(header.preamble)
    context: dict[str, str] = {}  # level → heading ("part", "chapter", "section", "subsection")
    current: list[str] | None = None
    pending_title: str | None = None  # a heading line whose capitals title follows on the next line
    where = "body"
    for line in lines[start:]:
        if not line:
            continue
        if where == "body" and (RECIPIENTS.match(line) or SIGN_ROLE.match(line) or PASSED.match(line)):
            where = "signature"
            current = _open(replace(blank, kind="signature", title="Nơi nhận và chữ ký"))
        annex = ANNEX.match(line)
        if annex:
            where = "annex"
            name = f"Phụ lục{annex.group(2) or ''}"
            current = _open(replace(blank, kind="annex", title=name))
            current.append(line)
            continue
        if where == "body":
            level = next(((name, m) for name, pattern in (("part", PART), ("chapter", CHAPTER),
                                                           ("section", SECTION), ("subsection", SUBSECTION))
                          if (m := pattern.match(line)) and len(line) < 120), None)
            if level:
                name, match = level
                context = {k: v for k, v in context.items() if _deeper(k, name) is False}
                context[name] = " ".join(x for x in match.groups() if x)
                pending_title = None if match.group(2) else name
                continue
            if pending_title and is_upper_line(line) and not ARTICLE.match(line):
                context[pending_title] += " " + line
                pending_title = None
                continue
            pending_title = None
            article = ARTICLE.match(line)
            if article:
                current = _open(replace(
                    blank, kind="article", title=(article.group(2) or "").strip(), article=article.group(1),
                    chapter=" · ".join(context[k] for k in _LEVELS if k in context) or None))
                continue
        if where == "body" and current is not None and not current and sections[-1][0].kind == "article" \
                and line[:1].islower() and not re.search(r"[.:;!?]$", sections[-1][0].title):
            head = sections[-1][0]  # a heading wrapped onto a second line (PDF, narrow columns)
            sections[-1] = (replace(head, title=f"{head.title} {line}".strip()), current)
            continue
        if current is None:  # text between the header and the first article (an enacting formula)
            current = _open(blank)
        current.append(line)
    # an article whose one line is its heading ("Điều 1. Ban hành kèm theo …") is its own text
    built = [replace(s, paragraphs=tuple(p) or ((s.title,) if s.kind == "article" and s.title else ()))
             for s, p in sections]
    built = [s for s in built if s.paragraphs]
    signer = _signer(built)
    issued = header.issued_date or _passed_date(built)
    effective = _effective(built, issued)
    built = [replace(s, signer=signer, effective_date=effective, issued_date=issued) for s in built]
    title = " ".join(x for x in (header.doc_type or "Văn bản", header.number, header.title) if x)
    return Document(source=source, title=title, kind="legal", sections=tuple(built))


_LEVELS = ("part", "chapter", "section", "subsection")


def _deeper(level: str, than: str) -> bool:
    return _LEVELS.index(level) > _LEVELS.index(than) or level == than


def _signer(sections: list[Section]) -> str | None:
    for section in sections:
        if section.kind == "signature":
            names = [p for p in section.paragraphs if NAME.match(p) and not SIGNED.match(p)]
            if names:
                return names[-1]
    return None


_EFFECT = re.compile(r"hiệu lực (?:thi hành )?(?:kể )?từ ngày\s+(?:(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
                     r"|(\d{1,2})/(\d{1,2})/(\d{4}))")


def _effective(sections: list[Section], issued: str | None) -> str | None:
    for section in sections:
        if section.kind != "article":
            continue
        if issued and re.search(r"hiệu lực (?:thi hành )?(?:kể )?từ ngày ký", section.text):
            return issued
        match = _EFFECT.search(section.text)
        if match:
            day, month, year = [g for g in match.groups() if g]
            return normalise_date(day, month, year)
    return None


def _passed_date(sections: list[Section]) -> str | None:
    """A law's date: the day the National Assembly passed it, in its closing line."""
    for section in reversed(sections):
        for paragraph in section.paragraphs:
            if "thông qua" in paragraph:
                match = DATE_WORDS.search(paragraph) or DATE_NUMERIC.search(paragraph)
                if match:
                    return normalise_date(*match.groups())
    return None
