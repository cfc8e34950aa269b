"""Citation probes: every numbered document of an index asked for by article in nine written
forms, in two follow-ups, for its effect and scope, and for the documents it replaces or
guides; each answer checked for citing the article asked.

    .venv/bin/python scripts/probe_citations.py [--data-dir DIR] [--corpus DIR] [--per-document N]

Ingests --corpus (default ../shared/knowledge) into DIR (a fresh temporary folder by
default; an existing index is reused incrementally), writes the probes from the index
(kcassistant/evaluate/probes.py), asks them, and prints right/asked by form and every miss.
Point --corpus at a user's own documents to check references to them.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcassistant import Citation  # noqa: E402
from kcassistant.evaluate import probes as kc_probes  # noqa: E402
from kcassistant.evaluate.probe_runs import indexed, print_report, probe_parser  # noqa: E402


def main() -> None:
    parser = probe_parser(__doc__, ROOT.parent / "shared" / "knowledge")
    parser.add_argument("--per-document", type=int, default=4, help="articles drawn from each document")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    assistant = indexed(args.corpus, args.data_dir)
    snapshot = assistant.index.snapshot()
    chunks = snapshot.chunks[:]
    probes = (kc_probes.citation_probes(chunks, args.per_document, args.seed)
              + kc_probes.link_probes(chunks, assistant.index.links.all()))

    def ask(question: str, history: tuple[str, ...]) -> tuple[bool, tuple[Citation, ...]]:
        answer = assistant.ask(question, history)
        return answer.found, answer.citations

    results = kc_probes.run_probes(probes, ask)
    print_report(f"{len(probes)} probes over {len({p.document for p in probes})} documents ({args.corpus})",
                 results, kc_probes.WHAT_EACH_TESTS,
                 lambda result: f"{result.cited or 'nothing cited'}{'' if result.found else ' (not found)'}")


if __name__ == "__main__":
    main()
