"""The command line: clear messages and exit codes, JSON that follows the contract."""
import json
import os
import subprocess
import sys

import pytest

from conftest import DOCS

CLI = [sys.executable, "-m", "kcassistant.cli"]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli-data")
    environment = {**os.environ, "KC_DATA_DIR": str(data)}
    environment.pop("KC_CHROMA_URL", None)
    done = subprocess.run(CLI + ["ingest", str(DOCS)], env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Đã lập chỉ mục 4 tệp" in done.stdout
    return environment


def run(env, *args):
    return subprocess.run(CLI + list(args), env=env, capture_output=True, text=True, timeout=120)


def test_ask_json_follows_results_contract(env):
    done = run(env, "ask", "Điều 3 Nghị định 88/2031/NĐ-CP quy định gì?", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["found"] is True and result["citations"] and result["passages"]
    cite = result["citations"][0]
    for key in ("n", "title", "source", "doc_number", "article", "locator", "quote", "text"):
        assert key in cite
    assert cite["doc_number"] == "88/2031/NĐ-CP" and cite["article"] == "3"
    assert {"rank", "title", "source", "doc_number", "article", "text"} <= set(result["passages"][0])
    assert isinstance(result["latency_ms"], float)


def test_ask_with_history(env):
    done = run(env, "ask", "Còn kinh phí khuyến công địa phương thì sao?", "--history",
               "Kinh phí KCQG thực hiện năm 2030 của khu vực là bao nhiêu?")
    assert done.returncode == 0 and "8,3" in done.stdout


def test_search(env):
    done = run(env, "search", "làng nghề thử nghiệm", "-k", "2", "--json")
    hits = json.loads(done.stdout)
    assert done.returncode == 0 and len(hits) == 2 and hits[0]["rank"] == 1


def test_filters_by_document_and_type(env):
    hits = json.loads(run(env, "search", "hiệu lực thi hành", "--doc", "77/2019/NĐ-CP", "--json").stdout)
    assert hits and {h["doc_number"] for h in hits} == {"77/2019/NĐ-CP"}
    hits = json.loads(run(env, "search", "hỗ trợ", "--type", "Thông tư", "--json").stdout)
    assert hits and {h["doc_number"] for h in hits} == {"15/2020/TT-BCT"}
    hits = json.loads(run(env, "search", "hỗ trợ", "--kind", "news", "--json").stdout)
    assert hits and all(h["doc_number"] is None for h in hits)


def test_facts_command(env):
    done = run(env, "facts", "--programme", "kcqg", "--year", "2030", "--format", "json")
    rows = json.loads(done.stdout)
    assert done.returncode == 0 and {(r["measure"], r["value_text"]) for r in rows} == {
        ("thực hiện", "4,2"), ("kế hoạch", "4,75")}
    csv_out = run(env, "facts", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("Phạm vi,Năm,Kỳ,Chương trình,Chỉ tiêu,Giá trị,Đơn vị")  # headers a person reads


@pytest.mark.parametrize("question,message", [("", "trống"), ("   ", "trống"), ("x" * 2001, "vượt giới hạn")])
def test_bad_question_exits_nonzero_with_message(env, question, message):
    done = run(env, "ask", question)
    assert done.returncode == 2 and message in done.stderr


def test_missing_path_and_partial_ingest(env, tmp_path):
    assert run(env, "ingest", str(tmp_path / "nope")).returncode == 2
    (tmp_path / "hong.pdf").write_bytes(b"%PDF garbage")
    (tmp_path / "tot.txt").write_text("Chương trình khuyến công thử nghiệm hỗ trợ cơ sở công nghiệp nông thôn "
                                      "đổi mới thiết bị sản xuất.", encoding="utf-8")
    done = run(env, "ingest", str(tmp_path))
    assert done.returncode == 3 and "hong.pdf" in done.stderr and "1 lỗi" in done.stdout


def test_eval_writes_contract_and_reports(env, tmp_path):
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"id": "t1", "question": "Nghị định 88/2031/NĐ-CP có hiệu lực từ ngày nào?"},
                             ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run(env, "eval", str(qa), "--out", str(out))
    assert done.returncode == 0, done.stderr
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["id"] == "t1" and row["found"] and "01 tháng 3 năm 2031" in row["answer"]
    assert '"both_acc"' in done.stdout


def test_lexical_only_ingest_then_embed_and_status(tmp_path):
    environment = {**os.environ, "KC_DATA_DIR": str(tmp_path / "data")}
    environment.pop("KC_CHROMA_URL", None)
    done = run(environment, "ingest", str(DOCS), "--lexical-only")
    assert done.returncode == 0, done.stderr
    assert "0 đoạn được nhúng" in done.stdout and "chờ vector" in done.stderr and "kcassistant embed" in done.stderr
    answer = json.loads(run(environment, "ask", "Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?", "--json").stdout)
    assert answer["found"]  # answerable before any vector exists
    waiting = json.loads(run(environment, "status", "--json").stdout)["vectors_pending"]
    assert waiting > 0 and f"Đoạn chờ vector: {waiting}" in run(environment, "status").stdout
    embedded = run(environment, "embed")
    assert embedded.returncode == 0 and f"Đã nhúng {waiting} đoạn" in embedded.stdout, embedded.stderr
    assert json.loads(run(environment, "status", "--json").stdout)["vectors_pending"] == 0
    assert "Đoạn chờ vector: 0" in run(environment, "status").stdout
