"""What a question asks: slots, references, follow-ups, English."""
from kcassistant.query import analyse, without_naming_terms


def test_figure_slots():
    q = analyse("Kế hoạch kinh phí KCĐP năm 2031 của khu vực MT-TN là bao nhiêu?")
    assert (q.years, q.programme, q.measure, q.scope, q.numeric) == (
        (2031,), "KCĐP", "kế hoạch", "miền Trung - Tây Nguyên", True)
    assert "khuyến công địa phương" in q.expanded


def test_ratio_phrase_is_not_the_measure():
    q = analyse("Tổng kinh phí năm 2030 đạt bao nhiêu phần trăm kế hoạch?")
    assert q.measure is None and q.programme is None


def test_periods():
    assert analyse("9 tháng năm 2030 kinh phí thực hiện?").period == "9 tháng"
    assert analyse("7 tháng đầu năm 2030 kinh phí?").period == "7 tháng"
    assert analyse("Đến hết ngày 30/6/2030 kinh phí được phân bổ?").period == "đến 30/6"
    assert analyse("first nine months of 2030 spending").period == "9 tháng"


def test_cục_công_thương_địa_phương_is_not_the_local_programme():
    assert analyse("Cục Công Thương địa phương báo cáo kinh phí năm 2030").programme is None


def test_article_and_clause_references():
    q = analyse("khoản 4 Điều 14 Nghị định 45/2012/NĐ-CP quy định gì?")
    assert (q.article.article, q.article.clause) == ("14", "4")
    assert q.doc.matches("45/2012/NĐ-CP", "Nghị định") and not q.doc.matches("46/2012/TT-BCT", "Thông tư")
    short = analyse("Điều 12 Nghị định 45/2012")
    assert short.article.article == "12" and short.doc.matches("45/2012/NĐ-CP", "Nghị định")


def test_followup_takes_missing_slots_from_history():
    q = analyse("Còn kinh phí khuyến công địa phương thì sao?",
                ["Kinh phí KCQG của khu vực miền Trung - Tây Nguyên năm 2030 thực hiện được bao nhiêu?"])
    assert (q.programme, q.years, q.scope, q.measure) == ("KCĐP", (2030,), "miền Trung - Tây Nguyên", "thực hiện")
    assert q.history_used and "quốc gia" not in q.text
    year = analyse("Còn năm 2031 thì sao?", ["Kế hoạch kinh phí KCQG năm 2030 của MT-TN là bao nhiêu?"])
    assert (year.years, year.programme, year.measure) == ((2031,), "KCQG", "kế hoạch")


def test_a_question_pointing_back_takes_the_earlier_subject_but_asks_its_own_count():
    plan = "Năm 2031 Bộ Công Thương phê duyệt kế hoạch kinh phí khuyến công quốc gia bao nhiêu?"
    that = analyse("Kế hoạch đó giao cho bao nhiêu địa phương và đơn vị thực hiện?", [plan])  # "đó" points back
    assert that.history_used and (that.years, that.programme) == ((2031,), "KCQG")
    money = analyse("Trong đó khuyến công quốc gia hỗ trợ bao nhiêu tiền?",
                    ["Năm 2031 tỉnh Lào Cai triển khai bao nhiêu đề án?"])
    assert money.history_used and money.years == (2031,) and money.counted is None  # not the earlier "đề án"
    alone = analyse("Kế hoạch khuyến công quốc gia giao cho bao nhiêu tỉnh trong năm 2032?", [plan])
    assert not alone.history_used and alone.years == (2032,)


def test_a_followup_asking_for_the_total_drops_the_earlier_programme():
    earlier = ("Kinh phí khuyến công quốc gia thực hiện năm 2031 của khu vực phía Nam là bao nhiêu?",)
    total = analyse("Còn tổng kinh phí khuyến công thì sao?", earlier)
    assert total.history_used and total.programme is None and total.years == (2031,)
    assert "quốc gia" not in total.text and total.scope == "phía Nam"
    other = analyse("Còn kinh phí khuyến công địa phương thì sao?", earlier)
    assert other.programme == "KCĐP"
    assert analyse("Còn năm 2032 thì sao?", earlier).programme == "KCQG"  # a follow-up on the year keeps it


def test_new_question_is_not_a_followup():
    q = analyse("Điều 7 Nghị định 45/2012/NĐ-CP quy định gì?", ["Kinh phí KCQG năm 2030 là bao nhiêu?"])
    assert not q.history_used and q.years == ()


def test_english_question_is_read_in_vietnamese():
    q = analyse("How much KCQG funding did the Central region receive in 2030?")
    assert q.english and q.numeric
    assert (q.programme, q.scope, q.years) == ("KCQG", "miền Trung - Tây Nguyên", (2030,))
    assert "kinh phí" in q.text


def test_an_english_question_mostly_in_words_we_cannot_read_is_marked():
    off_topic = analyse("Which team scored the winning goal in the football final of 2030?")
    assert off_topic.mostly_unknown and {"team", "scored", "football"} <= set(off_topic.unknown_words)
    domain = analyse("What is the maximum support for registering a brand of rural industrial products?")
    assert not domain.mostly_unknown and domain.unknown_words == ()
    assert "hỗ trợ" in domain.text and "thương hiệu" in domain.text  # read word by word from the glossary
    assert not analyse("Kinh phí năm 2030 là bao nhiêu?").mostly_unknown  # Vietnamese: never


def test_an_english_word_is_read_through_its_base_form_and_a_tier_as_a_tier():
    q = analyse("Which agency manages the complaints of the district-level councils?")
    assert not q.unknown_words  # "manages", "complaints", "councils": the glossary lists the base forms
    assert "quản lý" in q.text and "khiếu nại" in q.text and "cấp huyện" in q.text
    assert "mức" not in q.text  # "-level" of a tier is "cấp", not the "level" of an amount


def test_an_english_question_keeps_a_document_number_whole():
    q = analyse("Which support does Circular 71/2031/TT-BCT give to rural industry?")
    assert q.doc is not None and q.doc.number == "71/2031/TT-BCT"
    assert "71/2031/TT-BCT" in q.text


def test_words_naming_a_document_the_library_holds_are_not_asked_of_the_quote():
    from kcassistant.query import without_naming_terms

    names = {"bộ luật lâm nghiệp": frozenset({"Bộ luật Lâm nghiệp"})}
    query = without_naming_terms(analyse("Theo Bộ luật Lâm nghiệp năm 2031, rừng phòng hộ được hiểu thế nào?"), names)
    assert "rừng" in " ".join(query.terms) and not any("luật" in t or t == "2031" for t in query.terms)
    numbered = without_naming_terms(analyse("Nghị định 99/2030/NĐ-CP giao việc thẩm định cho cơ quan nào?"), {})
    assert "nghị_định" not in numbered.terms and "thẩm_định" in numbered.terms
    other = analyse("Bộ luật Thủy sản quy định gì về rừng phòng hộ?")  # a law the library lacks keeps its words
    assert without_naming_terms(other, names).terms == other.terms
    # a word of the name that the question also asks of its own is still asked
    names["luật cư trú"] = frozenset({"Luật Cư trú"})
    own = without_naming_terms(analyse("Theo Luật Cư trú, quyền của công dân về cư trú được quy định thế nào?"), names)
    assert "cư_trú" in own.terms and "luật" not in own.terms


def test_a_law_named_by_name_that_the_library_lacks_is_told_from_one_it_holds():
    from kcassistant.references import law_not_held

    names = {"bộ luật lâm nghiệp": frozenset({"Bộ luật Lâm nghiệp"}), "luật thủy sản": frozenset({"Luật Thủy sản"})}
    absent = law_not_held("Theo Luật Đường thủy nội địa, tàu phải đăng ký ở đâu?", names)
    assert absent is not None and absent.key == "luật đường thủy" and absent.written == "Luật Đường thủy…"
    assert law_not_held("Bộ Luật Hàng hải quy định gì?", names).key == "luật hàng hải"  # as passages cite it
    held = ["Theo Bộ luật lâm nghiệp năm 2031, rừng phòng hộ là gì?", "Luật Thủy sản quy định gì?",
            "Điều 10 của Bộ Luật Lâm nghiệp 2031 nói gì?", "Theo Luật lâm nghiệp, rừng là gì?",
            "Theo Luật Thủy sản và Luật Đường thủy nội địa, …"]  # one held law named: its rules may answer
    assert all(law_not_held(q, names) is None for q in held)
    not_names = ["Bộ luật nào quy định việc này?", "Luật quy định thế nào về rừng?", "Luật số 99/2031/QH99 quy định gì?",
                 "trừ trường hợp luật có quy định khác thì sao?"]
    assert all(law_not_held(q, names) is None for q in not_names)


def test_a_followup_naming_another_tier_replaces_the_earlier_one():
    q = analyse("Còn thẩm định cấp Bộ thì ai tổ chức?", ["Ai tổ chức thẩm định cấp cơ sở các đề án khuyến công?"])
    assert q.history_used and q.level == "bộ" and "cơ sở" not in q.text
    assert analyse("Hội đồng cấp tỉnh và cấp huyện gồm những ai?").level is None  # two tiers: neither alone


def test_an_article_asked_without_its_document_after_one_that_named_it_is_that_documents():
    query = analyse("Điều 5 quy định gì?", ["Điều 4 Thông tư 36/2013/TT-BCT quy định gì?"])
    assert query.article.article == "5" and query.doc is not None and query.doc.number == "36/2013/TT-BCT"
    assert analyse("Điều 5 quy định gì?").doc is None
    other = analyse("Điều 5 Nghị định 45/2012/NĐ-CP quy định gì?", ["Điều 4 Thông tư 36/2013/TT-BCT quy định gì?"])
    assert other.doc.number == "45/2012/NĐ-CP"
    by_type = analyse("Điều 53 Hiến pháp quy định gì?", ["Điều 4 Thông tư 36/2013/TT-BCT quy định gì?"])
    assert by_type.doc is None and not by_type.history_used  # a law named by its name is its own document


def test_what_a_document_governs_is_asked_only_when_no_subject_follows():
    assert analyse("Nghị định 88/2031/NĐ-CP quy định những gì?").asks_scope_of_doc
    assert analyse("Thông tư 15/2020/TT-BCT quy định về nội dung gì vậy?").asks_scope_of_doc
    assert analyse("Phạm vi điều chỉnh của Nghị định 88/2031/NĐ-CP là gì?").asks_scope_of_doc
    assert analyse("Thông tư 15/2020/TT-BCT hướng dẫn nội dung gì?").asks_scope_of_doc
    assert analyse("Quyết định 12/2030/QĐ-TTg về chính sách gì?").asks_scope_of_doc
    assert analyse("Nghị định 88/2031/NĐ-CP điều chỉnh những vấn đề gì?").asks_scope_of_doc
    assert not analyse("Thông tư 15/2020/TT-BCT quy định mức chi gì?").asks_scope_of_doc  # a rule, not its scope
    # a subject asked of the document: its scope article is no answer to it
    assert not analyse("Nghị định 88/2031/NĐ-CP quy định gì về bảo hiểm xã hội?").asks_scope_of_doc


def test_a_followup_naming_only_a_clause_or_point_reads_it_in_the_earlier_article():
    clause = analyse("Còn khoản 4?", ["Khoản 3 Điều 4 Nghị định 88/2031/NĐ-CP"])
    assert (clause.article.article, clause.article.clause) == ("4", "4") and clause.doc.number == "88/2031/NĐ-CP"
    point = analyse("Còn điểm b thì sao?", ["Điểm a khoản 1 Điều 5 Nghị định 88/2031/NĐ-CP"])
    assert (point.article.article, point.article.clause, point.article.point) == ("5", "1", "b")
    assert analyse("Còn khoản 4?", ["Kinh phí khuyến công là gì?"]).article is None  # no article to read it in


def test_a_followup_asking_for_the_whole_year_replaces_the_earlier_part_of_it():
    whole = analyse("Còn cả năm?", ["9 tháng năm 2031 kinh phí KCĐP thực hiện bao nhiêu?"])
    assert whole.period == "cả năm" and whole.years == (2031,)
    assert "9 tháng" not in whole.text
    assert analyse("Kinh phí KCĐP năm 2031 thực hiện bao nhiêu?").period is None  # naming no period: the year's


def test_a_document_is_mentioned_by_its_whole_number_or_by_type_and_head_number():
    from kcassistant.references import DocRef, mentions

    decision = DocRef("Quyết định", "1881/QĐ-TTg")
    assert mentions(decision, "bám sát chương trình theo Quyết định 1881 năm 2020 của Thủ tướng Chính phủ")
    assert mentions(decision, "theo Quyết định số 1881/QĐ-TTg ngày 04/11/2020")
    assert not mentions(decision, "theo Quyết định 1881/QĐ-BCT của Bộ Công Thương")  # another issuer's
    assert not mentions(decision, "Nghị định 1881 năm 2020") and not mentions(decision, "18810 hộ")


def test_how_many_asked_with_may_is_no_word_of_the_subject():
    query = analyse("Sản phẩm được chia thành mấy nhóm?")
    assert "mấy" not in query.terms and query.counted == "nhóm" and query.numeric


def test_an_english_question_for_a_budget_asks_an_amount_and_one_for_its_source_does_not():
    assert analyse("What was the 2030 national extension (KCQG) budget plan for the Northern region?").numeric
    assert analyse("What were the total allocations of the programme?").numeric
    assert analyse("What budget was approved for the Northern region in 2030?").numeric
    assert not analyse("What funding sources does the programme have?").numeric
    assert not analyse("What is the source of the national extension budget?").numeric
    assert not analyse("What is the budget source for extension activities?").numeric


def test_an_english_count_of_something_no_glossary_entry_reads_is_a_count_no_text_states():
    unread = analyse("How many employees does the National Industrial Extension Center have?")
    assert unread.numeric and unread.counted == "employees"  # no Vietnamese sentence counts "employees"
    assert analyse("How many provinces are in the Northern region?").counted is None  # read: left to the ranker


def test_a_followup_keeps_the_earlier_questions_document_number_whole():
    earlier = "Nghị định 99/2030/NĐ-CP quy định những nội dung khuyến công nào?"
    query = analyse("Còn đối tượng áp dụng?", [earlier])
    assert "99/2030/nd-cp" in query.terms and not {"99", "2030", "nđ-cp"} & set(query.terms)
    assert without_naming_terms(query, {}).terms == ("đối_tượng", "áp_dụng", "nội_dung", "khuyến_công")


def test_an_english_count_of_a_word_the_glossary_reads_counts_its_vietnamese():
    assert analyse("How many members does the provincial selection council have?").counted == "thành"  # thành viên
    assert analyse("How many days does the centre have to reply?").counted == "ngày"


def test_provincial_names_the_tier_and_provincial_funding_the_local_programme():
    council = analyse("How many members does the provincial selection council have?")
    assert council.level == "tỉnh" and council.programme is None
    funding = analyse("How much provincial industrial extension funding was spent in 2031?")
    assert funding.programme == "KCĐP"


def test_documents_required_are_a_dossier_and_documents_replaced_are_legal_texts():
    assert "hồ sơ" in analyse("What documents must be submitted to register a project?").text
    replaced = analyse("Which documents did Circular 71/2031/TT-BCT replace?").text
    assert "văn bản" in replaced and "hồ sơ" not in replaced


def test_a_decree_number_typed_without_d_bar_names_a_decree():
    assert analyse("Văn bản nào thay thế Nghị định 134/2031/ND-CP?").doc.doc_type == "Nghị định"


def test_an_english_question_for_what_a_term_means_asks_its_definition():
    assert analyse("What is cleaner production in industry?").definition_of == "sản xuất sạch hơn công nghiệp"
    assert analyse("What does industrial extension mean?").definition_of == "khuyến công"
    assert analyse("What is the maximum advance for a project?").definition_of is None  # an attribute, not a term
    assert analyse("What are the tasks of the centre?").definition_of is None


def test_an_english_question_for_a_programmes_plan_asks_an_amount():
    assert analyse("What was the 2031 KCQG plan for the Central region?").numeric
    assert analyse("What was the local extension plan in 2031?").numeric
    assert not analyse("What is the plan for developing rural industry?").numeric  # a plan of action
    assert not analyse("What was the 2031 plan for the Central region?").numeric  # no programme: no amount meant


def test_a_figure_asked_of_nothing_named_after_a_figure_of_a_year_continues_it():
    earlier = ["Kinh phí KCQG 7 tháng đầu năm 2031 của miền Trung - Tây Nguyên là bao nhiêu?"]
    q = analyse("Thực hiện được mấy phần trăm so với kế hoạch?", earlier)
    assert q.history_used and q.years == (2031,) and q.period == "7 tháng" and q.programme == "KCQG"
    assert not analyse("Mức hỗ trợ tối đa cho một đề án là bao nhiêu?", ["Ai phê duyệt đề án?"]).history_used


def test_english_words_for_deputies_regions_times_and_abroad_are_read():
    q = analyse("How many times a year may a deputy director of the regional council travel abroad?")
    assert all(word in q.text for word in ("lần", "phó giám đốc", "khu vực", "nước ngoài")), q.text
