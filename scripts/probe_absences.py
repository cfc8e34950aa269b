"""Absence probes: questions the library cannot answer, each changed by one thing from what it
holds (an article past the last, a clause past the last, a document number not held, a year or a
scope the reports give no figure for); each answer checked for saying "không tìm thấy".

    .venv/bin/python scripts/probe_absences.py [--data-dir DIR] [--corpus DIR]

Ingests --corpus (default ../shared/knowledge) into DIR (a fresh temporary folder by default;
an existing index is reused incrementally), writes the probes from its passages and figures
table (kcassistant/evaluate/absence_probes.py), asks them, and prints right/asked by form and
every miss with what was answered.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant.evaluate import absence_probes as kc_probes  # noqa: E402
from kcassistant.evaluate.probe_runs import indexed, print_report, probe_parser  # noqa: E402


def main() -> None:
    parser = probe_parser(__doc__, ROOT.parent / "shared" / "knowledge")
    args = parser.parse_args()
    assistant = indexed(args.corpus, args.data_dir)
    chunks = assistant.index.snapshot().chunks[:]
    probes = kc_probes.legal_absence_probes(chunks) + kc_probes.figure_absence_probes(
        assistant.index.figures.query(), chunks)

    def ask(question: str, history: tuple[str, ...]) -> tuple[bool, str]:
        answer = assistant.ask(question, history)
        cited = f" [{answer.citations[0].locator}]" if answer.found and answer.citations else ""
        return answer.found, answer.text + cited

    print_report(f"{len(probes)} absence probes ({args.corpus})", kc_probes.run_absence_probes(probes, ask),
                 kc_probes.WHAT_EACH_TESTS,
                 lambda result: f"answered {' '.join(result.answer.split())[:200]}")


if __name__ == "__main__":
    main()
