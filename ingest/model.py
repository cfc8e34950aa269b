"""Records that flow out of ingestion: Document → Section → Chunk.

They are plain dataclasses so that the index, the answerer and the app share one
vocabulary (doc_number, article, clause, locator) without importing each other.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One structural unit of a document: a legal article, or a news body.

    `paragraphs` keep the source's own paragraph breaks: legal clauses start a
    paragraph ("1. …", "a) …"), news paragraphs are the page's lines.
    """

    kind: str  # "article" | "preamble" | "signature" | "annex" | "news" | "text"
    title: str
    paragraphs: tuple[str, ...]
    article: str | None = None  # "12" for Điều 12
    chapter: str | None = None  # "Chương IV KINH PHÍ KHUYẾN CÔNG"
    doc_number: str | None = None  # "45/2012/NĐ-CP"
    doc_type: str | None = None  # "Nghị định", "Thông tư", …
    doc_title: str | None = None  # "Về khuyến công"
    issued_date: str | None = None  # "21/05/2012"
    effective_date: str | None = None  # "05/07/2012"
    label: str | None = None  # Pháp điển label "7.5.NĐ.12"
    references: tuple[str, ...] = ()  # Pháp điển labels linked
    issuer: str | None = None  # "THỦ TƯỚNG CHÍNH PHỦ", from the document's header
    origin: str | None = None  # Pháp điển: "(Điều 3 Thông tư số 89/2014/TT-BTC, … được sửa đổi bởi …)"
    signer: str | None = None  # the name under the signature

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Document:
    source: str  # path relative to the ingested root, e.g. "news/000_x.txt"
    title: str
    kind: str  # "legal" | "news" | "text"
    sections: tuple[Section, ...]
    sha256: str = ""
    publisher: str = ""  # news: the outlet, when the page or its byline says
    published: str = ""  # news: publication date dd/mm/yyyy, when the page or its byline says


@dataclass(frozen=True)
class Chunk:
    """The unit that is indexed, retrieved and cited."""

    id: str
    source: str
    text: str  # the passage itself, verbatim from the source
    heading: str  # kept beside the text: "Điều 12. Kinh phí …", or the news headline
    locator: str  # "Điều 12 Nghị định 45/2012/NĐ-CP", "Hội nghị … (tin)"
    title: str
    kind: str  # "legal" | "news" | "text"
    doc_number: str | None = None
    doc_type: str | None = None
    article: str | None = None
    clause: str | None = None  # "1-3" when a long article was split by clause
    chapter: str | None = None
    effective_date: str | None = None
    year: int | None = None  # the year of the document (issue or publication)
    label: str | None = None
    references: tuple[str, ...] = ()
    position: int = 0  # order within its document
    issuer: str | None = None
    issued_date: str | None = None
    signer: str | None = None

    @property
    def cited_type(self) -> str | None:
        """The type as a citation writes it before the number; a document without a number is
        named by its title instead ("Điều 43 Luật Cư trú", not "Điều 43 Luật")."""
        if self.doc_number or not self.title or self.kind != "legal":
            return self.doc_type
        return self.title

    @property
    def collection(self) -> str:
        """"upload" for a file a user added through the app or the API, else "corpus"."""
        return collection_of(self.source)

    @property
    def content_hash(self) -> str:
        return content_hash(self.heading + "\n" + self.locator + "\n" + self.text)

    def metadata(self) -> dict[str, str | int | float | bool]:
        """Flat metadata for vector stores (no None, no lists)."""
        raw = {
            "source": self.source, "locator": self.locator, "title": self.title, "heading": self.heading,
            "kind": self.kind, "doc_number": self.doc_number, "doc_type": self.doc_type,
            "article": self.article, "clause": self.clause, "chapter": self.chapter,
            "effective_date": self.effective_date, "year": self.year, "label": self.label,
            "references": ";".join(self.references) or None, "position": self.position,
            "issuer": self.issuer, "issued_date": self.issued_date, "signer": self.signer,
            "content_hash": self.content_hash,
        }
        return {k: v for k, v in raw.items() if v is not None}


UPLOADS = "uploads/"  # the source prefix of files users add (they are stored under $KC_DATA_DIR/uploads)


def collection_of(source: str) -> str:
    return "upload" if source.startswith(UPLOADS) else "corpus"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def locator(article: str, doc_type: str | None, doc_number: str | None, clause: str | None = None,
            point: str | None = None, clause_range: str | None = None) -> str:
    """How a citation names a place in a legal document, the one writer of it:
    "Điều 12 Nghị định 45/2012/NĐ-CP", "Khoản 4 Điều 14 …", "Điểm b khoản 1 Điều 10 …",
    and for a passage holding part of an article "Điều 4 (khoản 1-3) …"."""
    document = document_name(doc_type, doc_number)
    if clause and point:
        where = f"Điểm {point} khoản {clause} Điều {article}"
    elif clause:
        where = f"Khoản {clause} Điều {article}"
    else:
        where = f"Điều {article}" + (f" (khoản {clause_range})" if clause_range else "")
    return f"{where} {document}".strip()


def document_name(doc_type: str | None, doc_number: str | None) -> str:
    """"Nghị định 45/2012/NĐ-CP": how a citation names a document."""
    return " ".join(x for x in (doc_type, doc_number) if x)


def cited_document(chunk: Chunk) -> str:
    """How a citation names a passage's document: "Nghị định 45/2012/NĐ-CP", "Luật Cư trú"."""
    return document_name(chunk.cited_type, chunk.doc_number) or chunk.title


def spoken_name(title: str, doc_number: str | None) -> str:
    """How people name a document without its number, folded: "Bộ luật 91/2015/QH13 Dân sự"
    → "bộ luật dân sự"; "" when fewer than two words are left (a type alone names nothing)."""
    text = unicodedata.normalize("NFC", title.replace(doc_number, " ") if doc_number else title).lower()
    words = [w for w in re.findall(r"\w+", text) if not w.isdigit()]
    return " ".join(words) if len(words) >= 2 else ""


def article_order(article: str) -> tuple[int, str]:
    """Reading order of article numbers: "2" < "10" < "10a"; anything else last."""
    match = re.match(r"(\d+)(.*)", article or "")
    return (int(match.group(1)), match.group(2)) if match else (10**6, article or "")
