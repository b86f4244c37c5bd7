"""Completeness checks, and the date of each record's source document.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

- ``completeness_checks``: an officer's statement that one area of a State's records (the treaty
  actions on a set or on one instrument, the reports to one reporting instrument, the memberships of
  one body, legislative assistance, technical cooperation projects) holds every fact up to a date. A
  note says what a State has not done only where such a check covers the note's date. The table is
  indexed for the global search like every record table (as revision 0003 does).
- ``source_date`` on every record table: the date of the document a fact was taken from, which places
  in time a record whose own dates are missing. The demo records, whose source is the letter of 30
  October 2009, get that date, so an existing demo database drafts the same notes as a new one.
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: The record tables of revision 0004.
RECORD_TABLES = (
    "treaty_actions",
    "memberships",
    "reporting_submissions",
    "meeting_participations",
    "contributions",
    "resolutions",
    "national_initiatives",
    "legislative_assistance",
    "projects",
    "letters",
)
CHECKS = "completeness_checks"
CHECK_TEXT_COLUMNS = ("source", "notes")
DEMO_SOURCE = "UNODC letter EWCA/040/09 and note for the file, 30 October 2009"
DEMO_SOURCE_DATE = "2009-10-30"


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column],
        [target],
        name=op.f(f"fk_{CHECKS}_{column}_{table}"),
        onupdate="CASCADE",
        ondelete="RESTRICT",
    )


def _create_checks() -> None:
    op.create_table(
        CHECKS,
        sa.Column("area", sa.String(length=30), nullable=False),
        sa.Column("instrument_set_code", sa.String(length=40), nullable=True),
        sa.Column("instrument_code", sa.String(length=40), nullable=True),
        sa.Column("reporting_instrument_code", sa.String(length=40), nullable=True),
        sa.Column("body_code", sa.String(length=40), nullable=True),
        sa.Column("checked_on", sa.String(length=10), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country_code", sa.String(length=3), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("source_date", sa.String(length=10), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("country_code", "countries.iso3"),
        _fk("instrument_set_code", "instrument_sets.code"),
        _fk("instrument_code", "instruments.code"),
        _fk("reporting_instrument_code", "reporting_instruments.code"),
        _fk("body_code", "bodies.code"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{CHECKS}")),
    )
    with op.batch_alter_table(CHECKS, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{CHECKS}_area"), ["area"], unique=False)
        batch_op.create_index(batch_op.f(f"ix_{CHECKS}_checked_on"), ["checked_on"], unique=False)
        batch_op.create_index(batch_op.f(f"ix_{CHECKS}_country_code"), ["country_code"], unique=False)


def _search_index_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    # As in revision 0003, copied on purpose: a migration keeps the code it ran with.
    fts, keys, docs = f"fts_{table}", f"fts_{table}_keys", f"fts_{table}_docs"
    document = " || char(10) || ".join(f"coalesce({c}, '')" for c in columns)
    note = "INSERT INTO fts_queue (record_table, record_id) VALUES"
    return [
        f"CREATE TABLE {keys} (id INTEGER PRIMARY KEY, record_id VARCHAR(36) NOT NULL UNIQUE)",
        f"CREATE VIEW {docs} AS SELECT id AS record_id, {document} AS doc FROM {table}",
        f"CREATE VIRTUAL TABLE {fts} USING fts5(doc, detail=none, columnsize=0, tokenize='trigram')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {note} ('{table}', new.id); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {', '.join(('id', *columns))} ON {table} BEGIN "
        f"{note} ('{table}', new.id); "
        f"INSERT INTO fts_queue (record_table, record_id) SELECT '{table}', old.id WHERE old.id IS NOT new.id; "
        "END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {note} ('{table}', old.id); END",
    ]


def _search_index_present() -> bool:
    """Whether revision 0003 built the search index here (SQLite with FTS5's trigram tokenizer)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or sqlite3.sqlite_version_info < (3, 34, 0):
        return False
    found = bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fts_queue'")
    return found.first() is not None


def upgrade() -> None:
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("source_date", sa.String(length=10), nullable=True))
        records = sa.table(table, sa.column("source"), sa.column("source_date"))
        op.execute(
            records.update()
            .where(records.c.source == DEMO_SOURCE, records.c.source_date.is_(None))
            .values(source_date=DEMO_SOURCE_DATE)
        )
    _create_checks()
    if _search_index_present():
        for statement in _search_index_statements(CHECKS, CHECK_TEXT_COLUMNS):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS fts_{CHECKS}_{trigger}")
        op.execute(f"DROP TABLE IF EXISTS fts_{CHECKS}")
        op.execute(f"DROP VIEW IF EXISTS fts_{CHECKS}_docs")
        op.execute(f"DROP TABLE IF EXISTS fts_{CHECKS}_keys")
    op.drop_table(CHECKS)
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("source_date")
