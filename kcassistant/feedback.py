"""What people say about answers, kept in the catalog's SQLite with everything needed
to replay the answer (question, history, answer, citations, method, settings), and
exported in the question-set format (`../shared/eval/FORMAT.md`) so that reviewed
mistakes become labelled questions for the answer models."""
from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .database import SharedConnection

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY, created_at REAL NOT NULL, question TEXT NOT NULL, history TEXT NOT NULL,
    answer TEXT NOT NULL, found INTEGER, citations TEXT NOT NULL, method TEXT, config TEXT NOT NULL,
    rating INTEGER, wrong_citation INTEGER NOT NULL, comment TEXT NOT NULL, origin TEXT NOT NULL);
"""
MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class Feedback:
    question: str
    answer: str
    found: bool
    citations: tuple[Mapping[str, Any], ...]  # as `Citation.to_dict()` wrote them
    rating: int | None  # 1 (useful) · 0 (not useful) · None (only a comment or a flag)
    wrong_citation: bool = False
    comment: str = ""
    history: tuple[str, ...] = ()
    method: str = ""
    config: Mapping[str, Any] | None = None
    origin: str = "app"  # "app" | "api"
    created_at: float = 0.0
    id: int | None = None

    def as_question(self) -> dict[str, Any]:
        """The feedback as a line of a question set. An answer marked useful and not
        flagged becomes a labelled question (its citations as `must_cite`/`evidence`,
        or `answerable: false` when it said not found); anything else is a question
        for a reviewer to label, with what the assistant said beside it."""
        row: dict[str, Any] = {"id": f"feedback-{self.id}", "question": self.question,
                               "history": list(self.history)}
        confirmed = self.rating == 1 and not self.wrong_citation
        if confirmed and not self.found:
            row.update(kind="unanswerable", answerable=False)
        elif confirmed:
            cites = [{"doc": c["doc_number"], "article": c["article"]} for c in self.citations
                     if c.get("doc_number") and c.get("article")]
            row.update(kind="followup" if self.history else "regulation" if cites else "event",
                       must_cite=cites[:1], evidence=[c["quote"] for c in self.citations if c.get("quote")][:3])
        else:
            row.update(kind="review")
        row["review"] = {"rating": self.rating, "wrong_citation": self.wrong_citation, "comment": self.comment,
                         "answer": self.answer, "found": self.found, "method": self.method,
                         "citations": [{k: c.get(k) for k in ("n", "locator", "source", "doc_number", "article",
                                                              "quote")} for c in self.citations],
                         "config": dict(self.config or {}), "origin": self.origin,
                         "created_at": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.created_at))}
        return row


class FeedbackStore:
    def __init__(self, db: SharedConnection) -> None:
        self.db = db
        self.db.executescript(SCHEMA)

    def add(self, feedback: Feedback) -> Feedback:
        """Store one judgement; returns it with its id and time."""
        if feedback.rating not in (None, 0, 1):
            raise ValueError("rating phải là 1 (hữu ích), 0 (không hữu ích) hoặc để trống")
        if len(feedback.comment) > MAX_COMMENT_CHARS:
            raise ValueError(f"Nhận xét dài {len(feedback.comment)} ký tự, tối đa {MAX_COMMENT_CHARS}")
        if not feedback.question.strip():
            raise ValueError("Phản hồi cần câu hỏi đã được trả lời")
        created = feedback.created_at or time.time()
        with self.db:
            self.db.execute(
                "INSERT INTO feedback (created_at, question, history, answer, found, citations, method, config, "
                "rating, wrong_citation, comment, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (created, feedback.question, json.dumps(list(feedback.history), ensure_ascii=False),
                 feedback.answer, int(feedback.found), json.dumps(list(feedback.citations), ensure_ascii=False),
                 feedback.method, json.dumps(dict(feedback.config or {}), ensure_ascii=False), feedback.rating,
                 int(feedback.wrong_citation), feedback.comment, feedback.origin))
            new_id = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        return self.get(new_id) or feedback

    def get(self, feedback_id: int) -> Feedback | None:
        rows = self._select("WHERE id=?", (feedback_id,))
        return rows[0] if rows else None

    def all(self) -> list[Feedback]:
        return self._select("ORDER BY id", ())

    def _select(self, tail: str, args: Sequence[Any]) -> list[Feedback]:
        rows = self.db.execute("SELECT id, created_at, question, history, answer, found, citations, method, config, "
                               f"rating, wrong_citation, comment, origin FROM feedback {tail}", args)
        return [Feedback(id=r[0], created_at=r[1], question=r[2], history=tuple(json.loads(r[3])), answer=r[4],
                         found=bool(r[5]), citations=tuple(json.loads(r[6])), method=r[7] or "",
                         config=json.loads(r[8]), rating=r[9], wrong_citation=bool(r[10]), comment=r[11],
                         origin=r[12]) for r in rows]


CSV_COLUMNS = ["id", "kind", "question", "history", "rating", "wrong_citation", "comment", "found", "method",
               "answer", "citations", "created_at"]


def export(items: Iterable[Feedback], form: str) -> str:
    """All feedback as JSON lines (the question-set format) or CSV (one row each, for a spreadsheet)."""
    rows = [f.as_question() for f in items]
    if form == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if form != "csv":
        raise ValueError(f"định dạng '{form}' không hỗ trợ: dùng csv hoặc jsonl")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        review = r["review"]
        writer.writerow([r["id"], r["kind"], r["question"], " | ".join(r["history"]),
                         "" if review["rating"] is None else review["rating"], int(review["wrong_citation"]),
                         review["comment"], int(review["found"]), review["method"], review["answer"],
                         " | ".join(c["locator"] or "" for c in review["citations"]), review["created_at"]])
    return out.getvalue()
