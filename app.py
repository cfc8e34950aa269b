"""kcassistant — ứng dụng hỏi đáp khuyến công (Streamlit). UI only: every answer,
document and figure comes from the `Assistant` facade."""
from __future__ import annotations

import io
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import streamlit as st

from kcassistant import INVERSE, Assistant, Config, Feedback, Filters
from kcassistant.export import conversation_markdown
from kcassistant.library import (
    LegalDocumentView,
    NewsView,
    charts_by_scope,
    figure_rows,
    html_text,
    label_index,
    library,
    plain,
    save_upload,
)

PAGES = ["Hỏi đáp", "Tài liệu", "Số liệu"]
HISTORY_TURNS = 3
COLLECTIONS = {"corpus": "kho tài liệu chương trình", "upload": "tài liệu do người dùng tải lên"}

st.set_page_config(page_title="Trợ lý khuyến công", page_icon="🏭", layout="wide")
# Streamlit's uploader speaks English and has no setting for it: its texts are replaced here.
st.markdown("""<style>
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"] small {display: none;}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {content: "Kéo thả tệp vào đây"; display: block;}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Tối đa 20 MB mỗi tệp · TXT, MD, HTML, DOCX, PDF"; display: block; font-size: 0.8em; opacity: 0.7;}
[data-testid="stFileUploaderDropzone"] button > * {display: none;}
[data-testid="stFileUploaderDropzone"] button::after {content: "Chọn tệp"; font-size: 0.9rem;}
/* tables' and charts' own toolbars speak English; the page has its own "Tải CSV" */
[data-testid="stElementToolbar"] {display: none;}
</style>""", unsafe_allow_html=True)


@st.cache_resource(show_spinner="Đang nạp chỉ mục và mô hình…")
def get_assistant(data_dir: str) -> Assistant:
    """One assistant (index, model) per process and data dir, shared by every session."""
    assistant = Assistant(replace(Config.from_env(), data_dir=Path(data_dir)))
    if assistant.status().documents:
        assistant.warm_up()
    return assistant


assistant = get_assistant(str(Config.from_env().data_dir))
state = st.session_state
state.setdefault("messages", [])
state.setdefault("page", PAGES[0])
state.setdefault("feedback_sent", set())  # the answers (message index) feedback was given on
state.setdefault("target", None)  # {"chunk_id", "quote"} the document view should open at


def go_to_source(chunk_id: str, quote: str = "") -> None:
    state.page = PAGES[1]
    state.target = {"chunk_id": chunk_id, "quote": quote, "pending": True}


def highlighted(text: str, quote: str = "") -> str:
    """The passage as HTML, the quoted span marked."""
    start = text.find(quote) if quote else -1
    if start < 0:
        body = html_text(text)
    else:
        end = start + len(quote)
        body = (html_text(text[:start]) + "<mark style='background:#ffe08a'>" + html_text(text[start:end])
                + "</mark>" + html_text(text[end:]))
    return "<div style='line-height:1.6'>" + body.replace("\n", "<br>") + "</div>"


# -- sidebar: status, filters, upload ----------------------------------------------------
with st.sidebar:
    st.header("Cơ sở tri thức")
    status = assistant.status()
    col1, col2 = st.columns(2)
    col1.metric("Tài liệu", status.documents)
    col2.metric("Đoạn văn", status.passages)
    last = datetime.fromtimestamp(status.last_ingest).strftime("%d/%m/%Y %H:%M") if status.last_ingest else "chưa có"
    st.caption(f"Cập nhật lần cuối: {last}  \nMô hình nhúng: {status.embedder}")

    st.subheader("Bộ lọc văn bản")
    indexed = assistant.chunks()
    doc_types = sorted({c.doc_type for c in indexed if c.doc_type})  # the types that are in the index
    doc_type = st.selectbox("Loại văn bản", ["Tất cả", *doc_types], key="filter_type")
    years = sorted({c.year for c in indexed if c.year}, reverse=True)
    year = st.selectbox("Năm ban hành", ["Tất cả", *years], key="filter_year")
    filters = None
    if doc_type != "Tất cả" or year != "Tất cả":
        filters = Filters(doc_type=None if doc_type == "Tất cả" else doc_type,
                          year=year if isinstance(year, int) else None)

    st.subheader("Thêm tài liệu")
    uploads = st.file_uploader("Tệp .txt, .md, .html, .docx, .pdf (tối đa 20 MB)", accept_multiple_files=True,
                               key="uploads")
    if uploads and st.button("Lập chỉ mục các tệp đã chọn", key="do_upload"):
        bar = st.progress(0.0, text="Đang lưu tệp…")
        saved, results = [], []
        for file in uploads:
            try:
                stored = save_upload(assistant.config.uploads_dir, file.name, file.getvalue())
            except ValueError as exc:
                results.append((file.name, "❌ " + str(exc)))
                continue
            if stored.duplicate_of:
                results.append((file.name, f"ℹ️ cùng nội dung với tệp đã tải lên {stored.duplicate_of}"))
            saved.append(stored.path)

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(done / max(total, 1), text=f"Đang lập chỉ mục {name}" if name else "Xong")

        report = assistant.ingest(saved, progress=progress, root=assistant.config.data_dir)
        for outcome in report.outcomes:
            mark = {"indexed": "✅ đã lập chỉ mục", "unchanged": "✅ đã có trong chỉ mục"}.get(outcome.status)
            results.append((outcome.source.removeprefix("uploads/"), mark or "❌ " + outcome.message))
            results.extend((outcome.source.removeprefix("uploads/"), "⚠️ " + w) for w in outcome.warnings)
        state.upload_results = results
    for name, result in state.get("upload_results", []):
        st.markdown(f"**{plain(name)}**: {plain(result)}")

page = st.segmented_control("Trang", PAGES, key="page", label_visibility="collapsed") or PAGES[0]


# -- chat ------------------------------------------------------------------------------------
def show_answer(index: int, answer: dict) -> None:
    for notice in answer.get("notices", []):
        st.warning(plain(notice))
    st.markdown(plain(answer["answer"]).replace("\n", "  \n"))
    if not answer["found"]:
        st.info("Gợi ý: nêu rõ năm (2022, 9 tháng 2023…), vùng (miền Trung - Tây Nguyên, phía Bắc…), "
                "chương trình (KCQG/KCĐP), hoặc số hiệu văn bản và điều khoản (Điều 12 Nghị định 45/2012/NĐ-CP).")
        return
    for cite in answer["citations"]:
        label = f"[{cite['n']}] {cite['locator']}"
        with st.expander(plain(label), expanded=False):
            meta = [f"**{plain(cite['title'])}**"]
            if cite.get("doc_number"):
                article = f" · Điều {plain(cite['article'])}" if cite.get("article") else ""
                meta.append(f"Số hiệu: {plain(cite['doc_number'])}{article}")
            if cite.get("effective_date"):
                meta.append(f"Hiệu lực: {plain(cite['effective_date'])}")
            where = COLLECTIONS.get(cite.get("collection") or "corpus", "")
            meta.append(f"Nguồn: {where} · tệp {plain(cite['source'])}")
            st.markdown("  \n".join(meta))
            st.markdown(highlighted(cite["text"], cite["quote"]), unsafe_allow_html=True)
            st.button("Mở trong trang tài liệu", key=f"open-{index}-{cite['n']}",
                      on_click=go_to_source, args=(cite["chunk_id"], cite["quote"]))


def feedback_form(index: int, answer: dict) -> None:
    """Thumbs, "trích dẫn sai" and a comment, kept with the question and the answer."""
    if index in state.feedback_sent:
        st.caption("✅ Đã ghi nhận phản hồi. Cảm ơn bạn!")
        return
    with st.expander("Phản hồi về câu trả lời này"):
        rating = st.feedback("thumbs", key=f"fb-rating-{index}")
        wrong = st.checkbox("Trích dẫn sai", key=f"fb-wrong-{index}")
        comment = st.text_input("Nhận xét (không bắt buộc)", key=f"fb-comment-{index}", max_chars=2000)
        if st.button("Gửi phản hồi", key=f"fb-send-{index}"):
            history = [m["content"] for m in state.messages[:index - 1] if m["role"] == "user"][-HISTORY_TURNS:]
            assistant.record_feedback(Feedback(
                question=state.messages[index - 1]["content"], history=tuple(history), answer=answer["answer"],
                found=answer["found"], citations=tuple(answer.get("citations", [])), method=answer.get("method", ""),
                rating=rating, wrong_citation=wrong, comment=comment.strip(), origin="app"))
            state.feedback_sent.add(index)
            st.rerun()


def chat_page() -> None:
    st.title("Trợ lý khuyến công")
    st.caption("Hỏi về kinh phí, đối tượng, thủ tục khuyến công hoặc tra cứu điều khoản. "
               "Mỗi câu trả lời trích nguyên văn tài liệu làm căn cứ.")
    if not status.documents:
        st.warning("Chưa có tài liệu nào: hãy thêm tệp ở thanh bên, hoặc chạy `make demo`.")
    for i, message in enumerate(state.messages):
        with st.chat_message(message["role"]):
            if message["role"] == "user":
                st.markdown(plain(message["content"]))
            else:
                show_answer(i, message["answer"])
                if message["answer"].get("question"):  # an answer, not an input error
                    feedback_form(i, message["answer"])
    if state.messages:
        pairs = zip(state.messages, state.messages[1:])
        turns = [{"question": q["content"], "answer": a["answer"]} for q, a in pairs
                 if q["role"] == "user" and a["role"] == "assistant"]
        st.download_button("Tải hội thoại (Markdown)", conversation_markdown(turns).encode("utf-8"),
                           file_name="hoi-thoai-khuyen-cong.md", mime="text/markdown", key="export")
    question = st.chat_input("Nhập câu hỏi, ví dụ: Kinh phí KCQG miền Trung - Tây Nguyên năm 2022?")
    if question:
        state.messages.append({"role": "user", "content": question})
    if answer_waiting_questions():
        st.rerun()


def answer_waiting_questions() -> bool:
    """Answer every question that has no answer yet, oldest first. A question typed
    while another was being answered restarts this script and cuts that answer short:
    the earlier question is then still waiting here, and is answered first."""
    answered = False
    i = 0
    while i < len(state.messages):
        message = state.messages[i]
        following = state.messages[i + 1] if i + 1 < len(state.messages) else None
        if message["role"] == "user" and (following is None or following["role"] != "assistant"):
            history = [m["content"] for m in state.messages[:i] if m["role"] == "user"][-HISTORY_TURNS:]
            with st.spinner("Đang tìm câu trả lời…"):
                try:
                    answer = assistant.ask(message["content"], history, filters=filters).to_dict()
                except ValueError as exc:  # InputError: empty or over-long question
                    answer = {"answer": str(exc), "found": False, "citations": []}
            state.messages.insert(i + 1, {"role": "assistant", "answer": answer})
            answered = True
        i += 1
    return answered


# -- documents --------------------------------------------------------------------------------
def document_page() -> None:
    st.title("Tài liệu")
    legal, news = library(assistant.chunks())
    if not legal and not news:
        st.info("Chưa có tài liệu nào.")
        return
    target = state.target or {}
    target_chunk = assistant.chunk(target.get("chunk_id", "")) if target else None
    options = [d.title for d in legal] + [f"{n.title} (tin bài)" for n in news]
    views: list[LegalDocumentView | NewsView] = [*legal, *news]
    if target_chunk is not None and target.get("pending"):  # arriving from a citation or a link
        key = target_chunk.doc_number if target_chunk.kind == "legal" else target_chunk.source
        state.doc_choice = options[next((i for i, v in enumerate(views) if v.key == key), 0)]
        target["pending"] = False
    choice = st.selectbox("Văn bản / bài viết", options, key="doc_choice")
    view = views[options.index(choice)]
    quote = target.get("quote", "")
    if isinstance(view, NewsView):
        st.subheader(view.title)
        st.caption(f"Tệp: `{view.key}`")
        for chunk in view.chunks:
            mark = quote if target_chunk is not None and chunk.id == target_chunk.id else ""
            st.markdown(highlighted(chunk.text, mark), unsafe_allow_html=True)
        return
    st.caption(f"Nguồn: `{view.source}`")
    says, said_of = assistant.links_of(view.key)
    for link in said_of:  # what later documents say of this one first: it may be amended or replaced
        where = f" (Điều {link.to_article})" if link.to_article else ""
        st.warning(plain(f"{view.key}{where} {INVERSE[link.relation]} {link.from_doc}: “{link.sentence}”"))
    for link in says:
        where = f" Điều {link.to_article}" if link.to_article else ""
        st.caption(plain(f"{link.relation} →{where} {link.to_doc}: “{link.sentence}”"))
    labels = label_index(legal)
    for chapter, articles in view.chapters():
        st.subheader(chapter)
        for article in articles:
            is_target = target_chunk is not None and any(c.id == target_chunk.id for c in article.chunks)
            with st.expander(f"{article.heading}", expanded=is_target):
                if article.effective_date:
                    st.caption(f"{view.title} · hiệu lực từ {article.effective_date}")
                st.markdown(highlighted(article.text, quote if is_target else ""), unsafe_allow_html=True)
                linked = [labels[r] for r in article.references if r in labels]
                if linked:
                    st.caption("Điều khoản liên quan:")
                for ref in linked:
                    st.button(f"→ Điều {ref.article} {ref.chunks[0].doc_type or ''} {ref.doc_number}: "
                              f"{ref.heading.split('. ', 1)[-1]}",
                              key=f"ref-{article.doc_number}-{article.article}-{ref.label}",
                              on_click=go_to_source, args=(ref.chunks[0].id, ""))


# -- figures ----------------------------------------------------------------------------------
FIGURE_COLUMNS = {"scope": "Phạm vi", "year": "Năm", "period": "Kỳ", "programme": "Chương trình",
                  "measure": "Chỉ tiêu", "value": "Giá trị", "unit": "Đơn vị", "percent": "Đạt so với kế hoạch",
                  "share": "Tỷ trọng", "source_title": "Nguồn", "outlet": "Cơ quan/báo", "published": "Ngày đăng",
                  "collection": "Thuộc"}
FILTERS = ["scope", "year", "period", "programme", "measure"]


def figures_page() -> None:
    import pandas as pd

    st.title("Số liệu kinh phí khuyến công")
    rows = figure_rows(assistant.facts(), {f.source: f for f in assistant.files()})
    if not rows:
        st.info("Chưa có số liệu: thêm tin bài hoặc báo cáo có nêu kinh phí.")
        return
    chosen = {}
    for col, field in zip(st.columns(len(FILTERS)), FILTERS):
        values = sorted({getattr(r, field) for r in rows if getattr(r, field)}, key=str)
        pick = col.selectbox(FIGURE_COLUMNS[field], ["Tất cả", *values], key=f"fig_{field}")
        chosen[field] = None if pick == "Tất cả" else pick
    rows = [r for r in rows if all(v is None or getattr(r, k) == v for k, v in chosen.items())]
    table = pd.DataFrame([{label: COLLECTIONS[r.collection] if field == "collection" else getattr(r, field)
                           for field, label in FIGURE_COLUMNS.items()} for r in rows],
                         columns=list(FIGURE_COLUMNS.values()))
    st.dataframe(table, hide_index=True, width="stretch")
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    st.download_button("Tải CSV", buffer.getvalue().encode("utf-8-sig"), file_name="so-lieu-khuyen-cong.csv",
                       mime="text/csv", key="csv")
    if rows:
        labels = [f"{i + 1}. {r.value} {r.unit} · {r.programme} · {r.measure} · {r.year} · {r.scope}"
                  for i, r in enumerate(rows)]
        picked = st.selectbox("Xem câu nguồn của dòng", labels, key="fig_row")
        record = rows[labels.index(picked)]
        where = " · ".join(x for x in (record.source_title, record.outlet, record.published) if x)
        st.markdown(f"> {plain(record.sentence)}  \n— {plain(where)}")
        st.button("Mở câu nguồn trong tài liệu", key="fig_open", on_click=go_to_source,
                  args=(record.chunk_id, record.sentence))
    for scope, members in charts_by_scope(rows).items():  # one chart per scope: never a region beside the country
        st.subheader(f"{scope}: kế hoạch và thực hiện theo năm (tỷ đồng, cả năm)")
        chart = pd.DataFrame([{"Năm": r.year, "Chuỗi": f"{r.programme} · {r.measure}", "Tỷ đồng": r.amount}
                              for r in members])
        st.bar_chart(chart.pivot_table(index="Năm", columns="Chuỗi", values="Tỷ đồng", aggfunc="max"), stack=False)
    st.caption("Mỗi biểu đồ một phạm vi. Khi các nguồn ghi khác nhau, biểu đồ lấy giá trị lớn nhất; "
               "bảng trên liệt kê từng nguồn.")


started = time.perf_counter()
{PAGES[0]: chat_page, PAGES[1]: document_page, PAGES[2]: figures_page}[page]()
state.render_ms = (time.perf_counter() - started) * 1000
