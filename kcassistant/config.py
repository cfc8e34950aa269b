"""One configuration object: environment variables (KC_*) and CLI flags land here.

`Config()` is the defaults and reads nothing; `Config.from_env()` applies the
environment. It is frozen: a variant is `dataclasses.replace(config, …)`, so a
test never has to undo what the environment set.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / ".kcassistant"

# Every KC_* variable the code reads, with what it sets (tests check the README lists them).
ENVIRONMENT = {
    "KC_DATA_DIR": "data_dir",
    "KC_CHROMA_URL": "chroma_url",
    "KC_EMBED_MODEL": "embed_model",
    "KC_EMBED_SEGMENT": "segment_for_embedding",
    "KC_COLLECTION": "collection",
    "KC_EMBED_MAX_CHARS": "embed_max_chars",
    "KC_EMBED_WORKERS": "embed_workers",
    "KC_EMBED_DEVICE": "embed_device",
    "KC_EMBED_CLUSTER": "embed_cluster",
    "KC_API_TOKEN": "api_token",
    "KC_LLM_URL": "llm_url",
    "KC_LLM_MODEL": "llm_model",
    "KC_LLM_API_KEY": "llm_api_key",
    "KC_LLM_TIMEOUT": "llm_timeout",
}


class SettingError(ValueError):
    """A setting (KC_* variable or flag) that cannot work: the message names it and what to do."""


@dataclass(frozen=True)
class Config:
    data_dir: Path = DEFAULT_DATA_DIR
    chroma_url: str | None = None
    embed_model: str = "e5"
    segment_for_embedding: bool = False
    collection: str = "kcassistant"
    embed_max_chars: int = 700  # dense vectors read the heading and this much of a passage
    embed_workers: int = 0  # processes that embed passages; 0 = one per usable core
    embed_device: str = "cpu"  # "cuda" puts the torch and sentence-transformers engines on a GPU
    embed_cluster: str = ""  # a Ray address ("auto", "ray://head:10001", "local"): its workers embed passages
    max_question_chars: int = 2000
    top_k: int = 10
    api_token: str | None = None  # bearer token that lets HTTP clients add and remove documents
    llm_url: str | None = None  # an OpenAI-compatible server (vLLM, Ollama …): answers are rewritten by it
    llm_model: str = "qwen2.5:7b-instruct"
    llm_api_key: str = "not-needed"  # an HTTP header (ASCII); self-hosted servers ignore it, the client needs one
    llm_timeout: float = 30.0  # seconds; past it the extractive answer is shown

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        """Defaults overridden by the KC_* variables that are set (and not empty)."""
        env = os.environ if environ is None else environ
        config = cls()
        values: dict[str, Any] = {}
        if env.get("KC_DATA_DIR"):
            values["data_dir"] = Path(env["KC_DATA_DIR"])
        if env.get("KC_CHROMA_URL"):
            values["chroma_url"] = env["KC_CHROMA_URL"]
        if env.get("KC_EMBED_MODEL"):
            values["embed_model"] = env["KC_EMBED_MODEL"]
        if env.get("KC_EMBED_SEGMENT"):
            values["segment_for_embedding"] = env["KC_EMBED_SEGMENT"] == "1"
        if env.get("KC_COLLECTION"):
            values["collection"] = env["KC_COLLECTION"]
        if env.get("KC_EMBED_MAX_CHARS"):
            values["embed_max_chars"] = _number(env, "KC_EMBED_MAX_CHARS", int, "số ký tự, ví dụ 700")
        if env.get("KC_EMBED_WORKERS"):
            values["embed_workers"] = _number(env, "KC_EMBED_WORKERS", int, "số tiến trình, ví dụ 2")
        if env.get("KC_EMBED_DEVICE"):
            values["embed_device"] = env["KC_EMBED_DEVICE"]
        if env.get("KC_EMBED_CLUSTER"):
            values["embed_cluster"] = env["KC_EMBED_CLUSTER"]
        for name in ("KC_API_TOKEN", "KC_LLM_URL", "KC_LLM_MODEL", "KC_LLM_API_KEY"):
            if env.get(name):
                values[ENVIRONMENT[name]] = env[name]
        if env.get("KC_LLM_TIMEOUT"):
            values["llm_timeout"] = _number(env, "KC_LLM_TIMEOUT", float, "số giây, ví dụ 30")
        return replace(config, **values)

    def described(self) -> dict[str, Any]:
        """The settings that shape an answer, as kept beside feedback (no secrets)."""
        return {"embed_model": self.embed_model, "embed_max_chars": self.embed_max_chars, "top_k": self.top_k,
                "collection": self.collection, "llm_model": self.llm_model if self.llm_url else None}

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "catalog.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"


def _number(env: Mapping[str, str], name: str, kind: type[int] | type[float], example: str) -> Any:
    try:
        value = kind(env[name])
    except ValueError:
        raise SettingError(f"{name}='{env[name]}' phải là một số ({example})") from None
    if value <= 0:
        raise SettingError(f"{name}='{env[name]}' phải lớn hơn 0 ({example})")
    return value
