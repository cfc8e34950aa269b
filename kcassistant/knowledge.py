"""The team's domain knowledge (knowledge/*.json) loaded once: glossary groups,
English→Vietnamese terms, regions and provinces."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import KNOWLEDGE_DIR
from .text import fold


@dataclass(frozen=True)
class AliasGroup:
    canonical: str
    aliases: tuple[str, ...]  # every form, canonical included

    @property
    def vietnamese(self) -> tuple[str, ...]:
        """Forms worth adding to a Vietnamese search: not plain English words."""
        return tuple(a for a in self.aliases if not re.fullmatch(r"[A-Za-z' ]*[a-z][A-Za-z' ]*", a))


@dataclass(frozen=True)
class Knowledge:
    groups: tuple[AliasGroup, ...]
    english_terms: dict[str, str]
    regions: dict[str, tuple[str, ...]]  # region → provinces
    region_patterns: dict[str, tuple[str, ...]]
    country_patterns: tuple[str, ...]
    provinces: dict[str, str]  # folded alias → canonical province


def alias_pattern(alias: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + re.escape(fold(alias)) + r"(?![\w])")


@lru_cache(maxsize=4)
def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    glossary = json.loads((directory / "glossary.json").read_text(encoding="utf-8"))
    regions = json.loads((directory / "regions.json").read_text(encoding="utf-8"))
    groups = tuple(AliasGroup(g[0], tuple(g)) for g in glossary["groups"])
    provinces: dict[str, str] = {}
    for members in regions["regions"].values():
        for province in members:
            provinces[fold(province)] = province
    for province, aliases in regions.get("province_aliases", {}).items():
        for alias in aliases:
            provinces[fold(alias)] = province
    return Knowledge(
        groups=groups,
        english_terms={fold(k): v for k, v in glossary.get("terms_en", {}).items()},
        regions={k: tuple(v) for k, v in regions["regions"].items()},
        region_patterns={k: tuple(fold(p) for p in v) for k, v in regions["region_patterns"].items()},
        country_patterns=tuple(fold(p) for p in regions["country_patterns"]),
        provinces=provinces,
    )
