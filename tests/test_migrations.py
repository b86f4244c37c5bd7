"""Migrations on open: data kept, a backup taken first, a newer schema refused and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from coopdesk.db.errors import NotADatabase, SchemaTooNew
from coopdesk.db.migrate import current_revision, head_revision
from coopdesk.db.models import Base
from coopdesk.db.opener import open_database
from coopdesk.db.search_index import compared_with_models
from tests.helpers.old_schema import INSERT_BELARUS, file_at_revision


def _first_migration_db(path: Path) -> None:
    """A database as the first release made it, with a country and a contribution in it."""
    file_at_revision(path, "0001")
    con = sqlite3.connect(path)
    con.execute(INSERT_BELARUS)
    con.execute(
        "INSERT INTO bodies (code, name, kind, description, notes, updated_by, version)"
        " VALUES ('ICAT', 'Inter-Agency Coordination Group', 'group', '', '', '', 1)"
    )
    con.execute(
        "INSERT INTO contributions (id, country_code, source, notes, created_at, updated_at, created_by, updated_by,"
        " version, recipient_body_code, recipient, amount_minor, amount_currency, contribution_date, kind, purpose)"
        " VALUES ('c1', 'BLR', 'note', 'kept', '2009-10-30 00:00:00', '2009-10-30 00:00:00', 'a', 'a', 1, 'ICAT', '',"
        " 2000000, 'USD', '2009', 'payment', 'support')"
    )
    con.commit()
    con.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_schema_upgrades_to_head_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _first_migration_db(path)
    before = _sha(path)

    db = open_database(path)
    try:
        assert current_revision(db) == head_revision()
        from coopdesk.records.service import RecordService

        c = RecordService(db).get("contribution", "c1")
        assert (str(c["amount"]), c["notes"], c["recipient_body_code"], c["earmarking"]) == (
            "USD 20,000",
            "kept",
            "ICAT",
            None,
        )
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": compared_with_models})
            assert compare_metadata(context, Base.metadata) == []
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.dispose()

    backups = list(tmp_path.glob("old.before-migration-0001-*.sqlite"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert con.execute("SELECT amount_minor FROM contributions").fetchone() == (2000000,)
    con.close()
    assert before != _sha(path)


def test_shipped_catalogue_values_are_brought_up_to_date_and_the_users_own_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _first_migration_db(path)
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO reporting_instruments (code, name, short_name, kind, periodicity, notes, updated_by, version)"
        " VALUES (?, ?, ?, 'questionnaire', '', '', '', 1)",
        [
            ("GLOTIP", "Global Report on Trafficking in Persons", "Global Report"),
            ("UNCAC-SAC", "UNCAC self-assessment checklist", "self-assessment checklist"),  # as shipped
            ("UNTOC-QUEST", "Questionnaires on UNTOC", "UNTOC forms"),  # renamed by the user
        ],
    )
    con.execute(
        "INSERT INTO bodies (code, name, kind, description, notes, updated_by, version)"
        " VALUES ('ECOSOC', 'Economic and Social Council', 'council', '', '', '', 1)"
    )
    con.commit()
    con.close()

    open_database(path).dispose()

    con = sqlite3.connect(path)
    rows = dict(con.execute("SELECT code, short_name || ' | ' || description FROM reporting_instruments"))
    assert rows == {
        "GLOTIP": "Global Report | study on the state of the world's response to the crime of human trafficking",
        "UNCAC-SAC": "UNCAC self-assessment checklist | ",
        "UNTOC-QUEST": "UNTOC forms | ",
    }
    assert con.execute("SELECT name FROM bodies WHERE code = 'ECOSOC'").fetchone() == (
        "United Nations Economic and Social Council",
    )
    con.close()


def test_upgrade_keeps_child_rows_with_foreign_keys_on_delete(tmp_path: Path) -> None:
    """Batch migrations copy tables; with foreign keys on, that would cascade. Rows must all survive."""
    path = tmp_path / "old.sqlite"
    _first_migration_db(path)
    open_database(path).dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM contributions").fetchone() == (1,)
    con.close()


def test_newer_schema_is_refused_and_left_byte_for_byte(tmp_path: Path, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = _sha(db_path)
    files_before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(SchemaTooNew, match="newer version of coopdesk"):
        open_database(db_path)
    assert _sha(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == files_before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("just some text\n")
    with pytest.raises(NotADatabase, match="not an SQLite file"):
        open_database(path)
    assert path.read_text() == "just some text\n"


def test_new_database_gets_head_schema_and_catalogue(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite", create=True)
    try:
        assert current_revision(db) == head_revision()
        from coopdesk.records.service import RecordService

        assert RecordService(db).count("country", where={"member": True}) == 193
    finally:
        db.dispose()
