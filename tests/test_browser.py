"""A real browser: Debian's Chromium, driven by Playwright, against the app on loopback.

Screenshots land in artifacts/ (chat, document view, figures page)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEV_SET, free_port, need_corpus, serving

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def chromium_path() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if found:
        return found
    if os.geteuid() == 0:
        pytest.fail("Debian's chromium is missing although we run as root: 'make test' installs it "
                    "(apt-get install chromium); run it again or install it by hand")
    pytest.skip("no chromium and not root, so it cannot be installed: browser test skipped")


@pytest.fixture
def app_url(corpus_assistant, tmp_path):
    pytest.importorskip("playwright", reason="install with 'make setup'")
    data = tmp_path / "data"
    shutil.copytree(corpus_assistant.config.data_dir, data)
    port = free_port()
    env = {**os.environ, "KC_DATA_DIR": str(data)}
    env.pop("KC_CHROMA_URL", None)
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    url = f"http://127.0.0.1:{port}"
    with serving(command, f"{url}/_stcore/health", tmp_path / "streamlit.log", env=env):
        yield url, data


def test_ask_in_a_real_browser(app_url):
    need_corpus()
    app_url, data = app_url
    from playwright.sync_api import sync_playwright

    question = next(q for q in map(json.loads, DEV_SET.read_text(encoding="utf-8").splitlines())
                    if q["kind"] == "numeric" and not q.get("history"))
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app_url)
        box = page.get_by_test_id("stChatInputTextArea")
        box.wait_for(timeout=60_000)
        box.fill(question["question"])
        box.press("Enter")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        answer.wait_for(timeout=60_000)
        for expected in question["must_include"]:
            page.get_by_text(expected, exact=False).first.wait_for(timeout=30_000)
        citation = page.get_by_test_id("stExpander").filter(has_text="[1]").first
        citation.wait_for(timeout=30_000)
        citation.click()
        page.locator("mark").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "browser-chat.png"), full_page=True)

        # feedback on the answer, then found in the export
        page.get_by_text("Phản hồi về câu trả lời này").first.click()
        page.get_by_test_id("stFeedback").first.locator("button").last.click()  # thumbs down
        page.get_by_text("Trích dẫn sai").first.click()
        comment = page.get_by_label("Nhận xét (không bắt buộc)").first
        comment.fill("kiểm thử trình duyệt: số liệu đúng")
        comment.press("Enter")
        page.get_by_role("button", name="Gửi phản hồi").first.click()
        page.get_by_text("Đã ghi nhận phản hồi").first.wait_for(timeout=30_000)
        exported = subprocess.run([sys.executable, "-m", "kcassistant.cli", "--data-dir", str(data), "feedback",
                                   "--format", "jsonl"], capture_output=True, text=True, timeout=60)
        rows = [json.loads(line) for line in exported.stdout.splitlines()]
        mine = [r for r in rows if r["review"]["comment"] == "kiểm thử trình duyệt: số liệu đúng"]
        assert mine and mine[0]["question"] == question["question"]
        assert mine[0]["review"]["rating"] == 0 and mine[0]["review"]["wrong_citation"] is True
        assert mine[0]["review"]["citations"] and mine[0]["review"]["origin"] == "app"

        page.get_by_role("button", name="Mở trong trang tài liệu").first.click()
        page.get_by_text("Văn bản / bài viết").wait_for(timeout=30_000)
        page.locator("mark").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "browser-document.png"), full_page=True)

        page.set_viewport_size({"width": 1400, "height": 2400})  # the app scrolls inside: a tall window shows all
        page.get_by_role("radio", name="Số liệu", exact=True).click()
        titles = page.get_by_role("heading").filter(has_text="kế hoạch và thực hiện theo năm")
        titles.first.wait_for(timeout=30_000)
        page.wait_for_timeout(2000)
        scopes = [t.split(":")[0].strip() for t in titles.all_inner_texts()]
        assert len(scopes) == len(set(scopes)) >= 2  # one chart per scope, and more than one scope
        charts = page.get_by_test_id("stVegaLiteChart")
        for _ in range(60):  # charts are drawn after their headings, later on a busy machine
            if charts.count() >= len(scopes):
                break
            page.wait_for_timeout(500)
        assert charts.count() == len(scopes)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "browser-figures.png"))
        assert "None" not in page.get_by_test_id("stMain").inner_text()
        browser.close()
    assert (ARTIFACTS / "browser-chat.png").stat().st_size > 10_000
