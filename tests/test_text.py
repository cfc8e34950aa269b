"""Numbers parse exactly; legal numbers, dates and amounts stay single tokens."""
from decimal import Decimal

import pytest

from kcassistant.text import fold, numbers_in, parse_amount, tokenize


@pytest.mark.parametrize("raw,value", [
    ("27,6", "27.6"), ("45,546", "45.546"), ("12, 61", "12.61"), ("130", "130"),
    ("1.234,5", "1234.5"), ("9.527", "9527"), ("1.234.567", "1234567"),
])
def test_vietnamese_amounts_parse_exactly(raw, value):
    assert parse_amount(raw) == Decimal(value)


@pytest.mark.parametrize("raw", ["1,234.5", "1,2,3", "abc", ""])
def test_ambiguous_or_malformed_amounts_are_refused(raw):
    assert parse_amount(raw) is None


def test_tokens_keep_legal_numbers_dates_and_amounts_whole():
    tokens = tokenize("Theo Nghị định số 45/2012/NĐ-CP ngày 21/05/2012, kinh phí là 27,6 tỷ đồng (94,8%).")
    assert "45/2012/nd-cp" in tokens and "21/05/2012" in tokens
    assert "27,6" in tokens and "94,8%" in tokens
    assert "kinh_phí" in tokens and "là" not in tokens


def test_doc_numbers_match_with_d_or_đ():
    assert tokenize("45/2012/ND-CP") == tokenize("45/2012/NĐ-CP")


def test_numbers_as_the_scorer_reads_them():
    assert numbers_in("đạt 27.6 [1] và 12, 61") == {"27,6", "12,61"}


def test_both_tone_placements_match_alike():
    old, new = "Uỷ ban nhân dân tỉnh Khánh Hoà hoà giải tại Toà án", "Ủy ban nhân dân tỉnh Khánh Hòa hòa giải tại Tòa án"
    assert tokenize(old) == tokenize(new) and fold(old) == fold(new)
    for written in ("hoàn thành", "quý", "thuyền", "khuyến"):  # a final consonant or "qu": one placement only
        assert fold(written) == written
    assert len(fold("Thanh Hoá")) == len("thanh hoá")  # spans found in the folded text are spans of the text
