"""Passages read from the catalog when a question needs them, not all at start."""
from kcassistant.store.passages import Outline, Passages

from records import article, news

CHUNKS = [article(str(n), f"Điều thứ {n}", f"Nội dung {n}.", position=n) for n in range(1, 8)] + [news("Tin.", position=9)]


def counting() -> tuple[Passages, list[list[str]]]:
    held = {c.id: c for c in CHUNKS}
    calls: list[list[str]] = []

    def read(ids: list[str]) -> list:
        calls.append(list(ids))
        return [held[i] for i in reversed(ids)]  # any order

    return Passages(Outline.of(CHUNKS), read, keep=3), calls


def test_a_passage_is_read_when_asked_and_kept_for_the_next_time():
    passages, calls = counting()
    assert len(passages) == 8 and calls == []
    assert passages[2] is CHUNKS[2] and passages[-1] is CHUNKS[-1]
    assert passages[2] is CHUNKS[2] and len(calls) == 2


def test_many_reads_every_missing_passage_in_one_call_and_keeps_only_the_newest():
    passages, calls = counting()
    got = passages.many([0, 1, 2, 3, 4])
    assert [got[i] for i in range(5)] == CHUNKS[:5] and len(calls) == 1
    passages.many([4])
    assert len(calls) == 1  # kept
    passages.many([0])
    assert len(calls) == 2  # the oldest were let go


def test_iteration_slices_and_where_keep_the_order():
    passages, _ = counting()
    assert list(passages) == CHUNKS
    assert passages[1:3] == CHUNKS[1:3]
    assert passages.where(lambda i: passages.outline.kinds[i] == "news") == [CHUNKS[-1]]


def test_an_empty_outline():
    assert len(Passages(Outline.of_rows([]), lambda ids: [])) == 0


def test_the_catalog_outline_and_read_agree_with_its_chunks(tmp_path):
    from kcassistant.store import Catalog, FileRecord, chunk_tokens

    catalog = Catalog(tmp_path / "catalog.sqlite")
    record = FileRecord(source=CHUNKS[0].source, sha256="x", title="t", kind="legal", n_chunks=7, ingested_at=0.0,
                        path="nghi-dinh.txt")
    catalog.replace_file(record, CHUNKS[:7], chunk_tokens(CHUNKS[:7]))
    outline = catalog.outline()
    assert outline == Outline.of(catalog.all_chunks())
    assert outline.articles == tuple(c.article for c in CHUNKS[:7])
    assert sorted(c.id for c in catalog.read([CHUNKS[3].id, CHUNKS[1].id, "absent"])) == [CHUNKS[1].id, CHUNKS[3].id]
