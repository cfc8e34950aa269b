"""Fits the unit ranker's weights (kcassistant/answer/ranker.py) from labelled questions.

    .venv/bin/python scripts/fit_ranker.py [--data-dir DIR] [--alqac-fit FOLDER] [--alqac-held FOLDER]
                                           [--free unset|FEATURE,FEATURE…]

1. For every question of ../shared/eval/dev-large.jsonl and dev.jsonl, retrieves its passages
   as `ask` does and measures every candidate unit (kcassistant/answer/unit_features.py). A
   unit is labelled right when quoting it alone, with its citation, scores right by the rules
   of ../shared/eval/FORMAT.md (answer and citation). ALQAC sets built by
   ../shared/eval/external/make_corpus.py add legal questions: a unit is right when it lies in
   a gold article. Questions no single unit answers (and unanswerable ones) teach nothing here.
2. Fits a conditional logit — P(unit) = softmax over the question's units of weights · features —
   on the "fit" part of dev-large (kcassistant/evaluate/split.py), dev.jsonl and --alqac-fit,
   maximising the probability of the right units, with an L2 pull toward the hand-set prior
   (ranker.PRIOR) whose strength is chosen by 5-fold cross-validation within the fit data.
3. Writes knowledge/unit_ranker.json (weights and the fit's report) and prints top-1 accuracy
   (the best unit is a right one) of the prior and the fit, on the fit data and on each held set.
Deterministic: the same index and questions give the same file.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant  # noqa: E402
from kcassistant.answer.extractive import build_citation  # noqa: E402
from kcassistant.answer.ranker import MODEL_FILE, PRIOR, UNSET, RankerModel, select_units  # noqa: E402
from kcassistant.answer.records import one_line  # noqa: E402
from kcassistant.answer.units import Unit  # noqa: E402
from kcassistant.evaluate import score_row  # noqa: E402
from kcassistant.evaluate.fit_choice import Stage, main  # noqa: E402


def measured(assistant: Assistant, question: str, history: list[str]) -> list[Unit]:
    """Every candidate unit of the passages `ask` retrieves, scored by the prior."""
    query, retrieval, _ = assistant.understand(question, history)
    shot = assistant.index.snapshot()
    return select_units(query, list(retrieval.hits), shot.idf, shot.default_idf, model=RankerModel(PRIOR))


def answers(q: dict, unit: Unit) -> bool:
    """Quoted alone, with its citation, does the unit score right (answer and citation)?"""
    cite = build_citation(1, unit)
    result = {"answer": f"{cite.locator}: “{one_line(unit.text)}” [1]", "found": True,
              "citations": [cite.to_dict()], "passages": []}
    row = score_row(q, result)
    return bool(row.answer_ok and row.cite_ok)


STAGE = Stage(PRIOR, MODEL_FILE, "Written by scripts/fit_ranker.py; do not edit by hand. A unit's score is the "
              "sum of weight × feature (kcassistant/answer/unit_features.py).", measured,
              lambda unit: dict(unit.features), answers, lambda unit: (unit.hit.chunk.source, unit.hit.chunk.article),
              UNSET)

if __name__ == "__main__":
    sys.exit(main(STAGE, __doc__.split("\n")[0], ROOT.parent / "shared"))
