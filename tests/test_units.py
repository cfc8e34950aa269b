"""Candidate answer units, and a list's lead quoted with its items (kcassistant/answer/units.py)."""
from kcassistant.answer.units import Unit, counted_in, counts, enumerates, units_of, with_items
from kcassistant.retrieve import Hit

from records import article

CONDITIONS = article("7", "Điều kiện hỗ trợ", "Điều kiện để được hỗ trợ phải đảm bảo các nguyên tắc sau:\n\n"
                     "1. Nội dung phù hợp với Điều 4.\n\n2. Đề án được phê duyệt:\n"
                     "a) Bộ Công Thương phê duyệt đề án quốc gia;\nb) Ủy ban nhân dân cấp tỉnh phê duyệt đề án "
                     "địa phương.\n\nTrường hợp khác do Bộ trưởng quyết định.")


def unit(text: str) -> Unit:
    return Unit(text, "", Hit(CONDITIONS, 1.0), 1)


def test_a_lead_that_ends_in_a_colon_is_quoted_with_the_items_it_introduces():
    whole = with_items(unit("Điều kiện để được hỗ trợ phải đảm bảo các nguyên tắc sau:"))
    assert whole.text.startswith("Điều kiện để được hỗ trợ") and whole.text.endswith("đề án địa phương.")
    assert "1. Nội dung phù hợp" in whole.text and "a) Bộ Công Thương" in whole.text
    assert "Trường hợp khác" not in whole.text  # an unmarked paragraph ends the list
    assert whole.text in CONDITIONS.text  # verbatim: the citation finds it in its passage


def test_a_clause_lead_carries_its_points_but_not_the_next_clause():
    lead = with_items(unit("2. Đề án được phê duyệt:"))
    assert lead.text.endswith("đề án địa phương.") and "1. Nội dung" not in lead.text
    point = unit("a) Bộ Công Thương phê duyệt đề án quốc gia;")
    assert with_items(point) is point  # not a lead


def test_items_stop_at_the_limit_and_a_sibling_is_no_item():
    lead = unit("Điều kiện để được hỗ trợ phải đảm bảo các nguyên tắc sau:")
    assert with_items(lead, limit=len(lead.text) + 5) is lead  # the first item alone is too long
    sibling = article("8", "Hồ sơ", "a) Hồ sơ gồm:\nb) Thời hạn nộp.")
    first = Unit("a) Hồ sơ gồm:", "", Hit(sibling, 1.0), 1)
    assert with_items(first) is first


def test_every_unit_of_a_passage_is_verbatim_or_its_lines_joined():
    for u in units_of(Hit(CONDITIONS, 1.0), 1):
        assert all(line in CONDITIONS.text for line in u.text.split("\n"))


def test_a_lead_that_names_what_its_items_are_counts_them():
    groups = article("5", "Phân nhóm", "Sản phẩm được phân theo các nhóm như sau:\n\n1. Nhóm thủ công.\n\n"
                     "2. Nhóm chế biến.\n\n3. Nhóm các sản phẩm khác.")
    lead = Unit("Sản phẩm được phân theo các nhóm như sau:", "", Hit(groups, 1.0), 1)
    assert enumerates(lead, "nhóm") and counted_in(lead, "nhóm")
    assert not enumerates(lead, "cấp")  # a list of groups counts no tiers
    bare = article("6", "Sản phẩm", "Sản phẩm gồm:\n\n1. Nhóm thủ công.\n\n2. Nhóm chế biến.")
    assert enumerates(Unit("Sản phẩm gồm:", "", Hit(bare, 1.0), 1), "nhóm")  # items that open with the word


def test_a_lead_that_only_mentions_the_word_counts_nothing():
    dossier = article("8", "Hồ sơ", "Sau khi thẩm định cấp Bộ, Cục hoàn thiện hồ sơ gồm:\n\n- Tờ trình;\n\n"
                      "- Biên bản thẩm định.")
    lead = Unit("Sau khi thẩm định cấp Bộ, Cục hoàn thiện hồ sơ gồm:", "", Hit(dossier, 1.0), 1)
    assert not enumerates(lead, "cấp")
    assert not enumerates(unit("2. Đề án được phê duyệt:"), "đề")  # the word stands far from the colon


def test_a_count_of_people_is_stated_in_members_or_delegates():
    assert counts("Hội đồng cấp tỉnh có 07 hoặc 09 thành viên.", "người")
    assert counts("Cùng dự có hơn 200 đại biểu từ 15 tỉnh.", "người")
    assert not counts("Hội đồng cấp tỉnh có 07 hoặc 09 thành viên.", "tỉnh")
