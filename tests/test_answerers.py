"""Each answerer on hand-made records: figures, reference, extractive — and the unit ranker."""
from dataclasses import replace

from kcassistant.answer import ExtractiveAnswerer, FiguresAnswerer, ReferenceAnswerer
from kcassistant.answer.ranker import UnitRanker, select_units
from kcassistant.answer.units import units_of
from kcassistant.database import SharedConnection
from kcassistant.figures import Figure, FigureStore
from kcassistant.query import analyse, without_naming_terms
from kcassistant.retrieve import Hit
from kcassistant.text import numbers_in

from records import article, hits, news, open_gate, snapshot

LAW = [
    article("3", "Đối tượng áp dụng", "1. Cơ sở công nghiệp nông thôn.\n2. Tổ chức dịch vụ khuyến công.", position=0),
    article("5", "Nguồn kinh phí", "1. Kinh phí khuyến công được hình thành từ các nguồn sau:\n"
            "a) Ngân sách nhà nước;\nb) Tài trợ của tổ chức, cá nhân.\n"
            "2. Bộ Công Thương quản lý kinh phí khuyến công quốc gia.", position=1),
]
REPORT = news("Năm 2030, kinh phí khuyến công quốc gia thực hiện ở khu vực phía Nam là 12,5 tỷ đồng. "
              "Hội nghị có 120 đại biểu tham dự.", position=0)


def figure(value_text: str, measure: str, year: int = 2030, scope: str = "phía Nam", programme: str = "KCQG",
           unit: str = "tỷ đồng") -> Figure:
    sentence = REPORT.text.split(". ")[0] + "."
    return Figure(source=REPORT.source, chunk_id=REPORT.id, title=REPORT.title, sentence=sentence, clause=sentence,
                  start=0, end=1, scope=scope, year=year, period="cả năm", programme=programme, measure=measure,
                  value=value_text.replace(",", "."), value_text=value_text, unit=unit)


def figures_answerer(records: list[Figure]) -> FiguresAnswerer:
    store = FigureStore(SharedConnection(":memory:"))
    store.replace(REPORT.source, records)
    return FiguresAnswerer(store, lambda chunk_id: REPORT if chunk_id == REPORT.id else None)


def test_figures_answer_states_the_record_with_its_source():
    answerer = figures_answerer([figure("12,5", "thực hiện"), figure("14", "kế hoạch")])
    draft = answerer.answer(analyse("Kinh phí KCQG thực hiện năm 2030 khu vực phía Nam là bao nhiêu?"), [])
    assert draft is not None and draft.found and draft.method == "figures"
    assert "12,5 tỷ đồng" in draft.text and "14" not in numbers_in(draft.text)
    assert draft.citations[0].quote in draft.citations[0].text and draft.citations[0].source == REPORT.source


def test_figures_answer_lists_disagreeing_sources():
    answerer = figures_answerer([figure("12,5", "thực hiện"), figure("12,6", "thực hiện")])
    draft = answerer.answer(analyse("Kinh phí KCQG thực hiện năm 2030 khu vực phía Nam là bao nhiêu?"), [])
    assert draft is not None and "các nguồn ghi khác nhau" in draft.text
    assert {"12,5", "12,6"} <= numbers_in(draft.text)


def test_the_rate_of_the_plan_reached_is_answered_from_the_amount_that_carries_it():
    done = replace(figure("12,5", "thực hiện"), percent="95,2", percent_of="kế hoạch")
    planned = replace(figure("13,1", "kế hoạch"), percent="42,1", percent_of="so với kế hoạch năm trước")
    answerer = figures_answerer([done, planned])
    draft = answerer.answer(analyse("Năm 2030, kinh phí KCQG thực hiện ở khu vực phía Nam đạt bao nhiêu % kế hoạch?"), [])
    assert draft is not None and draft.found and "95,2" in numbers_in(draft.text) and "42,1" not in numbers_in(draft.text)
    # with no measure named, the rate reached is of what was done, not of the plan
    draft = answerer.answer(analyse("Năm 2030, kinh phí KCQG khu vực phía Nam đạt bao nhiêu phần trăm kế hoạch?"), [])
    assert draft is not None and "95,2" in numbers_in(draft.text) and "42,1" not in numbers_in(draft.text)
    # a share is not a rate of the plan
    assert answerer.answer(analyse("Năm 2030, kinh phí KCQG khu vực phía Nam chiếm bao nhiêu %?"), []) is None


def test_an_amount_the_records_date_to_another_year_does_not_answer_for_the_year_asked():
    # a report published under a 2031 title, whose paragraph is about 2030
    report = news("Năm 2030, các tỉnh phía Nam triển khai nhiều đề án. Theo báo cáo của Cục, kinh phí khuyến công "
                  "quốc gia thực hiện đạt 12,5 tỷ đồng.", title="Hội nghị khuyến công phía Nam năm 2031", position=4)
    dated = replace(figure("12,5", "thực hiện"), chunk_id=report.id, source=report.source)
    store = FigureStore(SharedConnection(":memory:"))
    store.replace(report.source, [dated])
    question = analyse("Năm 2031, kinh phí khuyến công quốc gia thực hiện ở khu vực phía Nam là bao nhiêu?")
    assert ExtractiveAnswerer(lambda: snapshot([report]), gate=open_gate).answer(question, hits([report])).found  # read alone
    draft = ExtractiveAnswerer(lambda: snapshot([report]), open_gate, store).answer(question, hits([report]))
    assert draft is not None and not draft.found


def test_an_amount_the_records_read_as_another_measure_or_scope_does_not_answer():
    report = news("Kinh phí khuyến công quốc gia năm 2030 toàn vùng giao theo kế hoạch 12,5 tỷ đồng, chiếm 20% "
                  "kinh phí cả nước.", position=2)
    planned = replace(figure("12,5", "kế hoạch"), chunk_id=report.id, source=report.source)  # of phía Nam
    store = FigureStore(SharedConnection(":memory:"))
    store.replace(report.source, [planned])

    def found(question: str, records: FigureStore | None = store) -> bool:
        draft = ExtractiveAnswerer(lambda: snapshot([report]), open_gate, records).answer(analyse(question), hits([report]))
        return draft is not None and draft.found

    spent = "Kinh phí khuyến công quốc gia thực hiện năm 2030 toàn vùng là bao nhiêu?"
    national = "Kinh phí khuyến công quốc gia kế hoạch năm 2030 của cả nước là bao nhiêu?"
    assert found(spent, None) and found(national, None)  # the unit alone seems to answer both
    assert not found(spent) and not found(national)  # planned, not spent; the region's, not the country's
    assert found("Kinh phí khuyến công quốc gia kế hoạch năm 2030 toàn vùng là bao nhiêu?")
    assert found("Kinh phí khuyến công quốc gia kế hoạch năm 2030 toàn vùng hơn năm 2029 bao nhiêu?")  # either year


def test_figures_answerer_passes_when_no_record_fits():
    answerer = figures_answerer([figure("12,5", "thực hiện")])
    assert answerer.answer(analyse("Kinh phí KCQG thực hiện năm 2031 khu vực phía Nam là bao nhiêu?"), []) is None
    assert answerer.answer(analyse("Kinh phí KCQG thực hiện năm 2030 khu vực phía Bắc là bao nhiêu?"), []) is None
    assert answerer.answer(analyse("Ai phê duyệt kinh phí KCQG năm 2030?"), []) is None  # not numeric
    # a count no record holds, though the question names the money it was paid from
    assert answerer.answer(analyse("Năm 2030 khu vực phía Nam mở bao nhiêu lớp học bằng kinh phí KCQG?"), []) is None
    assert answerer.answer(analyse("Kinh phí KCQG thực hiện năm 2030 khu vực phía Nam là bao nhiêu?"), []) is not None


def test_a_followup_asks_its_own_unit_not_the_earlier_questions():
    answerer = figures_answerer([figure("12,5", "thực hiện"), figure("3", "thực hiện", unit="đề án"),
                                 figure("14", "kế hoạch"), figure("5", "kế hoạch", unit="đề án")])
    earlier = ["Năm 2030 khu vực phía Nam thực hiện bao nhiêu đề án khuyến công quốc gia?"]
    money = answerer.answer(analyse("Trong đó kinh phí hỗ trợ là bao nhiêu tiền?", earlier), [])
    assert money is not None and "12,5 tỷ đồng" in money.text and "đề án" not in money.text
    again = answerer.answer(analyse("Còn kế hoạch thì sao?", earlier), [])
    assert again is not None and "5 đề án" in again.text and "14" not in numbers_in(again.text)  # the count still


def test_reference_quotes_the_named_clause_with_its_locator():
    shot = snapshot(LAW)
    draft = ReferenceAnswerer(lambda: shot).answer(analyse("Khoản 2 Điều 5 Nghị định 99/2030/NĐ-CP"),
                                                   hits([LAW[1]], direct=True))
    assert draft is not None and draft.method == "reference"
    assert draft.citations[0].locator == "Khoản 2 Điều 5 Nghị định 99/2030/NĐ-CP"
    assert draft.citations[0].quote == "2. Bộ Công Thương quản lý kinh phí khuyến công quốc gia."


def test_reference_answers_a_question_that_is_an_article_heading():
    shot = snapshot(LAW)
    draft = ReferenceAnswerer(lambda: shot).answer(analyse("Đối tượng áp dụng là gì?"), hits([LAW[0], LAW[1]]))
    assert draft is not None and draft.citations[0].locator == "Điều 3 Nghị định 99/2030/NĐ-CP"
    assert "Tổ chức dịch vụ khuyến công" in draft.text


def test_a_heading_of_another_document_does_not_answer_for_the_one_named():
    """"Nghị định 99/2030 quy định gì về đối tượng áp dụng?": another circular's article headed
    "Đối tượng áp dụng" says nothing of the decree named; its own does."""
    other = article("2", "Đối tượng áp dụng", "Ngân hàng thương mại.", doc_number="88/2030/TT-BTC",
                    doc_type="Thông tư", source="thong-tu.txt")
    shot = snapshot(LAW + [other])
    asked = replace(without_naming_terms(analyse("Nghị định 99/2030/NĐ-CP quy định gì về đối tượng áp dụng?"),
                                         shot.document_names), doc_family=("99/2030/NĐ-CP",))
    assert ReferenceAnswerer(lambda: shot).answer(asked, hits([other, LAW[0]])) is None
    own = ReferenceAnswerer(lambda: shot).answer(asked, hits([LAW[0], other]))
    assert own is not None and own.citations[0].locator == "Điều 3 Nghị định 99/2030/NĐ-CP"


def test_reference_passes_on_an_ordinary_question():
    shot = snapshot(LAW)
    assert ReferenceAnswerer(lambda: shot).answer(analyse("Ai quản lý kinh phí?"), hits(LAW)) is None


def test_extractive_quotes_the_list_with_its_lead():
    shot = snapshot(LAW + [REPORT])
    draft = ExtractiveAnswerer(lambda: shot).answer(
        analyse("Kinh phí khuyến công được hình thành từ những nguồn nào?"), hits([LAW[1], LAW[0]]))
    assert draft is not None and draft.found
    assert "Ngân sách nhà nước" in draft.text and "Tài trợ" in draft.text
    assert draft.citations[0].locator == "Khoản 1 Điều 5 Nghị định 99/2030/NĐ-CP"


def test_extractive_says_not_found_when_the_passages_do_not_cover_the_question():
    shot = snapshot(LAW + [REPORT])
    draft = ExtractiveAnswerer(lambda: shot).answer(analyse("Thủ tục đăng ký kết hôn gồm giấy tờ gì?"), hits(LAW))
    assert draft is not None and not draft.found and draft.citations == ()


def test_extractive_refuses_a_year_the_passage_contradicts():
    shot = snapshot(LAW + [REPORT])
    draft = ExtractiveAnswerer(lambda: shot).answer(
        analyse("Kinh phí khuyến công quốc gia khu vực phía Nam năm 2031 là bao nhiêu?"), hits([REPORT]))
    assert draft is not None and not draft.found


def test_ranker_returns_new_units_and_prefers_the_unit_with_the_asked_count():
    query = analyse("Hội nghị có bao nhiêu đại biểu tham dự?")
    units = units_of(Hit(REPORT, 1.0), 1)
    scored = [UnitRanker(query, {}, 1.0).score(u) for u in units]
    assert all(u.score == 0.0 for u in units)  # the given units are untouched
    best = max(scored, key=lambda u: u.score)
    assert "120 đại biểu" in best.text


def test_select_units_orders_best_first():
    shot = snapshot(LAW)
    units = select_units(analyse("Ai quản lý kinh phí khuyến công quốc gia?"), hits(LAW), shot.idf, shot.default_idf)
    assert units[0].text.startswith("2. Bộ Công Thương")
    assert all(a.score >= b.score for a, b in zip(units, units[1:]))


def test_a_document_the_library_lacks_is_answered_only_by_passages_that_name_it():
    mention = article("20", "Hiệu lực thi hành", "Nghị định này thay thế Nghị định số 7/2001/NĐ-CP quy định về kinh phí khuyến công.",
                      position=5)
    query = replace(analyse("Nghị định 7/2001/NĐ-CP quy định gì về kinh phí khuyến công?"), doc_absent=True)
    answerer = ExtractiveAnswerer(lambda: snapshot(LAW + [mention]))
    assert not answerer.answer(query, hits(LAW)).found
    draft = answerer.answer(query, hits(LAW + [mention]))
    assert draft.found and "7/2001/NĐ-CP" in draft.citations[0].quote
    # its number written in other case ("QĐ-TTg" is read as "QĐ-TTG") is still its number
    decision = article("5", "Hiệu lực thi hành", "Quyết định này thay thế văn bản số 7/2001/QĐ-TTg về khuyến công.",
                       doc_number="9/2030/QĐ-TTg", doc_type="Quyết định", source="qd.txt", position=6)
    query = replace(analyse("Quyết định 7/2001/QĐ-TTg đã bị thay thế bởi văn bản nào?"), doc_absent=True)
    assert query.doc is not None and query.doc.number != "7/2001/QĐ-TTg"
    draft = ExtractiveAnswerer(lambda: snapshot(LAW + [decision])).answer(query, hits([decision]))
    assert draft.found and draft.citations[0].locator.endswith("9/2030/QĐ-TTg")


def test_a_report_share_does_not_answer_a_question_in_money():
    share = news("Năm 2030, kinh phí khuyến công quốc gia ở khu vực phía Nam đạt 95% kế hoạch.", position=3)
    answerer = ExtractiveAnswerer(lambda: snapshot([share]))
    money = answerer.answer(analyse("Năm 2030 kinh phí khuyến công quốc gia khu vực phía Nam là bao nhiêu tỷ đồng?"),
                            hits([share]))
    rate = answerer.answer(analyse("Năm 2030 kinh phí khuyến công quốc gia khu vực phía Nam đạt bao nhiêu % kế hoạch?"),
                           hits([share]))
    assert not money.found and rate.found and "95%" in rate.text


def test_a_unit_that_contradicts_the_asked_count_gives_way_to_one_that_states_it():
    council = article("9", "Hội đồng", "1. Hội đồng cấp tỉnh do Chủ tịch thành lập gồm các thành viên là đại diện "
                      "các sở.\n2. Hội đồng cấp tỉnh có 07 thành viên, do Chủ tịch quyết định thành lập.", position=7)
    shot = snapshot([council])
    query = analyse("Hội đồng cấp tỉnh do Chủ tịch thành lập gồm mấy thành viên?")
    ranked = select_units(query, hits([council]), shot.idf, shot.default_idf)
    assert not ranked[0].slot_ok  # the closer wording states no count
    draft = ExtractiveAnswerer(lambda: shot).answer(query, hits([council]))
    assert draft.found and "07 thành viên" in draft.citations[0].quote


def test_a_count_written_in_words_answers_and_a_threshold_counts_nothing():
    kinds = article("8", "Phân loại", "Căn cứ vào mức độ, cơ sở được phân thành ba nhóm sau đây: a) Nhóm nhỏ; "
                    "b) Nhóm vừa; c) Nhóm lớn.", position=2)
    shot = snapshot([kinds])
    draft = ExtractiveAnswerer(lambda: shot).answer(analyse("Căn cứ vào mức độ, cơ sở được phân thành mấy nhóm?"),
                                                    hits([kinds]))
    assert draft.found and "ba nhóm" in draft.text
    assert analyse("Thu lợi từ bao nhiêu trở lên thì bị phạt?").counted is None


def test_a_count_is_read_across_the_classifier_for_people():
    from kcassistant.answer.units import counts

    assert counts("Cơ sở sử dụng từ 10 người lao động trở lên phải đăng ký.", "lao")
    assert not counts("Năm 2030 có lao động mới.", "lao")


def test_a_law_the_library_lacks_is_answered_only_by_passages_that_name_it():
    question = "Theo Luật Thuế, ai quản lý kinh phí khuyến công quốc gia?"
    answerer = ExtractiveAnswerer(lambda: snapshot(LAW), gate=open_gate)  # the rule alone
    assert answerer.answer(analyse(question), hits(LAW)).found  # the decree's rule, were the law not known absent
    query = replace(analyse(question), law_absent="luật thuế")
    assert not answerer.answer(query, hits(LAW)).found  # another document's rule does not answer for that law
    # the fitted gate alone refuses it too: the question's "luật_thuế" is nowhere in the decree's article
    assert not ExtractiveAnswerer(lambda: snapshot(LAW)).answer(analyse(question), hits(LAW)).found
    mention = article("21", "Áp dụng luật khác", "Kinh phí khuyến công quốc gia nộp thuế do Bộ Tài chính quản lý theo "
                      "Luật Thuế.", position=6)
    # retrieval ranks first the one passage that names the law
    draft = ExtractiveAnswerer(lambda: snapshot(LAW + [mention])).answer(query, hits([mention] + LAW))
    assert draft.found and "Luật Thuế" in draft.citations[0].quote


def test_a_clause_for_another_tier_gives_way_to_the_one_for_the_tier_asked():
    council = article("9", "Hội đồng bình chọn", "1. Hội đồng bình chọn sản phẩm tiêu biểu cấp quốc gia có 11 hoặc 13 "
                      "thành viên.\n2. Hội đồng cấp tỉnh có 07 hoặc 09 thành viên.", position=8)
    answerer = ExtractiveAnswerer(lambda: snapshot([council]))
    draft = answerer.answer(analyse("Hội đồng bình chọn sản phẩm tiêu biểu cấp tỉnh có bao nhiêu thành viên?"),
                            hits([council]))
    assert draft.found and "07 hoặc 09" in draft.citations[0].quote and "11 hoặc 13" not in draft.text
    national = answerer.answer(analyse("Hội đồng bình chọn cấp quốc gia có bao nhiêu thành viên?"), hits([council]))
    assert national.found and "11 hoặc 13" in national.citations[0].quote


def test_a_clause_that_opens_with_another_tier_is_written_for_that_tier():
    # the district clause names the province's committee that decides it: it is still the district's rule
    centres = article("8", "Tổ chức khuyến công địa phương", "1. Cấp tỉnh: Ủy ban nhân dân cấp tỉnh thành lập Trung "
                      "tâm Khuyến công trực thuộc Sở Công Thương.\n2. Cấp huyện: Ủy ban nhân dân cấp tỉnh xem xét, "
                      "quyết định thành lập chi nhánh trực thuộc Trung tâm Khuyến công cấp tỉnh.", position=9)
    draft = ExtractiveAnswerer(lambda: snapshot([centres]), gate=open_gate).answer(
        analyse("Trung tâm Khuyến công cấp tỉnh do ai thành lập và trực thuộc cơ quan nào?"), hits([centres]))
    assert draft.found and draft.citations[0].quote.startswith("1. Cấp tỉnh")


def test_a_share_does_not_answer_a_rate_of_the_plan_nor_the_reverse():
    report = news("Năm 2030, kinh phí khuyến công quốc gia thực hiện ở khu vực phía Nam là 18 tỷ đồng, chiếm 25,5% "
                  "kế hoạch kinh phí khuyến công quốc gia của cả nước. Kinh phí khuyến công quốc gia thực hiện ở "
                  "khu vực phía Nam đạt 90,1% so với kế hoạch năm.", position=0)
    answerer = ExtractiveAnswerer(lambda: snapshot([report]))
    rate = answerer.answer(analyse("Năm 2030, kinh phí khuyến công quốc gia khu vực phía Nam thực hiện đạt bao "
                                   "nhiêu % so với kế hoạch?"), hits([report]))
    assert rate.found and "90,1" in rate.text and "25,5" not in rate.text
    share = answerer.answer(analyse("Năm 2030, kinh phí khuyến công quốc gia khu vực phía Nam thực hiện chiếm bao "
                                    "nhiêu % kế hoạch của cả nước?"), hits([report]))
    assert share.found and "25,5" in share.text and "90,1" not in share.text


def test_a_question_that_asks_two_things_is_answered_by_the_two_units_that_say_them():
    rules = article("9", "Hồ sơ và phê duyệt", "1. Đơn vị gửi hồ sơ đề án chậm nhất ngày 30 tháng 6 hằng năm.\n"
                    "2. Bộ trưởng Bộ Công Thương phê duyệt kế hoạch khuyến công quốc gia.\n"
                    "3. Hồ sơ gồm thuyết minh đề án và dự toán kinh phí.", position=2)
    shot = snapshot(LAW + [rules])
    draft = ExtractiveAnswerer(lambda: shot).answer(
        analyse("Hồ sơ đề án gửi chậm nhất ngày nào, và ai phê duyệt kế hoạch khuyến công quốc gia?"), hits([rules]))
    assert draft is not None and draft.found
    assert "30 tháng 6" in draft.text and "Bộ trưởng Bộ Công Thương phê duyệt" in draft.text
    assert "thuyết minh" not in draft.text  # the clause that adds nothing asked is not quoted
    assert [c.locator for c in draft.citations] == ["Khoản 1 Điều 9 Nghị định 99/2030/NĐ-CP",
                                                    "Khoản 2 Điều 9 Nghị định 99/2030/NĐ-CP"]


def test_a_question_one_unit_answers_is_answered_by_that_unit_alone():
    shot = snapshot(LAW + [REPORT])
    draft = ExtractiveAnswerer(lambda: shot).answer(
        analyse("Bộ Công Thương quản lý kinh phí nào?"), hits([LAW[1], LAW[0]]))
    assert draft is not None and draft.found and len(draft.citations) == 1
    assert draft.citations[0].locator == "Khoản 2 Điều 5 Nghị định 99/2030/NĐ-CP"


def test_reference_says_a_named_clause_past_the_articles_last_is_not_there():
    shot = snapshot(LAW)
    draft = ReferenceAnswerer(lambda: shot).answer(analyse("Khoản 7 Điều 5 Nghị định 99/2030/NĐ-CP quy định gì?"),
                                                   hits([LAW[1]], direct=True))
    assert draft is not None and not draft.found and not draft.citations
    assert "không có khoản 7" in draft.text and "khoản 1 đến khoản 2" in draft.text
    # a clause it has is still quoted
    held = ReferenceAnswerer(lambda: shot).answer(analyse("Khoản 2 Điều 5 Nghị định 99/2030/NĐ-CP quy định gì?"),
                                                  hits([LAW[1]], direct=True))
    assert held is not None and held.found


def test_khoan_1_of_an_article_without_clauses_is_not_denied():
    undivided = article("2", "Giải thích từ ngữ", "Cơ sở công nghiệp nông thôn là doanh nghiệp nhỏ.", position=0)
    shot = snapshot([undivided])
    assert ReferenceAnswerer(lambda: shot)._missing_clause(
        analyse("Khoản 1 Điều 2 Nghị định 99/2030/NĐ-CP quy định gì?")) is None


def test_a_document_known_by_its_name_is_cited_by_it_and_its_missing_article_is_said():
    named = [replace(c, doc_number=None, doc_type="Luật", title="Luật Làng nghề mẫu", source="luat.md")
             for c in LAW]
    other = article("9", "Hiệu lực", "1. Nghị định này có hiệu lực từ ngày 01/01/2031.", position=5)
    shot = snapshot([*named, other])
    reference = ReferenceAnswerer(lambda: shot)
    missing = reference.answer(analyse("Điều 9 Luật Làng nghề mẫu quy định gì?"), hits([other], direct=True))
    assert missing is not None and not missing.found
    assert "Luật Làng nghề mẫu trong kho tài liệu không có Điều 9" in missing.text and "Điều 3 đến Điều 5" in missing.text
    # a follow-up names the document through the question before it
    again = reference.answer(analyse("Còn Điều 9 thì sao?", ["Điều 3 Luật Làng nghề mẫu quy định gì?"]), [])
    assert again is not None and not again.found
    asked = without_naming_terms(analyse("Khoản 2 Điều 5 Luật Làng nghề mẫu quy định gì?"), shot.document_names)
    quoted = reference.answer(asked, hits([named[1]], direct=True))
    assert quoted is not None and quoted.citations[0].locator == "Khoản 2 Điều 5 Luật Làng nghề mẫu"


COUNCIL = [
    article("7", "Thành lập Hội đồng", "1. Hội đồng thẩm định cấp vùng do Giám đốc Sở quyết định thành lập.\n"
            "2. Hội đồng thẩm định cấp quốc gia do Bộ trưởng quyết định thành lập.", position=0),
    article("8", "Thành phần Hội đồng", "1. Hội đồng thẩm định cấp vùng có 05 thành viên.\n"
            "2. Thành viên Hội đồng làm việc kiêm nhiệm.", position=1),
]


def test_each_part_of_a_two_part_question_gets_its_own_quote():
    shot = snapshot(COUNCIL)
    question = analyse("Hội đồng thẩm định cấp vùng có bao nhiêu thành viên và do ai thành lập?")
    draft = ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(question, hits(COUNCIL[::-1]))
    assert draft is not None and draft.found
    assert "05 thành viên" in draft.text and "Giám đốc Sở quyết định thành lập" in draft.text
    assert "Bộ trưởng" not in draft.text  # the other tier's clause says the second part for another council


def test_one_clause_that_answers_both_parts_is_quoted_alone():
    shot = snapshot(COUNCIL)
    question = analyse("Hội đồng thẩm định cấp vùng do ai quyết định thành lập và thành lập ở cấp nào?")
    draft = ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(question, hits(COUNCIL))
    assert draft is not None and draft.found and len(draft.citations) == 1
    assert "Giám đốc Sở" in draft.citations[0].quote


def test_a_who_question_over_a_report_that_leaves_the_year_unsaid_is_not_refused_for_it():
    report = news("Tham dự Hội nghị có ông Nguyễn Văn A, Giám đốc Sở Công Thương tỉnh B.",
                  title="Hội nghị khuyến công khu vực phía Nam")
    shot = snapshot([report])
    question = analyse("Giám đốc Sở Công Thương tỉnh B tham dự hội nghị khuyến công năm 2030 là ai?")
    draft = ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(question, hits([report]))
    assert draft is not None and draft.found and "Nguyễn Văn A" in draft.text
    # a figure of the year asked is still not answered by a report that names no year
    figure_question = analyse("Kinh phí khuyến công tỉnh B năm 2030 là bao nhiêu tỷ đồng?")
    priced = news("Kinh phí khuyến công tỉnh B là 3 tỷ đồng.", title="Hội nghị khuyến công khu vực phía Nam")
    assert not ExtractiveAnswerer(lambda: snapshot([priced]), gate=open_gate).answer(
        figure_question, hits([priced])).found



def test_a_definition_asked_is_answered_only_by_a_text_that_gives_it():
    law = [article("2", "Giải thích từ ngữ", "1. Đề án khuyến công là tập hợp các nội dung hoạt động khuyến công.\n"
                   "2. Cơ sở công nghiệp nông thôn được hỗ trợ kinh phí khuyến công.", position=0)]
    answerer = ExtractiveAnswerer(lambda: snapshot(law), gate=open_gate)
    defined = answerer.answer(analyse("Theo Nghị định 99/2030/NĐ-CP, đề án khuyến công là gì?"), hits(law))
    assert defined is not None and defined.found and "tập hợp các nội dung" in defined.text
    # a text that only mentions the term does not say what it is
    mentioned = answerer.answer(analyse("Cơ sở công nghiệp nông thôn được định nghĩa là gì?"), hits(law))
    assert mentioned is not None and not mentioned.found
    # an attribute of something, or a fact asked at length, is no definition: the passage may answer it
    attribute = answerer.answer(analyse("Nguồn hỗ trợ của cơ sở công nghiệp nông thôn là gì?"), hits(law))
    assert attribute is not None and attribute.found


def test_a_second_part_is_answered_from_the_document_named_only():
    other = article("4", "Thành lập Hội đồng", "1. Hội đồng thẩm định cấp vùng do Chủ tịch tỉnh quyết định thành lập.",
                    doc_number="77/2031/TT-BCT", doc_type="Thông tư", position=5)
    chunks = [COUNCIL[1], other]
    shot = snapshot(chunks)
    question = replace(analyse("Theo Nghị định 99/2030/NĐ-CP, Hội đồng thẩm định cấp vùng có bao nhiêu thành viên "
                               "và do ai thành lập?"), doc_family=("99/2030/NĐ-CP",))
    draft = ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(question, hits(chunks))
    assert draft is not None and draft.found and "05 thành viên" in draft.text
    assert "Chủ tịch tỉnh" not in draft.text  # another document's clause says the second part, not the one named


def test_a_count_asked_is_answered_by_the_list_that_holds_it():
    groups = article("5", "Phân nhóm các sản phẩm", "Sản phẩm tham gia bình chọn được phân theo các nhóm như sau:\n"
                     "1. Nhóm sản phẩm thủ công mỹ nghệ.\n2. Nhóm sản phẩm chế biến.\n3. Nhóm các sản phẩm khác.",
                     position=2)
    shot = snapshot([groups])
    draft = ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(
        analyse("Sản phẩm tham gia bình chọn được chia thành mấy nhóm?"), hits([groups]))
    assert draft.found and "3. Nhóm các sản phẩm khác." in draft.text  # the items are the count


def test_when_every_unit_of_the_first_passages_contradicts_the_count_the_next_ones_are_read():
    near = [article(str(n), "Hội đồng", f"{n}. Hội đồng cấp tỉnh do Chủ tịch thành lập, gồm thành viên các sở.",
                    position=n) for n in range(1, 9)]
    far = article("9", "Thành phần", "2. Hội đồng cấp tỉnh có 07 hoặc 09 thành viên.", position=9)
    shot = snapshot([*near, far])
    query = analyse("Hội đồng cấp tỉnh do Chủ tịch thành lập có bao nhiêu thành viên?")
    draft = ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(query, hits([*near, far]))
    assert draft.found and "07 hoặc 09 thành viên" in draft.text
    assert not ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(query, hits(near)).found


def test_a_rate_asked_is_not_answered_by_a_clause_that_states_none():
    signal = article("31", "Dừng xe", "3. Khi có đèn tín hiệu đỏ, người tham gia giao thông phải dừng lại trước vạch "
                     "dừng xe.", position=3)
    fine = article("6", "Mức phạt", "2. Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng đối với người vượt đèn tín "
                   "hiệu đỏ.", position=4)
    question = "Mức phạt khi vượt đèn tín hiệu đỏ là bao nhiêu?"
    alone = ExtractiveAnswerer(lambda: snapshot([signal]), gate=open_gate).answer(analyse(question), hits([signal]))
    assert not alone.found  # a clause's label "3." is no rate
    both = ExtractiveAnswerer(lambda: snapshot([signal, fine]), gate=open_gate).answer(analyse(question),
                                                                                       hits([signal, fine]))
    assert both.found and "4.000.000 đồng" in both.text


def test_a_report_naming_the_document_asked_about_may_answer_for_it():
    other_rule = article("3", "Hồ sơ", "1. Tờ trình gửi Bộ gồm dự thảo và báo cáo đánh giá.", doc_number="77/2031/TT-BCT",
                         doc_type="Thông tư", position=1)
    report = news("Cục đã trình Tờ trình số 123/TTr-CTĐP về dự thảo sửa đổi Nghị định số 99/2030/NĐ-CP.", position=2)
    unrelated = news("Cục đã trình Tờ trình số 456/TTr-CTĐP về dự thảo sửa đổi Nghị định số 12/2029/NĐ-CP.", position=3)
    chunks = [other_rule, unrelated, report]
    shot = snapshot(chunks)
    question = replace(analyse("Tờ trình dự thảo sửa đổi Nghị định 99 có số hiệu là gì?"), doc_family=("99/2030/NĐ-CP",))
    draft = ExtractiveAnswerer(lambda: shot, gate=open_gate).answer(question, hits(chunks))
    assert draft is not None and draft.found and "123/TTr-CTĐP" in draft.text
    assert "456/TTr" not in draft.text and "77/2031" not in draft.text  # another document's rule or report is not it


def test_an_allocation_no_record_states_is_the_plans_assignment_and_said_to_be_the_plan():
    planned = figures_answerer([figure("14", "kế hoạch"), figure("12,5", "thực hiện")])
    draft = planned.answer(analyse("Kinh phí KCQG phân bổ cho khu vực phía Nam năm 2030 là bao nhiêu?"), [])
    assert draft is not None and draft.found and "14 tỷ đồng" in draft.text and draft.text.startswith("Kế hoạch")
    assert "12,5" not in draft.text.split("[")[0]  # what was spent is no allocation
    allocated = figures_answerer([figure("14", "kế hoạch"), figure("9", "phân bổ")])
    draft = allocated.answer(analyse("Kinh phí KCQG phân bổ cho khu vực phía Nam năm 2030 là bao nhiêu?"), [])
    assert draft is not None and "9 tỷ đồng" in draft.text and "14" not in numbers_in(draft.text.split("[")[0])


def test_an_english_question_for_a_programmes_plan_is_answered_with_the_planned_amount():
    answerer = figures_answerer([figure("14", "kế hoạch"), figure("12,5", "thực hiện")])
    draft = answerer.answer(analyse("What was the 2030 KCQG plan for the Southern region?"), [])
    assert draft is not None and draft.found and "14 tỷ đồng" in draft.text.split("[")[0]


def test_who_holds_an_office_is_answered_by_a_sentence_naming_that_office_and_a_person():
    meeting = news("Sở Công Thương tỉnh Bình Phước đăng cai hội nghị khuyến công năm 2030 tại tỉnh Bình Phước. "
                   "Tham dự có ông Trần Văn Ba, Giám đốc Sở Công Thương tỉnh Bình Phước.", position=0)
    shot = snapshot([meeting])
    answerer = ExtractiveAnswerer(lambda: shot, gate=open_gate)
    held = answerer.answer(analyse("Giám đốc Sở Công Thương tỉnh Bình Phước dự hội nghị khuyến công năm 2030 là ai?"),
                           hits([meeting]))
    assert held is not None and held.found and "Trần Văn Ba" in held.text and "đăng cai" not in held.text
    other = answerer.answer(analyse("Ai là Giám đốc Trung tâm Khuyến công tỉnh Bình Phước?"), hits([meeting]))
    assert other is not None and not other.found  # the department's director heads no centre


def test_may_asks_a_share_or_a_count_as_bao_nhieu_does():
    from kcassistant.figures.match import wanted_units
    assert wanted_units("Vốn KCQG chiếm mấy phần trăm tổng vốn?") == wanted_units(
        "Vốn KCQG chiếm bao nhiêu phần trăm tổng vốn?") == [("%",)]
    assert wanted_units("Năm 2030 có mấy đề án?") == wanted_units("Năm 2030 có bao nhiêu đề án?") != []
    share = news("Kinh phí KCQG chiếm 40,12% kinh phí khuyến công toàn vùng.")
    features = UnitRanker(analyse("Năm 2030 KCQG chiếm mấy phần trăm kinh phí toàn vùng?"), {}, 1.0).score(
        units_of(Hit(share, 1.0), 1)[0]).features
    assert dict(features).get("asked_unit") == 1.0


def test_an_office_read_back_from_a_question_without_marks_is_matched_without_them():
    from kcassistant.answer.extractive import names_holder
    unit = replace(units_of(Hit(news("Dự có ông Trần Văn Ba, Giám đốc Sở Công Thương tỉnh Bình Phước."), 1.0), 1)[0],
                   features=(("who_cue", 1.0),))
    assert names_holder(unit, "giám đốc số công")  # "So" read back as "Số", not "Sở"
    assert not names_holder(unit, "giám đốc trung tâm khuyến")
