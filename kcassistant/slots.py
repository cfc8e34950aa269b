"""What a figure is about: scope, year, period, programme and measure.

The same detectors read questions and source sentences, so a question about "kế
hoạch KCQG năm 2022 của miền Trung - Tây Nguyên" and the sentence that states it are
described in one vocabulary.
"""
from __future__ import annotations

import re
from enum import StrEnum

from ingest.patterns import YEAR
from ingest.vocabulary import Vocabulary, alias_pattern, alternation, vocabulary

from .text import fold


class Programme(StrEnum):
    """Which money a figure is: the national programme's, the provinces', or both together."""
    KCQG = "KCQG"
    KCDP = "KCĐP"
    TOTAL = "tổng"


class Measure(StrEnum):
    """What a figure measures. Values are the words a report uses, and what records store."""
    PLAN = "kế hoạch"
    ACTUAL = "thực hiện"
    ALLOCATED = "phân bổ"
    REVENUE = "doanh thu"
    RATE = "tỷ lệ thực hiện"  # a share of the plan reached, stated without an amount


KCQG, KCDP, TOTAL = Programme.KCQG, Programme.KCDP, Programme.TOTAL
PLAN, ACTUAL, ALLOCATED, REVENUE = Measure.PLAN, Measure.ACTUAL, Measure.ALLOCATED, Measure.REVENUE

_VOCABULARY = vocabulary()
_NOT_PROGRAMME = re.compile(alternation(_VOCABULARY.not_programme))
_KCDP = re.compile(alternation(_VOCABULARY.programmes[KCDP].patterns))
_KCQG = re.compile(alternation(_VOCABULARY.programmes[KCQG].patterns))
_RATIO = re.compile(alternation(_VOCABULARY.ratio_patterns))
_MEASURES = [(name, re.compile(alternation(patterns))) for name, patterns in _VOCABULARY.measures_in_text.items()]
_NUMBER_WORDS = _VOCABULARY.number_words
_PERIOD = re.compile(r"(\d{1,2}|" + alternation(_VOCABULARY.period_number_words) + r")\s+"
                     r"(?:tháng|months?)(?:\s+đầu\s+năm|\s+đầu)?")
_PERIOD_EN = re.compile(r"first\s+(\d{1,2}|" + alternation(_VOCABULARY.period_number_words_en) + r")\s+months")
_UNTIL = re.compile(r"đến\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_HALF = re.compile(alternation(_VOCABULARY.half_year))
_TO_DATE = re.compile(alternation(_VOCABULARY.to_date))
_WHOLE_YEAR = re.compile(alternation(_VOCABULARY.whole_year))


def programmes(text: str) -> set[str]:
    low = _NOT_PROGRAMME.sub(" ", fold(text))
    found: set[str] = set()
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


class PercentKind(StrEnum):
    """What a percentage is of: the plan reached ("đạt 94,8% kế hoạch") or a share of a whole
    ("chiếm 39,8% kinh phí toàn vùng"). A report states both of one amount; one does not answer the other."""
    OF_PLAN = "đạt kế hoạch"
    SHARE = "chiếm"


_ASKS_OF_PLAN = re.compile(r"đạt\s+(?:được\s+)?(?:bao nhiêu|mấy|tỷ lệ)|"
                           r"(?:bao nhiêu|mấy)\s*(?:%|phần trăm)\s*(?:so với\s+)?kế hoạch|"
                           r"(?:percent|percentage|share)\s+of\s+(?:the|its)?\s*(?:annual\s+)?plan")
_ASKS_SHARE = re.compile(r"chiếm\s+(?:bao nhiêu|mấy|tỷ lệ|\w+\s+bao nhiêu)|(?:what|which)\s+(?:share|proportion)"
                         r"(?!\s+of\s+(?:the|its)?\s*(?:annual\s+)?plan)")
_STATES = {PercentKind.OF_PLAN: re.compile(r"đạt\s+(?:được\s+)?(?:khoảng\s+)?\d+(?:[,.]\d+)?\s*%"),
           PercentKind.SHARE: re.compile(r"chiếm\s+(?:khoảng\s+)?(?:tỷ lệ\s+)?\d+(?:[,.]\d+)?\s*%")}


def percent_kinds_asked(text: str) -> frozenset[PercentKind]:
    low = fold(text)
    return frozenset(k for k, asks in ((PercentKind.OF_PLAN, _ASKS_OF_PLAN), (PercentKind.SHARE, _ASKS_SHARE))
                     if asks.search(low))


def percent_kinds_stated(text: str) -> frozenset[PercentKind]:
    low = fold(text)
    return frozenset(kind for kind, states in _STATES.items() if states.search(low))


def period_of(text: str) -> str | None:
    low = fold(text)
    match = _UNTIL.search(low)
    if match:
        return f"đến {int(match.group(1))}/{int(match.group(2))}"
    if _TO_DATE.search(low):
        return "đến nay"
    match = _PERIOD_EN.search(low) or _PERIOD.search(low)
    if match:
        word = match.group(1)
        months = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
        if months and months < 12:
            return f"{months} tháng"
    if _HALF.search(low):
        return "6 tháng"
    if _WHOLE_YEAR.search(low):
        return _VOCABULARY.full_year  # "Còn cả năm?" after a question on nine months
    return None


def years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]


def years_mentioned(text: str) -> set[int]:
    """Years named anywhere, dates included ("ngày 27/02/2023" names 2023)."""
    return set(years_in(text)) | {int(y) for y in re.findall(r"\b\d{1,2}/\d{1,2}/((?:19|20)\d\d)\b", text)}


def years_stated(text: str) -> set[int]:
    """Years a source text names, a document's included ("Nghị định số 32/2024/NĐ-CP" was issued in
    2024). Not for questions: one citing "Nghị định 45/2012/NĐ-CP" asks about no year."""
    return years_mentioned(text) | {int(y) for y in re.findall(r"\b\d+/((?:19|20)\d\d)/[A-ZĐ]", text)}


_DATE = re.compile(r"\b(\d{1,2})(?:/|\s+tháng\s+)(\d{1,2})(?:/|\s+năm\s+)((?:19|20)\d\d)\b")


def dates_in(text: str) -> set[tuple[int, int, int]]:
    """Whole dates named, as (year, month, day): "10/02/2014" and "10 tháng 02 năm 2014" alike."""
    return {(int(y), int(m), int(d)) for d, m, y in _DATE.findall(fold(text))
            if 1 <= int(m) <= 12 and 1 <= int(d) <= 31}


def dates_contradict(asked: set[tuple[int, int, int]], stated: set[tuple[int, int, int]]) -> bool:
    """Does a text date in the year asked only other days? "có hiệu lực từ ngày 10/02/2014" is not
    answered by "có hiệu lực từ ngày 08 tháng 4 năm 2014"; a text dating nothing that year may be."""
    years = {date[0] for date in asked}
    same_year = {date for date in stated if date[0] in years}
    return bool(same_year) and not same_year & asked


# what a text says took effect when: "có hiệu lực (thi hành) (kể) từ ngày 10/02/2014" / "… từ năm … 1994"
_IN_EFFECT = re.compile(r"hiệu lực(?: thi hành)?(?: kể)? từ "
                        r"(?:ngày ([^.;,]{6,20}?(?:19|20)\d\d)|năm\D{0,40}?((?:19|20)\d\d))")


def asks_effect(question: str) -> bool:
    """The question names a day something took effect ("… có hiệu lực từ ngày 01/03/2014 …"), not a
    day it asks about ("Ngày 01/08/2032 thông tư này còn hiệu lực không?")."""
    return any(dates_in(whole) for whole, _ in _IN_EFFECT.findall(fold(question)))


def effect_contradicts(asked: set[tuple[int, int, int]], text: str) -> bool:
    """A question on what took effect on a day ("có hiệu lực từ ngày 01/03/2014") is not answered by a
    text whose own effect began another day or year, whatever the year ("có hiệu lực thi hành từ năm
    … 1994"); dates it names for other things (the documents it replaces) say nothing."""
    stated = _IN_EFFECT.findall(fold(text))
    days = {day for whole, _ in stated for day in dates_in(whole)}
    years = {int(year) for _, year in stated if year}
    return bool(days or years) and not (days & asked or years & {date[0] for date in asked})


_LEVEL = re.compile(r"(?<!\w)cấp\s+(" + alternation(_VOCABULARY.levels) + r")(?!\w)")
# a clause or point that opens with its tier ("2. Cấp huyện (quận, huyện …): …") is written for that tier
_OPENING_LEVEL = re.compile(r"\s*(?:\d+\.|[a-zđ]\))?\s*cấp\s+(" + alternation(_VOCABULARY.levels) + r")(?!\w)")


def levels(text: str) -> frozenset[str]:
    """The tiers the text names ("cấp tỉnh", "cấp Bộ"), folded."""
    return frozenset(_LEVEL.findall(fold(text)))


def levels_written_for(text: str) -> frozenset[str]:
    """The tiers a unit is written for: the one it opens with, or else every tier it names
    (a clause for the district tier names the province's committee that decides it)."""
    opening = _OPENING_LEVEL.match(fold(text))
    return frozenset({opening.group(1)}) if opening else levels(text)


def without_levels(folded: str) -> str:
    """A folded text with the tiers it names taken out (what a follow-up naming another replaces)."""
    return _LEVEL.sub(" ", folded)


def level_of(text: str) -> str | None:
    """The one tier a question names, if it names exactly one."""
    named = levels(text)
    return next(iter(named)) if len(named) == 1 else None


def scope_of(text: str, knowledge: Vocabulary | None = None) -> str | None:
    """A region, a province or "cả nước" named in the text."""
    knowledge = knowledge or _VOCABULARY
    low = fold(text)
    for region, patterns in knowledge.region_patterns.items():
        if any(re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", low) for p in patterns):
            return region
    for alias, province in sorted(knowledge.provinces.items(), key=lambda kv: -len(kv[0])):
        if alias_pattern(alias).search(low):
            return province
    if any(p in low for p in knowledge.country_patterns):
        return "cả nước"
    named = _NAMED_REGION.search(text)
    return " ".join(named.group(1).split()) if named else None


# A region the vocabulary does not list, named as one ("khu vực Đồng bằng sông Cửu Long"):
# a capitalised name after "khu vực"/"vùng", up to the first word that is no longer part of it.
_NAMED_REGION = re.compile(
    r"\b(?:[Kk]hu vực|[Vv]ùng)\s+([A-ZĐÂĂÊÔƠƯ][^\s,.;:()\d]*(?:\s+(?!(?:năm|của|là|với|đạt|trong|tại|và|có|được|đã|"
    r"đến|từ|cho|theo|thì|này|gồm|bao)\b)[^\s,.;:()\d?]+){0,5})")
