"""The fault-and-abuse suite (cases in tests/abuse_cases.py; `scripts/abuse_report.py` prints them)."""
import pytest

from abuse_cases import CASES, Workspace


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_abuse_case(case, tmp_path, embedder):
    seen = case.run(Workspace(tmp_path, embedder))
    assert seen.ok, f"{case.name}: expected {case.expected}; saw {seen.what}"
