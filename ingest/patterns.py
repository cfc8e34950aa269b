"""Regular expressions for the things Vietnamese legal and programme texts name:
document numbers, document types, dates and amounts. Shared by the parsers, the
tokeniser and the query analyser so that all three agree on what a token is.
"""
from __future__ import annotations

import re
import unicodedata

from .vocabulary import vocabulary

# 45/2012/NĐ-CP, 26/2014/TTLT-BTC-BCT, 61/2000/TT-BNNPTNT/KH, 3396/QĐ-BCT, 19-NQ/TW, 10693/TTr-CTĐP
DOC_NUMBER = re.compile(
    r"\b\d{1,5}(?:/\d{4})?[/-](?:[A-ZĐ][A-ZĐa-z]{0,9})(?:-[A-ZĐa-z0-9]{1,12})*(?:/[A-ZĐ]{1,10})?(?![\w/])"
)
# Full form with year, used to recognise a document unambiguously.
DOC_NUMBER_FULL = re.compile(r"\b\d{1,5}/\d{4}/[A-ZĐ]{1,8}(?:-[A-ZĐa-z0-9]{1,12})+(?:/[A-ZĐ]{1,10})?(?![\w/])")

DOC_TYPE = re.compile("|".join(vocabulary().type_names()), re.IGNORECASE)

DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d/.,])(19[5-9]\d|20\d\d)(?![\d/,.]\d)")



def canon_doc_number(number: str) -> str:
    """A comparable form: NFC, upper case, no spaces, Đ→D (people type both)."""
    number = unicodedata.normalize("NFC", number or "").upper().replace(" ", "")
    return number.replace("Đ", "D")


def doc_type_of(number: str) -> str | None:
    """Nghị định for 45/2012/NĐ-CP, Thông tư liên tịch for …/TTLT-…, None if unknown."""
    parts = re.split(r"[/-]", unicodedata.normalize("NFC", number).upper())
    return next((t for t in map(vocabulary().type_of_code, parts[1:]) if t), None)


def normalise_date(day: str, month: str, year: str) -> str:
    return f"{int(day):02d}/{int(month):02d}/{year}"
