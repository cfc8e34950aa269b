"""Hand-made records for the stage tests: chunks, hits and snapshots without files,
an index or an embedder."""
from __future__ import annotations

from ingest.model import Chunk, locator
from kcassistant.retrieve import Hit
from kcassistant.store import Snapshot, chunk_tokens


def article(number: str, heading: str, text: str, doc_number: str = "99/2030/NĐ-CP", doc_type: str = "Nghị định",
            source: str = "nghi-dinh.txt", position: int = 0) -> Chunk:
    return Chunk(id=f"{source}-{position}", source=source, text=text, heading=f"Điều {number}. {heading}",
                 locator=locator(number, doc_type, doc_number), title=f"{doc_type} {doc_number}", kind="legal",
                 doc_number=doc_number, doc_type=doc_type, article=number, year=2030, position=position)


def news(text: str, title: str = "Hội nghị khuyến công khu vực phía Nam năm 2030", source: str = "tin.txt",
         position: int = 0) -> Chunk:
    return Chunk(id=f"{source}-{position}", source=source, text=text, heading=title, locator=f"{title} (tin bài)",
                 title=title, kind="news", position=position)


def snapshot(chunks: list[Chunk]) -> Snapshot:
    return Snapshot.build("test", chunks, chunk_tokens(chunks))


def hits(chunks: list[Chunk], direct: bool = False) -> list[Hit]:
    """The chunks as retrieval would rank them: in this order, by words and by meaning alike."""
    return [Hit(c, 1.0 / (i + 1), lexical_rank=i + 1, dense_rank=i + 1, direct=direct) for i, c in enumerate(chunks)]


def open_gate(evidence: dict[str, float]) -> bool:
    """Every answer the structure allows passes: for tests of slots, records and units on a tiny
    snapshot, whose IDF is not a library's (the fitted gate is tested in test_abstain.py)."""
    return True
