"""Opening an up-to-date database skips Alembic: start-up does not pay for importing it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from coopdesk.db.database import Database
from coopdesk.db.migrate import current_revision, declared_head, head_revision, stored_revision, upgrade_to
from coopdesk.db.opener import open_database


def test_the_head_read_from_the_scripts_is_alembics_head() -> None:
    assert declared_head() == head_revision()


def test_stored_revision_reads_what_alembic_reads(db: Database) -> None:
    assert stored_revision(db) == current_revision(db) == head_revision()


def test_opening_an_up_to_date_database_does_not_import_alembic(db_path: Path) -> None:
    code = (
        "import sys\n"
        "from coopdesk.db.opener import open_database\n"
        f"open_database({str(db_path)!r}).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_an_older_database_is_still_migrated_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = open_database(path, create=True, migrate=False, load_catalogue=False)
    upgrade_to(db, "0001")
    assert stored_revision(db) == "0001"
    db.dispose()
    reopened = open_database(path)
    try:
        assert stored_revision(reopened) == head_revision()
    finally:
        reopened.dispose()
