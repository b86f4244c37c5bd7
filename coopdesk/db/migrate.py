"""Schema migrations on open, done so that they cannot eat data.

1. Read the database's Alembic revision. Unknown to this code means a newer coopdesk made it: refuse,
   touching nothing.
2. Back the file up (SQLite's online backup API) before changing anything.
3. Run the migrations in one transaction with foreign keys OFF (set outside the transaction: batch
   migrations on SQLite copy tables, and ON DELETE CASCADE would otherwise delete child rows), then
   ``PRAGMA foreign_key_check``; any violation rolls the whole upgrade back.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from coopdesk.db.database import Database
from coopdesk.db.errors import MigrationFailed, SchemaTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def ensure_schema(db: Database, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup taken before an upgrade, if one was needed."""
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            f"{db.display_name} was made by a newer version of coopdesk (schema {current}); "
            "this version cannot open it. Install the newer coopdesk, or open another database."
        )
    backup = None
    if current is not None and db.path is not None:
        backup = backup_before_migration(db.path, current, backup_dir)
    _upgrade(db)
    return backup


def backup_before_migration(path: Path, revision: str, backup_dir: Path | None = None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backup_dir or path.parent
    target = folder / f"{path.stem}.before-migration-{revision}-{stamp}{path.suffix or '.sqlite'}"
    source = sqlite3.connect(str(path))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def _upgrade(db: Database, revision: str = "head") -> None:
    with db.engine.connect() as conn:
        if db.is_sqlite:
            _raw_pragma(conn, "PRAGMA foreign_keys = OFF")
        try:
            conn = conn.execution_options(coopdesk_write=True)
            with conn.begin():
                command.upgrade(alembic_config(conn), revision)
                if db.is_sqlite:
                    problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if problems:
                        raise MigrationFailed(
                            f"The schema upgrade of {db.display_name} would break {len(problems)} "
                            "references between records; nothing was changed."
                        )
        finally:
            if db.is_sqlite:
                _raw_pragma(conn, "PRAGMA foreign_keys = ON")


def _raw_pragma(conn: Connection, pragma: str) -> None:
    """Run a pragma on the DBAPI connection, outside any transaction (inside one it is ignored)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(pragma)
    finally:
        cursor.close()


def upgrade_to(db: Database, revision: str) -> None:
    """Upgrade to a given revision (used by tests that build an old database)."""
    _upgrade(db, revision)
