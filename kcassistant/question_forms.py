"""Forms of a question that decide what may answer it.

- A question that asks two things — "bao lâu và do ai phê duyệt", "How many days …, and what is
  the latest date …": each part may be said by its own clause, so the answerer looks for the
  second part's unit as well as the whole question's best. A question is split only where both
  sides ask something (an interrogative on each side of "và" / "and" / ";"): "kinh phí KCQG và
  KCĐP là bao nhiêu" asks one thing of two subjects and is not split.
- A question that asks what a term means ("Phạm tội có tổ chức là gì?"): only a text that says
  what it is answers it, not one that mentions it.
"""
from __future__ import annotations

import re

from ingest.vocabulary import vocabulary

from .query import Query
from .text import fold

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


_TERM_WORDS = 8  # a term defined is a short noun phrase: "hình thức … chủ yếu là gì" asks a fact, not a definition
_ACCORDING_TO = re.compile(r"^(?:theo|according to)\s+[^,]{3,80},\s*", re.IGNORECASE)
_DEFINITION_ASKED = re.compile(
    r"^(?:thế nào là|khái niệm(?: của| về)?|định nghĩa(?: của| về)?)\s+(?P<a>.+?)\s*\??$"
    r"|^(?P<b>.+?)\s+(?:là gì|nghĩa là gì|có nghĩa là gì|được hiểu(?: là gì| như thế nào| thế nào)?"
    r"|được định nghĩa(?: là gì| như thế nào| thế nào)?)\s*\??$", re.IGNORECASE)


def definition_asked(query: Query) -> str | None:
    """The term whose definition the question itself asks, and nothing more ("Phạm tội có tổ
    chức là gì?", "Theo Bộ luật Dân sự 2015, hoa lợi được hiểu như thế nào?", "Định nghĩa của
    'người lao động'"); not a follow-up that inherits the words, nor a question that goes on ("… là
    gì khi phát hiện …", "… và bao gồm những gì?"), nor a long one ending in "là gì", which asks a
    fact, nor an attribute of something ("mục tiêu của …")."""
    if query.history_used or query.english:
        return None
    asked = _DEFINITION_ASKED.match(_ACCORDING_TO.sub("", query.question.strip()))
    term = (asked.group("a") or asked.group("b")).strip(" \"“”'‘’") if asked else ""
    # "Mục tiêu của giáo dục nghề nghiệp là gì?" asks an attribute of something, not what a term means
    return term if term and len(term.split()) <= _TERM_WORDS and not re.search(r"\bcủa\b", term) else None


_ROLE_ASKED = re.compile(r"^(?:ai là\s+(?P<a>.+?)|(?P<b>.+?)\s+là ai)\s*\??$", re.IGNORECASE)
_OFFICES = sorted(vocabulary().offices, key=len, reverse=True)  # "phó giám đốc" before "giám đốc"
_BODY_WORDS = 2  # "giám đốc" + "sở công": the office and the first words of its body


def role_asked(query: Query) -> str | None:
    """The office a question asks the holder of ("Ai là Giám đốc Sở Công Thương tỉnh X?", "Giám đốc
    Sở … là ai?"), folded, as its title and the first words of its body: a sentence naming another
    office ("Giám đốc Sở Công Thương" for "Giám đốc Trung tâm Khuyến công") does not say who holds it."""
    if query.history_used or query.english:
        return None
    asked = _ROLE_ASKED.match(query.question.strip())
    phrase = " ".join(fold(asked.group("a") or asked.group("b")).split()) if asked else ""
    office = next((o for o in _OFFICES if phrase.startswith(f"{o} ")), None)
    if office is None:
        return None  # "Ai là người thừa kế …?" asks who may be one, not who holds an office
    return " ".join([office, *phrase[len(office):].split()[:_BODY_WORDS]])
