"""Citation probes written from an index: the forms people write a reference in, each checked."""
from dataclasses import replace

from kcassistant.answer.reference import compose_reference
from kcassistant.answer.units import Unit, build_citation
from kcassistant.evaluate.probe_runs import by_form
from kcassistant.evaluate.probes import ProbeResult, citation_probes, link_probes, run_probes
from kcassistant.query import analyse, without_naming_terms
from kcassistant.references import DocRef, doc_ref, of_type_asked
from kcassistant.retrieve import Hit
from kcassistant.store.passages import Outline
from kcassistant.store.snapshot import names_of

from records import article

JOINT = "21/2034/TTLT-BNNPTNT-BKHĐT-BTC"


def test_probes_ask_every_form_of_each_article_and_the_documents_effect_and_scope():
    law = [article("1", "Phạm vi và đối tượng", "Thông tư này hướng dẫn hỗ trợ trồng tre.", JOINT, "Thông tư liên tịch"),
           article("2", "Mức hỗ trợ trồng tre", "1. Hỗ trợ giống.", JOINT, "Thông tư liên tịch", position=1),
           article("3", "Hiệu lực", "Thông tư này có hiệu lực từ ngày 01/5/2034.", JOINT, "Thông tư liên tịch",
                   position=2)]
    probes = citation_probes(law, per_document=3)
    questions = {p.question: p for p in probes}
    assert questions[f"Điều 2 Thông tư liên tịch {JOINT} quy định gì?"].article == "2"
    assert questions["TTLT 21/2034 Điều 2 nói gì?"].document == JOINT
    assert questions[f"What does Article 2 of Joint Circular {JOINT} say?"].article == "2"
    assert questions[f"Thông tư liên tịch {JOINT} có hiệu lực từ ngày nào?"].article == "3"
    assert questions[f"Thông tư liên tịch {JOINT} quy định về nội dung gì?"].article == "1"
    # a heading of two words is too little to ask by
    assert not any(p.form in ("content", "subject") and p.article == "3" for p in probes)


def test_a_probe_is_right_only_when_its_first_citation_is_the_article_asked():
    cited = article("2", "Mức hỗ trợ", "1. Hỗ trợ giống.", JOINT, "Thông tư liên tịch")
    other = article("3", "Hồ sơ", "1. Đơn đề nghị.", JOINT, "Thông tư liên tịch")
    probes = citation_probes([cited], per_document=1)
    right = run_probes(probes[:1], lambda q, h: (True, (build_citation(1, Unit("x", "", Hit(cited, 1.0), 1)),)))
    wrong = run_probes(probes[:1], lambda q, h: (True, (build_citation(1, Unit("x", "", Hit(other, 1.0), 1)),)))
    none = run_probes(probes[:1], lambda q, h: (False, ()))
    assert [r.right for r in (*right, *wrong, *none)] == [True, False, False]
    assert by_form([*right, *wrong]) == {probes[0].form: (1, 2)}
    assert isinstance(none[0], ProbeResult) and none[0].cited == ""


def test_a_long_issuer_code_still_makes_a_question_that_only_names_an_article():
    assert analyse(f"Điều 2 Thông tư liên tịch {JOINT} quy định gì?").reference_only
    assert analyse("Điều 2 Thông tư 61/2000/TT-BNNPTNT/KH quy định gì?").reference_only
    assert not analyse(f"Điều 2 Thông tư liên tịch {JOINT} hỗ trợ giống cho ai?").reference_only


def test_a_short_reference_means_the_document_of_its_very_type():
    library = {"21/2034/TT-NHNN": "Thông tư", JOINT: "Thông tư liên tịch", "45/2012/NĐ-CP": "Nghị định"}
    assert of_type_asked(DocRef("Thông tư", "21", "2034"), library) == DocRef("Thông tư", "21/2034/TT-NHNN")
    joint = DocRef("Thông tư liên tịch", "21", "2034")  # fits one document already
    assert of_type_asked(joint, library) == joint
    only_joint = {JOINT: "Thông tư liên tịch"}  # "Thông tư 21/2034" for the one joint circular there is
    assert of_type_asked(DocRef("Thông tư", "21", "2034"), only_joint) == DocRef("Thông tư", "21", "2034")


def test_the_first_clause_of_an_article_not_divided_into_clauses_is_the_article():
    undivided = article("1", "Phạm vi và đối tượng", "Thông tư liên tịch này hướng dẫn hỗ trợ trồng tre.",
                        JOINT, "Thông tư liên tịch")
    draft = compose_reference(analyse(f"Khoản 1 Điều 1 Thông tư liên tịch {JOINT} quy định gì?"),
                              [Hit(undivided, 1.0, direct=True)])
    assert draft is not None and draft.found and "hướng dẫn hỗ trợ trồng tre" in draft.text
    assert compose_reference(analyse(f"Khoản 2 Điều 1 Thông tư liên tịch {JOINT} quy định gì?"),
                             [Hit(undivided, 1.0, direct=True)]) is None


def test_every_probe_of_five_documents_is_answered_from_its_article(probed):
    # two circulars that share the number 21/2034, a law by number, a law known by its name, a constitution
    chunks = probed.index.snapshot().chunks[:]
    probes = citation_probes(chunks, per_document=10)
    assert {p.document for p in probes} == {JOINT, "21/2034/TT-NHNN", "07/2036/QH16", "Luật Làng nghề mẫu",
                                            "Hiến pháp"}
    assert {"next_article", "name_next_article", "name_clause", "scope", "last_clause", "name_last_clause"} <= {
        p.form for p in probes}
    # and the replacements the two circulars state in their article on effect, asked from either end
    relations = link_probes(chunks, probed.index.links.all())
    assert {(p.form, p.document, p.article) for p in relations} >= {
        ("replaced_by", "21/2034/TT-NHNN", "4"), ("was_replaced", JOINT, "4"),
        ("replaces", "21/2034/TT-NHNN", "4"), ("effect_and_replaces", JOINT, "4")}
    assert "Văn bản nào hiện thay thế cho Thông tư 05/2030/TT-NHNN?" in {p.question for p in relations}
    probes += relations
    results = run_probes(probes, lambda q, h: (lambda a: (a.found, a.citations))(probed.ask(q, h)))
    assert [f"{r.probe.question} → {r.cited}" for r in results if not r.right] == []


def test_a_relation_is_probed_only_where_one_article_of_the_document_itself_states_it():
    from ingest.links import Link

    own = article("9", "Hiệu lực", "Thông tư này thay thế Thông tư số 1/2020/TT-BCT.", "2/2030/TT-BCT", "Thông tư")
    report = article("3", "Báo cáo", "Thông tư số 2/2030/TT-BCT đã thay thế Thông tư số 1/2020/TT-BCT.",
                     "3/2031/TT-BCT", "Thông tư", source="other.txt")
    stated = Link(own.source, own.id, "2/2030/TT-BCT", "thay thế", "1/2020/TT-BCT", own.text)
    reported = Link(report.source, report.id, "2/2030/TT-BCT", "thay thế", "1/2020/TT-BCT", report.text)
    assert {(p.form, p.article) for p in link_probes([own, report], [stated, reported])} == {
        ("replaced_by", "9"), ("was_replaced", "9"), ("replaces", "9"), ("effect_and_replaces", "9")}
    assert link_probes([own, report], [reported]) == []  # another document's report of it
    twice = replace(own, id="b", article="10")  # two articles state it: no single right answer
    assert link_probes([own, twice], [stated, replace(stated, chunk_id="b")]) == []


def test_a_name_read_as_a_name_leaves_a_question_that_only_names_an_article():
    names = {"luật trồng trọt": frozenset({"Luật Trồng trọt"})}
    assert without_naming_terms(analyse("Điều 18 Luật Trồng trọt quy định gì?"), names).reference_only
    asked = without_naming_terms(analyse("Theo Điều 18 Luật Trồng trọt, khảo nghiệm gồm những gì?"), names)
    assert not asked.reference_only


def test_a_follow_up_keeps_the_words_that_named_the_document_before():
    before = ["Điều 143 Bộ luật Dân sự quy định gì?"]
    for question in ("Còn Điều 166 thì sao?", "Điều 166 quy định gì?"):
        query = analyse(question, before)
        assert query.article.article == "166" and "Bộ luật Dân sự" in query.earlier
    assert analyse("Điều 166 quy định gì?").earlier == ""


def test_a_document_titled_by_its_type_alone_is_named_by_it():
    constitution = replace(article("20", "", "1. Mọi người có quyền bất khả xâm phạm về thân thể."),
                           doc_number=None, doc_type="Hiến pháp", title="Hiến pháp")
    circular = article("2", "Mức hỗ trợ", "1. Hỗ trợ giống.", JOINT, "Thông tư liên tịch", position=1)
    names = names_of(Outline.of([constitution, circular]))
    assert names["hiến pháp"] == frozenset({"Hiến pháp"}) and "thông tư liên tịch" not in names


def test_a_law_is_named_by_its_number_which_has_no_dash():
    assert doc_ref("Điều 90 Bộ luật 45/2019/QH14 quy định gì?") == DocRef(None, "45/2019/QH14")
    assert doc_ref("Điều 248 Bộ luật 01/VBHN-VPQH quy định gì?") == DocRef(None, "01/VBHN-VPQH")  # consolidated
    assert doc_ref("Nội dung Điều 2 Luật 07/2036 là gì?") == DocRef("Luật", "07", "2036")
    assert analyse("Điều 5 Luật số 24/2018/QH14 nói gì?").reference_only
    assert not analyse("Theo Điều 5 Luật số 24/2018/QH14, ai chịu trách nhiệm bảo vệ an ninh mạng?").reference_only


def test_a_number_the_library_does_not_record_gives_way_to_the_name_it_holds(probed):
    answer = probed.ask("Điều 2 Luật Làng nghề mẫu số 99/2036/QH16 quy định gì?")
    assert answer.found and answer.citations[0].title == "Luật Làng nghề mẫu" and answer.citations[0].article == "2"
    assert any("không ghi số hiệu 99/2036/QH16" in notice for notice in answer.notices)
