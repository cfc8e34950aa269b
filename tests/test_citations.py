"""Questions of our own over the real regulations: the answer must cite the article
that says it (document number and article), across the decree and the five circulars."""
import pytest

pytestmark = pytest.mark.integration

CASES = [
    ("Kế hoạch khuyến công là gì?", "45/2012/NĐ-CP", "2"),
    ("Tổ chức vi phạm quy định về khuyến công bị xử lý như thế nào?", "45/2012/NĐ-CP", "17"),
    ("Kinh phí khuyến công quốc gia chưa sử dụng hết trong năm được xử lý thế nào?", "45/2012/NĐ-CP", "14"),
    ("Đề án khuyến công quốc gia phải có những nội dung cơ bản nào?", "36/2013/TT-BCT", "5"),
    ("Hồ sơ quyết toán kinh phí khuyến công quốc gia gồm những gì?", "36/2013/TT-BCT", "19"),
    ("Tiêu chí bình chọn sản phẩm công nghiệp nông thôn tiêu biểu gồm những gì?", "26/2014/TT-BCT", "7"),
    ("Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu bị thu hồi khi nào?", "26/2014/TT-BCT", "20"),
    ("Trung tâm Khuyến công và Tư vấn phát triển công nghiệp có vị trí và chức năng gì?",
     "16/2011/TTLT-BCT-BNV", "2"),
    ("Điều kiện để được hỗ trợ kinh phí khuyến công là gì?", "26/2014/TTLT-BTC-BCT", "7"),
    ("Thông tư 46/2012/TT-BCT có hiệu lực từ ngày nào?", "46/2012/TT-BCT", "11"),
]


@pytest.mark.parametrize("question,doc_number,article", CASES)
def test_answer_cites_the_article(corpus_assistant, question, doc_number, article):
    answer = corpus_assistant.ask(question)
    assert answer.found
    cited = [(c.doc_number, c.article) for c in answer.citations]
    assert (doc_number, article) in cited, (cited, answer.text[:200])
    assert all(c.quote in c.text for c in answer.citations)
