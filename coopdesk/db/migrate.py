"""Schema migrations on open, done so that they cannot eat data.

1. Read the database's Alembic revision. Unknown to this code means a newer coopdesk made it: refuse,
   touching nothing.
2. Back the file up (SQLite's online backup API) before changing anything.
3. Run the migrations in one transaction with foreign keys OFF (set outside the transaction: batch
   migrations on SQLite copy tables, and ON DELETE CASCADE would otherwise delete child rows), then
   ``PRAGMA foreign_key_check``; any violation rolls the whole upgrade back.

Alembic is imported only when the schema is not already at head: on an up-to-date database (every open
but the first after an update) the check is a text scan of the migration scripts and one SELECT, which
keeps Alembic's import (about 0.4 s) out of the app's start-up.
"""

from __future__ import annotations

import ast
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from coopdesk.db.database import Database
from coopdesk.db.errors import MigrationFailed, SchemaTooNew
from coopdesk.db.file_copy import checked_copy

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_DECLARATION = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def declared_head() -> str | None:
    """The head revision read as text from the scripts in ``versions/`` (no Alembic import), or None
    when it cannot be told that way (no scripts, several heads, an unusual declaration)."""
    parents: dict[str, tuple[str, ...]] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = {m.group(1): m.group(2) for m in _DECLARATION.finditer(script.read_text(encoding="utf-8"))}
        if "revision" not in found:
            continue
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (ValueError, SyntaxError):
            return None
        if not isinstance(revision, str):
            return None
        parents[revision] = tuple(down) if isinstance(down, list | tuple) else ((down,) if down else ())
    referenced = {p for downs in parents.values() for p in downs}
    heads = [r for r in parents if r not in referenced]
    return heads[0] if len(heads) == 1 else None


def stored_revision(db: Database) -> str | None:
    """The revision recorded in the database, by one plain SELECT; None when there is none."""
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:
        return None
    return rows[0] if len(rows) == 1 else None


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def ensure_schema(db: Database, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup taken before an upgrade, if one was needed."""
    quick_head = declared_head()
    if quick_head is not None and stored_revision(db) == quick_head:
        return None  # already at head: no need to load Alembic
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
    checked_copy(path, target)  # the upgrade goes ahead only over a sound copy
    return target


def _upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

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
