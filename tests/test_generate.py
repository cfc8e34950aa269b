"""Generative answers: the guard on hand-made citations, and the LangChain client
against a scripted OpenAI-compatible server on loopback — a faithful rewrite is
shown; a changed number, a missing marker or a timeout leaves the extractive answer."""
import logging
import re

import pytest

from kcassistant.answer.guard import check
from kcassistant.answer.records import Citation

from conftest import DOCS
from fake_llm import fake_chat_server

QUOTE = "Theo báo cáo, tổng kinh phí khuyến công năm 2030 của khu vực là 12,5 tỷ đồng, đạt 90,1% so với kế hoạch năm."
CITES = (Citation(1, "Hội nghị", "a.txt", None, None, "Hội nghị (tin)", QUOTE, QUOTE),
         Citation(2, "Nghị định", "b.md", "45/2012/NĐ-CP", "12", "Điều 12 Nghị định 45/2012/NĐ-CP",
                  "Kinh phí khuyến công quốc gia được bố trí từ ngày 05/7/2012.", "…"))


def test_the_guard_accepts_a_faithful_rewrite():
    text = ("Năm 2030, khu vực chi 12.5 tỷ đồng cho khuyến công, đạt 90,1% kế hoạch [1]. "
            "Điều 12 Nghị định 45/2012/NĐ-CP quy định nguồn kinh phí từ ngày 05/07/2012 [2].")
    assert check(text, CITES) == []


@pytest.mark.parametrize("text, reason", [
    ("Năm 2030, khu vực chi 12,6 tỷ đồng cho khuyến công [1].", "con số không có trong trích dẫn: 12,6"),
    ("Năm 2030, khu vực chi 12,5 tỷ đồng cho khuyến công.", "không có dấu trích dẫn"),
    ("Năm 2030, khu vực chi 12,5 tỷ đồng [1]. Đây là mức cao nhất từ trước tới nay.", "câu không có dấu trích dẫn"),
    ("Năm 2030, khu vực chi 12,5 tỷ đồng [3].", "dấu trích dẫn không tồn tại: [3]"),
    ("Nghị định 46/2012/NĐ-CP quy định kinh phí [2].", "số hiệu văn bản không có trong trích dẫn: 46/2012/NĐ-CP"),
    ("Điều 13 quy định nguồn kinh phí [2].", "điều không có trong trích dẫn: Điều 13"),
    ("Kinh phí được bố trí từ ngày 07/05/2012 [2].", "ngày không có trong trích dẫn: 07/05/2012"),
])
def test_the_guard_names_what_is_unsupported(text, reason):
    assert any(reason in r for r in check(text, CITES)), check(text, CITES)


QUESTION = "Tổng kinh phí khuyến công năm 2030 của khu vực Duyên hải thử nghiệm là bao nhiêu?"


def _numbers(text):
    return re.findall(r"\d+(?:,\d+)?", text)


def faithful(messages):
    """A rewrite that keeps the quoted sentence's numbers and its marker."""
    passage = re.search(r"^\[1\] .*\n(.*)", messages[-1]["content"], re.M).group(1)
    amount = next(n for n in _numbers(passage) if "," in n)
    return f"Theo báo cáo, tổng kinh phí năm 2030 của khu vực là {amount} tỷ đồng [1]."


def changed_number(messages):
    return faithful(messages).replace(",", ",9", 1)


def missing_marker(messages):
    return faithful(messages).replace(" [1]", "")


@pytest.fixture
def indexed(make_assistant, tmp_path):
    plain = make_assistant()
    plain.ingest([DOCS / "hoi_nghi_mau.txt"])
    extractive = plain.ask(QUESTION)
    assert extractive.found and extractive.citations
    return plain.config.data_dir, extractive


@pytest.mark.parametrize("reply, used, reason", [
    (faithful, True, ""),
    (changed_number, False, "con số không có trong trích dẫn"),
    (missing_marker, False, "không có dấu trích dẫn"),
    (3.0, False, "máy chủ mô hình không trả lời được"),
])
def test_scripted_replies_through_the_langchain_client(indexed, make_assistant, caplog, reply, used, reason):
    data_dir, extractive = indexed
    with fake_chat_server([reply]) as (url, seen):
        assistant = make_assistant(data_dir=data_dir, llm_url=url, llm_model="scripted", llm_timeout=1.0)
        with caplog.at_level(logging.WARNING, logger="kcassistant.generate"):
            answer = assistant.ask(QUESTION)
    assert len(seen) == 1 and seen[0]["model"] == "scripted"
    assert "<trich_dan>" in seen[0]["messages"][-1]["content"]  # passages go as data
    assert answer.generation is not None and answer.generation.used is used
    if used:
        assert answer.text != extractive.text and "[1]" in answer.text
        assert answer.method.endswith("+generated")
    else:
        assert answer.text == extractive.text and answer.method == extractive.method
        assert reason in answer.generation.reason
        assert reason in caplog.text  # the reason is logged for the reviewer
    assert answer.to_dict()["generation"]["used"] is used


def test_not_found_answers_never_reach_the_model(indexed, make_assistant):
    data_dir, _ = indexed
    with fake_chat_server([faithful]) as (url, seen):
        answer = make_assistant(data_dir=data_dir, llm_url=url, llm_timeout=1.0).ask("Giá vé xem bóng đá World Cup?")
    assert not answer.found and seen == [] and answer.generation is None


def test_without_a_model_answers_are_extractive(indexed):
    _, extractive = indexed
    assert extractive.generation is None and extractive.to_dict()["generation"] is None
