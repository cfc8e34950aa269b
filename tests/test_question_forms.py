"""Question forms: a question asking two things is cut where both sides ask something, and only there."""
from kcassistant.question_forms import asks_for, role_asked, split_parts


def test_a_question_asking_two_things_is_cut_at_the_join():
    assert split_parts("Kế hoạch được xây dựng cho bao lâu và do ai phê duyệt?") == (
        "Kế hoạch được xây dựng cho bao lâu", "do ai phê duyệt?")
    assert split_parts("How many days does the unit have to file, and what is the latest date to settle?") == (
        "How many days does the unit have to file", "what is the latest date to settle?")


def test_one_question_about_two_subjects_is_not_cut():
    assert split_parts("Kinh phí KCQG và KCĐP năm 2030 là bao nhiêu?") is None
    assert split_parts("Sở Công Thương và Ủy ban nhân dân tỉnh phối hợp thế nào?") is None
    assert split_parts("Ai phê duyệt và?") is None  # nothing to look for after the join


def test_the_kind_of_thing_asked_is_not_a_word_the_answer_must_hold():
    assert asks_for("cơ_quan", "trực thuộc cơ quan nào?")
    assert not asks_for("trực_thuộc", "trực thuộc cơ quan nào?")


def test_a_definition_is_asked_of_a_short_term_and_of_nothing_more():
    from kcassistant.query import analyse
    from kcassistant.question_forms import definition_asked

    assert definition_asked(analyse("Theo Nghị định 99/2030/NĐ-CP, đề án khuyến công là gì?")) == "đề án khuyến công"
    assert definition_asked(analyse('Định nghĩa của "cơ sở công nghiệp nông thôn"?')) == "cơ sở công nghiệp nông thôn"
    assert definition_asked(analyse("Cơ sở công nghiệp nông thôn được định nghĩa là gì?")) == "Cơ sở công nghiệp nông thôn"
    assert definition_asked(analyse("Mục tiêu của chương trình khuyến công là gì?")) is None  # an attribute
    assert definition_asked(analyse("Trách nhiệm của Sở là gì khi phát hiện sai phạm?")) is None  # goes on
    assert definition_asked(analyse("Đề án là gì và do ai phê duyệt?")) is None  # asks two things
    assert definition_asked(analyse(
        "Hình thức hỗ trợ đào tạo nghề, truyền nghề trong các hoạt động khuyến công chủ yếu là gì?")) is None  # a fact


def test_the_office_a_question_asks_the_holder_of():
    from kcassistant.query import analyse

    assert role_asked(analyse("Ai là Giám đốc Sở Công Thương tỉnh Đắk Lắk?")) == "giám đốc sở công"
    assert role_asked(analyse("Phó Cục trưởng Cục Thử nghiệm Trung ương là ai?")) == "phó cục trưởng cục thử"
    assert role_asked(analyse("Ai là người thừa kế theo pháp luật?")) is None  # no office: who may be one
    assert role_asked(analyse("Ai chủ trì hội nghị?")) is None
