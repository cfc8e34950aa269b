"""The unit ranker: features are measurements, weights are data (prior or fitted file)."""
import json
from dataclasses import replace

from kcassistant.answer.ranker import FEATURES, PRIOR, RankerModel, UnitRanker
from kcassistant.answer.unit_features import UnitFeatures
from kcassistant.answer.units import units_of
from kcassistant.query import analyse
from kcassistant.references import doc_ref
from kcassistant.retrieve import Hit

from records import article, news

MEETING = news("Hội nghị do Sở Công Thương tỉnh Bình Phước đăng cai. "
               "Chủ trì hội nghị có ông Trương Văn Bảy, Giám đốc Sở Công Thương tỉnh Bình Phước.")
COUNCIL = article("9", "Hội đồng", "1. Hội đồng cấp tỉnh được thành lập theo quyết định của Chủ tịch.\n"
                  "2. Hội đồng cấp tỉnh có 07 thành viên.")


def measured(question: str, chunk) -> list[dict]:
    features = UnitFeatures(analyse(question), {}, 1.0)
    return [features.measure(u).features for u in units_of(Hit(chunk, 1.0), 1)]


def test_every_measured_feature_has_a_prior_weight():
    names = {name for chunk in (MEETING, COUNCIL) for q in ("Ai chủ trì hội nghị năm 2030?",
                                                           "Hội đồng cấp tỉnh gồm mấy thành viên?")
             for f in measured(q, chunk) for name in f}
    assert names <= set(FEATURES)


def test_a_person_is_told_from_an_organisation():
    person, organisation = (f.get("who_cue", 0.0) for f in reversed(measured("Ai chủ trì hội nghị?", MEETING)))
    assert person == 1.0 and organisation == 0.0


def test_a_unit_without_the_asked_count_says_so():
    lead, count = measured("Hội đồng cấp tỉnh gồm mấy thành viên?", COUNCIL)
    assert lead.get("counted_missing") == 1.0 and lead.get("slot_conflict") == 1.0
    assert count.get("counted") == 1.0 and "slot_conflict" not in count


def test_the_score_is_the_weighted_sum_and_a_fitted_file_replaces_the_prior(tmp_path):
    assert RankerModel(PRIOR).score({"coverage": 0.5, "direct": 1.0}) == PRIOR["coverage"] * 0.5 + PRIOR["direct"]
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"weights": {"coverage": 3.0}}))
    fitted = RankerModel.load(path)
    assert fitted.weights["coverage"] == 3.0 and fitted.weights["direct"] == PRIOR["direct"]
    assert RankerModel.load(tmp_path / "absent.json").weights == PRIOR


def test_weights_decide_the_order():
    question = analyse("Hội đồng cấp tỉnh gồm mấy thành viên?")
    units = units_of(Hit(COUNCIL, 1.0), 1)
    for weight, expected in ((5.0, "07 thành viên"), (-5.0, "quyết định")):
        ranker = UnitRanker(question, {}, 1.0, RankerModel({**PRIOR, "counted": weight}))
        best = max((ranker.score(u) for u in units), key=lambda u: u.score)
        assert expected in best.text and "\n" not in best.text


def test_a_document_is_named_by_its_type_code():
    assert doc_ref("NĐ 45/2012 nói về điều gì?").number == "45"
    assert doc_ref("TTLT 26/2014 có hiệu lực khi nào?").doc_type == "Thông tư liên tịch"
    assert doc_ref("Nghị định 45/2012/NĐ-CP").number == "45/2012/NĐ-CP"


def test_the_document_title_tells_what_this_decree_is_about():
    ours = replace(article("17", "Xử lý vi phạm", "Tổ chức vi phạm Nghị định này thì bị xử lý kỷ luật."),
                   title="Nghị định 99/2030/NĐ-CP Về thủy lợi nội đồng")
    theirs = article("4", "Xử lý vi phạm", "Tổ chức vi phạm Nghị định này thì bị xử lý kỷ luật.",
                     doc_number="88/2029/NĐ-CP", source="khac.txt")
    question = "Tổ chức vi phạm quy định về thủy lợi nội đồng bị xử lý thế nào?"
    (ours_unit,), (theirs_unit,) = (measured(question, chunk) for chunk in (ours, theirs))
    assert ours_unit["coverage"] > theirs_unit["coverage"]


def test_what_was_spent_in_a_year_is_not_a_rules_text_without_an_amount():
    rule = article("6", "Nội dung chi", "h) Chi hỗ trợ xây dựng mô hình thực hiện theo Chiến lược đến năm 2030.")
    report = news("Năm 2030, kinh phí khuyến công thực hiện của khu vực phía Nam là 12,5 tỷ đồng.")
    features = UnitFeatures(analyse("Kinh phí khuyến công thực hiện năm 2030 của cả nước là bao nhiêu?"), {}, 1.0)
    (on_rule,) = [features.measure(u) for u in units_of(Hit(rule, 1.0), 1)]
    (on_report,) = [features.measure(u) for u in units_of(Hit(report, 1.0), 1)]
    assert not on_rule.slot_ok and on_report.slot_ok
    # a rule's rate still answers a question on rates, which asks for no year's spending
    rate = article("7", "Mức chi", "Hỗ trợ tối đa 50% chi phí.")
    asked = UnitFeatures(analyse("Mức hỗ trợ tối đa là bao nhiêu phần trăm?"), {}, 1.0)
    assert all(asked.measure(u).slot_ok for u in units_of(Hit(rate, 1.0), 1))
    # a law's question may name a year and "thực hiện" too, but no programme or place
    fine = article("8", "Xử phạt", "Phạt tiền đối với người thực hiện hành vi vi phạm.")
    legal = UnitFeatures(analyse("Theo Bộ luật Dân sự 2015, người thực hiện hành vi này bị phạt bao nhiêu?"), {}, 1.0)
    assert all(legal.measure(u).slot_ok for u in units_of(Hit(fine, 1.0), 1))


def test_a_programmes_amount_in_a_year_is_not_a_rules_text_without_an_amount_even_with_no_measure_named():
    rule = article("12", "Kinh phí", "2. Kinh phí khuyến công quốc gia được sử dụng cho hoạt động khuyến công.")
    features = UnitFeatures(analyse("Kinh phí khuyến công quốc gia năm 2030 là bao nhiêu?"), {}, 1.0)
    assert not features.asks_reported and features.asks_year_amount
    assert not any(features.measure(u).slot_ok for u in units_of(Hit(rule, 1.0), 1))
    # a rule that states an amount may still answer it
    amount = article("13", "Mức kinh phí", "Kinh phí khuyến công quốc gia hỗ trợ tối đa 300 triệu đồng.")
    assert all(features.measure(u).slot_ok for u in units_of(Hit(amount, 1.0), 1))


def test_a_figure_naming_no_period_is_the_whole_years():
    report = news("Năm 2031 kinh phí KCĐP thực hiện 41,7 tỷ đồng. 9 tháng năm 2031 kinh phí KCĐP thực hiện 27,6 tỷ đồng.")
    year, nine = measured("Cả năm 2031 kinh phí KCĐP thực hiện bao nhiêu?", report)[:2]
    assert year.get("period_same") == 1.0 and "slot_conflict" not in year
    assert nine.get("period_other") == 1.0 and nine.get("slot_conflict") == 1.0
    unasked = measured("Kinh phí KCĐP năm 2031 thực hiện bao nhiêu?", news("Cả năm 2031 kinh phí KCĐP đạt 41,7 tỷ đồng."))
    assert "period_unasked" not in unasked[0]  # "cả năm" is what a question naming no period asks


def test_a_clause_of_an_article_on_another_programme_is_about_that_programme():
    national = article("8", "Thẩm định kế hoạch khuyến công quốc gia",
                       "1. Thẩm định cấp cơ sở\nHồ sơ đề án gửi Cục để thẩm định.")
    local = replace(national, heading="Điều 8. Thẩm định đề án")
    question = "Cơ quan nào thẩm định đề án khuyến công địa phương?"
    assert all(f.get("other_programme") for f in measured(question, national))  # the heading names it
    assert not any(f.get("other_programme") for f in measured(question, local))


def test_a_list_run_on_after_a_colon_is_a_list():
    dossier = article("15", "Hồ sơ thanh toán", "1. Đề án hỗ trợ di dời cơ sở: Hợp đồng thực hiện đề án; biên bản nghiệm "
                      "thu cơ sở; báo cáo khối lượng hoàn thành.")
    prose = article("16", "Tạm ứng", "1. Cục trưởng quyết định tỷ lệ tạm ứng; hồ sơ tạm ứng theo quy định hiện hành.")
    question = "Hồ sơ thanh toán đề án hỗ trợ di dời cơ sở gồm những gì?"
    assert measured(question, dossier)[0].get("list") == 1.0
    assert measured(question, prose)[0].get("list", 0.0) == 0.0  # semicolons without a colon before them: prose


def test_a_run_on_list_of_another_kind_is_not_the_list_asked():
    regions = article("3", "Cấp bình chọn", "c) Cấp khu vực do Cục chủ trì; khu vực được chia như sau: - Khu vực miền Bắc: "
                      "Hà Giang, Cao Bằng;\n- Khu vực miền Nam: Cần Thơ, Cà Mau;")
    assert measured("Sản phẩm được chia thành những nhóm nào?", regions)[0].get("list", 0.0) == 0.0
    assert measured("Sản phẩm được chia thành những khu vực nào?", regions)[0].get("list") == 1.0


def test_a_count_or_a_statement_is_not_a_list_question():
    council = article("9", "Hội đồng", "1. Hội đồng gồm các thành viên sau:\na) Chủ tịch;\nb) Thư ký.")
    assert measured("Hội đồng gồm những thành viên nào?", council)[0].get("list") == 1.0
    assert measured("Hội đồng gồm bao nhiêu thành viên?", council)[0].get("list", 0.0) == 0.0
    assert measured("Hội đồng bao gồm chủ tịch và thư ký, đúng hay sai?", council)[0].get("list", 0.0) == 0.0


def test_a_documents_number_names_the_year_it_was_issued():
    report = news("Cục đã trình Chính phủ ban hành Nghị định số 32/2031/NĐ-CP về quản lý cụm công nghiệp.",
                  title="Công tác khuyến công năm 2032")
    named = measured("Nghị định nào về quản lý cụm công nghiệp được ban hành năm 2031?", report)[0]
    assert named.get("year_in_unit") == 1.0 and "slot_conflict" not in named
    assert analyse("Nghị định 99/2030/NĐ-CP quy định gì về cụm công nghiệp?").years == ()  # a question citing it asks no year


def test_a_text_dating_another_day_of_the_year_asked_is_not_that_days():
    commencement = article("10", "Hiệu lực thi hành", "1. Thông tư này có hiệu lực thi hành từ ngày 08 tháng 4 năm 2031. "
                           "Thay thế Thông tư số 12/2029/TT-BCT.")
    question = "Thông tư có hiệu lực từ ngày 10/02/2031 thay thế văn bản nào?"
    assert all(f.get("date_other") == 1.0 and f.get("slot_conflict") == 1.0 for f in measured(question, commencement))
    assert not any(f.get("date_other") for f in measured("Thông tư có hiệu lực từ ngày 8/4/2031 thay thế văn bản nào?",
                                                           commencement))
    # a scenario's date in another year than any the text names says nothing against it
    assert not any(f.get("date_other") for f in measured("Ngày 01/08/2032 thông tư này còn hiệu lực không?",
                                                           commencement))


def test_a_text_that_took_effect_another_year_is_not_the_one_asked():
    """"có hiệu lực từ ngày 01/03/2031" names the document by the day it took effect: a text in force
    from another year is another document, whatever year its own date falls in; the dates of the
    documents it replaces say nothing."""
    question = "Thông tư có hiệu lực từ ngày 01/03/2031 thay thế văn bản nào?"
    old = article("4", "Hiệu lực", "3. Thông tư này có hiệu lực thi hành từ năm thuế 1994.")
    later = article("14", "Hiệu lực", "1. Thông tư này có hiệu lực kể từ ngày 25 tháng 01 năm 2033.")
    replacing = article("6", "Hiệu lực", "Thông tư này có hiệu lực sau 45 ngày kể từ ngày ký và thay thế "
                                         "Thông tư số 18/2008/TT-BCT ngày 19 tháng 12 năm 2008.")
    assert all(f.get("date_other") == 1.0 for f in measured(question, old) + measured(question, later))
    assert not any(f.get("date_other") for f in measured(question, replacing))
    assert not any(f.get("date_other") for f in measured("Ngày 01/08/2040 thông tư này còn hiệu lực không?", later))


def test_a_report_on_another_regions_event_does_not_answer_for_this_one():
    north = news("Hội nghị được tổ chức tại Hà Nội ngày 16/5/2030.", title="Hội nghị thử nghiệm khu vực phía Bắc năm 2030")
    south = measured("Hội nghị thử nghiệm phía Nam năm 2030 được tổ chức ở đâu?", north)[0]
    assert south.get("scope_other") == 1.0 and south.get("slot_conflict") == 1.0
    hanoi = measured("Ai là Giám đốc Sở Công Thương Hải Phòng năm 2030?", north)[0]
    assert "scope_other" not in hanoi  # a province of the region the report is on
