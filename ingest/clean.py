"""Re-flowing hard-wrapped text, so that a sentence broken over lines is one line again.

Text copied from a PDF or an e-mail arrives wrapped at a fixed width: every line
ends without punctuation and the parsers, which read a line without final
punctuation as a heading, would keep one line in three. A line is joined to the
next when it continues a sentence:

* the text is wrapped (most long lines end near one width) and the line reaches
  that width without final punctuation, or
* the line (40 characters or more) has no final punctuation and the next starts in
  lower case;

and never when the next line starts a structural unit (Chương, Mục, Điều, a
clause "1.", a point "a)", an item "-", a Markdown heading or table row).
"""
from __future__ import annotations

import re

_TERMINAL = re.compile(r"[.!?:;…”\")\]]\s*$")
_STRUCTURE = re.compile(r"^\s*(?:Phần|Chương|Mục|Tiểu mục|Điều|Phụ lục)\s+\S"
                        r"|^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•*]|#|\||!\[)", re.IGNORECASE)
_LOWER_START = re.compile(r"^\s*[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ(]")
_MIN_WRAPPED_LINES = 4
_MIN_SENTENCE_LINE = 40


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not wrapped.

    Wrapped text has many lines ending just short of one width; text with one
    paragraph per line has lengths spread out."""
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) >= 20)
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 160:
        return None
    near = sum(1 for n in lengths if n >= 0.75 * width)
    unpunctuated = sum(1 for line in lines if len(line.rstrip()) >= 0.75 * width and not _TERMINAL.search(line))
    if near >= max(_MIN_WRAPPED_LINES, 0.5 * len(lengths)) and unpunctuated >= 0.5 * near:
        return width
    return None


def _continues(line: str, following: str, width: int | None) -> bool:
    if not line.strip() or not following.strip() or _TERMINAL.search(line) or _STRUCTURE.match(following):
        return False
    if width is not None and len(line.rstrip()) >= 0.75 * width:
        return True
    # a short line ("TIN MỚI", a caption) is page furniture, not the start of a sentence
    return len(line.strip()) >= _MIN_SENTENCE_LINE and bool(_LOWER_START.match(following)) \
        and not _STRUCTURE.match(line)


def reflow(text: str) -> str:
    """`text` with lines that continue a sentence joined to it; blank lines and
    structure kept. Nothing is dropped: only line breaks become spaces."""
    lines = text.split("\n")
    width = wrap_width(lines)
    out: list[str] = []
    previous = ""  # the last physical line: its length says whether it reached the width
    for line in lines:
        if out and _continues(previous, line, width):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        previous = line
    return "\n".join(out)
