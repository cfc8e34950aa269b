"""One SQLite connection shared by threads (a web server's workers, the app's
sessions, 20 cold callers at once): the catalog and the figure records live in it."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


class Rows(list[Any]):
    """A statement's rows, read in full while the connection was held."""

    def fetchone(self) -> Any:
        return self[0] if self else None

    def fetchall(self) -> list[Any]:
        return list(self)


class SharedConnection:
    """One SQLite connection that threads share (a web server, the app's sessions):
    each statement runs under one lock and returns its rows already read, and a
    `with` block is one transaction that holds the lock throughout."""

    def __init__(self, path: Path | str) -> None:
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self.lock = threading.RLock()

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Rows:
        with self.lock:
            return Rows(self._db.execute(sql, args).fetchall())

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.lock:
            self._db.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        with self.lock:
            self._db.executescript(sql)

    def commit(self) -> None:
        with self.lock:
            self._db.commit()

    def __enter__(self) -> SharedConnection:
        self.lock.acquire()
        self._db.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self._db.__exit__(*exc)
        finally:
            self.lock.release()
