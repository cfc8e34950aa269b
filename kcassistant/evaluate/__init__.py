"""Scoring: question sets by the rules of shared/eval/FORMAT.md (`questions`) and
figure extraction against hand labels (`figures`)."""
from .questions import Row, read_questions, run_eval, score_row, summarise

__all__ = ["Row", "read_questions", "run_eval", "score_row", "summarise"]
