"""The conditional logit both fit scripts use (kcassistant/evaluate/choice.py)."""
import numpy as np

from kcassistant.evaluate.choice import choose_strength, fit, top1


def groups_where_the_first_feature_marks_the_right_candidate() -> list:
    # two features: the first marks the right candidate, the second is noise
    return [(np.array([[1.0, 0.3 * (i % 2)], [0.0, 0.7], [0.0, 0.1]]), np.array([1.0, 0.0, 0.0])) for i in range(20)]


def test_the_fit_learns_the_weight_that_separates_right_candidates_and_stays_near_the_prior_otherwise():
    groups = groups_where_the_first_feature_marks_the_right_candidate()
    prior = np.array([0.0, 0.5])
    weak, strong = fit(groups, prior, 0.1), fit(groups, prior, 100.0)
    assert weak[0] > strong[0] > 0.0
    assert abs(strong[1] - 0.5) < abs(weak[1] - 0.5) + 1e-9
    assert top1(weak, groups) == 1.0 and top1(prior, groups) == 0.0


def test_the_pull_is_chosen_by_cross_validated_top1_and_a_tie_keeps_the_stronger_pull():
    groups = groups_where_the_first_feature_marks_the_right_candidate()
    strength, scores = choose_strength(groups, np.array([0.0, 0.5]))
    assert set(scores) == {"0.3", "1.0", "3.0", "10.0", "30.0"}
    best = max(scores.values())
    assert scores[str(strength)] == best
    assert strength == max(float(s) for s, v in scores.items() if v == best)


def test_an_alqac_set_names_its_gold_articles_by_corpus_file(tmp_path):
    import json

    import pytest

    from kcassistant.evaluate.alqac import AlqacSet

    with pytest.raises(FileNotFoundError, match="make_corpus.py"):
        AlqacSet.read(tmp_path)
    (tmp_path / "laws.json").write_text(json.dumps([{"source": "luat-a.md", "law_id": "Luật A"}]), encoding="utf-8")
    (tmp_path / "questions.jsonl").write_text(json.dumps({"qid": "1", "question": "?", "gold": [["Luật A", "5"]]})
                                              + "\n", encoding="utf-8")
    labelled = AlqacSet.read(tmp_path)
    q = next(labelled.questions())
    assert labelled.is_gold(q, "luat-a.md", "5")
    assert not labelled.is_gold(q, "luat-a.md", "6") and not labelled.is_gold(q, "luat-b.md", "5")
