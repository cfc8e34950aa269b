"""A conversation written out for a person: every answer with its citations in full
(document, article, quote), as Markdown, or as JSON for programs."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

Turn = Mapping[str, Any]  # {"question": str, "answer": Answer.to_dict()}


def conversation_markdown(turns: Sequence[Turn], when: datetime | None = None) -> str:
    """The chat as Markdown. Document text is quoted (`> `) so it can never become a
    heading or a link of the export."""
    when = when or datetime.now()
    lines = ["# Hội thoại với Trợ lý khuyến công", "", f"Xuất lúc {when.strftime('%d/%m/%Y %H:%M')}", ""]
    for i, turn in enumerate(turns, 1):
        answer = turn.get("answer") or {}
        lines += [f"## Câu hỏi {i}", "", _quoted(str(turn.get("question", ""))), "", "**Trả lời:**", "",
                  _quoted(str(answer.get("answer", ""))), ""]
        citations = answer.get("citations") or []
        if citations:
            lines += ["**Trích dẫn:**", ""]
        for cite in citations:
            where = [cite.get("locator") or "", cite.get("title") or ""]
            document = " — ".join(dict.fromkeys(w for w in where if w))
            lines.append(f"\\[{cite.get('n')}\\] {_escaped(document)} (tệp {_escaped(str(cite.get('source', '')))})")
            lines += [_quoted(str(cite.get("quote", ""))), ""]
    return "\n".join(lines).rstrip() + "\n"


def conversation_json(turns: Sequence[Turn], when: datetime | None = None) -> dict[str, Any]:
    """The same conversation for programs: each citation with document, article and quote."""
    when = when or datetime.now()
    return {"exported_at": when.isoformat(timespec="seconds"), "turns": [
        {"question": t.get("question", ""), "answer": (t.get("answer") or {}).get("answer", ""),
         "found": (t.get("answer") or {}).get("found", False),
         "citations": [{k: c.get(k) for k in ("n", "locator", "title", "source", "doc_number", "article", "quote")}
                       for c in (t.get("answer") or {}).get("citations") or []]} for t in turns]}


_ACTIVE = re.compile(r"([\\`\[\]<>!*_#|])")  # what would make a link, an image, HTML or a heading


def _escaped(text: str) -> str:
    return _ACTIVE.sub(r"\\\1", text)


def _quoted(text: str) -> str:
    return "\n".join("> " + _escaped(line) if line.strip() else ">" for line in text.splitlines() or [""])
