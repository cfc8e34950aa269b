"""What the citation and the figure probes share: an index of a folder to probe, and the table
of right / asked by form that their scripts print."""
from __future__ import annotations

import argparse
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from .. import Assistant, Config


class _Asked(Protocol):
    @property
    def form(self) -> str: ...

    @property
    def question(self) -> str: ...

    @property
    def history(self) -> tuple[str, ...]: ...


class Result(Protocol):
    """A probe's outcome: the probe, and whether the answer was right."""
    @property
    def probe(self) -> _Asked: ...

    @property
    def right(self) -> bool: ...


R = TypeVar("R", bound=Result)


def by_form(results: Iterable[Result]) -> dict[str, tuple[int, int]]:
    """Form → (right, asked)."""
    right: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for result in results:
        asked[result.probe.form] += 1
        right[result.probe.form] += result.right
    return {form: (right[form], asked[form]) for form in asked}


def form_table(results: Sequence[Result], what_each_tests: Mapping[str, str]) -> str:
    """Markdown: right / asked by form, then all."""
    rows = ["| form | what it tests | right / asked |", "| --- | --- | --- |"]
    rows += [f"| {form} | {what_each_tests[form]} | {right} / {asked} |"
             for form, (right, asked) in by_form(results).items()]
    right = sum(r.right for r in results)
    rows.append(f"| all | | **{right} / {len(results)}** ({right / max(1, len(results)):.3f}) |")
    return "\n".join(rows)


def print_report(header: str, results: Sequence[R], what_each_tests: Mapping[str, str],
                 outcome: Callable[[R], str]) -> None:
    """The table by form, then every miss as its conversation and `outcome` (what was answered)."""
    print(header)
    print(form_table(list(results), what_each_tests))
    for result in results:
        if not result.right:
            conversation = " / ".join((*result.probe.history, result.probe.question))
            print(f"miss [{result.probe.form}] {conversation} → {outcome(result)}")


def indexed(corpus: Path, data_dir: Path | None) -> Assistant:
    """An assistant over `corpus`, ingested into `data_dir` (a fresh temporary folder when None;
    an existing index is brought up to date incrementally), warmed up as a served one is."""
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    assistant = Assistant(Config(data_dir=data_dir or Path(tempfile.mkdtemp(prefix="kc-probes-"))))
    assistant.ingest([corpus])
    assistant.warm_up()
    return assistant


def probe_parser(doc: str, corpus: Path) -> argparse.ArgumentParser:
    """A probe script's options: the folder to probe and where its index lives."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="index folder (default: a fresh temporary one)")
    parser.add_argument("--corpus", type=Path, default=corpus, help="the folder whose documents are probed")
    return parser
