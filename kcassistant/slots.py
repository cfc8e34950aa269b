"""What a figure is about: scope, year, period, programme and measure.

The same detectors read questions and source sentences, so a question about "kế
hoạch KCQG năm 2022 của miền Trung - Tây Nguyên" and the sentence that states it are
described in one vocabulary.
"""
from __future__ import annotations

import re

from ingest.patterns import YEAR

from .knowledge import Knowledge, alias_pattern, load_knowledge
from .text import fold

KCQG, KCDP, TOTAL = "KCQG", "KCĐP", "tổng"
PLAN, ACTUAL, ALLOCATED, REVENUE = "kế hoạch", "thực hiện", "phân bổ", "doanh thu"

# Names that contain "địa phương" but are not the local programme.
_NOT_PROGRAMME = re.compile(
    r"cục công (?:thương|nghiệp) địa phương|cục ctđp|cục cnđp|các địa phương|một số địa phương|"
    r"địa phương (?:trong|có|cần|bố trí|tiếp tục|liên quan)|của địa phương|cho các địa phương|"
    r"một vài địa phương|trung ương và địa phương|\d+ địa phương|địa phương/cơ quan|công thương địa phương")
_KCDP = re.compile(r"khuyến công địa phương|kcđp|kcdp|kinh phí địa phương|ngân sách địa phương|"
                   r"\blocal\b|\bprovincial\b")
_KCQG = re.compile(r"khuyến công quốc gia|kcqg|\bnational\b")

_RATIO = re.compile(r"(?:đạt\s+)?(?:bao nhiêu\s+)?(?:phần trăm|%|tỷ lệ)\s*(?:so với\s+)?(?:kế hoạch|plan)|"
                    r"so với kế hoạch|(?:percent|percentage)\s+of\s+(?:the\s+)?plan")
_MEASURES = [
    (ALLOCATED, re.compile(r"phân bổ|allocat")),
    (REVENUE, re.compile(r"doanh thu|revenue")),
    (PLAN, re.compile(r"kế hoạch|được duyệt|phê duyệt|\bgiao\b|dự toán|\bplan(?:ned)?\b|\btarget")),
    (ACTUAL, re.compile(r"thực hiện|giải ngân|\bđạt\b|triển khai|\bspent\b|\bspend\b|disburs|"
                        r"\bactual|implemented|achieved|\breceived?\b|\bused\b")),
]
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                 "chín": 9, "mười": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_PERIOD = re.compile(r"(\d{1,2}|một|hai|ba|bốn|sáu|bảy|tám|chín|mười|six|seven|eight|nine|three)\s+"
                     r"(?:tháng|months?)(?:\s+đầu\s+năm|\s+đầu)?")
_PERIOD_EN = re.compile(r"first\s+(\d{1,2}|three|six|seven|eight|nine)\s+months")
_UNTIL = re.compile(r"đến\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_HALF = re.compile(r"first half|nửa đầu năm|6 tháng đầu năm")
_FULL_YEAR = re.compile(r"cả năm|full year|whole year|trong năm")


def programmes(text: str) -> set[str]:
    low = _NOT_PROGRAMME.sub(" ", fold(text))
    found = set()
    if _KCQG.search(low):
        found.add(KCQG)
    if _KCDP.search(low):
        found.add(KCDP)
    return found



def measure_of(text: str) -> str | None:
    """The first measure named, ratio phrases ("đạt …% so với kế hoạch") set aside."""
    low = _RATIO.sub(" ", fold(text))
    found = [(m.start(), name) for name, pattern in _MEASURES if (m := pattern.search(low))]
    return min(found)[1] if found else None


def period_of(text: str) -> str | None:
    low = fold(text)
    match = _UNTIL.search(low)
    if match:
        return f"đến {int(match.group(1))}/{int(match.group(2))}"
    if re.search(r"\bđến nay\b|\bso far\b|\bto date\b", low):
        return "đến nay"
    match = _PERIOD_EN.search(low) or _PERIOD.search(low)
    if match:
        word = match.group(1)
        months = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
        if months and months < 12:
            return f"{months} tháng"
    if _HALF.search(low):
        return "6 tháng"
    return None


def years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]


def years_mentioned(text: str) -> set[int]:
    """Years named anywhere, dates included ("ngày 27/02/2023" names 2023)."""
    return set(years_in(text)) | {int(y) for y in re.findall(r"\b\d{1,2}/\d{1,2}/((?:19|20)\d\d)\b", text)}


def scope_of(text: str, knowledge: Knowledge | None = None) -> str | None:
    """A region, a province or "cả nước" named in the text."""
    knowledge = knowledge or load_knowledge()
    low = fold(text)
    for region, patterns in knowledge.region_patterns.items():
        if any(re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", low) for p in patterns):
            return region
    for alias, province in sorted(knowledge.provinces.items(), key=lambda kv: -len(kv[0])):
        if alias_pattern(alias).search(low):
            return province
    if any(p in low for p in knowledge.country_patterns):
        return "cả nước"
    return None
