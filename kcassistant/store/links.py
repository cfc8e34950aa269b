"""Links between documents (ingest.links) in the catalog's SQLite; a file's links are
replaced when it is indexed again and removed with it."""
from __future__ import annotations

from dataclasses import asdict, fields

from ingest.links import Link
from ingest.patterns import canon_doc_number

from ..database import SharedConnection

FIELDS = [f.name for f in fields(Link)]


class LinkStore:
    def __init__(self, db: SharedConnection) -> None:
        self.db = db
        self.db.execute(f"CREATE TABLE IF NOT EXISTS links (id INTEGER PRIMARY KEY, {', '.join(FIELDS)}, "
                        "from_key TEXT, to_key TEXT)")
        self.db.execute("CREATE INDEX IF NOT EXISTS links_to ON links(to_key)")
        self.db.execute("CREATE INDEX IF NOT EXISTS links_from ON links(from_key)")
        self.db.commit()

    def replace(self, source: str, links: list[Link]) -> None:
        with self.db:
            self.db.execute("DELETE FROM links WHERE source=?", (source,))
            marks = ", ".join("?" for _ in range(len(FIELDS) + 2))
            self.db.executemany(
                f"INSERT INTO links ({', '.join(FIELDS)}, from_key, to_key) VALUES ({marks})",
                [(*(asdict(link)[name] for name in FIELDS), canon_doc_number(link.from_doc),
                  canon_doc_number(link.to_doc)) for link in links])

    def remove(self, source: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM links WHERE source=?", (source,))

    def of(self, doc_number: str) -> tuple[list[Link], list[Link]]:
        """(what the document says of others, what others say of it)."""
        key = canon_doc_number(doc_number)
        return self._where("from_key=?", key), self._where("to_key=?", key)

    def all(self) -> list[Link]:
        return self._where("1=1", None)

    def _where(self, condition: str, key: str | None) -> list[Link]:
        rows = self.db.execute(f"SELECT {', '.join(FIELDS)} FROM links WHERE {condition} ORDER BY id",
                               (key,) if key is not None else ())
        return [Link(**dict(zip(FIELDS, row))) for row in rows]
