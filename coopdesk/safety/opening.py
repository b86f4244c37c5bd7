"""Opening a database file safely: check it, lock it, back it up, in that order.

1. ``PRAGMA quick_check`` before anything else: a damaged file is never written to (no migration, no
   lock, no backup over good ones); the user is told in plain words and offered the latest good backup.
2. The single-writer lock: a second coopdesk is told who holds the file and may open it read-only.
3. The daily backup (at most one a day), after which the schema migration (with its own backup) runs.
A file on a network drive is opened with the rollback journal and a warning that a team should use a
server. A PostgreSQL URL skips the file steps: the server does locking, and its administrator backups.
"""

from __future__ import annotations

import atexit
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from coopdesk.db.database import Database
from coopdesk.db.engine import is_sqlite_url, url_for
from coopdesk.db.errors import DatabaseProblem
from coopdesk.db.lock import DatabaseLocked, WriterLock
from coopdesk.db.opener import check_sqlite_file, open_database
from coopdesk.db.quick_check import checked, quick_check
from coopdesk.db.storage import NETWORK_WARNING, is_network_path
from coopdesk.safety.backup import (
    STAMP_FORMAT,
    BackupFailed,
    BackupInfo,
    backup_dir_for,
    daily_backup_if_due,
    latest_good_backup,
    make_backup,
    record_counts,
)

__all__ = ["DamagedDatabase", "DatabaseLocked", "SafeOpen", "open_for_gui", "open_safely", "quick_check"]


class DamagedDatabase(DatabaseProblem):
    """The file failed its integrity check; it is left untouched."""

    def __init__(self, path: Path, problems: list[str], backup: BackupInfo | None) -> None:
        first = problems[0] if problems else "unknown damage"
        if backup is not None:
            offer = (
                f"The latest good backup is from {backup.taken_at.strftime('%d/%m/%Y %H:%M')} "
                f"({backup.total_records} records): restore it with File > Restore..., or "
                f"'coopdesk restore {backup.path}'."
            )
        else:
            offer = "No good backup of it was found; keep a copy of the file and ask for help."
        super().__init__(f"{path.name} is damaged ({first}). coopdesk has not changed it. {offer}")
        self.path = path
        self.problems = problems
        self.backup = backup


@dataclass
class SafeOpen:
    """A database opened by ``open_safely``; ``close()`` releases the lock."""

    db: Database
    warnings: list[str] = field(default_factory=list)
    lock: WriterLock | None = None
    backup: BackupInfo | None = None
    backup_due: bool = False

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()


def open_safely(
    target: str | Path,
    *,
    create: bool = False,
    read_only: bool = False,
    take_over: bool = False,
    daily_backup: bool = True,
) -> SafeOpen:
    """Check, lock, back up and open a database. Raises DamagedDatabase, DatabaseLocked or another
    DatabaseProblem, each worded for the user."""
    url = url_for(target)
    if not is_sqlite_url(url):
        return SafeOpen(open_database(url, create=create, read_only=read_only))
    path = Path(make_url(url).database or "")
    warnings: list[str] = []
    if path.exists():
        check_sqlite_file(path)
        problems = checked(path)
        if problems:
            raise DamagedDatabase(path, problems, latest_good_backup(path))
    network = is_network_path(path)
    if network:
        warnings.append(NETWORK_WARNING)
    lock = None
    if not read_only:
        lock = WriterLock(path)
        lock.acquire(take_over=take_over)
    try:
        if not read_only and path.exists():
            _backup_before_upgrade(path)
        db = open_database(path, create=create, read_only=read_only, wal=not network)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    opened = SafeOpen(db, warnings, lock)
    if daily_backup and not read_only:
        try:
            opened.backup = daily_backup_if_due(db)
        except BackupFailed as exc:
            warnings.append(f"Today's automatic backup could not be made: {exc}")
    return opened


def schema_revision(path: Path) -> str | None:
    """The Alembic revision recorded in a database file (None for a new or foreign file)."""
    try:
        conn = sqlite3.connect(f"file:{path.absolute()}?mode=ro", uri=True, timeout=30)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def _backup_before_upgrade(path: Path) -> BackupInfo | None:
    """A checked, listed backup before this version of coopdesk upgrades an older schema."""
    from coopdesk.db.migrate import declared_head, head_revision, known_revisions

    revision = schema_revision(path)
    if revision is None or revision == declared_head():
        return None  # new or current: decided without loading Alembic (a slow import at start-up)
    if revision == head_revision() or revision not in known_revisions():
        return None  # new, current, or too new (refused, untouched, by the migration itself)
    target = backup_dir_for(path)
    target.mkdir(exist_ok=True)
    dest = target / f"{path.stem}-{datetime.now().strftime(STAMP_FORMAT)}-migration.sqlite"
    make_backup(path, dest)
    return BackupInfo(dest, datetime.now(), "migration", record_counts(dest))


#: Databases opened for the window, by ``id(db)``, so their lock is released when the window leaves them.
_OPEN_FOR_GUI: dict[int, SafeOpen] = {}


def open_for_gui(
    target: str | Path, *, create: bool = True, read_only: bool = False, take_over: bool = False
) -> tuple[Database, list[str]]:
    """What the window calls at start-up and from File > Open: the database and the warnings to show.
    The lock is released by ``release(db)`` or when the process ends normally (a crash leaves a stale lock
    that the next start can take over)."""
    # The daily backup (about a second on 100,000 records) is left to the window, off the GUI thread.
    opened = open_safely(target, create=create, read_only=read_only, take_over=take_over, daily_backup=False)
    opened.backup_due = not read_only and opened.db.path is not None
    _OPEN_FOR_GUI[id(opened.db)] = opened
    atexit.register(opened.close)
    return opened.db, opened.warnings


def adopt(db: Database) -> list[str]:
    """Take the lock (and the daily backup) for a database file the window opened by other means.

    When another coopdesk holds the file, this one is switched to read-only and the returned warning
    says who has it; nothing is written.
    """
    if id(db) in _OPEN_FOR_GUI or db.path is None or db.read_only:
        return []
    lock = WriterLock(db.path)
    try:
        lock.acquire()
    except DatabaseLocked as exc:
        db.read_only = True
        return [f"{exc} It is open read-only here."]
    opened = SafeOpen(db, [], lock, backup_due=True)
    _OPEN_FOR_GUI[id(db)] = opened
    atexit.register(opened.close)
    return []


def daily_backup_due(db: Database) -> bool:
    """Whether the window should still take today's backup of ``db`` (in the background)."""
    opened = _OPEN_FOR_GUI.get(id(db))
    return opened is not None and opened.backup_due


def take_daily_backup(db: Database) -> BackupInfo | None:
    """The on-open backup of a database the window opened (at most one a day); for a worker thread."""
    opened = _OPEN_FOR_GUI.get(id(db))
    if opened is None or not opened.backup_due:
        return None
    opened.backup_due = False
    opened.backup = daily_backup_if_due(db)
    return opened.backup


def release(db: Database) -> None:
    """The window no longer uses ``db``: release its lock so others may open the file."""
    opened = _OPEN_FOR_GUI.pop(id(db), None)
    if opened is not None and opened.lock is not None:
        opened.lock.release()
