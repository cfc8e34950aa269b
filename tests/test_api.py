"""The HTTP API with the framework's test client, on our own fixture documents:
every endpoint, the bearer token, bad input and size limits."""
import json

import pytest
from fastapi.testclient import TestClient

from kcassistant.api import create_app
from kcassistant.http_limits import REQUEST_BYTES, UPLOAD_REQUEST_BYTES

from conftest import DOCS

TOKEN = "kiem-thu-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEWS = ("Tin thử nghiệm về khuyến công\n"
        "Năm 2031, kinh phí khuyến công của tỉnh Thử Nghiệm là 7,5 tỷ đồng, đạt 92% so với kế hoạch.\n")


@pytest.fixture(scope="module")
def client(tmp_path_factory, embedder):
    from kcassistant import Assistant, Config

    assistant = Assistant(Config(data_dir=tmp_path_factory.mktemp("api"), api_token=TOKEN), embedder=embedder)
    assert not assistant.ingest([DOCS]).failed
    with TestClient(create_app(assistant)) as client:
        yield client


def error_of(response):
    body = response.json()["error"]
    assert body["vi"] and body["en"] and body["code"]
    return body


def test_ask_returns_the_answer_contract(client):
    reply = client.post("/ask", json={"question": "Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?", "id": "q1"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["id"] == "q1" and body["found"] is True
    assert {"answer", "found", "citations", "passages", "latency_ms"} <= set(body)
    cite = body["citations"][0]
    assert cite["doc_number"] == "88/2031/NĐ-CP" and cite["article"] == "2" and cite["quote"] in cite["text"]
    assert body["passages"][0]["rank"] == 1


def test_ask_with_history_and_filters(client):
    reply = client.post("/ask", json={"question": "Còn Điều 3 thì sao?",
                                      "history": ["Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?"],
                                      "filters": {"kind": "legal"}})
    assert reply.status_code == 200
    assert all(p["doc_number"] for p in reply.json()["passages"])


@pytest.mark.parametrize("payload, code", [
    ({"question": ""}, "bad_question"),
    ({"question": "x" * 3000}, "bad_question"),
    ({"questio": "thiếu trường"}, "bad_input"),
    ({"question": "ok", "history": "không phải danh sách"}, "bad_input"),
    ({"question": "ok", "filters": {"kind": "sách"}}, "bad_input"),
])
def test_bad_questions_are_4xx_in_both_languages(client, payload, code):
    reply = client.post("/ask", json=payload)
    assert 400 <= reply.status_code < 500
    assert error_of(reply)["code"] == code


def test_a_body_that_is_not_json_is_refused(client):
    reply = client.post("/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert reply.status_code == 422 and error_of(reply)["code"] == "bad_input"


def test_size_limits(client):
    too_big = json.dumps({"question": "a" * (REQUEST_BYTES + 10)})
    reply = client.post("/ask", content=too_big, headers={"content-type": "application/json"})
    assert reply.status_code == 413 and "MB" in error_of(reply)["vi"]

    def chunked():  # no Content-Length: counted as it arrives
        for _ in range(REQUEST_BYTES // 1000 + 2):
            yield b" " * 1000

    reply = client.post("/feedback", content=chunked(), headers={"content-type": "application/json"})
    assert reply.status_code == 413
    reply = client.post("/documents", headers={**AUTH, "content-length": str(UPLOAD_REQUEST_BYTES + 1)},
                        content=b"")
    assert reply.status_code == 413


def test_search_and_its_bounds(client):
    hits = client.get("/search", params={"q": "kinh phí khuyến công", "k": 3}).json()
    assert len(hits) == 3 and [h["rank"] for h in hits] == [1, 2, 3]
    assert client.get("/search", params={"q": "kinh phí", "k": 0}).status_code == 422
    assert client.get("/search").status_code == 422
    legal = client.get("/search", params={"q": "kinh phí", "kind": "legal"}).json()
    assert legal and all(h["doc_number"] for h in legal)


def test_facts_rows_name_their_source_and_hold_no_none(client):
    rows = client.get("/facts", params={"year": 2030}).json()
    assert rows and all(r["year"] == "2030" for r in rows)
    assert all(r["source_title"] and not r["source_title"].endswith(".txt") for r in rows)
    assert "None" not in json.dumps(rows) and None not in [v for r in rows for k, v in r.items() if k != "amount"]


def test_documents_list_and_structure_with_links(client):
    listed = client.get("/documents").json()
    by_source = {d["source"]: d for d in listed}
    assert {"nghi_dinh_mau.txt", "phap_dien_mau.md", "hoi_nghi_mau.txt"} <= set(by_source)
    code = by_source["phap_dien_mau.md"]
    detail = client.get(f"/documents/{code['id']}").json()
    articles = [a for d in detail["documents"] for a in d["articles"]]
    assert all(a["locator"].startswith("Điều ") and a["text"] for a in articles)
    linked = [a for a in articles if a["references"]]
    assert linked, "the Pháp điển fixture links articles"
    target = linked[0]["references"][0]
    back = next(a for a in articles if a["label"] == target["label"])
    assert any(r["label"] == linked[0]["label"] for r in back["referenced_by"])  # both directions
    missing = client.get("/documents/khong-co")
    assert missing.status_code == 404 and error_of(missing)["code"] == "no_such_document"


def test_writes_need_the_token(client):
    files = [("files", ("tin.txt", NEWS.encode()))]
    assert error_of(client.post("/documents", files=files))["code"] == "unauthorized"
    wrong = client.post("/documents", files=files, headers={"Authorization": "Bearer sai"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert client.delete("/documents/abc").status_code == 401


def test_upload_ask_and_delete(client):
    files = [("files", ("tin thử.txt", NEWS.encode())), ("files", ("anh.exe", b"MZ\x00"))]
    reply = client.post("/documents", files=files, headers=AUTH)
    assert reply.status_code == 200
    outcome = {o["file"]: o for o in reply.json()["files"]}
    assert outcome["tin thử.txt"]["status"] == "indexed" and outcome["tin thử.txt"]["id"]
    assert outcome["anh.exe"]["status"] == "failed" and ".exe" in outcome["anh.exe"]["message"]
    assert reply.json()["ok"] is False  # one file failed: the caller is told

    answer = client.post("/ask", json={"question": "Kinh phí khuyến công tỉnh Thử Nghiệm năm 2031?"}).json()
    assert answer["found"] and "7,5" in answer["answer"]
    assert answer["citations"][0]["collection"] == "upload"

    doc_id = outcome["tin thử.txt"]["id"]
    assert client.delete(f"/documents/{doc_id}", headers=AUTH).json()["removed"].startswith("uploads/")
    assert doc_id not in {d["id"] for d in client.get("/documents").json()}
    after = client.post("/ask", json={"question": "Kinh phí khuyến công tỉnh Thử Nghiệm năm 2031?"}).json()
    assert "7,5" not in after["answer"]


def test_a_file_over_the_limit_fails_alone(client, monkeypatch):
    import kcassistant.library as library

    monkeypatch.setattr(library, "MAX_FILE_BYTES", 100)
    reply = client.post("/documents", headers=AUTH, files=[("files", ("lon.txt", b"a" * 200))])
    assert reply.json()["files"][0]["status"] == "failed" and "MB" in reply.json()["files"][0]["message"]


def test_writes_are_off_without_a_configured_token(tmp_path, embedder):
    from kcassistant import Assistant, Config

    with TestClient(create_app(Assistant(Config(data_dir=tmp_path / "d"), embedder=embedder))) as open_client:
        reply = open_client.post("/documents", files=[("files", ("a.txt", b"x"))], headers=AUTH)
        assert reply.status_code == 403 and "KC_API_TOKEN" in error_of(reply)["en"]
        assert open_client.get("/status").json()["writes_enabled"] is False


def test_status(client):
    status = client.get("/status").json()
    assert status["documents"] >= 4 and status["passages"] > 0 and status["writes_enabled"] is True
    assert status["llm"] is None


def test_feedback_is_kept_and_bad_feedback_refused(client):
    answer = client.post("/ask", json={"question": "Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?"}).json()
    before = client.get("/status").json()["feedback"]
    reply = client.post("/feedback", json={"question": answer["question"], "answer": answer, "rating": 0,
                                           "wrong_citation": True, "comment": "trích nhầm khoản"})
    assert reply.status_code == 201 and reply.json()["id"]
    assert client.get("/status").json()["feedback"] == before + 1
    assert client.post("/feedback", json={"question": "q", "answer": answer, "rating": 5}).status_code == 422
    assert client.post("/feedback", json={"question": "", "answer": answer}).status_code == 422


def test_export_markdown_and_json(client):
    answer = client.post("/ask", json={"question": "Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?"}).json()
    turns = [{"question": answer["question"], "answer": answer}]
    markdown = client.post("/export", json={"turns": turns})
    assert markdown.headers["content-type"].startswith("text/markdown")
    cite = answer["citations"][0]
    assert cite["locator"] in markdown.text and cite["quote"].split()[1] in markdown.text
    data = client.post("/export", json={"turns": turns, "format": "json"}).json()
    assert data["turns"][0]["citations"][0]["quote"] == cite["quote"]
    assert client.post("/export", json={"turns": turns, "format": "pdf"}).status_code == 422


def test_openapi_docs_are_served_offline(client):
    schema = client.get("/openapi.json").json()
    for path in ("/ask", "/search", "/facts", "/documents", "/documents/{doc_id}", "/status", "/feedback",
                 "/export"):
        assert path in schema["paths"]
    page = client.get("/docs").text
    assert "swagger-ui-bundle.js" in page and "cdn" not in page.lower()
