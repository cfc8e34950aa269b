"""What scripts/fit_ranker.py and scripts/fit_rerank.py share: labelled candidates, the sets
they are fitted and reported on, and the command line.

A `Stage` says how to get a question's candidates (answer units, retrieved passages), their
features, and when one is right: for a question of ../shared/eval/*.jsonl by its own rule, for
an ALQAC question when it lies in a gold article. The fit itself is kcassistant/evaluate/choice.py.
"""
from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..assistant import Assistant
from ..config import Config
from .alqac import AlqacSet
from .choice import Group, fit_and_write, group_of
from .questions import read_questions
from .split import FIT, HELD, split


@dataclass(frozen=True)
class Stage:
    prior: Mapping[str, float]
    model_file: Path
    about: str  # the model file's "_about"
    candidates: Callable[[Assistant, str, list[str]], Sequence[Any]]  # (assistant, question, history)
    features: Callable[[Any], Mapping[str, float]]
    right: Callable[[dict, Any], bool]  # by a development question's own rule
    place: Callable[[Any], tuple[str, str | None]]  # (source file, article), for ALQAC's gold articles
    unset: tuple[str, ...] = ()  # features with no hand-set weight (`--free unset`)


def groups(stage: Stage, assistant: Assistant, questions: list[dict]) -> list[Group]:
    out = []
    for q in questions:
        if q.get("answerable", True) is False:
            continue
        found = stage.candidates(assistant, q["question"], q.get("history") or [])
        group = group_of([stage.features(c) for c in found], list(stage.prior), [stage.right(q, c) for c in found])
        if group is not None:
            out.append(group)
    return out


def alqac_groups(stage: Stage, folder: Path) -> list[Group]:
    labelled = AlqacSet.read(folder)
    assistant = Assistant(Config(data_dir=folder / "kcdata"))
    assistant.ingest([labelled.corpus])
    assistant.warm_up()
    out = []
    for q in labelled.questions():
        found = stage.candidates(assistant, q["question"], [])
        group = group_of([stage.features(c) for c in found], list(stage.prior),
                         [labelled.is_gold(q, *stage.place(c)) for c in found])
        if group is not None:
            out.append(group)
    return out


def main(stage: Stage, description: str, shared: Path) -> int:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data-dir", help="index folder for ../shared/knowledge (default: a fresh temporary one)")
    parser.add_argument("--alqac-fit", type=Path, help="an ALQAC set folder (make_corpus.py --out) to fit on too")
    parser.add_argument("--alqac-held", type=Path, help="an ALQAC set folder to report on")
    parser.add_argument("--out", type=Path, default=stage.model_file, help="where to write the weights")
    parser.add_argument("--free", default="", help="fit only these features' weights (comma-separated; "
                        "'unset' = those with no hand-set weight), the others held at the prior")
    args = parser.parse_args()
    names = set(stage.unset if args.free == "unset" else filter(None, args.free.split(",")))
    unknown = names - set(stage.prior)
    if unknown:
        parser.error(f"--free: no such feature {sorted(unknown)}; the features are {', '.join(stage.prior)}")
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    data = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="kc-fit-"))
    assistant = Assistant(Config(data_dir=data))
    assistant.ingest([shared / "knowledge"])
    assistant.warm_up()  # questions embedded as every long-running process embeds them
    large = read_questions(shared / "eval" / "dev-large.jsonl")
    parts = split(large)
    sets = {"dev-large fit": groups(stage, assistant, [q for q in large if parts[q["id"]] == FIT]),
            "dev": groups(stage, assistant, read_questions(shared / "eval" / "dev.jsonl"))}
    held = {"dev-large held": groups(stage, assistant, [q for q in large if parts[q["id"]] == HELD])}
    if args.alqac_fit:
        sets["ALQAC fit"] = alqac_groups(stage, args.alqac_fit)
    if args.alqac_held:
        held["ALQAC held"] = alqac_groups(stage, args.alqac_held)
    free = np.array([f in names for f in stage.prior]) if names else None
    fit_and_write(sets, held, stage.prior, args.out, stage.about, free, {"free": sorted(names) or "all"})
    return 0
