"""Answering: candidate units (`units`), their ranking (`ranker`), and three
answerers behind one protocol — `figures`, `reference`, `extractive` — each
turning a query and its retrieved hits into a `Draft`, or None when it has
nothing to say."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..query import Query
from ..retrieve import Hit
from .extractive import ExtractiveAnswerer
from .figures import FiguresAnswerer
from .records import NOT_FOUND, Answer, Citation, Draft, not_found, passage_dict
from .reference import ReferenceAnswerer


class Answerer(Protocol):
    def answer(self, query: Query, hits: Sequence[Hit]) -> Draft | None: ...


__all__ = ["NOT_FOUND", "Answer", "Answerer", "Citation", "Draft", "ExtractiveAnswerer", "FiguresAnswerer",
           "ReferenceAnswerer", "not_found", "passage_dict"]
