"""Figure records in the catalog's SQLite file; a document's records are replaced on re-ingest."""
from __future__ import annotations

from dataclasses import asdict, fields

from ..database import SharedConnection
from .record import Figure

FIELDS = [f.name for f in fields(Figure) if f.name != "id"]


class FigureStore:

    def __init__(self, db: SharedConnection) -> None:
        self.db = db
        columns = ", ".join(f"{name} {'INTEGER' if name in ('start', 'end', 'year') else 'TEXT'}"
                            for name in FIELDS)
        self.db.execute(f"CREATE TABLE IF NOT EXISTS figures (id INTEGER PRIMARY KEY, {columns})")
        self.db.execute("CREATE INDEX IF NOT EXISTS figures_source ON figures(source)")
        self.db.commit()

    def replace(self, source: str, figures: list[Figure]) -> None:
        with self.db:
            self.db.execute("DELETE FROM figures WHERE source=?", (source,))
            marks = ", ".join("?" for _ in FIELDS)
            self.db.executemany(
                f"INSERT INTO figures ({', '.join(FIELDS)}) VALUES ({marks})",
                [tuple(asdict(f)[name] for name in FIELDS) for f in figures])

    def remove(self, source: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM figures WHERE source=?", (source,))

    def of_chunks(self, chunk_ids: set[str]) -> list[Figure]:
        """The records stated in these passages."""
        if not chunk_ids:
            return []
        marks = ", ".join("?" for _ in chunk_ids)
        rows = self.db.execute(f"SELECT id, {', '.join(FIELDS)} FROM figures WHERE chunk_id IN ({marks}) ORDER BY id",
                               sorted(chunk_ids))
        return [Figure(id=row[0], **dict(zip(FIELDS, row[1:]))) for row in rows]

    def query(self, scope: str | None = None, year: int | None = None, period: str | None = None,
              programme: str | None = None, measure: str | None = None, unit: str | None = None,
              source: str | None = None) -> list[Figure]:
        where, args = [], []
        for column, value in (("scope", scope), ("year", year), ("period", period), ("programme", programme),
                              ("measure", measure), ("unit", unit), ("source", source)):
            if value is not None and value != "":
                where.append(f"{column} = ?")
                args.append(value)
        sql = f"SELECT id, {', '.join(FIELDS)} FROM figures"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY source, id"
        return [Figure(id=row[0], **dict(zip(FIELDS, row[1:]))) for row in self.db.execute(sql, args)]
