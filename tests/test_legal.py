"""Legal structure: Pháp điển pages and plain decree text."""
import re

import pytest

from ingest import chunk_document, parse_file
from ingest.legal import parse_origin, parse_phapdien

from conftest import CORPUS, DOCS, need_corpus


@pytest.fixture(scope="module")
def phapdien():
    return parse_file(DOCS / "phap_dien_mau.md", "phap_dien_mau.md")


def test_phapdien_heading_becomes_original_document_and_article(phapdien):
    first = phapdien.sections[0]
    assert (first.doc_number, first.doc_type, first.article) == ("77/2019/NĐ-CP", "Nghị định", "1")
    assert first.label == "9.1.NĐ.1" and first.title == "Phạm vi điều chỉnh"
    assert first.effective_date == "01/05/2019" and first.issued_date == "10/03/2019"
    assert first.doc_title == "Về hỗ trợ thử nghiệm"
    assert first.chapter == "Chương I QUY ĐỊNH CHUNG"


def test_cross_references_are_links_not_headings(phapdien):
    labels = [s.label for s in phapdien.sections]
    assert labels == ["9.1.NĐ.1", "9.1.TT.1.1", "9.1.NĐ.2", "9.1.NĐ.3"]
    assert phapdien.sections[0].references == ("9.1.NĐ.2", "9.1.TT.1.1")
    assert all("liên quan đến" not in s.text for s in phapdien.sections)


def test_glued_heading_is_found_and_previous_article_ends_cleanly(phapdien):
    art2 = next(s for s in phapdien.sections if s.label == "9.1.NĐ.2")
    art3 = next(s for s in phapdien.sections if s.label == "9.1.NĐ.3")
    assert art2.paragraphs[-1] == "2. Kinh phí hỗ trợ được sử dụng đúng mục đích."
    assert art3.paragraphs == ("Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 5 năm 2019.",)
    assert art2.chapter == "Chương II KINH PHÍ"


def test_table_of_contents_is_not_content(phapdien):
    text = "\n".join(c.text for c in chunk_document(phapdien))
    assert "Danh sách điều khoản" not in text and "0900100000" not in text
    assert "QUY ĐỊNH CHUNG" not in text and "Đang cập nhật" not in text


def test_short_origin_inherits_document_title_and_date(phapdien):
    art2 = next(s for s in phapdien.sections if s.label == "9.1.NĐ.2")
    assert art2.doc_title == "Về hỗ trợ thử nghiệm" and art2.issued_date == "10/03/2019"


def test_origin_line_forms():
    o = parse_origin("Thông tư liên tịch 13/2014/TTLT-BNNPTNT-BKHĐT-BTC hướng dẫn X ngày 28/04/2014 của Bộ, "
                     "có hiệu lực thi hành kể từ ngày 16/06/2014", "1")
    assert (o.doc_type, o.doc_number, o.issued_date, o.effective_date) == (
        "Thông tư liên tịch", "13/2014/TTLT-BNNPTNT-BKHĐT-BTC", "28/04/2014", "16/06/2014")


def test_plain_decree_text():
    doc = parse_file(DOCS / "nghi_dinh_mau.txt", "nghi_dinh_mau.txt")
    assert doc.kind == "legal"
    assert [s.kind for s in doc.sections] == ["preamble", "article", "article", "article"]
    assert [s.article for s in doc.sections[1:]] == ["1", "2", "3"]
    art2, art3 = doc.sections[2], doc.sections[3]
    assert doc.sections[0].paragraphs[:1] == ("CHÍNH PHỦ",) and art2.issuer == "CHÍNH PHỦ"
    assert art2.doc_number == "88/2031/NĐ-CP" and art2.doc_type == "Nghị định"
    assert art2.paragraphs == ("1. Làng nghề thử nghiệm được Ủy ban nhân dân cấp tỉnh công nhận.",
                               "2. Cơ quan, tổ chức có liên quan.")
    assert art3.chapter == "Chương II ĐIỀU KHOẢN THI HÀNH"
    assert art3.effective_date == "01/03/2031" and art3.issued_date == "15/01/2031"


def test_chunks_name_document_and_article():
    doc = parse_file(DOCS / "nghi_dinh_mau.txt", "nghi_dinh_mau.txt")
    preamble, chunk = chunk_document(doc)[0], chunk_document(doc)[2]
    assert preamble.locator == "Phần mở đầu Nghị định 88/2031/NĐ-CP" and preamble.article is None
    assert chunk.locator == "Điều 2 Nghị định 88/2031/NĐ-CP"
    assert chunk.heading == "Điều 2. Đối tượng áp dụng"
    assert chunk.doc_number == "88/2031/NĐ-CP" and chunk.article == "2"


def test_long_article_split_by_clause_keeps_heading():
    from ingest.chunk import MAX_CHARS
    from ingest.model import Document, Section

    clauses = [f"{i}. " + "Nội dung khoản dài dòng để thử việc chia đoạn. " * 12 for i in range(1, 7)]
    section = Section(kind="article", title="Điều dài", paragraphs=clauses, article="5",
                      doc_number="88/2031/NĐ-CP", doc_type="Nghị định")
    chunks = chunk_document(Document("x.txt", "x", "legal", [section]))
    assert len(chunks) > 1 and sum(len(c.text) for c in chunks) > MAX_CHARS
    assert all(c.heading == "Điều 5. Điều dài" and c.article == "5" for c in chunks)
    assert all(re.match(r"^\d+\.", c.text) for c in chunks)
    assert chunks[0].clause.startswith("1") and "khoản" in chunks[0].locator


# -- the real Pháp điển page --------------------------------------------------------
EXPECTED_ARTICLES = {"45/2012/NĐ-CP": 19, "46/2012/TT-BCT": 11, "36/2013/TT-BCT": 24,
                     "26/2014/TT-BCT": 25, "26/2014/TTLT-BTC-BCT": 10, "16/2011/TTLT-BCT-BNV": 7}


@pytest.fixture(scope="module")
def khuyen_cong():
    need_corpus()
    return parse_file(CORPUS / "regulations" / "khuyen-cong.md", "regulations/khuyen-cong.md")


def test_every_article_of_decree_and_circulars_comes_out_once(khuyen_cong):
    by_doc: dict[str, list[str]] = {}
    for s in khuyen_cong.sections:
        by_doc.setdefault(s.doc_number, []).append(s.article)
    for number, count in EXPECTED_ARTICLES.items():
        articles = by_doc[number]
        assert sorted(articles, key=int) == [str(i) for i in range(1, count + 1)], number


def test_articles_are_whole_and_clean(khuyen_cong):
    art = {s.article: s for s in khuyen_cong.sections if s.doc_number == "45/2012/NĐ-CP"}
    assert art["12"].paragraphs[0] == "1. Kinh phí khuyến công quốc gia được hình thành từ các nguồn sau:"
    assert art["12"].paragraphs[-1] == "b) Các khoản chi khác phục vụ hoạt động khuyến công quốc gia."
    assert art["10"].text == "Cộng tác viên khuyến công được hưởng thù lao khuyến công do Chủ tịch Ủy ban nhân dân cấp tỉnh quy định."
    assert art["18"].effective_date == "05/07/2012" and art["18"].issued_date == "21/05/2012"
    assert art["12"].chapter == "Chương IV KINH PHÍ KHUYẾN CÔNG"
    for s in khuyen_cong.sections:
        assert "Điều 7.5." not in s.text, (s.label, s.text[-200:])
        assert "Điều này có nội dung liên quan" not in s.text, s.label
        assert not any(p.isupper() for p in s.paragraphs), s.label
    assert "7.5.NĐ.12" in art["11"].references


def test_an_article_with_no_title_is_its_own_document_and_article():
    """Pháp điển gives some articles no title ("Điều 24.9.QĐ.3.1."): their text is theirs, not
    the previous article's (it was planted in another document's article before)."""
    page = ("Điều 9.1.NĐ.8. Tiếp cận tín dụng\n\n"
            "(Điều 8 Nghị định số 77/2019/NĐ-CP, có hiệu lực thi hành kể từ ngày 01/05/2019)\n\n"
            "1. Doanh nghiệp được hỗ trợ lãi suất.\n\n"
            "Điều 9.1.QĐ.3.1. \n\n"
            "(Điều 1 Quyết định số 68/2033/QĐ-TTg Về hỗ trợ giảm tổn thất ngày 14/11/2033 của Thủ tướng "
            "Chính phủ, có hiệu lực thi hành kể từ ngày 01/01/2034)\n\n"
            "Ngân sách nhà nước hỗ trợ lãi suất vốn vay để mua máy sấy.\n\n"
            "Điều 9.1.QĐ.3.2.\n\n"
            "(Điều 2 Quyết định số 68/2033/QĐ-TTg, có hiệu lực thi hành kể từ ngày 01/01/2034)\n\n"
            "Quyết định này có hiệu lực từ ngày 01/01/2034.\n")
    doc = parse_phapdien(page, "chu-de.md")
    assert [(s.doc_number, s.article, s.title) for s in doc.sections] == [
        ("77/2019/NĐ-CP", "8", "Tiếp cận tín dụng"), ("68/2033/QĐ-TTg", "1", ""), ("68/2033/QĐ-TTg", "2", "")]
    assert doc.sections[0].paragraphs == ("1. Doanh nghiệp được hỗ trợ lãi suất.",)
    assert doc.sections[1].paragraphs == ("Ngân sách nhà nước hỗ trợ lãi suất vốn vay để mua máy sấy.",)
    chunks = chunk_document(doc)
    assert [c.locator for c in chunks][1:] == ["Điều 1 Quyết định 68/2033/QĐ-TTg", "Điều 2 Quyết định 68/2033/QĐ-TTg"]
