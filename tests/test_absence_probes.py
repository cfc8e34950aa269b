"""Absence probes: unanswerable questions written from what the library holds, one thing changed."""
from dataclasses import replace

from kcassistant.evaluate.absence_probes import figure_absence_probes, legal_absence_probes, run_absence_probes
from kcassistant.figures import Figure

from records import article, news

LAW = [article("1", "Phạm vi", "Nghị định này quy định về khuyến nông.", position=0),
       article("2", "Mức hỗ trợ", "1. Hỗ trợ giống.\n2. Hỗ trợ phân bón.\n3. Hỗ trợ tập huấn.", position=1)]
RECORD = Figure(source="tin.txt", chunk_id="tin.txt-0", title="t", sentence="s", clause="s", start=0, end=1,
                scope="phía Nam", year=2030, period="cả năm", programme="KCQG", measure="thực hiện",
                value="12.5", value_text="12,5", unit="tỷ đồng")


def test_each_document_is_asked_past_its_last_article_and_clause_and_under_a_number_not_held():
    questions = {p.form: p.question for p in legal_absence_probes(LAW)}
    assert questions == {"past_last_article": "Điều 7 Nghị định 99/2030/NĐ-CP quy định gì?",
                         "past_last_clause": "Khoản 8 Điều 2 Nghị định 99/2030/NĐ-CP quy định gì?",
                         "other_number": "Điều 1 Nghị định 199/2030/NĐ-CP quy định gì?"}


def test_a_figure_is_asked_for_a_year_and_a_scope_without_one():
    report = news("Năm 2030, kinh phí khuyến công quốc gia của khu vực phía Nam là 12,5 tỷ đồng.")
    probes = figure_absence_probes([RECORD, replace(RECORD, year=2031, value="9", value_text="9")], [report])
    questions = {(p.form, p.question) for p in probes}
    assert ("other_year", "kinh phí khuyến công quốc gia thực hiện năm 2029 của khu vực phía Nam là bao nhiêu?"
            ) in questions
    asked_scopes = {q.split(" của ")[1] for form, q in questions if form in ("other_region", "other_province")}
    assert asked_scopes and not any("phía Nam" in s for s in asked_scopes)
    assert {form for form, _ in questions} == {"other_year", "other_region", "other_province", "other_measure"}


def test_an_absence_probe_is_right_only_when_nothing_is_found():
    probe = legal_absence_probes(LAW)[0]
    replies = iter([(False, "Không tìm thấy"), (True, "Theo Điều 2 …")])
    assert [r.right for r in run_absence_probes([probe, probe], lambda q, h: next(replies))] == [True, False]


def test_no_absence_probe_of_five_documents_is_answered(probed):
    probes = legal_absence_probes(probed.index.snapshot().chunks[:])
    assert {p.form for p in probes} == {"past_last_article", "past_last_clause", "other_number",
                                        "name_past_last_article"}
    results = run_absence_probes(probes, lambda q, h: (lambda a: (a.found, a.text))(probed.ask(q, h)))
    assert [f"{r.probe.question} → {r.answer[:80]}" for r in results if not r.right] == []


def test_a_whole_number_with_one_slash_the_library_lacks_is_absent(probed):
    query, _, note = probed.understand("Điều 1 Bộ luật 101/VBHN-VPQH quy định gì?")
    assert query.doc_absent and note and "101/VBHN-VPQH" in note
    short, _, _ = probed.understand("Điều 1 Thông tư 21/2034 quy định gì?")  # a short number, resolved
    assert not short.doc_absent
