"""Ingestion: files → structured documents → chunks. Pure functions, no index access."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from . import markdown, metadata
from .chunk import IncompleteChunking, check_complete, chunk_document
from .clean import reflow
from .legal import is_phapdien, looks_legal, parse_legal, without_contents
from .load import SUPPORTED, LoadError, decode_bytes, load_text
from .model import Chunk, Document, Section
from .news import parse_news

# Bump when parsing or chunking changes what a file yields: indexed files are then read
# again on the next ingest (only passages whose text changed are embedded again).
PARSER_VERSION = "12"

__all__ = ["PARSER_VERSION", "Chunk", "Document", "Section", "LoadError", "SUPPORTED", "parse_file",
           "IncompleteChunking", "parse_text", "check_complete", "chunk_document", "file_sha256", "reflow"]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_text(text: str, source: str) -> Document:
    """Legal texts by their structure; everything else as an article with a title.
    Hard-wrapped lines are re-flowed first, so no parser mistakes them for headings."""
    if markdown.is_markdown_page(text) and not is_phapdien(text):  # Pháp điển pages have their own parser
        text = markdown.plain(without_contents(text))
    text = reflow(text)
    if looks_legal(text):
        doc = parse_legal(text, source)
        if doc.sections:
            return doc
    return parse_news(text, source)


def parse_file(path: Path, source: str) -> Document:
    """Parse one file; raises LoadError with a message for the user."""
    text = load_text(path)
    doc = parse_text(text, source)
    if not any(section.paragraphs for section in doc.sections):
        raise LoadError(f"{path.name}: không tìm thấy nội dung để lập chỉ mục")
    if doc.kind == "news":
        found = metadata.from_text(text, doc.title)
        if path.suffix.lower() in (".html", ".htm"):
            page = metadata.from_html(decode_bytes(path.read_bytes(), path.name))
            found = metadata.NewsMetadata(page.publisher or found.publisher, page.published or found.published)
        doc = replace(doc, publisher=found.publisher, published=found.published)
    return replace(doc, sha256=file_sha256(path))
