"""The abstention gate: features of the best unit, the logistic model, the rule fallback."""
import json

from kcassistant.answer.abstain import FEATURES, MODEL_FILE, AbstentionModel, features_of
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


def test_english_words_the_glossary_cannot_read_count_against_coverage():
    """Coverage is measured on what the glossary reads; the words it cannot read are evidence
    that the question asks more than the passage is known to say."""
    read = evidence("Who manages national extension funds?")
    partly = evidence("Who manages the penalty fees of national extension funds?")
    assert partly["coverage"] < read["coverage"] and partly["term_coverage"] < read["term_coverage"]
    assert partly["unknown"] > read["unknown"]


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


def test_compound_coverage_counts_the_question_terms_the_passage_lacks():
    held = evidence("Bộ Công Thương quản lý kinh phí khuyến công quốc gia như thế nào?")
    foreign = evidence("Trọng tài viên quản lý kinh phí khuyến công quốc gia như thế nào?")
    assert held["compound_coverage"] == 1.0
    assert foreign["compound_coverage"] < held["compound_coverage"]


def test_compound_coverage_leaves_out_the_words_a_question_asks_with():
    """"tối đa", "bao lâu" frame the question; the passage need not say them."""
    framed = evidence("Kinh phí khuyến công quốc gia tối đa là bao lâu?")
    assert {"tối_đa", "bao_lâu"} <= set(analyse("Kinh phí khuyến công quốc gia tối đa là bao lâu?").terms)
    assert framed["compound_coverage"] == 1.0
    deadline = evidence("Thời hạn quản lý kinh phí khuyến công quốc gia là khi nào?")  # a date answers "thời hạn"
    assert "thời_hạn" in analyse("Thời hạn quản lý kinh phí khuyến công quốc gia là khi nào?").terms
    assert deadline["compound_coverage"] == 1.0


def test_the_shipped_model_weighs_only_evidence_the_gate_computes():
    model = AbstentionModel.load()
    assert model is not None, "knowledge/abstention.json: rerun scripts/fit_abstention.py (README)"
    assert set(model.weights) <= set(FEATURES) and 0.0 < model.threshold < 1.0
    assert set(model.means) == set(model.spreads) == set(model.weights)
    report = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["report"]
    assert report["fit_questions"] > 0 and report["curve_fit"]


def test_the_threshold_is_the_centre_of_the_best_window_not_a_lone_peak():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "fit_abstention.py"
    spec = importlib.util.spec_from_file_location("fit_abstention", path)
    fit_abstention = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit_abstention)
    grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    # a lone peak at the end of the grid, after a dip, loses to the plateau around 0.3
    threshold, utility = fit_abstention.choose_threshold(grid, [5.0, 9.0, 9.5, 9.0, 4.0, 10.0])
    assert threshold == 0.3 and abs(utility - 27.5 / 3) < 1e-9
    # a flat curve: the higher threshold (a wrong answer costs more than none)
    assert fit_abstention.choose_threshold(grid, [1.0] * 6)[0] == 0.6



def test_a_unit_that_contradicts_a_slot_gives_the_agreeing_one_no_negative_margin():
    from dataclasses import replace
    shot = snapshot(LAW)
    query = analyse("Kinh phí khuyến công được hình thành từ đâu?")
    units = select_units(query, hits(LAW), shot.idf, shot.default_idf)
    best, other = units[0], next(u for u in units if u.hit.chunk.id != units[0].hit.chunk.id)
    agreeing = replace(best, score=1.0)

    def margin(runner_up) -> float:
        return features_of(query, [agreeing, runner_up], shot.term_idf, shot.default_idf,
                           lambda h: shot.words_of(h.chunk), term_coverage)["margin"]

    assert margin(replace(other, score=1.5, slot_ok=False)) == 0.0  # ranked below for what it contradicts
    assert margin(replace(other, score=1.5)) == -0.5  # a unit that agrees and scores higher still counts
    assert margin(replace(other, score=0.25, slot_ok=False)) == 0.75
