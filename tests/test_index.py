"""Ingest into the index: incremental, robust to bad files and interruptions."""
import shutil

import pytest

from conftest import DOCS


@pytest.fixture
def docs(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(DOCS, target)
    return target


def test_ingest_then_unchanged_reingest_does_no_embedding(make_assistant, docs):
    assistant = make_assistant()
    first = assistant.ingest([docs])
    assert first.count("indexed") == 4 and not first.failed and first.embedded > 0
    again = assistant.ingest([docs])
    assert again.count("unchanged") == 4 and again.embedded == 0
    status = assistant.status()
    assert status.documents == 4 and status.passages == assistant.index.vectors.count()


def test_changed_file_replaces_its_chunks(make_assistant, docs):
    assistant = make_assistant()
    assistant.ingest([docs])
    path = docs / "nghi_dinh_mau.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("01 tháng 3 năm 2031", "01 tháng 4 năm 2031"),
                    encoding="utf-8")
    report = assistant.ingest([docs])
    changed = next(o for o in report.outcomes if o.source == "nghi_dinh_mau.txt")
    assert changed.status == "indexed" and changed.embedded == 1  # only the edited article
    text = "\n".join(c.text for c in assistant.chunks_of("nghi_dinh_mau.txt"))
    assert "01 tháng 4 năm 2031" in text and "01 tháng 3 năm 2031" not in text
    assert assistant.index.vectors.count() == assistant.status().passages


def test_removed_file_is_pruned(make_assistant, docs):
    assistant = make_assistant()
    assistant.ingest([docs])
    (docs / "trang_web.html").unlink()
    report = assistant.ingest([docs], prune=True)
    assert [o.source for o in report.outcomes if o.status == "removed"] == ["trang_web.html"]
    assert not assistant.chunks_of("trang_web.html")
    assert assistant.index.vectors.count() == assistant.status().passages


def test_bad_files_are_skipped_and_named_others_indexed(make_assistant, docs):
    (docs / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    (docs / "bang.xlsx").write_bytes(b"x")
    assistant = make_assistant()
    report = assistant.ingest([docs, docs / "khong_co.txt"])
    failed = {o.source: o.message for o in report.failed}
    assert set(failed) == {"hong.docx", "bang.xlsx", str(docs / "khong_co.txt")}
    assert "hong.docx" in failed["hong.docx"] and "không được hỗ trợ" in failed["bang.xlsx"]
    assert report.count("indexed") == 4


class FailingEmbedder:
    """Stands for a crash or Ctrl-C in the middle of an ingest."""

    def __init__(self, inner, fail_after: int) -> None:
        self.inner, self.left = inner, fail_after
        self.name, self.dim = inner.name, inner.dim

    def embed_passages(self, texts):
        if self.left <= 0:
            raise KeyboardInterrupt
        self.left -= 1
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def test_interrupted_ingest_leaves_usable_index_and_rerun_completes(tmp_path, embedder, docs):
    from kcassistant import Assistant, Config

    config = Config(data_dir=tmp_path / "data")
    broken = Assistant(config, embedder=FailingEmbedder(embedder, fail_after=0))
    with pytest.raises(KeyboardInterrupt):  # in the vectors phase, after every file was recorded
        broken.ingest([docs])
    status = broken.status()
    assert status.documents == 4 and status.vectors_pending == status.passages > 0
    hits = broken.search("khuyến công quy định kinh phí", k=10)
    assert hits  # searchable by words before any vector exists
    answer = broken.ask("Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?")
    assert answer.found and answer.citations[0].locator == "Điều 2 Nghị định 88/2031/NĐ-CP"
    resumed = Assistant(config, embedder=embedder)
    report = resumed.ingest([docs])
    assert report.count("unchanged") == 4 and report.embedded == status.passages and report.vectors_pending == 0
    assert resumed.index.vectors.count() == resumed.status().passages


class CountingEmbedder:
    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim, self.texts = inner, inner.name, inner.dim, 0

    def embed_passages(self, texts):
        self.texts += len(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def test_vectors_resume_after_a_kill_and_nothing_is_embedded_twice(tmp_path, embedder, docs):
    import threading

    from kcassistant import Assistant, Config

    counting = CountingEmbedder(embedder)
    assistant = Assistant(Config(data_dir=tmp_path / "data"), embedder=counting)
    report = assistant.ingest([docs], vectors=False)
    passages = assistant.status().passages
    assert report.vectors_pending == passages and counting.texts == 0
    stop = threading.Event()
    first = assistant.indexer.vector_queue.drain(progress=lambda done, total, note: stop.set(), stop=stop, batch=3)
    assert first.total == 3 and first.pending == passages - 3
    # killed after the vectors were stored but before they were marked: the marks are lost
    assistant.index.catalog.db.execute("UPDATE chunks SET vector_hash=''")
    assistant.index.catalog.db.commit()
    again = Assistant(Config(data_dir=tmp_path / "data"), embedder=counting).embed_pending()
    assert again.reused == 3 and again.total == passages - 3 and again.pending == 0
    assert counting.texts == passages  # each passage embedded once


def test_rounds_stored_while_the_next_is_embedded_are_each_embedded_once(tmp_path, embedder, docs):
    from kcassistant import Assistant, Config

    counting = CountingEmbedder(embedder)
    assistant = Assistant(Config(data_dir=tmp_path / "data"), embedder=counting)
    assistant.ingest([docs], vectors=False)
    passages = assistant.status().passages
    run = assistant.indexer.vector_queue.drain(batch=2)
    assert run.total == passages and run.pending == 0 and counting.texts == passages
    assert assistant.index.vectors.count() == passages


def test_figures_are_stored_and_replaced_on_reingest(make_assistant, docs):
    assistant = make_assistant()
    assistant.ingest([docs])
    figures = assistant.facts(year=2030, programme="KCQG")
    assert [(f.measure, f.value_text, f.unit) for f in figures] == [
        ("thực hiện", "4,2", "tỷ đồng"), ("kế hoạch", "4,75", "tỷ đồng")]
    path = docs / "hoi_nghi_mau.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("4,2 tỷ", "4,3 tỷ"), encoding="utf-8")
    assistant.ingest([docs])
    assert [f.value_text for f in assistant.facts(year=2030, programme="KCQG")] == ["4,3", "4,75"]


def test_search_and_direct_article_reference(make_assistant, docs):
    assistant = make_assistant()
    assistant.ingest([docs])
    hits = assistant.search("Điều 2 Nghị định 88/2031/NĐ-CP", k=3)
    assert hits[0].chunk.doc_number == "88/2031/NĐ-CP" and hits[0].chunk.article == "2" and hits[0].direct
    answer = assistant.ask("Điều 2 Nghị định 88/2031/NĐ-CP quy định gì?")
    assert answer.found and answer.citations[0].locator == "Điều 2 Nghị định 88/2031/NĐ-CP"
    assert answer.citations[0].quote in answer.citations[0].text


def test_tokenizer_change_rebuilds_stored_tokens_without_embedding(make_assistant, docs, monkeypatch):
    from kcassistant.text import TOKENIZER_VERSION

    first = make_assistant()
    first.ingest([docs])
    first.index.catalog.set_meta("tokenizer", "old")
    first.index.catalog.db.execute("UPDATE chunks SET tokens='stale'")
    first.index.catalog.db.commit()
    again = make_assistant()
    hits = again.search("Điều 2 Nghị định 88/2031/NĐ-CP đối tượng áp dụng", k=1)
    assert hits[0].chunk.article == "2"
    assert again.index.catalog.get_meta("tokenizer") == TOKENIZER_VERSION
    assert again.index.catalog.db.execute("SELECT COUNT(*) FROM chunks WHERE tokens='stale'").fetchone()[0] == 0


def test_a_new_parser_reads_indexed_files_again_without_re_embedding(make_assistant, docs):
    first = make_assistant()
    first.ingest([docs])
    first.index.catalog.db.execute("UPDATE files SET parser='old'")  # as indexed by an earlier version
    first.index.catalog.db.commit()
    again = make_assistant()
    report = again.ingest([docs])
    assert report.count("indexed") == 4 and report.embedded == 0  # read again, same passages: no embedding
    assert again.ingest([docs]).count("unchanged") == 4


def test_a_vector_collection_made_with_chromas_default_search_list_is_given_the_wider_one(tmp_path):
    """The default list (100) let the tail of the nearest passages vary between processes."""
    import chromadb

    from kcassistant import Config
    from kcassistant.store.vectors import SEARCH_EF, VectorStore, collection_name

    config = Config(data_dir=tmp_path / "data")
    config.chroma_path.mkdir(parents=True)
    chromadb.PersistentClient(path=str(config.chroma_path)).create_collection(
        collection_name(config.collection, "e5"), embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    store = VectorStore(config, "e5")
    assert store.collection.configuration["hnsw"]["ef_search"] == SEARCH_EF
    fresh = VectorStore(Config(data_dir=tmp_path / "other"), "e5")
    assert fresh.collection.configuration["hnsw"]["ef_search"] == SEARCH_EF



def test_ingest_leaves_the_word_index_on_disk_for_the_next_process(make_assistant, docs, monkeypatch):
    """`kcassistant ingest` then `kcassistant ask`: the ask's process loads BM25, it does not build it."""
    from kcassistant.store import lexical

    make_assistant().ingest([docs], vectors=False)
    stored = lexical.LexicalIndex.stored.__func__

    def load_only(cls, folder, key, tokens):
        def never():
            raise AssertionError("BM25 built again by the next process")
        return stored(cls, folder, key, never)

    monkeypatch.setattr(lexical.LexicalIndex, "stored", classmethod(load_only))
    assert make_assistant().search("kinh phí khuyến công", k=3)


def test_a_large_collection_ingested_beside_ours_keeps_its_own_word_statistics(make_assistant, docs, tmp_path,
                                                                               monkeypatch):
    """Two folders ingested into one library: when one is large, each keeps the statistics its
    passages would have alone."""
    from kcassistant.store import snapshot as module

    other = tmp_path / "other"
    shutil.copytree(DOCS.parent / "legal", other)
    monkeypatch.setattr(module, "LARGE_COLLECTION", 1)
    alone = make_assistant(tmp_path / "alone")
    alone.ingest([docs], vectors=False)
    both = make_assistant(tmp_path / "both")
    both.ingest([docs, other], vectors=False)
    ours = both.index.snapshot()
    ours_alone = alone.index.snapshot()
    assert set(ours.groups) >= {str(docs) + "/", str(other) + "/"}
    assert all(ours.statistics_of(c.id).term_idf == ours_alone.term_idf for c in ours_alone.chunks)
