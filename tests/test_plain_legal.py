"""Legal documents in their ordinary published layout, from self-written fixtures:
header (issuing body, number, place and date, type, title, Căn cứ), Phần / Chương / Mục /
Tiểu mục as context, articles with and without titles, the closing article's effect, the
signature block and Nơi nhận kept out of articles, annexes; one decision in .txt, .docx, .pdf."""
import pytest

from ingest import chunk_document, parse_file
from ingest.model import Document, Section

from conftest import FIXTURES

LEGAL = FIXTURES / "legal"


def parse(name: str):
    return parse_file(LEGAL / name, name)


def articles(doc):
    return [s for s in doc.sections if s.kind == "article"]


def kinds(doc):
    return [s.kind for s in doc.sections]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_a_decision_with_its_programme_in_article_1(ext):
    doc = parse(f"quyet_dinh_chuong_trinh.{ext}")
    assert doc.title == "Quyết định 2077/QĐ-TTg Phê duyệt Chương trình hỗ trợ làng nghề thử nghiệm giai đoạn 2032 - 2035"
    assert kinds(doc) == ["preamble", "article", "article", "article", "signature", "annex"]
    first = doc.sections[1]
    assert (first.doc_number, first.doc_type, first.issuer, first.issued_date, first.signer) == (
        "2077/QĐ-TTg", "Quyết định", "THỦ TƯỚNG CHÍNH PHỦ", "12/09/2031", "Lê Văn Mẫu")
    assert first.effective_date == "12/09/2031"  # "có hiệu lực kể từ ngày ký"
    assert first.title.endswith("với những nội dung sau:") and first.paragraphs[0] == "I. MỤC TIÊU"
    preamble = doc.sections[0].paragraphs
    assert any(p.startswith("Căn cứ Nghị định số 88/2031/NĐ-CP") for p in preamble)
    assert "Hà Nội, ngày 12 tháng 9 năm 2031" in preamble
    last = articles(doc)[-1].text
    assert "Nơi nhận" not in last and "Lê Văn Mẫu" not in last and "PHÓ THỦ TƯỚNG" not in last
    signature = doc.sections[4].paragraphs
    assert signature[0] == "Nơi nhận:" and signature[-1] == "Lê Văn Mẫu"
    annex = doc.sections[5]
    assert annex.title == "Phụ lục I" and "DANH MỤC ĐỀ ÁN ƯU TIÊN" in annex.paragraphs


def test_the_same_decision_in_three_formats_is_the_same_document():
    docs = [parse(f"quyet_dinh_chuong_trinh.{ext}") for ext in ("txt", "docx", "pdf")]
    shapes = [[(s.kind, s.article, s.title, " ".join(s.text.split()), s.signer) for s in d.sections] for d in docs]
    assert shapes[0] == shapes[1] == shapes[2]


def test_chunks_of_header_signature_and_annex_are_named_by_what_they_are():
    locators = [c.locator for c in chunk_document(parse("quyet_dinh_chuong_trinh.txt"))]
    assert locators == ["Phần mở đầu Quyết định 2077/QĐ-TTg", "Điều 1 Quyết định 2077/QĐ-TTg",
                        "Điều 2 Quyết định 2077/QĐ-TTg", "Điều 3 Quyết định 2077/QĐ-TTg",
                        "Nơi nhận và chữ ký Quyết định 2077/QĐ-TTg", "Phụ lục I Quyết định 2077/QĐ-TTg"]
    chunk = chunk_document(parse("quyet_dinh_chuong_trinh.txt"))[1]
    assert (chunk.issuer, chunk.issued_date, chunk.signer, chunk.year) == (
        "THỦ TƯỚNG CHÍNH PHỦ", "12/09/2031", "Lê Văn Mẫu", 2031)


def test_a_law_with_parts_chapters_sections_and_subsections():
    doc = parse("luat_phan_chuong.txt")
    assert doc.title == "Luật 77/2034/QH16 Làng nghề thử nghiệm"
    law = articles(doc)
    assert [a.article for a in law] == ["1", "2", "3", "4"]
    assert law[1].chapter == ("Phần thứ hai QUẢN LÝ LÀNG NGHỀ · Chương II CÔNG NHẬN LÀNG NGHỀ · "
                              "Mục 1 ĐIỀU KIỆN · Tiểu mục 1 ĐIỀU KIỆN CHUNG")
    assert law[2].chapter.endswith("Mục 2 THỦ TỤC") and "Tiểu mục" not in law[2].chapter
    assert law[2].title == "" and law[2].paragraphs == ("Hồ sơ công nhận gồm đơn đề nghị và bản thuyết minh.",)
    assert not any(p.startswith(("Phần", "Chương", "Mục", "Tiểu mục")) for a in law for p in a.paragraphs)
    assert law[0].issued_date == "20/11/2034"  # the day it was passed, from the closing line
    assert law[0].effective_date == "01/07/2035" and law[0].signer == "Nguyễn Thị Mẫu"
    assert "thông qua" not in law[-1].text and law[0].issuer == "QUỐC HỘI"


@pytest.mark.parametrize("name, number, doc_type, issuer, issued, effective, signer", [
    ("nghi_dinh_sua_doi.txt", "12/2033/NĐ-CP", "Nghị định", "CHÍNH PHỦ", "05/02/2033", "01/04/2033", "Trần Văn Thử"),
    ("thong_tu_huong_dan.txt", "05/2032/TT-BCT", "Thông tư", "BỘ CÔNG THƯƠNG", "10/03/2032", "25/04/2032",
     "Phạm Văn Thử"),
    ("nghi_quyet.txt", "41/NQ-CP", "Nghị quyết", "CHÍNH PHỦ", "03/05/2032", "03/05/2032", "Trần Văn Thử"),
])
def test_decree_circular_and_resolution_headers(name, number, doc_type, issuer, issued, effective, signer):
    doc = parse(name)
    article = articles(doc)[0]
    assert (article.doc_number, article.doc_type, article.issuer, article.issued_date, article.effective_date,
            article.signer) == (number, doc_type, issuer, issued, effective, signer)


def test_articles_headed_with_a_colon_and_titles_that_are_the_text():
    amending = articles(parse("nghi_dinh_sua_doi.txt"))
    assert [a.article for a in amending] == ["1", "2"]
    assert amending[0].title == "Sửa đổi, bổ sung một số điều của Nghị định số 88/2031/NĐ-CP"
    assert parse("nghi_dinh_sua_doi.txt").title.startswith(
        "Nghị định 12/2033/NĐ-CP Sửa đổi, bổ sung một số điều của nghị định số 88/2031/NĐ-CP")
    resolution = articles(parse("nghi_quyet.txt"))
    assert resolution[0].paragraphs == (resolution[0].title,)  # "Điều 1. Ban hành kèm theo …" is its own text


def test_a_long_programme_article_is_split_by_its_parts():
    paras = ["Phê duyệt Chương trình với các nội dung sau:"]
    for part in ("I. MỤC TIÊU", "II. NỘI DUNG", "III. KINH PHÍ"):
        paras += [part] + [f"{i}. Nội dung {i} của phần {part}, " + "viết đủ dài để vượt giới hạn. " * 12
                           for i in (1, 2, 3)]
    section = Section(kind="article", title="Phê duyệt Chương trình", paragraphs=tuple(paras), article="1",
                      doc_number="9/QĐ-TTg", doc_type="Quyết định")
    chunks = chunk_document(Document("qd.txt", "Quyết định", "legal", (section,)))
    assert [c.heading for c in chunks[1:]] == [f"Điều 1. Phê duyệt Chương trình — {p}"
                                               for p in ("I. MỤC TIÊU", "II. NỘI DUNG", "III. KINH PHÍ")]
    assert chunks[2].locator == "Điều 1 Quyết định 9/QĐ-TTg (mục II)" and chunks[2].text.startswith("II. NỘI DUNG")


def test_the_document_browser_shows_preamble_articles_signature_and_annex_in_reading_order():
    from kcassistant.library import library

    legal, news = library(chunk_document(parse("quyet_dinh_chuong_trinh.txt")))
    assert news == [] and len(legal) == 1
    headings = [a.heading for _, members in legal[0].chapters() for a in members]
    assert headings[0] == "Phần mở đầu" and headings[-2:] == ["Nơi nhận và chữ ký", "Phụ lục I"]
    assert headings[1].startswith("Điều 1.") and headings[3].startswith("Điều 3.")


def test_a_law_without_a_number_is_named_by_its_title_in_citations(tmp_path):
    path = tmp_path / "luat.txt"
    path.write_text("QUỐC HỘI\n\nLUẬT\nCƯ TRÚ THỬ NGHIỆM\n\nĐiều 1. Phạm vi\nLuật này quy định về cư trú.\n\n"
                    "Điều 2. Hiệu lực\nLuật này có hiệu lực từ ngày 01 tháng 7 năm 2035.\n", encoding="utf-8")
    locators = [c.locator for c in chunk_document(parse_file(path, "luat.txt"))]
    assert locators == ["Phần mở đầu Luật Cư trú thử nghiệm", "Điều 1 Luật Cư trú thử nghiệm",
                        "Điều 2 Luật Cư trú thử nghiệm"]
