"""What the app's document browser and uploader need, kept out of the UI code:
regulations grouped document → chapter → article, news articles whole, the
Pháp điển cross-references resolved to articles, and uploads saved safely."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model import Chunk
from ingest.vocabulary import vocabulary

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass
class ArticleView:
    doc_number: str
    article: str
    heading: str
    chapter: str | None
    chunks: list[Chunk]
    label: str | None = None
    references: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(c.text for c in self.chunks)

    @property
    def effective_date(self) -> str | None:
        return self.chunks[0].effective_date


@dataclass
class LegalDocumentView:
    key: str  # doc_number
    title: str  # "Nghị định 45/2012/NĐ-CP Về khuyến công"
    source: str
    articles: list[ArticleView]
    doc_type: str | None = None

    def chapters(self) -> list[tuple[str, list[ArticleView]]]:
        """Articles under their chapter, in the order of the source."""
        groups: list[tuple[str, list[ArticleView]]] = []
        for article in sorted(self.articles, key=lambda a: _article_order(a.article)):
            name = article.chapter or "Không thuộc chương"
            if not groups or groups[-1][0] != name:
                groups.append((name, []))
            groups[-1][1].append(article)
        return groups


@dataclass
class NewsView:
    key: str  # source
    title: str
    chunks: list[Chunk]


def _article_order(article: str) -> tuple[int, str]:
    match = re.match(r"(\d+)(.*)", article or "")
    return (int(match.group(1)), match.group(2)) if match else (10**6, article or "")


def library(chunks: list[Chunk]) -> tuple[list[LegalDocumentView], list[NewsView]]:
    """Regulations by document number and news articles by source."""
    legal: dict[str, LegalDocumentView] = {}
    news: dict[str, NewsView] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source, c.position)):
        if chunk.kind == "legal" and chunk.doc_number and chunk.article:
            doc = legal.setdefault(chunk.doc_number, LegalDocumentView(chunk.doc_number, chunk.title, chunk.source, [],
                                                                          chunk.doc_type))
            article = next((a for a in doc.articles if a.article == chunk.article), None)
            if article is None:
                article = ArticleView(chunk.doc_number, chunk.article, chunk.heading, chunk.chapter, [],
                                      chunk.label, list(chunk.references))
                doc.articles.append(article)
            article.chunks.append(chunk)
        else:
            news.setdefault(chunk.source, NewsView(chunk.source, chunk.title, [])).chunks.append(chunk)
    types = vocabulary()
    ordered = sorted(legal.values(), key=lambda d: (types.browse_order(d.doc_type), d.title))
    return ordered, sorted(news.values(), key=lambda n: n.key)


def label_index(documents: list[LegalDocumentView]) -> dict[str, ArticleView]:
    """Pháp điển label ("7.5.NĐ.12") → the article it names, for cross-reference links."""
    return {a.label: a for d in documents for a in d.articles if a.label}


def safe_upload_name(name: str) -> str:
    """A file name that cannot leave the uploads folder or surprise a file system."""
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = re.sub(r"[^\w\- ]+", "_", stem, flags=re.UNICODE).strip(" ._-") or "tai-lieu"
    suffix = re.sub(r"[^\w]+", "", suffix)[:10].lower()
    return (stem[:120] + (f".{suffix}" if suffix else "")).replace(" ", "_")


def save_upload(uploads_dir: Path, name: str, data: bytes) -> Path:
    """Store an uploaded file under `uploads_dir` (never outside it); ValueError if too large."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"{name}: tệp quá lớn ({len(data) // 1024 // 1024} MB > "
                         f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB)")
    uploads_dir.mkdir(parents=True, exist_ok=True)
    target = (uploads_dir / safe_upload_name(name)).resolve()
    if uploads_dir.resolve() not in target.parents:
        raise ValueError(f"{name}: tên tệp không hợp lệ")
    target.write_bytes(data)
    return target
