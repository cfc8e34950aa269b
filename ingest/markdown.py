"""Markdown pages of legal documents (a YAML header, `### Điều 1.` headings, `**bold**`)
read as the plain layout the legal parsers know. Nothing is dropped: the header's
lines stay as text of the preamble; only the marks go."""
from __future__ import annotations

import re

_FIELD = re.compile(r"^\s*([^\W\d][\w ]{0,30}?)\s*:\s*(.*?)\s*$")  # "so_hieu: 94/2026/NĐ-CP"
_ROW = re.compile(r"^\s*\|\s*([^|]{1,30}?)\s*\|\s*([^|]*?)\s*\|\s*$")  # "| Số hiệu | 60/2024/QH15 |"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def is_markdown_page(text: str) -> bool:
    """A YAML header and Markdown headings: a page of a document site, not a plain text."""
    return bool(_FRONT_MATTER.match(text)) and bool(_HEADING_MARK.search(text))


def plain(text: str) -> str:
    """The header's lines, then the body, without heading and bold marks."""
    match = _FRONT_MATTER.match(text)
    # a blank line after each header line: no re-flow joins "title: …" to "permalink: …"
    header, body = (match.group(1).rstrip("\n").split("\n"), text[match.end():]) if match else ([], text)
    body = _BOLD.sub(r"\1", _HEADING_MARK.sub("", body))
    return "\n\n".join(header) + "\n\n" + body if header else body


def page_header_fields(lines: list[str], keys: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """What the `key: value` lines (or `| key | value |` rows) of a page's header say, by
    field ("number" from `so_hieu: "94/2026/NĐ-CP"`), for a body with no header of its own."""
    by_key = {key.casefold(): name for name, names in keys.items() for key in names}
    found: dict[str, str] = {}
    for line in lines:
        match = _FIELD.match(line) or _ROW.match(line)
        name = by_key.get(match.group(1).casefold()) if match else None
        value = match.group(2).strip().strip("\"'").strip() if match else ""
        if name and value and name not in found:
            found[name] = value
    return found
