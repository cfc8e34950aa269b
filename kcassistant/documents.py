"""Indexed files as the HTTP API shows them: a short summary for the list, and the
whole structure for one file — the legal documents it holds, their articles under
their chapters, and the links between articles in both directions."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ingest.links import Link
from ingest.model import Chunk, collection_of, locator

from .library import label_index, library
from .store import FileRecord

ID_LENGTH = 16


def document_id(record: FileRecord) -> str:
    """A file's id: the start of its content hash (stable across names and re-ingests)."""
    return record.sha256[:ID_LENGTH]


def summary(record: FileRecord, chunks: list[Chunk]) -> dict[str, Any]:
    numbers = list(dict.fromkeys(c.doc_number for c in chunks if c.doc_number))
    return {"id": document_id(record), "source": record.source, "title": record.title, "kind": record.kind,
            "collection": collection_of(record.source), "doc_numbers": numbers, "passages": record.n_chunks,
            "publisher": record.publisher, "published": record.published,
            "indexed_at": datetime.fromtimestamp(record.ingested_at).isoformat(timespec="seconds")}


def detail(record: FileRecord, chunks: list[Chunk], everything: list[Chunk],
           links_of: Callable[[str], tuple[list[Link], list[Link]]] | None = None) -> dict[str, Any]:
    """One file in full. Article links are the Pháp điển cross-references resolved to articles
    of any indexed document: `references` (this article points there) and `referenced_by`;
    document links (`links.out`, `links.in`) are what documents say of each other."""
    legal, news = library(chunks)
    labels = label_index(library(everything)[0])
    cited_by: dict[str, list[str]] = {}
    for article in labels.values():
        for target in article.references:
            cited_by.setdefault(target, []).append(article.label or "")

    def place(label: str) -> dict[str, Any] | None:
        article = labels.get(label)
        return None if article is None else {"doc_number": article.doc_number, "article": article.article,
                                             "heading": article.heading, "label": label}

    documents = []
    for doc in legal:
        articles = []
        for chapter, members in doc.chapters():
            for a in members:
                articles.append({
                    "article": a.article, "heading": a.heading, "chapter": chapter, "label": a.label,
                    "locator": locator(a.article, doc.doc_type, doc.key) if a.article else a.chunks[0].locator,
                    "effective_date": a.effective_date, "text": a.text,
                    "references": [p for p in map(place, a.references) if p],
                    "referenced_by": [p for p in map(place, cited_by.get(a.label or "", [])) if p]})
        out, came = links_of(doc.key) if links_of else ([], [])
        documents.append({"doc_number": doc.key, "doc_type": doc.doc_type, "title": doc.title, "articles": articles,
                          "links": {"out": [_link(x) for x in out], "in": [_link(x) for x in came]}})
    return {**summary(record, chunks), "documents": documents,
            "paragraphs": [c.text for n in news for c in n.chunks]}


def _link(link: Link) -> dict[str, Any]:
    return {"from": link.from_doc, "relation": link.relation, "to": link.to_doc, "article": link.to_article,
            "sentence": link.sentence, "source": link.source}
