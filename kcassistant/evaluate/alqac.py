"""An ALQAC set built by ../shared/eval/external/make_corpus.py, as the fit scripts read it.

The folder holds `corpus/` (one file per law), `laws.json` (file ↔ law id), `questions.jsonl`
(each with its gold articles) and `negatives.jsonl` (questions on laws absent from the corpus).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AlqacSet:
    folder: Path
    law_of: dict[str, str]  # corpus file name → ALQAC law id

    @classmethod
    def read(cls, folder: Path) -> AlqacSet:
        if not (folder / "laws.json").exists():
            raise FileNotFoundError(f"{folder}: no laws.json; build the set with "
                                    "../shared/eval/external/make_corpus.py --set alqac20XX --out {folder}")
        laws = json.loads((folder / "laws.json").read_text(encoding="utf-8"))
        return cls(folder, {law["source"]: law["law_id"] for law in laws})

    @property
    def corpus(self) -> Path:
        return self.folder / "corpus"

    def questions(self, negatives: bool = False) -> Iterator[dict]:
        """The answerable questions (or the negatives), one record each."""
        name = "negatives.jsonl" if negatives else "questions.jsonl"
        for line in (self.folder / name).read_text(encoding="utf-8").splitlines():
            yield json.loads(line)

    def is_gold(self, question: dict, source: str, article: str | None) -> bool:
        """Is `article` of the corpus file `source` one of the question's gold articles?"""
        return (self.law_of.get(source), article) in {tuple(g) for g in question.get("gold", [])}
