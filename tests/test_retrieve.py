"""Hybrid retrieval on hand-made chunks and rankings: fusion, references, filters, rerank."""
import numpy as np

from kcassistant.overlap import Overlap
from kcassistant.query import analyse
from kcassistant.retrieve import Filters, Hit, hybrid_search

from records import article, news, snapshot

CHUNKS = [
    article("1", "Phạm vi điều chỉnh", "Nghị định này quy định về hoạt động khuyến công.", position=0),
    article("2", "Kinh phí", "Kinh phí khuyến công quốc gia do ngân sách trung ương bảo đảm.", position=1),
    article("2", "Kinh phí", "Kinh phí khuyến công địa phương do ngân sách địa phương bảo đảm.",
            doc_number="98/2031/TT-BCT", doc_type="Thông tư", source="thong-tu.txt", position=0),
    news("Năm 2030, kinh phí khuyến công của khu vực phía Nam là 12 tỷ đồng.", position=0),
]


def test_fusion_ranks_what_both_rankings_agree_on_first():
    query = analyse("kinh phí khuyến công")
    lexical = np.array([0.0, 2.0, 1.0, 3.0])
    dense = [(1, 0.9), (3, 0.8), (0, 0.7)]
    ranked = hybrid_search(query, CHUNKS, lexical, dense, k=4)
    assert [h.chunk.id for h in ranked][:2] in (["nghi-dinh.txt-1", "tin.txt-0"], ["tin.txt-0", "nghi-dinh.txt-1"])
    assert ranked[0].lexical_rank is not None and ranked[0].dense_rank is not None
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:]))


def test_named_article_of_named_document_is_direct_and_first():
    query = analyse("Điều 2 Nghị định 99/2030/NĐ-CP quy định gì?")
    ranked = hybrid_search(query, CHUNKS, np.array([0.0, 0.1, 5.0, 4.0]), [(2, 0.9), (3, 0.8)], k=3)
    assert ranked[0].chunk.id == "nghi-dinh.txt-1" and ranked[0].direct
    assert "article named" in ranked[0].reasons and "document named" in ranked[0].reasons
    assert not any(h.direct for h in ranked[1:])


def test_article_number_alone_is_not_direct():
    query = analyse("Điều 2 quy định gì về kinh phí?")
    ranked = hybrid_search(query, CHUNKS, np.zeros(4), [], k=4)
    assert {h.chunk.article for h in ranked} == {"2"} and not any(h.direct for h in ranked)


def test_filters_keep_only_allowed_chunks():
    query = analyse("kinh phí khuyến công")
    lexical = np.array([1.0, 2.0, 3.0, 4.0])
    dense = [(3, 0.9), (2, 0.8), (1, 0.7), (0, 0.6)]
    ranked = hybrid_search(query, CHUNKS, lexical, dense, k=10, filters=Filters(doc_type="Thông tư"))
    assert [h.chunk.doc_type for h in ranked] == ["Thông tư"]
    ranked = hybrid_search(query, CHUNKS, lexical, dense, k=10, filters=Filters(kind="news"))
    assert [h.chunk.kind for h in ranked] == ["news"]


def test_rerank_by_coverage_prefers_the_passage_that_covers_the_question():
    query = analyse("ngân sách địa phương bảo đảm kinh phí nào?")
    shot = snapshot(CHUNKS)
    overlap = Overlap(query.terms, query.text, shot.idf, shot.default_idf)
    lexical = np.array([0.0, 3.0, 2.9, 0.0])  # BM25 alone slightly prefers the national clause
    ranked = hybrid_search(query, CHUNKS, lexical, [(1, 0.9), (2, 0.89)], k=2, overlap=overlap)
    assert ranked[0].chunk.doc_number == "98/2031/TT-BCT"


def test_hits_are_records_that_do_not_change():
    hit = Hit(CHUNKS[0], 1.0)
    raised = hit.raised(0.5, "why", direct=True)
    assert (hit.score, hit.reasons, hit.direct) == (1.0, (), False)
    assert (raised.score, raised.reasons, raised.direct) == (1.5, ("why",), True)


def test_a_document_named_by_number_keeps_its_best_passages_among_many_others():
    ours = article("19", "Thi hành", "Bộ Công Thương hướng dẫn thi hành Nghị định này.", position=500)
    others = [article("9", "Thi hành", f"Bộ thứ {i} hướng dẫn thi hành Nghị định này.", doc_number=f"{i}/2029/NĐ-CP",
                      source=f"khac-{i}.txt", position=i) for i in range(300)]
    chunks = [*others, ours]
    query = analyse("Bộ nào hướng dẫn thi hành Nghị định 99/2030/NĐ-CP?")
    lexical = np.array([1.0] * len(others) + [0.5])  # every other document outranks it by words
    found = hybrid_search(query, chunks, lexical, [], k=5, depth=100)
    assert found[0].chunk.doc_number == "99/2030/NĐ-CP"
