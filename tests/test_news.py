"""Saved news pages: the article is kept whole, the page furniture is not."""
from ingest import chunk_document, parse_file

from conftest import DOCS

BOILERPLATE = ["Tin liên quan", "Tin khác", "17:29 | 24/10/2030", "Hội nghị khuyến công khu vực phía Nam năm 2030",
               "Khuyến công Gia Lai hỗ trợ", "image advertisement", "![]()", "Các đại biểu tham dự hội nghị",
               "Toàn cảnh hội nghị", "Bạn thấy bài viết này", "Rất tốt", "Hải Linh", "Mobile Verion", "TIN MỚI",
               "Ảnh: Phóng viên"]
BODY = [
    "Sáng ngày 12/3, tại tỉnh Bình Định, Cục Công Thương địa phương phối hợp với Sở Công Thương tổ chức hội nghị "
    "tổng kết khuyến công khu vực Duyên hải thử nghiệm.",
    "Theo báo cáo, tổng kinh phí khuyến công năm 2030 của khu vực là 12,5 tỷ đồng, đạt 90,1% so với kế hoạch năm (13,87 tỷ đồng).",
    "Trong đó: Kinh phí khuyến công quốc gia (KCQG) thực hiện là 4,2 tỷ đồng",
    "Sang năm 2031, tổng kế hoạch kinh phí khuyến công được duyệt của khu vực là 15,06 tỷ đồng.",
    "Ông Trần Văn Mẫu, Giám đốc Sở Công Thương, phát biểu chỉ đạo.",
]


def test_title_found_behind_ad_slots():
    doc = parse_file(DOCS / "hoi_nghi_mau.txt", "hoi_nghi_mau.txt")
    assert doc.kind == "news"
    assert doc.title == "Hội nghị tổng kết khuyến công khu vực Duyên hải thử nghiệm năm 2031"


def test_no_boilerplate_line_is_indexed_and_every_body_sentence_is():
    doc = parse_file(DOCS / "hoi_nghi_mau.txt", "hoi_nghi_mau.txt")
    indexed = "\n".join(c.text for c in chunk_document(doc))
    for line in BOILERPLATE:
        assert line not in indexed, line
    for sentence in BODY:
        assert sentence in indexed, sentence


def test_news_chunks_carry_title_and_locator():
    doc = parse_file(DOCS / "hoi_nghi_mau.txt", "hoi_nghi_mau.txt")
    chunks = chunk_document(doc)
    assert all(c.heading == doc.title and c.locator.startswith(doc.title) for c in chunks)
    assert all(c.doc_number is None and c.article is None for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)


def test_html_page_keeps_article_drops_navigation():
    doc = parse_file(DOCS / "trang_web.html", "trang_web.html")
    text = "\n".join(c.text for c in chunk_document(doc))
    assert "Tổng kinh phí hỗ trợ của chương trình là 3,5 tỷ đồng." in text
    assert "Trang chủ" not in text and "Bản quyền" not in text and "var a" not in text


def test_a_numbered_sub_heading_after_a_list_stays_whole_in_one_passage():
    """A long run of list lines, a part heading and "14. …" travel with the paragraph after them:
    the sentence "14. Triển khai …" must not be cut after its number across two passages."""
    from ingest import parse_text

    items = "\n\n".join(f"- Nhiệm vụ thứ {n} của các bộ, ngành và địa phương trong kỳ" for n in range(1, 16))
    text = (f"# Nghị quyết phiên họp thường kỳ\n\nMở đầu nghị quyết về các nhiệm vụ trọng tâm trong tháng.\n\n{items}\n\n"
            "PHẦN V — TRIỂN KHAI LUẬT\n\n14. Triển khai 14 luật, nghị quyết mới\n\n"
            "Tổ chức triển khai thi hành kịp thời, hiệu quả 14 luật, nghị quyết được Quốc hội thông qua; đẩy nhanh "
            "tiến độ xây dựng, ban hành văn bản quy định chi tiết, hướng dẫn thi hành.")
    chunks = chunk_document(parse_text(text, "nghi-quyet.md"))  # raises IncompleteChunking on a cut sentence
    assert any("14. Triển khai 14 luật, nghị quyết mới" in c.text for c in chunks)
