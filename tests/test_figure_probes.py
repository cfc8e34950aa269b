"""Figure probes written from the figures table: the forms officials write a figure question in."""
from dataclasses import replace

from kcassistant.evaluate.figure_probes import figure_probes, run_figure_probes
from kcassistant.evaluate.probe_runs import by_form
from kcassistant.figures import Figure

BASE = Figure(source="tin.txt", chunk_id="tin.txt-0", title="t", sentence="s", clause="s", start=0, end=1,
              scope="phía Nam", year=2030, period="cả năm", programme="KCQG", measure="thực hiện",
              value="12.5", value_text="12,5", unit="tỷ đồng", percent="95,2", percent_of="kế hoạch")


def test_each_amount_is_asked_in_the_forms_that_fit_it():
    probes = figure_probes([BASE, replace(BASE, programme="tổng", unit="đề án", value="7", value_text="7", percent="")])
    asked = {(p.form, p.value) for p in probes}
    assert {("amount", "12,5"), ("amount_lead", "12,5"), ("amount_colon", "12,5"), ("english", "12,5"),
            ("of_plan", "95,2"), ("count", "7")} == asked
    questions = {p.form: p.question for p in probes}
    assert questions["of_plan"] == ("Năm 2030, kinh phí khuyến công quốc gia thực hiện của khu vực phía Nam "
                                    "đạt bao nhiêu % kế hoạch?")
    assert questions["english"] == "How much national extension funding was spent in the phía Nam region in 2030?"


def test_slots_the_sources_state_differently_are_not_probed():
    assert figure_probes([BASE, replace(BASE, value="12.6", value_text="12,6")]) == []


def test_a_probe_is_right_only_when_its_answer_states_the_value():
    probe = figure_probes([BASE])[0]
    replies = iter([(True, "… 12,5 tỷ đồng [1]"), (True, "12,6 tỷ đồng"), (False, "Không tìm thấy … 12,5")])
    results = run_figure_probes([probe, probe, probe], lambda question, history: next(replies))
    assert [r.right for r in results] == [True, False, False]
    assert by_form(results) == {probe.form: (1, 3)}


def test_a_record_is_asked_again_after_one_that_differs_in_programme_or_year():
    local = replace(BASE, programme="KCĐP", value="3.1", value_text="3,1", percent="")
    before = replace(BASE, year=2029, value="10", value_text="10", percent="")
    probes = {(p.form, p.value): p for p in figure_probes([BASE, local, before])}
    then = probes[("then_programme", "3,1")]
    assert then.question == "Còn kinh phí khuyến công địa phương thì sao?"
    assert then.history == ("kinh phí khuyến công quốc gia thực hiện năm 2030 của khu vực phía Nam là bao nhiêu?",)
    assert probes[("then_year", "12,5")].history[0].endswith("năm 2029 của khu vực phía Nam là bao nhiêu?")
    planned = replace(BASE, measure="kế hoạch", value="14", value_text="14", percent="")
    then_measure = {(p.form, p.value): p for p in figure_probes([BASE, planned])}[("then_measure", "14")]
    assert then_measure.question == "Còn kế hoạch thì sao?" and "thực hiện" in then_measure.history[0]
