"""What the app's document browser and uploader need, kept out of the UI code:
regulations grouped document → chapter → article, news articles whole, the
Pháp điển cross-references resolved to articles, and uploads saved safely."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.load import MAX_FILE_BYTES
from ingest.model import Chunk
from ingest.vocabulary import vocabulary

from .figures import FULL_YEAR, Figure
from .slots import Measure
from .store.catalog import FileRecord

CHARTED_MEASURES = (Measure.PLAN, Measure.ACTUAL)


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
        for article in sorted(self.articles, key=lambda a: a.chunks[0].position):  # the source's reading order
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


def library(chunks: list[Chunk]) -> tuple[list[LegalDocumentView], list[NewsView]]:
    """Regulations by document number and news articles by source."""
    legal: dict[str, LegalDocumentView] = {}
    news: dict[str, NewsView] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source, c.position)):
        if chunk.kind == "legal" and chunk.doc_number:  # articles, and the preamble, signature, annexes
            doc = legal.setdefault(chunk.doc_number, LegalDocumentView(chunk.doc_number, chunk.title, chunk.source, [],
                                                                          chunk.doc_type))
            article = next((a for a in doc.articles if a.article == (chunk.article or "")
                            and (chunk.article or a.heading == chunk.heading)), None)
            if article is None:
                article = ArticleView(chunk.doc_number, chunk.article or "", chunk.heading, chunk.chapter, [],
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


@dataclass(frozen=True)
class SavedUpload:
    path: Path
    duplicate_of: str | None = None  # the stored upload with the same content, when there is one


def save_upload(uploads_dir: Path, name: str, data: bytes) -> SavedUpload:
    """Store an uploaded file under `uploads_dir` (never outside it) under a name no
    other upload has; content already uploaded is not stored twice. ValueError (in
    Vietnamese, naming the file and the limit) when too large or unnamable."""
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{name}: tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB; giới hạn "
                         f"{MAX_FILE_BYTES // 1024 // 1024} MB mỗi tệp)")
    uploads_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    for existing in sorted(uploads_dir.iterdir()):
        if existing.is_file() and existing.stat().st_size == len(data) and \
                hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            return SavedUpload(existing.resolve(), duplicate_of=existing.name)
    wanted = safe_upload_name(name)
    stem, dot, suffix = wanted.rpartition(".")
    if not dot:
        stem, suffix = wanted, ""
    target = (uploads_dir / wanted).resolve()
    n = 1
    while target.exists():  # another upload already has this name: keep both
        n += 1
        target = (uploads_dir / f"{stem}-{n}{'.' + suffix if suffix else ''}").resolve()
    if uploads_dir.resolve() not in target.parents:
        raise ValueError(f"{name}: tên tệp không hợp lệ")
    target.write_bytes(data)
    return SavedUpload(target)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: str) -> str:
    """Document or user text made safe to pass to Markdown: every character Markdown
    (or its LaTeX and HTML) would act on is escaped, so a link, an image or a heading
    in a document shows as the characters it is, never as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def html_text(text: str) -> str:
    """Document text inside our own HTML: escaped, and the characters Markdown would
    still read (links, maths) written as entities."""
    import html

    return html.escape(text).replace("[", "&#91;").replace("]", "&#93;").replace("$", "&#36;")


# -- figures as a person reads them ------------------------------------------------------------
@dataclass(frozen=True)
class FigureRow:
    """A figure record with its source named as a reader knows it (title, outlet, date);
    nothing in it is None, so nothing shows "None"."""
    scope: str
    year: str
    period: str
    programme: str
    measure: str
    value: str  # "27,6"
    unit: str
    percent: str  # "đạt 94,8% so với kế hoạch", or ""
    share: str  # "chiếm 39,8% kinh phí …", or ""
    source_title: str
    outlet: str
    published: str
    collection: str
    sentence: str
    chunk_id: str
    source: str
    amount: float | None  # in tỷ đồng, for charts; None when not money


def figure_rows(figures: list[Figure], files: dict[str, FileRecord]) -> list[FigureRow]:
    """One row per distinct statement of a source: the same figure said twice in one
    article (a summary and the body) is one row."""
    rows: dict[tuple[str, ...], FigureRow] = {}
    for f in figures:
        record = files.get(f.source)
        money = {"tỷ đồng": 1.0, "triệu đồng": 0.001}.get(f.unit)
        row = FigureRow(
            scope=f.scope or "", year=str(f.year or ""), period=f.period or "", programme=str(f.programme or ""),
            measure=str(f.measure or ""), value=f.value_text, unit=f.unit or "",
            percent=f"{f.percent}% {f.percent_of or 'so với kế hoạch'}" if f.percent else "",
            share=f"{f.share}% {f.share_of}".strip() if f.share else "",
            source_title=(record.title if record and record.title else f.title) or f.source,
            outlet=record.publisher if record else "", published=record.published if record else "",
            collection=f.collection, sentence=f.sentence, chunk_id=f.chunk_id, source=f.source,
            amount=float(f.decimal) * money if money else None)
        key = (f.source, row.scope, row.year, row.period, row.programme, row.measure, f.value, row.unit,
               row.percent, row.share)
        rows.setdefault(key, row)
    return list(rows.values())


def charts_by_scope(rows: list[FigureRow], period: str = FULL_YEAR) -> dict[str, list[FigureRow]]:
    """Whole-year money figures (plan, actual) grouped by scope, one chart each: a
    region's budget and the country's are never drawn as one series."""
    charts: dict[str, list[FigureRow]] = {}
    for row in rows:
        if row.amount is not None and row.period == period and row.scope and row.measure in CHARTED_MEASURES:
            charts.setdefault(row.scope, []).append(row)
    return charts
