"""Retrieval's rerank: features of a passage, weights as data (kcassistant/rerank.py)."""
import json

import pytest

from kcassistant.overlap import Overlap
from kcassistant.query import analyse
from kcassistant.rerank import FEATURES, PRIOR, RerankModel, rerank_features
from kcassistant.retrieve import Hit, hybrid_search

from records import article, snapshot

LAW = [article("5", "Nguồn kinh phí", "Kinh phí khuyến công, kinh phí khuyến công, kinh phí khuyến công.", position=0),
       article("6", "Đối tượng hỗ trợ", "Cơ sở công nghiệp nông thôn được hỗ trợ kinh phí khuyến công.", position=1)]


def ranked(question: str, model: RerankModel | None = None) -> list[Hit]:
    shot = snapshot(LAW)
    query = analyse(question)
    overlap = Overlap(query.terms, query.text, shot.idf, shot.default_idf)
    lexical = shot.lexical.scores(list(query.terms))
    return hybrid_search(query, shot.chunks, lexical, [], 5, overlap=overlap, model=model)


def test_every_hit_carries_the_features_it_was_weighed_by():
    hits = ranked("Cơ sở công nghiệp nông thôn được hỗ trợ kinh phí khuyến công không?")
    assert hits and all(set(dict(h.features)) == set(FEATURES) for h in hits)
    first = hits[0]
    assert first.score == pytest.approx(RerankModel(PRIOR).score(dict(first.features)))


def test_coverage_of_the_whole_question_beats_repeating_one_concept():
    hits = ranked("Cơ sở công nghiệp nông thôn được hỗ trợ kinh phí khuyến công không?")
    assert hits[0].chunk.article == "6"


def test_weights_are_data_other_weights_give_another_order():
    question = "Cơ sở công nghiệp nông thôn được hỗ trợ kinh phí khuyến công không?"
    against_coverage = RerankModel({**PRIOR, "coverage": -5.0, "phrase": -5.0})
    assert ranked(question)[0].chunk.article == "6"
    assert ranked(question, against_coverage)[0].chunk.article == "5"


def test_features_measure_what_a_passage_says_of_the_question():
    query = analyse("Cơ sở công nghiệp nông thôn được hỗ trợ kinh phí khuyến công không?")
    shot = snapshot(LAW)
    overlap = Overlap(query.terms, query.text, shot.idf, shot.default_idf)
    full = rerank_features(query, Hit(shot.chunks[1], 0.03, lexical_rank=1, dense_rank=2), overlap)
    partial = rerank_features(query, Hit(shot.chunks[0], 0.01, lexical_rank=2), overlap)
    assert full["coverage"] > partial["coverage"]
    assert full["lexical"] == 1.0 and full["dense"] == 0.5 and partial["dense"] == 0.0
    assert full["fusion"] == pytest.approx(0.9)


def test_a_weights_file_naming_an_unknown_feature_says_to_refit(tmp_path):
    path = tmp_path / "rerank.json"
    path.write_text(json.dumps({"weights": {"coverage": 1.0, "sparkle": 2.0}}), encoding="utf-8")
    with pytest.raises(ValueError, match="fit_rerank.py"):
        RerankModel.load(path)
    assert RerankModel.load(tmp_path / "absent.json").weights == PRIOR
