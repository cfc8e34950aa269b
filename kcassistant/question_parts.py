"""A question that asks two things — "bao lâu và do ai phê duyệt", "How many days …, and what is
the latest date …": each part may be said by its own clause, so the answerer looks for the
second part's unit as well as the whole question's best.

A question is split only where both sides ask something (an interrogative on each side of "và" /
"and" / ";"): "kinh phí KCQG và KCĐP là bao nhiêu" asks one thing of two subjects and is not split.
"""
from __future__ import annotations

import re

_INTERROGATIVE = re.compile(
    r"(?<!\w)(?:bao nhiêu|mấy|bao lâu|bao giờ|khi nào|ai|gì|nào|đâu|thế nào|ra sao|"
    r"how|what|when|who|which|where)(?!\w)", re.IGNORECASE)
_JOIN = re.compile(r",?\s+(?:và|and)\s+|\s*;\s*", re.IGNORECASE)
_MIN_WORDS = 2  # "và ai?" alone names nothing to look for


def split_parts(question: str) -> tuple[str, str] | None:
    """The question cut at the first join whose both sides ask something, or None."""
    for join in _JOIN.finditer(question):
        first, second = question[:join.start()], question[join.end():]
        if (_INTERROGATIVE.search(first) and _INTERROGATIVE.search(second)
                and len(second.split()) >= _MIN_WORDS):
            return first.strip(), second.strip()
    return None


def asks_for(term: str, part: str) -> bool:
    """Is `term` the kind of thing asked for ("cơ_quan" in "trực thuộc cơ quan nào", "ngày" in
    "là ngày nào") rather than something the answer must mention?"""
    return re.search(rf"(?<!\w){re.escape(term.replace('_', ' '))}\s+nào(?!\w)", part, re.IGNORECASE) is not None
