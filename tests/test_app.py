"""The Streamlit app, driven by streamlit.testing (no browser)."""
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import DOCS, free_port

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, embedder):
    """An index of our fixture documents, built once for these tests."""
    from kcassistant import Assistant, Config

    path = tmp_path_factory.mktemp("app-data")
    Assistant(Config(data_dir=path), embedder=embedder).ingest([DOCS])
    return path


@pytest.fixture(scope="module")
def passages(data_dir, embedder):
    from kcassistant import Assistant, Config

    return Assistant(Config(data_dir=data_dir), embedder=embedder).status().passages


@pytest.fixture
def app(data_dir, tmp_path, monkeypatch):
    private = tmp_path / "data"
    shutil.copytree(data_dir, private)
    monkeypatch.setenv("KC_DATA_DIR", str(private))
    monkeypatch.delenv("KC_CHROMA_URL", raising=False)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def ask(at, question):
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def seen(markdown: str) -> str:
    """What a person reads of Markdown source: the app escapes document text, so "\\[1\\]" shows as "[1]"."""
    return re.sub(r"\\(.)", r"\1", markdown)


def text_of(at) -> str:
    return "\n".join(seen(m.value) for m in at.markdown)


def test_status_in_sidebar(app, passages):
    metrics = {m.label: m.value for m in app.sidebar.metric}
    assert passages > 4 and metrics == {"Tài liệu": "4", "Đoạn văn": str(passages)}


def test_question_answer_with_citations(app):
    ask(app, "Kinh phí KCQG thực hiện năm 2030 của khu vực là bao nhiêu?")
    assert "4,2 tỷ đồng" in text_of(app)
    labels = [seen(e.label) for e in app.expander]
    assert any(label.startswith("[1] ") for label in labels)
    assert "<mark" in text_of(app)  # the quote is highlighted inside its passage


def test_citation_opens_document_view_at_the_quote(app):
    ask(app, "Điều 2 Nghị định 77/2019/NĐ-CP quy định gì?")
    app.button(key="open-1-1").click().run()
    assert not app.exception
    assert app.session_state.page == "Tài liệu"
    assert app.selectbox(key="doc_choice").value.startswith("Nghị định 77/2019/NĐ-CP")
    opened = [e for e in app.expander if e.proto.expanded]
    assert [e.label for e in opened] == ["Điều 2. Kinh phí hỗ trợ"]
    assert "<mark" in text_of(app)
    # the Pháp điển cross-references of Điều 1 are links to the articles they name
    app.selectbox(key="doc_choice").set_value(app.selectbox(key="doc_choice").value).run()
    links = [b for b in app.button if b.label.startswith("→ Điều 1 Thông tư 15/2020/TT-BCT")]
    assert links
    links[0].click().run()
    assert app.selectbox(key="doc_choice").value.startswith("Thông tư 15/2020/TT-BCT")
    assert [e.label for e in app.expander if e.proto.expanded] == ["Điều 1. Phạm vi áp dụng"]


def test_followup_question_uses_the_conversation(app):
    ask(app, "Kinh phí KCQG thực hiện năm 2030 của khu vực là bao nhiêu?")
    ask(app, "Còn kinh phí khuyến công địa phương thì sao?")
    assert "8,3 tỷ đồng" in text_of(app)


def test_not_found_says_so_and_suggests(app):
    ask(app, "Giá cà phê hôm nay bao nhiêu?")
    assert "Không tìm thấy" in text_of(app)
    assert any("Gợi ý" in i.value for i in app.info)


def test_figures_table_filtered(app):
    app.segmented_control(key="page").set_value("Số liệu").run()
    assert not app.exception
    full = app.dataframe[0].value
    app.selectbox(key="fig_programme").set_value("KCQG").run()
    filtered = app.dataframe[0].value
    assert 0 < len(filtered) < len(full) and set(filtered["Chương trình"]) == {"KCQG"}
    assert set(filtered["Giá trị"]) == {"4,2", "4,75"}
    assert app.get("download_button")
    app.button(key="fig_open").click().run()
    assert app.session_state.page == "Tài liệu" and "<mark" in text_of(app)


def test_upload_good_and_corrupt_files(app, data_dir):
    app.sidebar.file_uploader(key="uploads").set_value([
        ("bao cao/../../mới.txt", "Báo cáo thử nghiệm năm 2031: làng nghề thử nghiệm được hỗ trợ đổi mới thiết bị "
                                  "sản xuất và đào tạo nghề cho lao động nông thôn.".encode(), "text/plain"),
        ("hong.docx", b"PK\x03\x04 broken", "application/octet-stream"),
        ("bang.xlsx", b"x", "application/octet-stream"),
    ]).run()
    app.sidebar.button(key="do_upload").click().run()
    assert not app.exception, app.exception
    shown = text_of(app.sidebar)
    assert "mới.txt**: ✅ đã lập chỉ mục" in shown
    assert "hong.docx**: ❌" in shown and "bang.xlsx**: ❌" in shown and "không được hỗ trợ" in shown
    uploads = Path(os.environ["KC_DATA_DIR"]) / "uploads"
    assert sorted(p.name for p in uploads.iterdir()) == ["bang.xlsx", "hong.docx", "mới.txt"]
    ask(app, "Làng nghề thử nghiệm được hỗ trợ gì năm 2031?")
    assert "đổi mới thiết bị" in text_of(app)


def test_a_question_cut_short_by_a_newer_one_is_still_answered(app):
    app.session_state["messages"] = [{"role": "user", "content": "Điều 2 Nghị định 77/2019/NĐ-CP quy định gì?"}]
    ask(app, "Kinh phí hỗ trợ được hình thành từ những nguồn nào?")
    roles = [m["role"] for m in app.session_state["messages"]]
    assert roles == ["user", "assistant", "user", "assistant"]
    assert app.session_state["messages"][1]["answer"]["found"]


def test_vector_store_down_answers_lexically_with_a_warning(data_dir, tmp_path, monkeypatch):
    private = tmp_path / "data"
    shutil.copytree(data_dir, private)
    monkeypatch.setenv("KC_DATA_DIR", str(private))
    monkeypatch.setenv("KC_CHROMA_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    ask(at, "Điều 2 Nghị định 77/2019/NĐ-CP quy định gì?")
    assert not at.exception
    assert any("Tìm kiếm theo ngữ nghĩa tạm thời không dùng được" in seen(w.value) for w in at.warning)
    assert "Ngân sách nhà nước" in text_of(at)
