"""Copying an SQLite database file: the one place it is done, and always checked.

Backups, the copy taken before a schema upgrade and a restore all copy with SQLite's online backup API
(consistent even while another connection writes). A new copy is written beside its target, must pass
``PRAGMA integrity_check``, is flushed to disk, and only then takes the target's name: a copy that exists
is a sound one.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from coopdesk.db.errors import DatabaseProblem


class CopyFailed(DatabaseProblem):
    """A copy could not be made or did not pass its check; the message says why in plain words."""


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong with a database file ([] when it is sound)."""
    if not path.is_file():
        return [f"{path} does not exist"]
    try:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return [f"{path.name} is not an SQLite database"]
        conn = sqlite3.connect(f"file:{path.absolute()}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def copy_into(source: Path, target: Path, *, standalone: bool = False) -> None:
    """Copy ``source`` over the database in ``target`` (created if missing) with the online backup API.
    ``standalone`` leaves the copy in the rollback journal mode, with no WAL side files to lose."""
    src = sqlite3.connect(f"file:{source.absolute()}?mode=ro", uri=True, timeout=30)
    try:
        dest = sqlite3.connect(str(target), timeout=30)
        try:
            src.backup(dest)
            if standalone:
                dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def checked_copy(source: Path, target: Path) -> None:
    """A standalone copy of ``source`` at ``target``, which exists only once it passed the integrity
    check and is on disk. Raises ``CopyFailed`` (and leaves nothing behind) otherwise."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy_into(source, partial, standalone=True)
        problems = integrity_problems(partial)
        if problems:
            raise CopyFailed(f"The copy of {source.name} failed its integrity check: {problems[0]}")
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise CopyFailed(f"The copy of {source.name} could not be made: {exc}") from exc
    except OSError as exc:
        raise CopyFailed(f"The copy of {source.name} could not be written: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
