"""Figure extraction scored against hand labels (bench/figures_eval.py and the tests)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ingest import chunk_document, parse_file

from ..figures.extract import extract_figures
from ..figures.record import FULL_YEAR, Figure


@dataclass(frozen=True)
class ExtractionScore:
    labelled: int
    extracted: int
    matched: int
    missed: list[dict]
    spurious: list[Figure]

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


def _label_key(source: str, value: str, unit: str, scope, year, period, programme, measure) -> tuple:
    return (source, re.sub(r"\s", "", value).replace(".", ","), unit, scope, year, period, programme, measure)


def score_extraction(labels: list[dict], figures: list[Figure]) -> ExtractionScore:
    """A record counts when source, value, unit and every slot equal a hand label (multiset)."""
    wanted: dict[tuple, list[dict]] = {}
    for label in labels:
        key = _label_key(label["source"], label["value"], label["unit"], label.get("scope"), label.get("year"),
                         label.get("period", FULL_YEAR), label["programme"], label["measure"])
        wanted.setdefault(key, []).append(label)
    spurious = []
    matched = 0
    for f in figures:
        key = _label_key(f.source, f.value_text, f.unit, f.scope, f.year, f.period, f.programme, f.measure)
        if wanted.get(key):
            wanted[key].pop()
            matched += 1
        else:
            spurious.append(f)
    missed = [label for rest in wanted.values() for label in rest]
    return ExtractionScore(len(labels), len(figures), matched, missed, spurious)


def evaluate_labels(labels_path: Path | str, docs_dir: Path | str) -> ExtractionScore:
    """Extract the figures of every labelled document under `docs_dir` and score them."""
    labels = [json.loads(line) for line in Path(labels_path).read_text(encoding="utf-8").splitlines()
              if line.strip()]
    figures: list[Figure] = []
    for source in sorted({label["source"] for label in labels}):
        doc = parse_file(Path(docs_dir) / source, source)
        figures.extend(extract_figures(doc, chunk_document(doc)))
    return score_extraction(labels, figures)
