"""Answers over our own fixture documents: quoted, cited, or honestly not found."""
import re

import pytest

from kcassistant import InputError
from kcassistant.text import numbers_in

from conftest import DOCS


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    from kcassistant import Assistant, Config

    config = Config(data_dir=tmp_path_factory.mktemp("fixture-index"))
    a = Assistant(config, embedder=embedder)
    a.ingest([DOCS])
    return a


def _faithful(answer) -> bool:
    support = set()
    for c in answer.citations:
        support |= numbers_in(f"{c.quote} {c.text} {c.locator} {c.title}")
    return numbers_in(answer.text) <= support | numbers_in(answer.question)


def test_figure_question_answered_from_records_with_source(assistant):
    answer = assistant.ask("Kinh phí KCQG thực hiện năm 2030 của khu vực Duyên hải thử nghiệm là bao nhiêu?")
    assert answer.found and answer.method == "figures"
    assert "4,2 tỷ đồng" in answer.text and re.search(r"\[1\]", answer.text)
    assert "Kinh phí khuyến công quốc gia (KCQG) thực hiện là 4,2 tỷ đồng" in answer.citations[0].quote
    assert _faithful(answer)


def test_a_regional_record_is_not_the_answer_to_a_question_without_scope(assistant):
    answer = assistant.ask("Kinh phí KCQG thực hiện năm 2030 là bao nhiêu?")
    assert answer.method != "figures"


def test_followup_uses_history(assistant):
    answer = assistant.ask("Còn kinh phí khuyến công địa phương thì sao?",
                           ["Kinh phí KCQG thực hiện năm 2030 của khu vực là bao nhiêu?"])
    assert answer.found and "8,3" in answer.text and _faithful(answer)


def test_legal_answer_quotes_clause_with_points(assistant):
    answer = assistant.ask("Theo Nghị định 77/2019/NĐ-CP, kinh phí hỗ trợ được hình thành từ những nguồn nào?")
    assert answer.found
    cite = answer.citations[0]
    assert (cite.doc_number, cite.article) == ("77/2019/NĐ-CP", "2")
    assert "Ngân sách nhà nước cấp hàng năm" in answer.text and "Tài trợ" in answer.text


def test_a_law_named_that_the_library_lacks_is_said_so(assistant):
    answer = assistant.ask("Theo Luật Thuế, kinh phí hỗ trợ được hình thành từ những nguồn nào?")
    assert not answer.found  # the decree that answers the rest of the question is not that law
    assert any("Không có văn bản “Luật Thuế”" in n for n in answer.notices)


@pytest.mark.parametrize("question", [
    "Kinh phí khuyến công năm 2045 là bao nhiêu?",
    "Giá cà phê hôm nay bao nhiêu?",
    "Thủ tục đăng ký kết hôn gồm những giấy tờ gì?",
])
def test_not_found_is_said_plainly(assistant, question):
    answer = assistant.ask(question)
    assert not answer.found and not answer.citations
    assert "Không tìm thấy" in answer.text and not numbers_in(answer.text)


def test_english_question(assistant):
    answer = assistant.ask("How much local industrial extension funding was spent in 2030?")
    assert answer.found and "8,3" in answer.text


def test_an_english_question_outside_the_glossary_is_not_answered_and_says_why(assistant):
    answer = assistant.ask("Which team scored the winning goal in the football final of 2030?")
    assert not answer.found and not answer.citations
    assert any("tiếng Việt" in n and "football" in n for n in answer.notices)


@pytest.mark.parametrize("question", ["", "   ", "x" * 2001])
def test_bad_questions_are_refused(assistant, question):
    with pytest.raises(InputError):
        assistant.ask(question)


def test_langchain_retriever(assistant):
    pytest.importorskip("langchain_core", reason="install with 'make setup'")
    from kcassistant.langchain import KCRetriever

    docs = KCRetriever(assistant=assistant, k=2).invoke("Điều 2 Nghị định 77/2019/NĐ-CP")
    assert len(docs) == 2 and docs[0].metadata["locator"] == "Điều 2 Nghị định 77/2019/NĐ-CP"
    assert docs[0].metadata["rank"] == 1 and "Ngân sách nhà nước" in docs[0].page_content


def test_a_document_named_by_number_or_name_answers_for_itself_or_through_those_guiding_it(assistant):
    # the decree on craft villages says nothing of the funds; another decree's article on funds is no answer
    answer = assistant.ask("Nghị định 88/2031/NĐ-CP quy định gì về nguồn kinh phí hỗ trợ?")
    assert all(c.doc_number == "88/2031/NĐ-CP" for c in answer.citations)
    query, _, _ = assistant.understand("Nghị định 77/2019/NĐ-CP áp dụng đối với cơ sở nào?")
    assert set(query.doc_family) == {"77/2019/NĐ-CP", "15/2020/TT-BCT"}  # the circular guides it
    by_name = "Nghị định về hỗ trợ làng nghề thử nghiệm quy định gì về nguồn kinh phí hỗ trợ?"
    assert "88/2031/NĐ-CP" in assistant.understand(by_name)[0].doc_family  # named by its name, as by its number
    assert all(c.doc_number == "88/2031/NĐ-CP" for c in assistant.ask(by_name).citations)
    anywhere = assistant.ask("Nguồn kinh phí hỗ trợ được hình thành từ đâu?")
    assert anywhere.found and anywhere.citations[0].doc_number == "77/2019/NĐ-CP"


def test_who_signed_a_document_stored_without_its_signature_is_not_guessed(assistant):
    # the Pháp điển page keeps the articles, not the signature block; "ký" in "đăng ký" is no signer
    answer = assistant.ask("Ai ký Nghị định 77/2019/NĐ-CP?")
    assert not answer.found and answer.method == "document" and "chữ ký" in answer.text
    assert not answer.citations


def test_the_answer_stage_reads_deeper_than_the_passages_shown(make_assistant):
    from kcassistant.assistant import ANSWER_DEPTH

    small = make_assistant(top_k=2)
    small.ingest([DOCS])
    question = "Nguồn kinh phí hỗ trợ được hình thành từ đâu?"
    _, retrieval, _ = small.understand(question)
    assert 2 < len(retrieval.hits) <= ANSWER_DEPTH * 2
    assert len(small.ask(question).passages) <= 2  # what the reader is shown stays top_k


def test_a_question_typed_without_marks_is_answered_as_with_them(assistant):
    marked = assistant.ask("Nguồn kinh phí hỗ trợ được hình thành từ đâu?")
    plain = assistant.ask("Nguon kinh phi ho tro duoc hinh thanh tu dau?")
    assert plain.found and [c.locator for c in plain.citations] == [c.locator for c in marked.citations]
    assert any("không dấu" in n and "kinh phí hỗ trợ" in n for n in plain.notices)  # says how it was read
    assert plain.question == "Nguon kinh phi ho tro duoc hinh thanh tu dau?"  # the user's words are kept


def test_a_question_with_a_misplaced_mark_is_read_back_and_says_so(assistant):
    marked = assistant.ask("Nguồn kinh phí hỗ trợ được hình thành từ đâu?")
    typo = assistant.ask("Nguồn kinh phí hỗ trơ được hình thành từ đâu?")  # "hỗ trơ": no word
    assert typo.found and [c.locator for c in typo.citations] == [c.locator for c in marked.citations]
    assert any("đọc lại" in n and "hỗ trợ" in n for n in typo.notices)
    assert typo.question == "Nguồn kinh phí hỗ trơ được hình thành từ đâu?"


def test_an_english_question_on_a_document_is_answered_by_what_the_documents_say_of_it(assistant):
    # "guides" read through the glossary, as "hướng dẫn"; a decree's number typed without Đ is still a decree's
    answer = assistant.ask("Which documents guide Decree 77/2019/ND-CP?")
    assert answer.found and answer.method == "document" and "15/2020/TT-BCT" in answer.text
    assert answer.text.startswith("Nghị định 77/2019/NĐ-CP")
