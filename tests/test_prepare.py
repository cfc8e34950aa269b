"""Reading files in worker processes gives what reading them here gives, in order."""
from kcassistant.prepare import Prepared, Refused, prepare, prepare_all

from conftest import DOCS


def test_workers_read_what_the_calling_process_reads(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    jobs = [(p, p.name) for p in sorted(DOCS.glob("*")) if p.is_file()] + [(bad, bad.name)]
    assert len(jobs) > 3  # more than the calling process reads alone
    here = [prepare(path, source) for path, source in jobs]
    there = list(prepare_all(jobs, workers=2))
    assert [r.source for r in there] == [source for _, source in jobs]
    assert there == here
    assert isinstance(there[-1], Refused) and "hong.pdf" in there[-1].message
    read = [r for r in there if isinstance(r, Prepared)]
    assert read and all(len(r.tokens) == len(r.chunks) and r.chunks for r in read)


def test_a_file_read_names_its_passages_in_order():
    path = next(p for p in sorted(DOCS.glob("*.txt")))
    read = prepare(path, path.name)
    assert isinstance(read, Prepared)
    assert [c.position for c in read.chunks] == list(range(len(read.chunks)))
    assert all(c.source == path.name for c in read.chunks) and read.title
    assert len(read.tokens) == len(read.chunks) and all(isinstance(t, tuple) for t in read.tokens)
