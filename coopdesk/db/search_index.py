"""The trigram search index of the record tables (made by migration 0003; SQLite only).

For a record table ``T``: ``fts_T`` (FTS5, trigram tokenizer, no positions), ``fts_T_keys`` (record id ->
FTS row number), the view ``fts_T_docs`` (the indexed text of each record) and three triggers that note
every inserted, changed or deleted record in ``fts_queue``. ``catch_up`` re-indexes the noted records;
``Database.write`` calls it before every commit, so the queue is empty between transactions unless
another program wrote to the file.

The index finds the records that hold every trigram of a word: all the records whose text contains
the word, and sometimes a few more, so the caller still checks the text with LIKE.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import cache

from sqlalchemy import Connection, text

PREFIX = "fts_"
QUEUE = "fts_queue"
TRIGGERS = ("insert", "update", "delete")


def compared_with_models(name: str | None, type_: str, _parents: object = None) -> bool:
    """Alembic's ``include_name`` hook: the search index's tables (raw SQL, FTS5's own tables among
    them) are left out when the schema is compared with the models."""
    return type_ != "table" or not (name or "").startswith(PREFIX)


@cache
def usable() -> bool:
    """Whether this process's SQLite has FTS5 with the trigram tokenizer (3.34 or later). A file indexed
    elsewhere stays writable without it (the triggers only fill the queue), and is searched with LIKE."""
    if sqlite3.sqlite_version_info < (3, 34, 0):
        return False
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(doc, tokenize='trigram')")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def indexed_tables(conn: Connection) -> set[str]:
    """Record tables whose index is complete, with all the triggers that keep it up to date (a table
    copied by a later migration loses its triggers, and then its stale index must not be used)."""
    if conn.dialect.name != "sqlite" or not usable():
        return set()
    rows = conn.execute(
        text("SELECT type, name FROM sqlite_master WHERE substr(name, 1, 4) = :prefix"), {"prefix": PREFIX}
    ).all()
    names = {(kind, name) for kind, name in rows}
    if ("table", QUEUE) not in names:
        return set()
    tables = {name[len(PREFIX) : -len("_keys")] for kind, name in names if name.endswith("_keys")}
    return {
        t
        for t in tables
        if {("table", f"{PREFIX}{t}"), ("view", f"{PREFIX}{t}_docs")} <= names
        and all(("trigger", f"{PREFIX}{t}_{trigger}") in names for trigger in TRIGGERS)
    }


def fts_query(word: str) -> str | None:
    """The FTS5 query for rows holding every trigram of ``word`` (None when it has fewer than 3
    characters: the index cannot tell anything then)."""
    trigrams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
    if not trigrams:
        return None
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in trigrams)


def candidates(conn: Connection, tables: Iterable[str], word: str, limit: int) -> dict[str, list[str]]:
    """For each of ``tables`` (indexed record tables) where the index narrows the search for ``word``: the
    ids of the records that may contain it (a superset of those that do), those not re-indexed yet
    included. A table is left out when the word has under 3 characters, or when more than ``limit``
    records may contain it. One statement for all the tables."""
    query = fts_query(word)
    tables = sorted(tables)
    if query is None or not tables:
        return {}
    sql = " UNION ALL ".join(
        f"SELECT '{t}', record_id FROM {PREFIX}{t}_keys WHERE id IN "
        f"(SELECT rowid FROM {PREFIX}{t} WHERE {PREFIX}{t} MATCH :query LIMIT :limit) "
        f"UNION ALL SELECT * FROM (SELECT '{t}', record_id FROM {QUEUE} WHERE record_table = '{t}' LIMIT :limit)"
        for t in tables
    )
    found: dict[str, set[str]] = {t: set() for t in tables}
    for table, record_id in conn.execute(text(sql), {"query": query, "limit": limit + 1}).all():
        found[table].add(record_id)
    return {t: sorted(ids) for t, ids in found.items() if len(ids) <= limit}


def catch_up(conn: Connection) -> None:
    """Re-index the records noted in the queue, in a few statements per table, and empty it. Runs inside
    the caller's write transaction; does nothing on a database without the index."""
    if conn.dialect.name != "sqlite" or not usable():
        return
    exists = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :queue"), {"queue": QUEUE}
    ).first()
    if exists is None:
        return
    noted = set(conn.execute(text(f"SELECT DISTINCT record_table FROM {QUEUE}")).scalars())
    if not noted:
        return
    indexed = indexed_tables(conn)
    for table in sorted(noted):
        if table in indexed:
            _reindex(conn, table)
        conn.execute(text(f"DELETE FROM {QUEUE} WHERE record_table = :table"), {"table": table})


def _reindex(conn: Connection, table: str) -> None:
    fts, keys, docs = f"{PREFIX}{table}", f"{PREFIX}{table}_keys", f"{PREFIX}{table}_docs"
    noted = f"SELECT record_id FROM {QUEUE} WHERE record_table = :table"
    for statement in (
        # forget what was indexed for the noted records, and the keys of those deleted
        f"DELETE FROM {fts} WHERE rowid IN (SELECT id FROM {keys} WHERE record_id IN ({noted}))",
        f"DELETE FROM {keys} WHERE record_id IN ({noted}) "
        f"AND NOT EXISTS (SELECT 1 FROM {docs} AS d WHERE d.record_id = {keys}.record_id)",
        # index their text now (new records get a new row number), in row-number order: fastest in FTS5
        f"INSERT OR IGNORE INTO {keys} (record_id) SELECT d.record_id FROM {docs} AS d "
        f"WHERE d.record_id IN ({noted}) ORDER BY d.record_id",
        f"INSERT INTO {fts} (rowid, doc) SELECT k.id, d.doc FROM {keys} AS k "
        f"JOIN {docs} AS d ON d.record_id = k.record_id WHERE k.record_id IN ({noted}) ORDER BY k.id",
    ):
        conn.execute(text(statement), {"table": table})
