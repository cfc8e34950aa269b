"""How much of a question a text covers, and what a second text adds to a first."""
from kcassistant.overlap import Overlap

IDF = {"phê": 2.0, "duyệt": 2.0, "hồ": 1.0, "sơ": 1.0, "chậm": 1.5, "nhất": 1.0, "nam": 1.0, "phía": 0.5}


def overlap(question: str, terms: list[str]) -> Overlap:
    return Overlap(terms, question, IDF, default_idf=1.0)


def test_gain_counts_what_the_second_text_holds_and_the_first_does_not():
    asked = overlap("hồ sơ gửi chậm nhất khi nào và ai phê duyệt", ["hồ_sơ", "chậm_nhất", "phê_duyệt"])
    first = "Hồ sơ gửi chậm nhất ngày 30 tháng 6."
    second = "Bộ trưởng phê duyệt kế hoạch."
    assert asked.gain(second, first) == (2.0 + 2.0) / (2.0 + 2.0 + 1.0 + 1.0 + 1.5 + 1.0)
    assert asked.gain(first, first) == 0.0
    assert asked.phrase_gain(second, first) > 0.0  # "phê duyệt" is a pair of the question


def test_a_syllable_met_by_chance_is_no_phrase_of_the_question():
    asked = overlap("khu vực phía nam gồm bao nhiêu tỉnh", ["phía", "nam"])
    first = "Khu vực phía Bắc gồm 28 tỉnh."
    by_chance = "Tỉnh Hà Nam thuộc khu vực này."
    assert asked.gain(by_chance, first) > 0.0  # "nam" of "Hà Nam" is new …
    assert asked.phrase_gain(by_chance, first) == 0.0  # … but "phía nam" is not said


def test_an_english_word_left_unread_says_nothing_even_when_a_page_holds_it():
    """A library with a few English pages knows "penalty"; an English question's untranslated
    "penalty" still cannot be checked against Vietnamese text, so coverage leaves it out — as it
    does in a library with no English at all."""
    idf = {**IDF, "penalty": 9.0}
    terms = ["penalty", "phê_duyệt", "hồ_sơ"]
    unread = Overlap(terms, "penalty phê duyệt hồ sơ", idf, 1.0, known_only=True, unread=("penalty",))
    assert unread.coverage("Bộ trưởng phê duyệt hồ sơ.") == 1.0
    known = Overlap(terms, "penalty phê duyệt hồ sơ", idf, 1.0, known_only=True)
    assert known.coverage("Bộ trưởng phê duyệt hồ sơ.") < 0.5
