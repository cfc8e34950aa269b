"""`kcassistant serve` as a real server on loopback over the real corpus: it answers a
development question, and every curl example in docs/api.md runs against it."""
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import DEV_SET, free_port, need_corpus, serving

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "ma-kiem-thu-may-chu"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(corpus_assistant, tmp_path_factory):
    need_corpus()
    work = tmp_path_factory.mktemp("serve")
    data = work / "data"
    shutil.copytree(corpus_assistant.config.data_dir, data)
    port = free_port()
    env = {**os.environ, "KC_DATA_DIR": str(data), "KC_API_TOKEN": TOKEN, "OMP_WAIT_POLICY": "passive"}
    env.pop("KC_CHROMA_URL", None)
    env.pop("KC_LLM_URL", None)
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "kcassistant.cli", "serve", "--port", str(port), "--log-level", "warning"]
    with serving(command, f"{url}/status", work / "serve.log", env=env, seconds=120):
        yield url, data, env


def post(url, payload):
    request = urllib.request.Request(url, json.dumps(payload).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read())


def test_the_server_answers_a_development_question(server):
    url, _, _ = server
    question = next(q for q in map(json.loads, DEV_SET.read_text(encoding="utf-8").splitlines())
                    if q["kind"] == "numeric" and not q.get("history"))
    answer = post(f"{url}/ask", {"question": question["question"], "id": question["id"]})
    assert answer["id"] == question["id"] and answer["found"]
    for expected in question["must_include"]:
        assert expected in answer["answer"]


def examples() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)


def test_docs_have_examples_for_every_endpoint():
    text = "\n".join(examples())
    for endpoint in ("/ask", "/search", "/facts", "/documents", "/status", "/feedback", "/export", "-X DELETE"):
        assert endpoint in text, endpoint


@pytest.mark.parametrize("number", range(len(examples())))
def test_the_curl_examples_in_the_docs_run(server, tmp_path, number):
    if shutil.which("curl") is None:
        pytest.fail("curl is needed for the docs examples (Debian package 'curl')")
    url, data, env = server
    (tmp_path / "bao-cao.txt").write_text("Báo cáo thử nghiệm về khuyến công\nNăm 2031, kinh phí khuyến công của "
                                          "tỉnh Mẫu Thử là 3,2 tỷ đồng.\n", encoding="utf-8")
    (tmp_path / "quyet-dinh.txt").write_text("Tin thử nghiệm thứ hai\nHội nghị bàn về kế hoạch khuyến công "
                                             "năm 2032 của tỉnh Mẫu Thử.\n", encoding="utf-8")
    script = examples()[number]
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={**env, "KC_API": url}, timeout=120)
    assert done.returncode == 0, f"example {number} failed:\n{script}\n{done.stderr}"
    assert done.stdout.strip()
    if '"question": ""' in script:  # the bad-request example
        assert json.loads(done.stdout)["error"]["en"]
    if "/feedback" in script:  # feedback given through the API is in the export
        export = subprocess.run([sys.executable, "-m", "kcassistant.cli", "--data-dir", str(data), "feedback",
                                 "--format", "jsonl"], capture_output=True, text=True, env=env, timeout=60)
        rows = [json.loads(line) for line in export.stdout.splitlines()]
        assert any(r["review"]["comment"] == "trích dẫn chưa đúng khoản" and r["review"]["wrong_citation"]
                   for r in rows)
