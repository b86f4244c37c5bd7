"""Backups of a SQLite database: taken with SQLite's online backup API, checked, rotated, restorable.

A backup only counts once it has been opened and has passed ``PRAGMA integrity_check``; a bad copy is
deleted and reported. Backups live in a folder next to the database (``<name>-backups``), named with
the time and the reason they were taken, so listing them needs no index file that could go stale.
Rotation keeps recent backups densely and older ones sparsely (by default the newest of each of the
last 7 days, 5 weeks and 12 months).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from coopdesk.db.database import Database
from coopdesk.db.errors import DatabaseProblem
from coopdesk.db.file_copy import CopyFailed, checked_copy, copy_into, integrity_problems
from coopdesk.db.table_names import RECORD_TABLES

STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z0-9-]+)\.sqlite$")

REASON_LABELS = {
    "open": "daily, on open",
    "manual": "backed up by hand",
    "import": "before an import",
    "migration": "before a schema upgrade",
    "restore": "before a restore",
    "damaged": "the damaged file, kept as it was",
}


class BackupFailed(DatabaseProblem):
    pass


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when and why it was taken, and how many records of each type it holds."""

    path: Path
    taken_at: datetime
    reason: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total_records(self) -> int:
        return sum(self.counts.values())

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    def describe(self) -> str:
        return (
            f"{self.taken_at.strftime('%d/%m/%Y %H:%M')} ({self.reason_label}): {self.total_records} records"
        )


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups the rotation keeps: the newest few, then one per day, week and month."""

    recent: int = 10  # the newest ones, whatever their day (a restore must find what was just taken)
    daily: int = 7
    weekly: int = 5
    monthly: int = 12


def backup_dir_for(database: Path) -> Path:
    return database.with_name(f"{database.stem}-backups")


def _sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise BackupFailed(
            "coopdesk backs up database files only; a PostgreSQL server is backed up by its administrator "
            "(pg_dump), see 'Teams' in the README."
        )
    return db.path


def record_counts(path: Path) -> dict[str, int]:
    """Records per record type in a database file (for the list of backups)."""
    conn = sqlite3.connect(f"file:{path.absolute()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {}
        for name, table in RECORD_TABLES.items():
            if table in tables:
                counts[name] = int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        return counts
    finally:
        conn.close()


def make_backup(source: Path, target: Path) -> None:
    """Back ``source`` up into ``target``, which exists only once the copy passed the integrity check."""
    try:
        checked_copy(source, target)
    except CopyFailed as exc:
        raise BackupFailed(str(exc).replace("The copy of", "The backup of", 1)) from exc


def _new_backup_path(folder: Path, stem: str, reason: str, now: datetime) -> Path:
    stamp = now.strftime(STAMP_FORMAT)
    target = folder / f"{stem}-{stamp}-{reason}.sqlite"
    n = 1
    while target.exists():
        target = folder / f"{stem}-{stamp}-{n}-{reason}.sqlite"
        n += 1
    return target


def backup_now(
    db: Database,
    reason: str = "manual",
    *,
    target: Path | None = None,
    policy: RotationPolicy | None = None,
    now: datetime | None = None,
    rotate_after: bool = True,
) -> BackupInfo:
    """Take a checked backup now (before an import, a restore, from File > Back up now, ...).

    Without ``target`` it goes to the backup folder, which is then rotated.
    """
    source = _sqlite_path(db)
    now = now or datetime.now()
    if target is None:
        folder = backup_dir_for(source)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise BackupFailed(
                f"The backup folder {folder} cannot be created: {exc.strerror or exc}"
            ) from exc
        path = _new_backup_path(folder, source.stem, reason, now)
    else:
        path = target
    make_backup(source, path)
    info = BackupInfo(path, now, reason, record_counts(path))
    if target is None and rotate_after:
        rotate(backup_dir_for(source), policy or RotationPolicy(), stem=source.stem)
    return info


def parse_backup_name(path: Path) -> tuple[str, datetime, str] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return match["stem"], taken, match["reason"]


def _backups_in(folder: Path, stem: str | None = None) -> list[tuple[Path, datetime, str]]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        parsed = parse_backup_name(path)
        if parsed and (stem is None or parsed[0] == stem):
            found.append((path, parsed[1], parsed[2]))
    found.sort(key=lambda item: (item[1], item[0].name), reverse=True)
    return found


def list_backups(database: Path, *, with_counts: bool = True) -> list[BackupInfo]:
    """The backups of a database file, newest first, with their record counts."""
    infos = []
    for path, taken, reason in _backups_in(backup_dir_for(database), database.stem):
        counts: dict[str, int] = {}
        if with_counts:
            try:
                counts = record_counts(path)
            except sqlite3.Error:
                continue  # unreadable: not a backup anyone can restore
        infos.append(BackupInfo(path, taken, reason, counts))
    return infos


def latest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup that passes the integrity check."""
    for info in list_backups(database, with_counts=False):
        if not integrity_problems(info.path):
            return BackupInfo(info.path, info.taken_at, info.reason, record_counts(info.path))
    return None


def backups_to_keep(stamps: Iterable[datetime], policy: RotationPolicy) -> set[datetime]:
    """Which backup times the rotation keeps: the newest of each of the last N days, weeks and months."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set(ordered[: max(1, policy.recent)])
    buckets = (
        (policy.daily, lambda t: t.date()),
        (policy.weekly, lambda t: t.isocalendar()[:2]),
        (policy.monthly, lambda t: (t.year, t.month)),
    )
    for limit, bucket in buckets:
        seen: list[object] = []
        for stamp in ordered:
            key = bucket(stamp)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(stamp)
    return keep


def rotate(folder: Path, policy: RotationPolicy, *, stem: str | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps; returns the deleted files."""
    found = _backups_in(folder, stem)
    keep = backups_to_keep((taken for _, taken, _ in found), policy)
    deleted = []
    for path, taken, _reason in found:
        if taken not in keep:
            path.unlink(missing_ok=True)
            deleted.append(path)
    return deleted


def daily_backup_if_due(db: Database, *, now: datetime | None = None) -> BackupInfo | None:
    """The on-open backup: at most one a day."""
    source = _sqlite_path(db)
    now = now or datetime.now()
    for _path, taken, reason in _backups_in(backup_dir_for(source), source.stem):
        if reason == "open" and taken.date() == now.date():
            return None
    return backup_now(db, "open", now=now)


def restore_backup(db: Database, backup: Path) -> BackupInfo:
    """Replace an open database's content by a backup's; the current content is backed up first.

    Returns the backup of the content that was replaced, so the restore itself can be undone.
    """
    current = _sqlite_path(db)
    if db.read_only:
        raise DatabaseProblem("This database is open read-only; it cannot be restored over.")
    try:
        return restore_file(current, backup)
    finally:
        db.engine.dispose()  # connections kept open may hold the file that was replaced


def restore_file(current: Path, backup: Path) -> BackupInfo:
    """Restore ``backup`` into the database file ``current`` (which may be damaged, or missing).

    A sound current file is backed up, then overwritten page by page with the online backup API (safe
    for connections this process still has). A damaged one is kept as it is, as a ``damaged`` copy, and
    replaced whole.
    """
    problems = integrity_problems(backup)
    if problems:
        raise BackupFailed(f"{backup.name} cannot be restored: it is damaged ({problems[0]}).")
    folder = backup_dir_for(current)
    now = datetime.now()
    sound = current.exists() and not integrity_problems(current)
    try:
        folder.mkdir(exist_ok=True)
        if sound:
            path = _new_backup_path(folder, current.stem, "restore", now)
            make_backup(current, path)
            saved = BackupInfo(path, now, "restore", record_counts(path))
            copy_into(backup, current)
        else:
            path = _new_backup_path(folder, current.stem, "damaged", now)
            if current.exists():
                shutil.copy2(current, path)
            saved = BackupInfo(path, now, "damaged")
            _replace_file(backup, current)
    except sqlite3.Error as exc:
        raise BackupFailed(
            f"The restore from {backup.name} failed: {exc}; the database was not changed."
        ) from exc
    except OSError as exc:
        raise BackupFailed(f"The restore from {backup.name} failed: {exc.strerror or exc}.") from exc
    rotate(folder, RotationPolicy(), stem=current.stem)  # after: it must not remove ``backup`` first
    return saved


def _replace_file(backup: Path, current: Path) -> None:
    temp = current.with_name(current.name + ".restoring")
    shutil.copy2(backup, temp)
    with temp.open("rb") as handle:
        os.fsync(handle.fileno())
    for side in ("-wal", "-shm", "-journal"):
        current.with_name(current.name + side).unlink(missing_ok=True)
    os.replace(temp, current)
