"""Markdown pages of legal documents (YAML header, `### Điều 1.`) read as legal documents."""
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import IncompleteChunking, check_complete, chunk_document, parse_file
from ingest.markdown import is_markdown_page, plain

PAGE = Path(__file__).parent / "fixtures" / "markdown" / "thong_tu_trang_web.md"


def test_a_markdown_page_is_parsed_by_its_articles():
    doc = parse_file(PAGE, PAGE.name)
    assert doc.kind == "legal"
    chunks = chunk_document(doc)
    by_article = {c.article: c for c in chunks}
    assert set(by_article) == {None, "1", "2"}
    assert by_article["1"].locator == "Điều 1 Thông tư 07/2031/TT-BCT"
    assert by_article["1"].heading == "Điều 1. Phạm vi điều chỉnh"
    assert "doanh nghiệp lớn" in by_article["1"].text and "**" not in by_article["1"].text
    assert by_article["2"].issued_date == "02/03/2031"


def test_nothing_of_the_page_is_lost():
    text = "\n".join(c.text for c in chunk_document(parse_file(PAGE, PAGE.name)))
    for kept in ("layout: vanban", "signer: Thứ trưởng Bộ Công Thương", "07/2031/TT-BCT",
                 "Căn cứ Nghị định số", "1.Thông tư này hướng dẫn", "300 triệu đồng"):
        assert kept in text, kept


def test_marks_go_and_words_stay():
    page = "---\ntitle: X\n---\n# Tiêu đề\n### Điều 1. **Phạm vi**\nNội dung.\n"
    assert is_markdown_page(page) and not is_markdown_page("Điều 1. Phạm vi\nNội dung.")
    assert plain(page) == "title: X\n\nTiêu đề\nĐiều 1. Phạm vi\nNội dung.\n"


def test_spacing_is_not_a_loss_but_a_missing_sentence_is():
    doc = parse_file(PAGE, PAGE.name)
    chunks = chunk_document(doc)
    check_complete(doc, chunks)  # "1.Thông tư" split as "1. Thông tư": same text
    article = next(c for c in chunks if c.article == "2")
    cut = [replace(c, text="") if c is article else c for c in chunks]
    with pytest.raises(IncompleteChunking, match="300 triệu"):
        check_complete(doc, cut)


def test_a_topic_index_page_keeps_its_topics_and_leaves_out_its_table_of_contents():
    page = PAGE.parent / "trang_muc_luc.md"
    chunks = chunk_document(parse_file(page, page.name))
    text = "\n".join(c.text for c in chunks)
    assert "Khai thác ven bờ" in text and "Nuôi trồng ven bờ" in text
    assert "0900100000" not in text and "Phạm vi điều chỉnh" not in text  # node ids and excerpts: navigation
    assert all(c.article is None for c in chunks)


@pytest.mark.parametrize("page, locator, issued", [
    ("trang_chi_co_tieu_de.md", "Điều 1 Nghị định 99/2031/NĐ-CP", "05/02/2031"),  # YAML header only
    ("trang_bang_thong_tin.md", "Điều 1 Luật 12/2031/QH15", "30/11/2031"),  # a table of the document's data
])
def test_a_page_whose_body_has_no_header_is_named_by_its_page_header(page, locator, issued):
    path = PAGE.parent / page
    chunks = {c.article: c for c in chunk_document(parse_file(path, page))}
    assert chunks["1"].locator == locator and chunks["1"].issued_date == issued
    assert "Văn bản pháp luật" not in chunks["1"].title and chunks["1"].title.count("99/2031") <= 1


def test_the_lines_of_a_page_header_are_not_run_together():
    doc = parse_file(PAGE.parent / "trang_chi_co_tieu_de.md", "p.md")
    title = next(s for s in doc.sections if s.kind == "article").doc_title
    assert title == "quy định về thử nghiệm khuyến công lưu động trên các tuyến đường liên tỉnh"  # no "permalink: …"
