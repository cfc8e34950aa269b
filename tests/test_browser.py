"""A real browser: Debian's Chromium, driven by Playwright, against the app on loopback.

Screenshots land in artifacts/ (chat, document view, figures page)."""
import json
import os
import shutil
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
        yield url


def test_ask_in_a_real_browser(app_url):
    need_corpus()
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

        page.get_by_role("button", name="Mở trong trang tài liệu").first.click()
        page.get_by_text("Văn bản / bài viết").wait_for(timeout=30_000)
        page.locator("mark").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "browser-document.png"), full_page=True)

        page.get_by_role("radio", name="Số liệu", exact=True).click()
        page.get_by_text("Kế hoạch và thực hiện theo năm").wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "browser-figures.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "browser-chat.png").stat().st_size > 10_000
