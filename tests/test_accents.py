"""Questions typed without Vietnamese marks (kcassistant/accents.py)."""
from kcassistant.accents import Restorer, agreement, strip_marks, unmarked

IDF_WORDS = {"khuyến_công": 2.0, "kinh_phí": 1.5, "cơ_sở": 2.5, "phía_nam": 4.0}
IDF_SYLLABLES = {"khuyến": 2.0, "công": 1.0, "kinh": 1.5, "phí": 1.5, "năm": 0.5, "nam": 3.0, "nâm": 9.0,
                 "cơ": 2.5, "sở": 2.5, "phía": 3.0}


def test_marks_stripped_as_a_keyboard_without_them_types():
    assert strip_marks("Kinh phí khuyến công Đắk Nông") == "Kinh phi khuyen cong Dak Nong"


def test_only_plain_vietnamese_is_read_back():
    assert unmarked("Kinh phi khuyen cong nam 2022 la bao nhieu?")
    assert not unmarked("Kinh phí khuyến công năm 2022 là bao nhiêu?")  # typed with its marks
    assert not unmarked("What was the national extension budget in 2022?")  # English
    assert not unmarked("45/2012/ND-CP")  # no words to read


def test_the_most_frequent_and_the_longest_word_win():
    restorer = Restorer.of([IDF_WORDS, IDF_SYLLABLES])
    assert restorer.restore("Kinh phi khuyen cong nam 2022 la bao nhieu?") == \
        "Kinh phí khuyến công năm 2022 là bao nhiêu?"  # "nam" alone: the commoner "năm"; "la": a function word
    assert restorer.restore("co so phia nam") == "cơ sở phía nam"  # a known phrase beats its syllables
    assert restorer.restore("Dieu 12 Nghi dinh 45/2012/ND-CP, kinh phi") == "Dieu 12 Nghi dinh 45/2012/ND-CP, kinh phí"
    assert restorer.restore("kinh, phi") == "kinh, phí"  # no word across a comma


def test_an_answer_must_hold_what_was_typed():
    typed = "Muc phat khi vuot den do la bao nhieu?"
    assert agreement(typed, "Phạt tiền khi vượt đèn đỏ: mức phạt 4.000.000 đồng") == 1.0
    assert agreement(typed, "Bộ Tài chính tạm cấp 80% số tiền hỗ trợ lãi suất") < 0.5


def test_words_of_equal_weight_are_chosen_the_same_way_in_every_process():
    tied = Restorer.of([{"xá": 1.0, "xà": 1.0}])  # the same unmarked form, the same weight, read in any order
    assert tied.words["xa"] == min("xá", "xà")


def test_a_misplaced_mark_is_read_back_when_a_neighbour_makes_a_word_of_it():
    """"lạo động", "cung câp": with its neighbour the typed pair is no Vietnamese word, read
    without marks it is one the library writes. "bao lâu" is a word of the language though this
    library lacks "lâu"; a syllable with no neighbour to vouch for it stays as typed."""
    restorer = Restorer.of([{"lao_động": 1.0, "cung_cấp": 2.0, "bao_lậu": 9.0},
                            {"lao": 1.0, "động": 1.0, "cung": 2.0, "cấp": 1.0, "bao": 3.0, "lậu": 9.0}])
    assert restorer.correct("Người lạo động cung câp gì?") == "Người lao động cung cấp gì?"
    assert restorer.correct("Làm việc bao  lâu?") == "Làm việc bao  lâu?"  # a word: left, spacing and all
    assert restorer.correct("Mêm, lạo.") == "Mêm, lạo."  # no neighbour across punctuation
    assert restorer.correct("OCOP lao dong") == "OCOP lao dong"  # unmarked words are not this reader's
