"""Sentence splitting for Vietnamese, with the answerer's needs in mind.

underthesea splits prose well; on top of it, a sentence that only announces a list
("… từ các nguồn sau:") stays attached to its items, because quoting the lead-in
without the list answers nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .vietnamese import sent_tokenize


@lru_cache(maxsize=4096)
def split_sentences(paragraph: str) -> tuple[str, ...]:
    paragraph = paragraph.strip()
    if not paragraph:
        return ()
    if len(paragraph) < 160 and paragraph.count(". ") == 0:
        return (paragraph,)
    parts = [s.strip() for s in sent_tokenize(paragraph) if s.strip()]
    merged: list[str] = []
    for part in parts:
        # underthesea cuts after clause numbers ("1." / "a)"), also one that opens a line of a
        # longer text ("… PHẦN V\n14." + "Triển khai …"): glue those back
        if merged and re.search(r"(?:^|\n)\s*(\d+|[a-zđ])[.)]$", merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return tuple(merged)
