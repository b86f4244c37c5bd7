"""Search index: a trigram full-text index of every record table's text, for the global search.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

SQLite only (PostgreSQL keeps searching with LIKE). For each record table ``T``:

- ``fts_T``: an FTS5 table with the ``trigram`` tokenizer and without positions (``detail=none``): it
  answers "which rows hold every trigram of this word", a small superset of the rows whose text
  contains the word; ``coopdesk.records.search`` checks those few rows with the usual LIKE.
- ``fts_T_keys``: the FTS row number of each record (an INTEGER PRIMARY KEY, which no VACUUM or table
  copy renumbers, unlike the record table's own hidden rowid).
- ``fts_T_docs``: a view giving the indexed text of each record: its text columns, one per line.
- triggers ``fts_T_insert`` / ``fts_T_update`` / ``fts_T_delete`` that only note the record's id in
  ``fts_queue``. ``coopdesk.db.search_index.catch_up`` re-indexes the noted records in a few bulk
  statements at the end of every write transaction (``Database.write``): FTS5 writes done row by row
  from triggers would cost about 50 µs a row (it flushes at every statement), 6 s for a 100,000-row
  import instead of about 2 s. Records noted and not yet re-indexed (written by another program) are
  searched with LIKE.

A later migration that changes the text columns of ``T`` must redefine ``fts_T_docs`` and its update
trigger; one that copies ``T`` (which drops its triggers) must create them again; both then rebuild
the index of ``T``. ``coopdesk.records.search`` uses a table's index only while all three
triggers exist, and a test checks that every text field is indexed.

Skipped (search then stays on LIKE) where SQLite has no FTS5 or is older than 3.34 (no trigram).
"""

from __future__ import annotations

import sqlite3

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: The text columns of each record table, as in revision 0002 (the fields of kind TEXT or LONGTEXT).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "treaty_actions": ("depositary_notification", "text", "source", "notes"),
    "memberships": ("source", "notes"),
    "reporting_submissions": ("cycle", "details", "source", "notes"),
    "meeting_participations": ("role", "delegation", "source", "notes"),
    "contributions": ("recipient", "purpose", "source", "notes"),
    "resolutions": ("session", "symbol", "title", "description", "source", "notes"),
    "national_initiatives": ("title", "description", "source", "notes"),
    "legislative_assistance": ("area", "details", "source", "notes"),
    "projects": ("code", "title", "source", "notes"),
    "letters": (
        "reference",
        "subject",
        "addressee",
        "salutation",
        "body",
        "closing",
        "signatory_name",
        "signatory_title",
        "source",
        "notes",
    ),
}


def _statements(table: str, columns: tuple[str, ...]) -> list[str]:
    fts, keys, docs = f"fts_{table}", f"fts_{table}_keys", f"fts_{table}_docs"
    document = " || char(10) || ".join(f"coalesce({c}, '')" for c in columns)
    note = "INSERT INTO fts_queue (record_table, record_id) VALUES"
    return [
        f"CREATE TABLE {keys} (id INTEGER PRIMARY KEY, record_id VARCHAR(36) NOT NULL UNIQUE)",
        f"CREATE VIEW {docs} AS SELECT id AS record_id, {document} AS doc FROM {table}",
        f"CREATE VIRTUAL TABLE {fts} USING fts5(doc, detail=none, columnsize=0, tokenize='trigram')",
        f"INSERT INTO {keys} (record_id) SELECT id FROM {table} ORDER BY id",
        # in row-number order: FTS5 writes rows in increasing order fastest
        f"INSERT INTO {fts} (rowid, doc) SELECT k.id, d.doc "
        f"FROM {keys} AS k JOIN {docs} AS d ON d.record_id = k.record_id ORDER BY k.id",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {note} ('{table}', new.id); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {', '.join(('id', *columns))} ON {table} BEGIN "
        f"{note} ('{table}', new.id); "
        f"INSERT INTO fts_queue (record_table, record_id) SELECT '{table}', old.id WHERE old.id IS NOT new.id; "
        "END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {note} ('{table}', old.id); END",
    ]


def _trigram_available() -> bool:
    # The same probe as coopdesk.db.search_index.usable(), copied on purpose: a migration keeps the code it
    # ran with, so later changes to the application module cannot change what this revision does.
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


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite" or not _trigram_available():
        return
    op.execute(
        "CREATE TABLE fts_queue (id INTEGER PRIMARY KEY, record_table VARCHAR(40) NOT NULL,"
        " record_id VARCHAR(36) NOT NULL)"
    )
    for table, columns in TEXT_COLUMNS.items():
        for statement in _statements(table, columns):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TEXT_COLUMNS:
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS fts_{table}_{trigger}")
        op.execute(f"DROP TABLE IF EXISTS fts_{table}")
        op.execute(f"DROP VIEW IF EXISTS fts_{table}_docs")
        op.execute(f"DROP TABLE IF EXISTS fts_{table}_keys")
    op.execute("DROP TABLE IF EXISTS fts_queue")
