"""Conversation export: every citation written out, document text never markup."""
from datetime import datetime

from kcassistant.export import conversation_json, conversation_markdown

ANSWER = {"answer": "Kinh phí là 27,6 tỷ đồng [1].", "found": True, "citations": [
    {"n": 1, "locator": "Điều 12 Nghị định 99/2030/NĐ-CP", "title": "Về khuyến công", "source": "nd.md",
     "doc_number": "99/2030/NĐ-CP", "article": "12", "quote": "[Bấm vào đây](http://x.vn) # 27,6 tỷ đồng",
     "text": "…"}]}
TURNS = [{"question": "Kinh phí bao nhiêu?", "answer": ANSWER}]


def test_markdown_writes_out_document_article_and_quote():
    text = conversation_markdown(TURNS, datetime(2026, 11, 23, 9, 5))
    assert "23/11/2026 09:05" in text
    assert "Điều 12 Nghị định 99/2030/NĐ\\-CP" not in text  # hyphens are not escaped: locators stay readable
    assert "Điều 12 Nghị định 99/2030/NĐ-CP — Về khuyến công" in text
    assert "> \\[Bấm vào đây\\](http://x.vn) \\# 27,6 tỷ đồng" in text  # a link in a document stays text


def test_json_keeps_each_citation():
    data = conversation_json(TURNS, datetime(2026, 11, 23))
    cite = data["turns"][0]["citations"][0]
    assert (cite["doc_number"], cite["article"], cite["quote"]) == ("99/2030/NĐ-CP", "12", ANSWER["citations"][0]["quote"])
    assert data["exported_at"].startswith("2026-11-23")
