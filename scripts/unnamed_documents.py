"""Which legal documents of a folder a citation could not name: no type, number or title
read from the file ("Khoản 2 Điều 20" of what?). Parses only; builds no index.

    python scripts/unnamed_documents.py [FOLDER]   (default ../shared/scale)
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import SUPPORTED, LoadError, parse_file  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "scale"
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
    legal = no_number = unnamed = failed = articles = 0
    unnamed_sources: list[str] = []
    for i, path in enumerate(files, 1):
        source = str(path.relative_to(folder))
        try:
            doc = parse_file(path, source)
        except (LoadError, ValueError) as exc:
            failed += 1
            print(f"  not parsed: {source}: {str(exc)[:100]}", file=sys.stderr)
            continue
        if doc.kind != "legal":
            continue
        legal += 1
        articles += sum(1 for s in doc.sections if s.kind == "article")
        first = next((s for s in doc.sections if s.kind == "article"), doc.sections[0])
        if not first.doc_number:
            no_number += 1
            if not (first.doc_type or first.doc_title):
                unnamed += 1
                unnamed_sources.append(source)
        if i % 100 == 0:
            print(f"  {i}/{len(files)} files read", file=sys.stderr)
    print(f"files {len(files)}, legal documents {legal}, articles {articles}, not parsed {failed}")
    print(f"legal documents without a number {no_number}; named by nothing at all {unnamed}")
    for source in unnamed_sources:
        print(f"  unnamed: {source}")


if __name__ == "__main__":
    main()
