"""The fixed split of a question set into a part to fit on and a part to report.

Fixed once, by id: within each kind, questions are ordered by the SHA-1 of their id and
dealt alternately to "fit" and "held", so both parts hold every kind in the same
proportion and no choice of ours decides which question lands where. Rules, weights and
thresholds are fitted on "fit" only; "held" is reported beside it, and a change that lifts
"fit" and not "held" is overfitting.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

FIT, HELD = "fit", "held"


def _key(question_id: str) -> str:
    return hashlib.sha1(question_id.encode("utf-8")).hexdigest()


def split(questions: Iterable[dict[str, Any]]) -> dict[str, str]:
    """question id → "fit" | "held"."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for q in questions:
        by_kind[q.get("kind", "?")].append(q["id"])
    part: dict[str, str] = {}
    for ids in by_kind.values():
        for i, question_id in enumerate(sorted(ids, key=_key)):
            part[question_id] = FIT if i % 2 == 0 else HELD
    return part
