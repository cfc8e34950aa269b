"""Figure records: slots read from the neighbourhood, exact values, bad amounts skipped."""
import logging
from pathlib import Path

import pytest

from ingest.model import Chunk, Document, Section
from kcassistant.evaluate.figures import evaluate_labels
from kcassistant.figures import extract_figures

from conftest import CORPUS, need_corpus

LABELS = Path(__file__).parent / "figures_labelled.jsonl"


def figures_of(*paragraphs: str, title: str = "Hội nghị khuyến công khu vực phía Nam năm 2031"):
    doc = Document("news/t.txt", title, "news", [Section("news", title, list(paragraphs))])
    chunk = Chunk(id="c1", source="news/t.txt", text="\n".join(paragraphs), heading=title, locator=title,
                  title=title, kind="news")
    return extract_figures(doc, [chunk])


def rows(figures):
    return [(f.scope, f.year, f.period, f.programme, f.measure, f.value_text, f.unit) for f in figures]


def test_trong_do_inherits_year_scope_and_period_and_brackets_are_plans():
    figures = figures_of(
        "6 tháng đầu năm 2031, kinh phí khuyến công toàn vùng đã thực hiện 10,25 tỷ đồng, đạt 40% kế hoạch năm. "
        "Trong đó: kinh phí KCQG thực hiện 4,5 tỷ đồng, đạt 50% so với kế hoạch (9 tỷ đồng); "
        "kinh phí KCĐP thực hiện 5,75 tỷ đồng.")
    assert rows(figures) == [
        ("phía Nam", 2031, "6 tháng", "tổng", "thực hiện", "10,25", "tỷ đồng"),
        ("phía Nam", 2031, "6 tháng", "KCQG", "thực hiện", "4,5", "tỷ đồng"),
        ("phía Nam", 2031, "6 tháng", "KCQG", "kế hoạch", "9", "tỷ đồng"),
        ("phía Nam", 2031, "6 tháng", "KCĐP", "thực hiện", "5,75", "tỷ đồng"),
    ]
    assert figures[1].percent == "50" and figures[1].percent_of.startswith("so với kế hoạch")
    assert str(figures[0].decimal) == "10.25"


def test_share_of_a_national_total_is_a_country_wide_record():
    figures = figures_of("Năm 2031, kinh phí KCĐP giao theo kế hoạch 12 tỷ đồng, chiếm 10% tổng kinh phí KCĐP "
                         "của cả nước năm 2031 (120 tỷ đồng).")
    assert rows(figures) == [
        ("phía Nam", 2031, "cả năm", "KCĐP", "kế hoạch", "12", "tỷ đồng"),
        ("cả nước", 2031, "cả năm", "KCĐP", "kế hoạch", "120", "tỷ đồng"),
    ]


def test_vietnamese_number_forms_are_exact():
    figures = figures_of("Năm 2031, toàn vùng đã tư vấn với tổng doanh thu là 12, 61 tỷ đồng.",
                         "Năm 2031, kinh phí KCQG thực hiện đạt 3,07/3,14 tỷ đồng (đạt 97,77%).",
                         "Năm 2031, kinh phí khuyến công quốc gia được phân bổ là 45,546 tỷ đồng.")
    assert [(f.measure, f.value_text, f.value) for f in figures] == [
        ("doanh thu", "12,61", "12.61"), ("thực hiện", "3,07", "3.07"), ("kế hoạch", "3,14", "3.14"),
        ("phân bổ", "45,546", "45.546")]


def test_counts_and_amounts_in_one_sentence():
    figures = figures_of("Năm 2031, Bộ Công Thương phê duyệt tổng kế hoạch kinh phí khuyến công quốc gia "
                         "là 150 tỷ đồng/120 đề án.")
    assert [(f.measure, f.value_text, f.unit, f.scope) for f in figures] == [
        ("kế hoạch", "150", "tỷ đồng", "cả nước"), ("kế hoạch", "120", "đề án", "cả nước")]


def test_malformed_amount_is_skipped_and_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="kcassistant.figures"):
        figures = figures_of("Năm 2031, kinh phí KCQG thực hiện là 1,234.5 tỷ đồng, kinh phí KCĐP thực hiện là 8 tỷ đồng.")
    assert rows(figures) == [("phía Nam", 2031, "cả năm", "KCĐP", "thực hiện", "8", "tỷ đồng")]
    assert "1,234.5" in caplog.text


def test_legal_documents_give_no_figures():
    doc = Document("r.md", "r", "legal", [Section("article", "t", ["1. Tạm ứng 30% kinh phí 5 tỷ đồng."])])
    assert extract_figures(doc, []) == []


def test_extraction_against_the_hand_labelled_articles():
    need_corpus()
    score = evaluate_labels(LABELS, CORPUS)
    assert score.precision >= 0.97, score.spurious
    assert score.recall >= 0.90, score.missed


@pytest.mark.parametrize("question,values", [
    ("Kế hoạch kinh phí khuyến công quốc gia năm 2022 của khu vực miền Trung - Tây Nguyên là bao nhiêu?",
     {"29,1", "29,21"}),
    ("Tổng kế hoạch kinh phí khuyến công năm 2022 của miền Trung - Tây Nguyên là bao nhiêu?", {"72,5", "72,8"}),
])
def test_disagreeing_sources_are_all_stated(corpus_assistant, question, values):
    answer = corpus_assistant.ask(question)
    assert answer.found and answer.method == "figures"
    assert values <= {v for v in values if v in answer.text}
    assert "các nguồn ghi khác nhau" in answer.text
    assert len({c.source for c in answer.citations}) == 2


def test_figure_rows_merge_repeats_of_one_source_and_charts_keep_scopes_apart():
    from kcassistant.figures import Figure
    from kcassistant.library import charts_by_scope, figure_rows
    from kcassistant.store import FileRecord

    def fig(scope, value, measure="thực hiện", source="a.txt", sentence="s"):
        return Figure(source=source, chunk_id="c", title="a.txt", sentence=sentence, clause=sentence, start=0, end=1,
                      scope=scope, year=2030, period="cả năm", programme="KCQG", measure=measure, value=value,
                      value_text=value.replace(".", ","), unit="tỷ đồng")

    figures = [fig("Duyên hải", "4.2"), fig("Duyên hải", "4.2", sentence="nhắc lại"), fig("cả nước", "140", "kế hoạch"),
               fig("Duyên hải", "4.2", source="b.txt")]
    files = {"a.txt": FileRecord("a.txt", "h", "Hội nghị khuyến công", "news", 1, 0.0, "/a", "4", "Báo X", "12/03/2031")}
    rows = figure_rows(figures, files)
    assert len(rows) == 3  # the repeat within a.txt is one row; b.txt's same figure stays its own row
    first = rows[0]
    assert (first.source_title, first.outlet, first.published) == ("Hội nghị khuyến công", "Báo X", "12/03/2031")
    assert rows[-1].source == "b.txt"
    assert all(v is not None for r in rows for k, v in r.__dict__.items() if k != "amount")
    charts = charts_by_scope(rows)
    assert set(charts) == {"Duyên hải", "cả nước"}
    assert all(len({r.scope for r in members}) == 1 for members in charts.values())
