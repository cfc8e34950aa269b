"""Fits retrieval's rerank weights (kcassistant/rerank.py) from labelled questions.

    .venv/bin/python scripts/fit_rerank.py [--data-dir DIR] [--alqac-fit FOLDER] [--alqac-held FOLDER]
                                           [--free unset|FEATURE,FEATURE…]

1. For every question of ../shared/eval/dev-large.jsonl and dev.jsonl, retrieves as `ask` does
   and measures the passages the rerank weighs (the first 40 of rank fusion). A passage is
   labelled right when it meets the question's citation rule of ../shared/eval/FORMAT.md (the
   article `must_cite` names, else an `evidence` string). ALQAC sets built by
   ../shared/eval/external/make_corpus.py add legal questions: a passage is right when it lies
   in a gold article. Questions whose passages are all right or all wrong teach nothing here.
2. Fits a conditional logit (kcassistant/evaluate/choice.py) on the "fit" part of dev-large
   (kcassistant/evaluate/split.py), dev.jsonl and --alqac-fit, pulled toward the hand-set prior
   (rerank.PRIOR) with a strength chosen by 5-fold cross-validation of top-1 within the fit data.
3. Writes knowledge/rerank.json (weights and the fit's report) and prints top-1 (the first
   passage is a right one) of the prior and the fit, on the fit data and on each held set.
Retrieval feeds the unit ranker and the abstention model: refit scripts/fit_abstention.py after.
Deterministic: the same index and questions give the same file.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Assistant  # noqa: E402
from kcassistant.evaluate.fit_choice import Stage, main  # noqa: E402
from kcassistant.evaluate.questions import passage_answers  # noqa: E402
from kcassistant.rerank import MODEL_FILE, PRIOR  # noqa: E402
from kcassistant.retrieve import Hit  # noqa: E402

CANDIDATES = 40  # hybrid_search's `rerank` depth


def measured(assistant: Assistant, question: str, history: list[str]) -> list[Hit]:
    """The passages the rerank weighs, each with its features (the same, whatever the weights)."""
    query, _, _ = assistant.understand(question, history)
    return list(assistant.retriever.retrieve(query, CANDIDATES).hits)


def answers(q: dict, hit: Hit) -> bool:
    c = hit.chunk
    return passage_answers(q, {"text": c.text, "doc_number": c.doc_number, "article": c.article,
                               "locator": c.locator, "title": c.title})


STAGE = Stage(PRIOR, MODEL_FILE, "Written by scripts/fit_rerank.py; do not edit by hand. A passage's rerank "
              "score is the sum of weight × feature (kcassistant/rerank.py).", measured,
              lambda hit: dict(hit.features), answers, lambda hit: (hit.chunk.source, hit.chunk.article),
              ("lexical", "dense"))

if __name__ == "__main__":
    sys.exit(main(STAGE, __doc__.split("\n")[0], ROOT.parent / "shared"))
