"""Markdown pages of legal documents (a YAML header, `### Điều 1.` headings, `**bold**`)
read as the plain layout the legal parsers know. Nothing is dropped: the header's
lines stay as text of the preamble; only the marks go."""
from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def is_markdown_page(text: str) -> bool:
    """A YAML header and Markdown headings: a page of a document site, not a plain text."""
    return bool(_FRONT_MATTER.match(text)) and bool(_HEADING_MARK.search(text))


def plain(text: str) -> str:
    """The header's lines, then the body, without heading and bold marks."""
    match = _FRONT_MATTER.match(text)
    header, body = (match.group(1), text[match.end():]) if match else ("", text)
    body = _BOLD.sub(r"\1", _HEADING_MARK.sub("", body))
    return header + "\n" + body if header else body
