"""Figure probes: each amount the reports of an index state, asked for in six forms (three
phrasings of an amount, the rate of the plan reached, a count, English) and two follow-ups; each answer checked
for stating it.

    .venv/bin/python scripts/probe_figures.py [--data-dir DIR] [--corpus DIR]

Ingests --corpus (default ../shared/knowledge) into DIR (a fresh temporary folder by default;
an existing index is reused incrementally), writes the probes from its figures table
(kcassistant/evaluate/figure_probes.py), asks them, and prints right/asked by form and every miss.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant.evaluate import figure_probes as kc_probes  # noqa: E402
from kcassistant.evaluate.probe_runs import indexed, print_report, probe_parser  # noqa: E402


def main() -> None:
    parser = probe_parser(__doc__, ROOT.parent / "shared" / "knowledge")
    args = parser.parse_args()
    assistant = indexed(args.corpus, args.data_dir)
    probes = kc_probes.figure_probes(assistant.index.figures.query())

    def ask(question: str, history: tuple[str, ...]) -> tuple[bool, str]:
        answer = assistant.ask(question, history)
        return answer.found, answer.text

    forms = {**kc_probes.FIGURE_FORMS, **kc_probes.FOLLOWUP_FORMS}
    print_report(f"{len(probes)} figure probes ({args.corpus})", kc_probes.run_figure_probes(probes, ask),
                 {form: spec[0] for form, spec in forms.items()},
                 lambda result: f"want {result.probe.value}, got "
                                f"{' '.join(result.answer.split())[:160] if result.found else 'not found'}")


if __name__ == "__main__":
    main()
