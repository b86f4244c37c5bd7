"""Database files as an older coopdesk left them, for the migration tests."""

from __future__ import annotations

from pathlib import Path

from coopdesk.db.database import Database
from coopdesk.db.engine import make_engine
from coopdesk.db.migrate import upgrade_to

#: Belarus in the countries table, in the columns every schema revision has.
INSERT_BELARUS = (
    "INSERT INTO countries (iso3, short_name, formal_name, regional_group, takes_the, member, notes, updated_by,"
    " version) VALUES ('BLR', 'Belarus', 'Republic of Belarus', 'Eastern European', 0, 1, '', '', 1)"
)


def file_at_revision(path: Path, revision: str) -> None:
    """An empty database file whose schema stops at ``revision`` (the catalogue is not loaded)."""
    url = f"sqlite:///{path}"
    db = Database(url, make_engine(url))
    upgrade_to(db, revision)
    db.dispose()
