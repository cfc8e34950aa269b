"""The acceptance figures on the dev set (shared/eval/FORMAT.md), over the real corpus."""
import json

import pytest

from kcassistant.evaluate import run_eval

from conftest import DEV_SET, SHARED, need_corpus

pytestmark = pytest.mark.integration


def test_dev_set_meets_the_quality_bar(corpus_assistant, tmp_path):
    need_corpus()
    out = tmp_path / "results.jsonl"
    rows, summary = run_eval(corpus_assistant, DEV_SET, out)
    print(json.dumps(summary, ensure_ascii=False))
    assert summary["both_acc"] >= 0.90, [r for r in rows if not (r.answer_ok and r.cite_ok)]
    assert summary["ev_recall@5"] >= 0.95
    assert summary["unanswerable_ok"]
    assert summary["faithful"] == 1.0, [r.unsupported for r in rows if not r.faithful]
    assert summary["answer_chars_p50"] <= 400


def test_project_scores_like_the_independent_scorer(corpus_assistant, tmp_path):
    """Our `eval` figures equal shared/eval/score.py's on the same results."""
    import subprocess
    import sys

    out = tmp_path / "results.jsonl"
    _, ours = run_eval(corpus_assistant, DEV_SET, out)
    done = subprocess.run([sys.executable, "score.py", str(DEV_SET), str(out), "--json"],
                          cwd=SHARED / "eval", capture_output=True, text=True, check=True)
    theirs = json.loads(done.stdout)["summary"]
    for key in ("answer_acc", "cite_acc", "both_acc", "faithful", "recall@5", "ev_recall@5"):
        assert ours[key] == pytest.approx(theirs[key]), key
