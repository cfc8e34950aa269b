"""The abstention gate: features of the best unit, the logistic model, the rule fallback."""
import json

from kcassistant.answer.abstain import FEATURES, AbstentionModel, features_of
from kcassistant.answer.extractive import ExtractiveAnswerer, rule_gate, term_coverage
from kcassistant.answer.ranker import select_units
from kcassistant.query import analyse

from records import article, hits, snapshot

LAW = [article("5", "Nguồn kinh phí", "1. Kinh phí khuyến công được hình thành từ ngân sách nhà nước.", position=0),
       article("6", "Quản lý", "Bộ Công Thương quản lý kinh phí khuyến công quốc gia.", position=1)]


def evidence(question: str) -> dict:
    shot = snapshot(LAW)
    query = analyse(question)
    units = select_units(query, hits(LAW), shot.idf, shot.default_idf)
    return features_of(query, units, shot.term_idf, shot.default_idf, lambda h: shot.words_of(h.chunk),
                       term_coverage)


def test_features_say_how_much_of_the_question_is_covered_and_unknown():
    covered = evidence("Kinh phí khuyến công được hình thành từ đâu?")
    foreign = evidence("Giá vàng và tỷ giá ngoại tệ hôm nay thế nào?")
    assert set(covered) == set(FEATURES)
    assert covered["coverage"] > foreign["coverage"] and covered["unknown"] < foreign["unknown"]
    assert rule_gate(covered) and not rule_gate(foreign)


def test_model_probability_rises_with_a_positive_weight(tmp_path):
    path = tmp_path / "model.json"
    zero = {f: 0.0 for f in FEATURES}
    path.write_text(json.dumps({"weights": {**zero, "coverage": 2.0}, "bias": 0.0, "threshold": 0.5,
                                "means": zero, "spreads": {f: 1.0 for f in FEATURES}}))
    model = AbstentionModel.load(path)
    low, high = {**zero, "coverage": -1.0}, {**zero, "coverage": 1.0}
    assert model.probability(low) < 0.5 < model.probability(high)
    assert model.accepts(high) and not model.accepts(low)
    assert AbstentionModel.load(tmp_path / "absent.json") is None


def test_a_closed_gate_says_not_found_and_keeps_the_evidence():
    shot = snapshot(LAW)
    draft = ExtractiveAnswerer(lambda: shot, gate=lambda features: False).answer(
        analyse("Ai quản lý kinh phí khuyến công quốc gia?"), hits(LAW))
    assert draft is not None and not draft.found and dict(draft.evidence)["coverage"] > 0.5
