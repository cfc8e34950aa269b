"""The catalog's schema: earlier catalogs gain the new columns, and processes opening a new
catalog at the same moment (the app and a CLI ingest, two app sessions) do not fail."""
from __future__ import annotations

import sqlite3
import threading

from kcassistant.store.catalog import Catalog


def test_a_catalog_of_an_earlier_version_gains_its_columns_and_keeps_its_vectors(tmp_path):
    path = tmp_path / "catalog.sqlite"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE files (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT, kind TEXT,
                            n_chunks INTEGER, ingested_at REAL, path TEXT);
        CREATE TABLE chunks (id TEXT PRIMARY KEY, source TEXT NOT NULL, position INTEGER,
                             content_hash TEXT, data TEXT NOT NULL, tokens TEXT NOT NULL);
        INSERT INTO files VALUES ('a.txt', 'ff', 'A', 'legal', 1, 0, '/a.txt');
        INSERT INTO chunks VALUES ('a-1', 'a.txt', 0, 'h1', '{}', '[]');""")
    db.commit()
    db.close()
    catalog = Catalog(path)
    record = catalog.file("a.txt")
    assert record is not None and (record.parser, record.publisher, record.published) == ("", "", "")
    # its chunks were recorded after their vectors: none is waiting for one
    assert catalog.db.execute("SELECT vector_hash FROM chunks").fetchall() == [("h1",)]


def _open_together(path, callers: int) -> list[BaseException]:
    start = threading.Barrier(callers)
    errors: list[BaseException] = []

    def open_it() -> None:
        start.wait()
        try:
            Catalog(path)
        except BaseException as error:  # noqa: BLE001 — the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_catalogs_opened_at_the_same_moment_all_open(tmp_path):
    for attempt in range(20):
        errors = _open_together(tmp_path / f"catalog-{attempt}.sqlite", callers=4)
        assert not errors, f"attempt {attempt}: {errors[0]!r}"


def test_a_files_collection_is_the_folder_it_was_ingested_from(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite")
    catalog.db.executemany("INSERT INTO files (source, sha256, path) VALUES (?, ?, ?)",
                           [("news/a.txt", "1", "/data/knowledge/news/a.txt"),
                            ("phapdien/b.html", "2", "/data/scale/phapdien/b.html"), ("c.txt", "3", "/elsewhere/x.txt")])
    assert catalog.collections() == {"news/a.txt": "/data/knowledge/", "phapdien/b.html": "/data/scale/",
                                     "c.txt": ""}
