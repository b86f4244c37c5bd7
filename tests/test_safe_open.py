"""The on-open sequence: a damaged file is detected and never written to; lock; daily backup; network."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from test_failed_import import snapshot

from coopdesk.db.database import Database
from coopdesk.db.lock import DatabaseLocked, lock_path_for
from coopdesk.safety.backup import backup_now, list_backups
from coopdesk.safety.opening import DamagedDatabase, open_safely, quick_check
from tests.helpers.old_schema import file_at_revision


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _flip_bytes_in_table_pages(path: Path) -> None:
    """Overwrite the middle of the file (b-tree pages of the tables), as a bad sector would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):
        for i in range(offset + 8, offset + 200):
            data[i] ^= 0xA5
    path.write_bytes(bytes(data))


def test_a_sound_file_opens_locked_and_gets_its_daily_backup(demo_db_path: Path) -> None:
    opened = open_safely(demo_db_path)
    try:
        assert lock_path_for(demo_db_path).exists()
        assert opened.backup is not None and opened.backup.reason == "open"
        assert opened.warnings == []
        with pytest.raises(DatabaseLocked):
            open_safely(demo_db_path)
        second = open_safely(demo_db_path, read_only=True)  # the second instance may read
        assert second.db.read_only
        second.close()
    finally:
        opened.close()
    assert not lock_path_for(demo_db_path).exists()
    again = open_safely(demo_db_path)
    again.close()
    assert len(list_backups(demo_db_path, with_counts=False)) == 1  # at most one a day


@pytest.mark.parametrize("damage", ["truncated", "flipped"])
def test_a_damaged_file_is_detected_and_left_untouched(
    demo_db: Database, demo_db_path: Path, damage: str
) -> None:
    good = backup_now(demo_db, "manual")
    demo_db.dispose()
    _checkpoint(demo_db_path)
    if damage == "truncated":
        data = _bytes(demo_db_path)
        demo_db_path.write_bytes(data[: len(data) * 2 // 3])
    else:
        _flip_bytes_in_table_pages(demo_db_path)
    damaged = _bytes(demo_db_path)
    assert quick_check(demo_db_path) != []

    with pytest.raises(DamagedDatabase) as refused:
        open_safely(demo_db_path)
    message = str(refused.value)
    assert "is damaged" in message and "has not changed it" in message
    assert refused.value.backup is not None and refused.value.backup.path == good.path
    assert str(good.path) in message
    assert _bytes(demo_db_path) == damaged, "a damaged file must never be written to"
    assert not lock_path_for(demo_db_path).exists()
    assert list_backups(demo_db_path, with_counts=False)[0].path == good.path  # no backup of the damage


def test_a_damaged_file_without_backup_says_so(db: Database, db_path: Path) -> None:
    db.dispose()
    _checkpoint(db_path)
    data = _bytes(db_path)
    db_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedDatabase, match="No good backup"):
        open_safely(db_path)


def test_a_network_drive_uses_the_rollback_journal_and_warns(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coopdesk.safety.opening.is_network_path", lambda _path: True)
    opened = open_safely(db_path)
    try:
        assert any("network drive" in w and "PostgreSQL" in w for w in opened.warnings)
        with opened.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        opened.close()


def test_a_new_database_is_created_with_its_lock(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    opened = open_safely(path, create=True)
    try:
        assert path.exists() and lock_path_for(path).exists()
    finally:
        opened.close()
    assert snapshot(path)["countries"], "the catalogue is loaded"
    assert os.path.getsize(path) > 0


def test_an_older_schema_is_backed_up_checked_before_the_upgrade(tmp_path: Path) -> None:
    from coopdesk.db.migrate import head_revision
    from coopdesk.safety.opening import schema_revision

    path = tmp_path / "old.sqlite"
    file_at_revision(path, "0001")
    before = snapshot(path)

    opened = open_safely(path)
    opened.close()
    assert schema_revision(path) == head_revision()
    migration = [b for b in list_backups(path, with_counts=False) if b.reason == "migration"]
    assert len(migration) == 1
    assert schema_revision(migration[0].path) == "0001"
    assert snapshot(migration[0].path) == before
    assert quick_check(migration[0].path) == []


def test_an_early_check_on_a_thread_gives_the_same_answer(demo_db: Database, demo_db_path: Path) -> None:
    from coopdesk.db.quick_check import checked, start_early

    demo_db.dispose()
    _checkpoint(demo_db_path)
    start_early(demo_db_path)
    assert checked(demo_db_path) == []  # the thread's answer, waited for
    _flip_bytes_in_table_pages(demo_db_path)
    start_early(str(demo_db_path))
    assert checked(demo_db_path) != []
    start_early("postgresql+psycopg://nobody@nowhere/none")  # a server URL: nothing to check here
    assert checked(demo_db_path) != [], "without an early answer, the check runs in line"
