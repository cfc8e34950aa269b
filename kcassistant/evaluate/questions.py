"""`kcassistant eval`: answer a question file, write the results contract of
shared/eval/FORMAT.md, and report the figures defined there (answer-and-citation
accuracy, evidence recall@5, faithfulness, answer length, latency)."""
from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..assistant import Assistant, InputError

_NUM = re.compile(r"\d+(?:[.,]\s?\d+)*")


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFC", s or "").lower().replace("\u00a0", " ")
    return " ".join(s.split())


def _numbers(text: str | None) -> set[str]:
    text = re.sub(r"\[\d+\]", " ", text or "")
    return {re.sub(r"\s", "", t).replace(".", ",") for t in _NUM.findall(text)}


def _contains(answer: str, needle: str) -> bool:
    if re.fullmatch(r"\d+(?:[.,]\d+)*", needle):
        return needle.replace(".", ",") in _numbers(answer)
    return _norm(needle) in _norm(answer)


def _canon_doc(d: str | None) -> str:
    return unicodedata.normalize("NFC", d or "").upper().replace(" ", "").replace("Đ", "D")


def _cites(c: dict, req: dict) -> bool:
    doc, art = _canon_doc(req["doc"]), str(req["article"])
    if _canon_doc(c.get("doc_number")) == doc and str(c.get("article") or "").strip() == art:
        return True
    loc = " ".join(str(c.get(k) or "") for k in ("locator", "title"))
    return doc in _canon_doc(loc) and re.search(rf"Điều\s+{art}\b", loc) is not None


def _evidence(c: dict, ev: str) -> bool:
    return _norm(ev) in _norm((c.get("quote") or "") + " \n " + (c.get("text") or ""))


def passage_answers(q: dict, p: dict) -> bool:
    """Does passage `p` (text, doc_number, article, locator, title) meet the question's citation
    rule: the article `must_cite` names, else one of its `evidence` strings?"""
    if q.get("must_cite"):
        return any(_cites(p, req) for req in q["must_cite"])
    return any(_evidence(p, e) for e in q.get("evidence", []))


@dataclass
class Row:
    id: str
    kind: str
    answer_ok: bool
    cite_ok: bool
    faithful: bool
    rank: int | None
    ev_rank: int | None
    unsupported: list[str]
    chars: int
    latency_ms: float


def score_row(q: dict, r: dict) -> Row:
    answer, found = r.get("answer") or "", bool(r.get("found"))
    cites = r.get("citations") or []
    passages = r.get("passages") or []
    if q.get("answerable", True) is False:
        answer_ok = cite_ok = not found
        rank = ev_rank = None
    else:
        answer_ok = found and all(_contains(answer, m) for m in q.get("must_include", []))
        answer_ok = answer_ok and all(any(_contains(answer, a) for a in g) for g in q.get("any_of", []))
        cite_ok = bool(cites)
        if q.get("must_cite"):
            cite_ok = cite_ok and all(any(_cites(c, req) for c in cites) for req in q["must_cite"])
        evs = q.get("evidence", [])
        if evs and not q.get("must_cite"):
            need = all if q.get("kind") == "conflict" else any
            cite_ok = cite_ok and need(any(_evidence(c, e) for c in cites) for e in evs)

        rank = next((i for i, p in enumerate(passages, 1) if passage_answers(q, p)), None)
        ev_rank = next((i for i, p in enumerate(passages, 1) if any(_evidence(p, e) for e in evs)), None)
    support: set[str] = set()
    for c in cites:
        support |= _numbers(" ".join(str(c.get(k) or "") for k in
                                     ("quote", "text", "locator", "title", "doc_number", "article")))
    support |= _numbers(q["question"]) | _numbers(" ".join(q.get("history", [])))
    unsupported = sorted((_numbers(answer) if found else set()) - support)
    return Row(q["id"], q.get("kind", "?"), answer_ok, cite_ok, not unsupported, rank, ev_rank,
               unsupported, len(answer), float(r.get("latency_ms") or 0.0))


def summarise(rows: list[Row]) -> dict:
    n = max(1, len(rows))
    answerable = [r for r in rows if r.kind != "unanswerable"]
    m = max(1, len(answerable))
    latencies = sorted(r.latency_ms for r in rows)
    kinds = sorted({r.kind for r in rows})
    return {
        "n": len(rows),
        "answer_acc": sum(r.answer_ok for r in rows) / n,
        "cite_acc": sum(r.cite_ok for r in rows) / n,
        "both_acc": sum(r.answer_ok and r.cite_ok for r in rows) / n,
        "faithful": sum(r.faithful for r in rows) / n,
        "recall@1": sum(1 for r in answerable if r.rank and r.rank <= 1) / m,
        "recall@5": sum(1 for r in answerable if r.rank and r.rank <= 5) / m,
        "ev_recall@5": sum(1 for r in answerable if r.ev_rank and r.ev_rank <= 5) / m,
        "unanswerable_ok": all(r.answer_ok for r in rows if r.kind == "unanswerable"),
        "answer_chars_p50": statistics.median([r.chars for r in rows]) if rows else 0,
        "latency_p50_ms": statistics.median(latencies) if latencies else 0,
        "latency_p95_ms": latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))] if latencies else 0,
        "by_kind": {k: round(sum(r.answer_ok and r.cite_ok for r in rows if r.kind == k)
                             / sum(1 for r in rows if r.kind == k), 3) for k in kinds},
    }


def read_questions(path: Path) -> list[dict]:
    questions = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{lineno}: dòng không phải JSON hợp lệ ({exc.msg})") from exc
        if not isinstance(q, dict):
            raise ValueError(f"{path}:{lineno}: mỗi dòng phải là một đối tượng JSON {{\"id\": …, \"question\": …}}, "
                             f"dòng này là {type(q).__name__}")
        if "id" not in q or "question" not in q:
            raise ValueError(f"{path}:{lineno}: thiếu trường 'id' hoặc 'question'")
        if not isinstance(q["question"], str) or not q["question"].strip():
            raise ValueError(f"{path}:{lineno} (id {q['id']}): câu hỏi trống")
        if not isinstance(q.get("history", []), list):
            raise ValueError(f"{path}:{lineno} (id {q['id']}): 'history' phải là danh sách câu hỏi trước đó")
        questions.append(q)
    return questions


def run_eval(assistant: Assistant, qa_path: Path, out_path: Path,
             typed: Callable[[str], str] = str) -> tuple[list[Row], dict]:
    """Every question asked (as `typed` turns it: e.g. without its marks), answered and scored."""
    questions = read_questions(qa_path)
    assistant.warm_up()
    rows: list[Row] = []
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as out:
        for q in questions:
            try:
                answer = assistant.ask(typed(q["question"]), [typed(h) for h in q.get("history") or ()])
            except InputError as exc:
                raise ValueError(f"{qa_path} (id {q['id']}): {exc}") from exc
            result = {"id": q["id"], **answer.to_dict()}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            rows.append(score_row(q, result))
    return rows, summarise(rows)
