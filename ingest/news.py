"""Saved news pages → title and body, the site's navigation left behind.

The pages were saved as text with their chrome: related/newer/other-news lists
(headline + "hh:mm | dd/mm/yyyy" lines), image placeholders and captions, ad slots,
rating widgets and footers. The rules below keep what a reader would call the
article; the marker lists live in knowledge/boilerplate.json.
"""
from __future__ import annotations

import re

from .load import nfc
from .model import Document, Section
from .vocabulary import Boilerplate, vocabulary

_TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}(\s*\|\s*\d{1,2}/\d{1,2}/\d{4})?(\s+\S.*)?$")
_DATE_ONLY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}(\s+\d{1,2}:\d{2})?$")
_TERMINAL = re.compile(r"[.!?:;…”\")]\s*$")
_WORD = re.compile(r"\w+")


def boilerplate_rules() -> Boilerplate:
    return vocabulary().boilerplate


def strip_prefixes(line: str, rules: Boilerplate) -> str:
    """Remove layout residue glued to the start of a line ("image advertisementTitle")."""
    changed = True
    while changed:
        changed = False
        low = line.lower()
        for prefix in rules.line_prefixes:
            if low.startswith(prefix):
                line = line[len(prefix):].lstrip(" |")
                changed = True
                break
    return line.strip()


def is_chrome(line: str, rules: Boilerplate) -> bool:
    """A line that is page furniture rather than article text."""
    low = line.lower().strip()
    if not low or low in rules.chrome_lines:
        return True
    if _TIMESTAMP.match(low) or _DATE_ONLY.match(low):
        return True
    if low.startswith("|") or low.endswith("|"):  # image caption cells "| … |"
        return True
    if re.fullmatch(r"[★☆\s]+|kém.*rất tốt.*", low):
        return True
    if any(marker in low for marker in rules.caption_markers):
        return True
    words = len(_WORD.findall(line))
    if not _TERMINAL.search(line):
        # Lines without sentence punctuation are headings, bylines or run-together
        # headline lists: keep sub-headings of a reasonable size only.
        if words < 5 or len(line) > 140:
            return True
    return False


def parse_news(text: str, source: str) -> Document:
    """Title + body paragraphs of a saved news page."""
    rules = boilerplate_rules()
    raw_lines = [strip_prefixes(line.strip(), rules) for line in nfc(text).split("\n")]
    doubled = _doubled_lines(raw_lines)
    title = ""
    body: list[str] = []
    seen: set[str] = set()
    for i, line in enumerate(raw_lines):
        if not line:
            continue
        low = line.lower()
        if title and any(low.startswith(m) for m in rules.end_markers):
            break
        nxt = next((x for x in raw_lines[i + 1:i + 3] if x), "")
        if _TIMESTAMP.match(nxt.lower()):  # a headline in a "related news" list
            continue
        if not title:
            if is_chrome(line, rules):
                continue
            title = line.rstrip(" .")
            if _TERMINAL.search(line) and len(line) > 140:  # a sentence, not a headline: keep it as text
                title = " ".join(line.split()[:14]) + " …"
                body.append(line)
            seen.add(title.lower())
            continue
        if is_chrome(line, rules) or line in doubled:
            continue
        key = line.lower().rstrip(" .")
        if key in seen:  # image alt text repeating a heading or the title
            continue
        seen.add(key)
        body.append(line)
    if not title and body:
        title = body.pop(0)
    if title and not body:
        body = [title]  # a one-paragraph note: its only line is both title and content
    section = Section(kind="news", title=title, paragraphs=tuple(body))
    return Document(source=source, title=title, kind="news", sections=(section,))



def _doubled_lines(lines: list[str]) -> set[str]:
    """Unpunctuated lines printed twice in a row: an image's alt text and its caption."""
    kept = [x for x in lines if x]
    return {a for a, b in zip(kept, kept[1:]) if a == b and not _TERMINAL.search(a)}
