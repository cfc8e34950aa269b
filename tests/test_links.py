"""Links between documents as data, questions about a document as a whole, and document
numbers as people write them — on the self-written legal fixtures."""
import pytest

from ingest import chunk_document, parse_file
from ingest.links import extract_links
from kcassistant.references import DocRef, doc_ref, resolve

from conftest import DOCS, FIXTURES

LEGAL = FIXTURES / "legal"


def links_of(name: str):
    return {(x.from_doc, x.relation, x.to_doc, x.to_article)
            for x in extract_links(chunk_document(parse_file(LEGAL / name, name)))}


def test_links_are_read_from_preambles_titles_articles_and_closing_articles():
    assert links_of("quyet_dinh_chuong_trinh.txt") == {
        ("2077/QĐ-TTg", "căn cứ", "88/2031/NĐ-CP", None), ("2077/QĐ-TTg", "thay thế", "1500/QĐ-TTg", None)}
    assert links_of("nghi_dinh_sua_doi.txt") == {
        ("12/2033/NĐ-CP", "sửa đổi, bổ sung", "88/2031/NĐ-CP", None),
        ("12/2033/NĐ-CP", "sửa đổi, bổ sung", "88/2031/NĐ-CP", "2"), ("12/2033/NĐ-CP", "bãi bỏ", "88/2031/NĐ-CP", "3")}
    assert links_of("thong_tu_huong_dan.txt") == {
        ("05/2032/TT-BCT", "hướng dẫn", "88/2031/NĐ-CP", None), ("05/2032/TT-BCT", "căn cứ", "88/2031/NĐ-CP", None),
        ("05/2032/TT-BCT", "bãi bỏ", "30/2029/TT-BCT", None)}


def test_news_links_only_when_a_sentence_names_both_documents():
    from ingest.model import Chunk

    def news(text):
        return Chunk(id="n-1", source="tin.txt", text=text, heading="Tin", locator="Tin", title="Tin", kind="news")

    named = news("Nghị định số 12/2033/NĐ-CP sửa đổi Nghị định số 88/2031/NĐ-CP về làng nghề.")
    assert [(x.from_doc, x.relation, x.to_doc) for x in extract_links([named])] == [
        ("12/2033/NĐ-CP", "sửa đổi, bổ sung", "88/2031/NĐ-CP")]
    unnamed = news("Bộ sẽ xây dựng Thông tư mới (thay thế Thông tư số 30/2029/TT-BCT ngày 01/8/2029) sau khi "
                   "Nghị định sửa đổi Nghị định số 88/2031/NĐ-CP được ban hành.")
    assert extract_links([unnamed]) == []


@pytest.fixture(scope="module")
def legal(tmp_path_factory, embedder):
    from kcassistant import Assistant, Config

    assistant = Assistant(Config(data_dir=tmp_path_factory.mktemp("legal")), embedder=embedder)
    assert not assistant.ingest([*sorted(LEGAL.glob("*.txt")), DOCS / "nghi_dinh_mau.txt"]).failed
    return assistant


@pytest.mark.parametrize("question, expected", [
    ("Quyết định 2077/QĐ-TTg ký ngày nào?", ["12/09/2031", "Hà Nội, ngày 12 tháng 9 năm 2031"]),
    ("Ai ký Quyết định 2077/QĐ-TTg?", ["Lê Văn Mẫu"]),
    ("Cơ quan nào ban hành Thông tư 05/2032/TT-BCT?", ["BỘ CÔNG THƯƠNG"]),
    ("Quyết định 2077/QĐ-TTg được ban hành căn cứ những văn bản nào?", ["Căn cứ Nghị định số 88/2031/NĐ-CP"]),
    ("Nghị định 12/2033/NĐ-CP có hiệu lực từ ngày nào?", ["01 tháng 4 năm 2033"]),
    ("Ai chịu trách nhiệm thi hành Quyết định 2077/QĐ-TTg?", ["chịu trách nhiệm thi hành Quyết định này"]),
    ("Luật Làng nghề thử nghiệm có hiệu lực từ khi nào?", ["01 tháng 7 năm 2035"]),
    ("Văn bản nào hướng dẫn Nghị định 88/2031/NĐ-CP?", ["05/2032/TT-BCT"]),
    ("Văn bản nào sửa đổi Nghị định 88/2031/NĐ-CP?", ["12/2033/NĐ-CP", "Sửa đổi, bổ sung Điều 2"]),
    ("Văn bản nào thay thế Quyết định 1500/QĐ-TTg?", ["2077/QĐ-TTg"]),
    ("Quyết định 1500/QĐ-TTg còn hiệu lực không?", ["không còn hiệu lực", "2077/QĐ-TTg"]),
    ("Nghị định 88/2031/NĐ-CP còn hiệu lực không?", ["còn hiệu lực", "12/2033/NĐ-CP"]),
    ("Quyết định 2077/QĐ-TTg ban hành nội dung gì?",
     ["Phê duyệt Chương trình hỗ trợ làng nghề thử nghiệm giai đoạn 2032 - 2035"]),
    # what a document guides is its scope article, not the documents that guide it
    ("Thông tư 05/2032/TT-BCT hướng dẫn về nội dung gì?",
     ["Điều 1 Thông tư 05/2032/TT-BCT", "Thông tư này hướng dẫn hồ sơ đề nghị hỗ trợ làng nghề thử nghiệm"]),
])
def test_questions_about_a_document_as_a_whole(legal, question, expected):
    answer = legal.ask(question)
    assert answer.found and answer.method == "document", (answer.method, answer.text)
    for text in expected:
        assert text in answer.text
    cite = answer.citations[0]
    assert cite.quote and cite.quote in cite.text and cite.doc_number


def test_a_short_followup_asks_about_the_document_the_earlier_question_named(legal):
    earlier = ["Nghị định 88/2031/NĐ-CP có hiệu lực từ ngày nào?"]
    guided = legal.ask("Văn bản nào hướng dẫn nó?", earlier)
    assert guided.found and guided.method == "document" and "05/2032/TT-BCT" in guided.text
    # a follow-up with a subject of its own asks about that subject, not about the document
    assert legal.ask("Hồ sơ đề nghị hỗ trợ làng nghề thử nghiệm được sửa đổi thế nào?", earlier).method != "document"


def test_a_question_about_what_a_document_regulates_is_not_a_question_about_the_document(legal):
    answer = legal.ask("Theo Luật Làng nghề thử nghiệm, hồ sơ công nhận có hiệu lực từ khi nào?")
    assert answer.method != "document"


def test_an_answer_quoting_an_amended_article_says_so(legal):
    answer = legal.ask("Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?")
    assert answer.citations[0].article == "2"
    assert any("Điều 2 Nghị định 88/2031/NĐ-CP được sửa đổi, bổ sung bởi 12/2033/NĐ-CP" in n for n in answer.notices)
    assert not any("Điều 1 " in n for n in legal.ask("Điều 1 Nghị định 88/2031/NĐ-CP quy định gì?").notices)


@pytest.mark.parametrize("written", ["45/2012/NĐ-CP", "45/2012/ND-CP", "45/2012/nđ-cp", "45 / 2012 / NĐ - CP",
                                     "số 45/2012/NĐCP", "45/2012/Nd-Cp"])
def test_document_numbers_as_people_write_them(written):
    ref = doc_ref(f"Điều 12 Nghị định {written} quy định gì?")
    assert ref is not None and ref.matches("45/2012/NĐ-CP", "Nghị định")
    assert not ref.matches("45/2013/NĐ-CP", "Nghị định") and not ref.matches("46/2012/NĐ-CP", "Nghị định")


def test_a_wrong_year_resolves_to_the_one_known_document_and_says_so():
    known = {"26/NQ-CP", "45/2012/NĐ-CP", "26/2014/TT-BCT"}
    ref, note = resolve(DocRef("Nghị quyết", "26/2013/NQ-CP"), known)
    assert ref.number == "26/NQ-CP" and "26/2013/NQ-CP" in note and "26/NQ-CP" in note
    assert resolve(DocRef("Nghị định", "45/2012/ND-CP"), known) == (DocRef("Nghị định", "45/2012/NĐ-CP"), None)
    unknown = DocRef("Nghị định", "99/2030/NĐ-CP")
    assert resolve(unknown, known) == (unknown, None)  # never invented
    twins = {"26/2013/NQ-CP", "26/2015/NQ-CP"}
    assert resolve(DocRef("Nghị quyết", "26/2014/NQ-CP"), twins)[1] is None  # two candidates: no guess
    far = DocRef("Nghị định", "45/2000/NĐ-CP")
    assert resolve(far, known) == (far, None)  # twelve years off: another document, not a slip


def test_the_wrong_year_is_noticed_in_the_answer(legal):
    answer = legal.ask("Nghị định 88/2030/NĐ-CP có hiệu lực từ ngày nào?")
    assert any("88/2031/NĐ-CP" in n and "88/2030/NĐ-CP" in n for n in answer.notices)
    assert "01 tháng 3 năm 2031" in answer.text


def test_the_api_shows_links_in_both_directions(legal):
    from fastapi.testclient import TestClient

    from kcassistant.api import create_app

    with TestClient(create_app(legal)) as client:
        listed = {d["source"]: d["id"] for d in client.get("/documents").json()}
        base = client.get(f"/documents/{listed['nghi_dinh_mau.txt']}").json()["documents"][0]["links"]
        amending = client.get(f"/documents/{listed['nghi_dinh_sua_doi.txt']}").json()["documents"][0]["links"]
    assert {(x["from"], x["relation"], x["article"]) for x in base["in"]} >= {
        ("12/2033/NĐ-CP", "sửa đổi, bổ sung", "2"), ("05/2032/TT-BCT", "hướng dẫn", None)}
    assert {(x["relation"], x["to"]) for x in amending["out"]} >= {("bãi bỏ", "88/2031/NĐ-CP")}


def test_phap_dien_origin_lines_say_which_later_document_amended_an_article():
    from ingest.model import Chunk, Section

    section = Section(kind="article", title="Mức hỗ trợ", paragraphs=("Nội dung.",), article="3",
                      doc_number="89/2030/TT-BTC", doc_type="Thông tư",
                      origin="(Điều 3 Thông tư số 89/2030/TT-BTC, có hiệu lực thi hành kể từ ngày 22/08/2030, có nội "
                             "dung được sửa đổi bởi Điều 1 Thông tư số 82/2035/TT-BTC có hiệu lực thi hành kể từ ngày "
                             "30/12/2035)")
    chunk = Chunk(id="c-3", source="pd.md", text="Nội dung.", heading="Điều 3. Mức hỗ trợ", locator="Điều 3 …",
                  title="Thông tư 89/2030/TT-BTC", kind="legal", doc_number="89/2030/TT-BTC", article="3")
    links = extract_links([chunk], [section])
    assert [(x.from_doc, x.relation, x.to_doc, x.to_article) for x in links] == [
        ("82/2035/TT-BTC", "sửa đổi, bổ sung", "89/2030/TT-BTC", "3")]


def test_references_proposals_and_passives_are_not_links():
    from ingest.model import Chunk

    def legal(text):
        return Chunk(id="l-1", source="nd.txt", text=text, heading="Điều 4. Hỗ trợ", locator="Điều 4",
                     title="Nghị định 12/2033/NĐ-CP", kind="legal", doc_number="12/2033/NĐ-CP", article="4")

    for text in ("Chi đào tạo thực hiện theo hướng dẫn tại Thông tư số 30/2029/TT-BCT.",
                 "Giao Bộ Tài chính nghiên cứu trình Chính phủ sửa đổi, bổ sung Nghị định số 50/2020/NĐ-CP.",
                 "Áp dụng Thông tư số 30/2029/TT-BCT đã được sửa đổi, bổ sung."):
        assert extract_links([legal(text)]) == [], text
    third = extract_links([legal("Thực hiện theo Nghị định số 92/2026/NĐ-CP và Nghị định số 04/2028/NĐ-CP sửa đổi, "
                                 "bổ sung một số điều của Nghị định số 92/2026/NĐ-CP.")])
    assert [(x.from_doc, x.relation, x.to_doc) for x in third] == [("04/2028/NĐ-CP", "sửa đổi, bổ sung", "92/2026/NĐ-CP")]
