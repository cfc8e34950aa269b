"""Who published a news text and when: from an HTML page's metadata (Open Graph,
article:published_time, JSON-LD, <time>), or from a saved text's byline (a short
dated line under the headline, a closing "Nguồn: …" / "Theo …"). Unknown stays
empty: a date or an outlet is never guessed from the page's other news."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .patterns import DATE_NUMERIC, normalise_date

ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
SOURCE_LINE = re.compile(r"^\(?\s*(?:Nguồn|Theo)\s*:?\s+([A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^()]{1,70}?)\s*\)?\.?$")
BYLINE_LINES = 8  # a byline stands within the first lines after the headline
BYLINE_MAX_CHARS = 60


@dataclass(frozen=True)
class NewsMetadata:
    publisher: str = ""
    published: str = ""  # dd/mm/yyyy


def from_text(text: str, title: str = "") -> NewsMetadata:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next((i + 1 for i, line in enumerate(lines) if title and line.startswith(title[:40])), 0)
    published = ""
    for line in lines[start:start + BYLINE_LINES]:
        match = DATE_NUMERIC.search(line)
        if match and len(line) <= BYLINE_MAX_CHARS:
            published = normalise_date(*match.groups())
            break
    publisher = ""
    for line in reversed(lines[start:]):
        match = SOURCE_LINE.match(line)
        if match and len(line.split()) <= 10:
            publisher = match.group(1).strip(" .")
            break
    return NewsMetadata(publisher, published)


def from_html(html: str) -> NewsMetadata:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")

    def meta(*names: str) -> str:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            content = tag.get("content") if tag is not None else None
            if isinstance(content, str) and content.strip():
                return content.strip()
        return ""

    linked = _json_ld(soup)
    publisher = meta("og:site_name", "application-name") or linked.get("publisher", "")
    raw_date = meta("article:published_time", "pubdate", "publishdate", "date", "dc.date", "DC.date.issued") \
        or linked.get("published", "")
    if not raw_date:
        time_tag = soup.find("time")
        if time_tag is not None:
            raw_date = str(time_tag.get("datetime") or time_tag.get_text(" ", strip=True))
    return NewsMetadata(publisher, _date(raw_date))


def _json_ld(soup: object) -> dict[str, str]:
    found: dict[str, str] = {}
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):  # type: ignore[attr-defined]
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found.setdefault("publisher", publisher["name"])
            if isinstance(item.get("datePublished"), str):
                found.setdefault("published", item["datePublished"])
    return found


def _date(raw: str) -> str:
    iso = ISO_DATE.search(raw)
    if iso:
        year, month, day = iso.groups()
        return normalise_date(day, month, year)
    numeric = DATE_NUMERIC.search(raw)
    return normalise_date(*numeric.groups()) if numeric else ""
