"""Text utilities shared by indexing and querying: normalisation, the BM25 tokeniser
(underthesea word segmentation with legal numbers, dates and amounts kept whole),
and Vietnamese number parsing.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ingest.patterns import DATE_NUMERIC, DOC_NUMBER, canon_doc_number
from ingest.vietnamese import word_tokenize
from ingest.vocabulary import fold, tone_marks, vocabulary

__all__ = ["fold", "nfc", "tokenize", "parse_amount", "numbers_in", "defines", "canon_token", "STOPWORDS"]

_PROTECTED = re.compile(
    "|".join([
        DOC_NUMBER.pattern,                      # 45/2012/NĐ-CP
        DATE_NUMERIC.pattern,                    # 21/05/2012
        r"\b\d+(?:[.,]\d+)+%?",                  # 27,6  45,546  1.234,5  94,8%
        r"\b\d+%?",                              # 130  2022  15%
    ])
)
_WORD_CHARS = re.compile(r"\w", re.UNICODE)
# Bump when tokenize() changes: stored BM25 tokens are then rebuilt (no re-embedding).
TOKENIZER_VERSION = "3"

STOPWORDS = vocabulary().index_stopwords


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canon_token(token: str) -> str:
    """Numbers compare with , and . alike; document numbers with Đ and D alike."""
    if DOC_NUMBER.fullmatch(token):
        return canon_doc_number(token).lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)*%?", token):
        return token.replace(".", ",")
    return token.lower()


def tokenize(text: str, segment: bool = True, keep_stopwords: bool = False) -> list[str]:
    """Lower-cased word tokens; multi-syllable words joined by '_' when segmenting."""
    text = nfc(text)
    tokens: list[str] = []
    pos = 0
    for match in _PROTECTED.finditer(text):
        tokens.extend(_words(text[pos:match.start()], segment))
        tokens.append(canon_token(match.group(0)))
        pos = match.end()
    tokens.extend(_words(text[pos:], segment))
    if keep_stopwords:
        return tokens
    return [t for t in tokens if t not in STOPWORDS]


def _words(span: str, segment: bool) -> list[str]:
    if not _WORD_CHARS.search(span):
        return []
    if segment:
        words = word_tokenize(span)
    else:
        words = span.split()
    out = []
    for word in words:
        word = tone_marks(word.strip(".,;:!?()[]{}\"'“”‘’«»|*–—-/").lower())
        if word and _WORD_CHARS.search(word):
            out.append(word.replace(" ", "_"))
    return out


def parse_amount(token: str) -> Decimal | None:
    """Vietnamese decimal: "27,6" → 27.6, "45,546" → 45.546, "1.234,5" → 1234.5,
    "12, 61" → 12.61. Exact (Decimal); None when the form is ambiguous or malformed."""
    token = re.sub(r"\s", "", token)
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", token):
        return None
    if "," in token and "." in token:
        if token.rfind(",") < token.rfind("."):
            return None  # English-style 1,234.5 in a Vietnamese text: refuse to guess
        token = token.replace(".", "").replace(",", ".")
    elif token.count(",") == 1:
        token = token.replace(",", ".")
    elif token.count(",") > 1:
        return None
    elif token.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", token):
        token = token.replace(".", "")  # thousands separators: 1.234.567 / 9.527
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def numbers_in(text: str) -> set[str]:
    """Number tokens as the eval compares them (',' and '.' alike, spaces dropped)."""
    text = re.sub(r"\[\d+\]", " ", text)
    return {re.sub(r"\s", "", t).replace(".", ",") for t in re.findall(r"\d+(?:[.,]\s?\d+)*", text)}


def defines(text: str, subject: str) -> bool:
    """Does `text` open with a definition of `subject` ("<subject …> là …")? Words of the
    subject may be interleaved ("đề án khuyến công điểm" ~ "Đề án khuyến công quốc gia điểm")."""
    head = re.sub(r"^(?:\d+\.|[a-zđ]\))\s*", "", fold(text).replace("*", ""))
    defined, is_, _ = head.partition(" là ")
    if not is_ or len(defined.split()) > len(subject.split()) + 4:
        return False
    wanted = [w for w in re.findall(r"\w+", fold(subject)) if w not in vocabulary().subject_connectives]
    return bool(wanted) and all(w in defined.split() for w in wanted)
