"""Read a file of any supported format into clean Unicode (NFC) text.

Vietnamese arrives in many shapes: decomposed accents from PDFs and Macs, cp1258
or UTF-16 files, and old TCVN3/VNI font encodings that look like Latin-1 garbage.
Everything that is not clean Vietnamese Unicode either gets decoded properly or is
refused with a message that tells the user what to do.
"""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
MAX_FILE_BYTES = 20 * 1024 * 1024  # one limit for every way a file arrives (CLI, app, API)


class LoadError(Exception):
    """A file that cannot be turned into text; the message is for the user."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def check_size(path: Path) -> None:
    """Refuse a file over the limit before reading a byte of it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"{path}: không đọc được tệp ({exc.strerror or exc})") from exc
    if size > MAX_FILE_BYTES:
        raise LoadError(f"{path.name}: tệp quá lớn ({size / 1024 / 1024:.1f} MB; giới hạn "
                        f"{MAX_FILE_BYTES // 1024 // 1024} MB mỗi tệp) — hãy tách thành nhiều tệp nhỏ hơn")


def load_text(path: Path) -> str:
    """Text of `path` (any supported format), NFC-normalised; LoadError if not possible."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"{path.name}: định dạng '{suffix or '(không có)'}' không được hỗ trợ "
                        f"(hỗ trợ: {', '.join(SUPPORTED)})")
    check_size(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: không đọc được tệp ({exc.strerror or exc})") from exc
    if suffix == ".docx":
        text = _docx_text(path, data)
    elif suffix == ".pdf":
        text = _pdf_text(path, data)
    else:
        text = decode_bytes(data, path.name)
        if suffix in (".html", ".htm"):
            text = html_text(text)
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    check_legacy_encoding(text, path.name)
    if not text.strip():
        raise LoadError(f"{path.name}: tệp không có nội dung văn bản")
    return text


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else the detected charset."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise LoadError(f"{name}: tệp nhị phân, không phải văn bản")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # TCVN3/VNI files are single-byte: seen as Latin-1 they show their tell-tale marks.
    check_legacy_encoding(data.decode("latin-1"), name)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError(f"{name}: không nhận diện được bảng mã; hãy lưu lại tệp dạng UTF-8")
    return str(best)


# Characters that Vietnamese text in TCVN3 (ABC) or VNI fonts shows when read as
# Latin-1/cp1252: they never occur in real Vietnamese Unicode prose.
_TCVN3_MARKS = re.compile(r"[®×Þ¬µ¸¶·¹¨©ª«¦§¤¥£¢¡ß]")
_VNI_MARKS = re.compile(r"[aeouyAEOUY][øùûõïâ]|ö|ñ|Ñ|[ôÔ][ùøûõ]")
_VIET = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def check_legacy_encoding(text: str, name: str) -> None:
    """Refuse TCVN3/VNI text instead of indexing it as garbage."""
    sample = text[:20000]
    letters = sum(ch.isalpha() for ch in sample) or 1
    viet = len(_VIET.findall(sample))
    tcvn = len(_TCVN3_MARKS.findall(sample))
    vni = len(_VNI_MARKS.findall(sample))
    if tcvn / letters > 0.02 and tcvn > viet:
        raise LoadError(f"{name}: văn bản dùng bảng mã cũ TCVN3 (ABC); hãy chuyển sang Unicode "
                        "(ví dụ bằng UniKey → Công cụ chuyển mã) rồi thêm lại")
    if vni / letters > 0.02 and vni > viet:
        raise LoadError(f"{name}: văn bản dùng bảng mã cũ VNI; hãy chuyển sang Unicode "
                        "(ví dụ bằng UniKey → Công cụ chuyển mã) rồi thêm lại")


def html_text(html: str) -> str:
    """Visible text of an HTML page, one block per line, page chrome removed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header", "aside",
                     "form", "iframe", "svg", "button"]):
        tag.decompose()
    blocks = []
    for el in soup.find_all(["title", "h1", "h2", "h3", "h4", "p", "li", "td", "div", "pre"]):
        if el.find(["p", "li", "div", "h1", "h2", "h3", "h4", "table", "pre"]):
            continue
        line = " ".join(el.get_text(" ", strip=True).split())
        if line:
            blocks.append(line)
    if not blocks:
        return soup.get_text("\n")
    return "\n\n".join(blocks)


def _docx_text(path: Path, data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken zips
        raise LoadError(f"{path.name}: tệp .docx bị hỏng hoặc không đúng định dạng ({exc})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(lines)


def _pdf_text(path: Path, data: bytes) -> str:
    """Layout-aware text (pdfplumber): lines in reading order, a blank line where the
    vertical gap says a paragraph ends, tables as "cell | cell" rows. AES-encrypted
    files with an empty password (they open in any reader) are read; a file that
    needs a password is refused with what to do."""
    import logging

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            pages = [_pdf_page_text(page) for page in pdf.pages]
    except Exception as exc:
        if _caused_by(exc, PDFPasswordIncorrect):
            raise LoadError(f"{path.name}: PDF được bảo vệ bằng mật khẩu; hãy mở bằng mật khẩu, lưu một bản "
                            "không đặt mật khẩu rồi thêm lại") from exc
        raise LoadError(f"{path.name}: tệp PDF bị hỏng hoặc không đọc được ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        raise LoadError(f"{path.name}: PDF không có lớp chữ (có thể là bản quét); cần OCR trước")
    return text


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _pdf_page_text(page: Any) -> str:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def in_table(line: dict[str, Any]) -> bool:
        return any(x0 - 1 <= line["x0"] and line["x1"] <= x1 + 1 and top - 1 <= line["top"] <= bottom + 1
                   for x0, top, x1, bottom in boxes)

    items: list[tuple[float, float, str]] = []  # (top, bottom, text)
    for line in page.extract_text_lines():
        if not in_table(line):
            items.append((line["top"], line["bottom"], line["text"]))
    for table in tables:
        rows = [" | ".join((cell or "").replace("\n", " ").strip() for cell in row) for row in table.extract()]
        items.append((table.bbox[1], table.bbox[3], "\n".join(r for r in rows if r.strip(" |"))))
    items.sort(key=lambda item: item[0])
    gaps = sorted(b[0] - a[1] for a, b in zip(items, items[1:]) if b[0] > a[1])
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    lines: list[str] = []
    for i, (top, _, text) in enumerate(items):
        if i and top - items[i - 1][1] > max(1.5 * usual, usual + 2):
            lines.append("")  # a paragraph break: more space than between the lines of one
        lines.append(text)
    return "\n".join(lines)
