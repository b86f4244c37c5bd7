"""Backups: checked before they count, consistent while another process writes, rotated, restorable."""

from __future__ import annotations

import os
import signal
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_failed_import import snapshot

from coopdesk.db.database import Database
from coopdesk.db.file_copy import integrity_problems
from coopdesk.db.opener import open_database
from coopdesk.records.service import RecordService
from coopdesk.safety.backup import (
    BackupFailed,
    RotationPolicy,
    backup_dir_for,
    backup_now,
    backups_to_keep,
    daily_backup_if_due,
    list_backups,
    restore_backup,
    rotate,
)
from tests.helpers.writer_child import edit_loop, fork_child, read_lines


def test_backup_is_a_checked_copy_listed_with_its_record_counts(
    demo_db: Database, demo_db_path: Path
) -> None:
    info = backup_now(demo_db, "manual")
    assert info.path.parent == backup_dir_for(demo_db_path)
    assert integrity_problems(info.path) == []
    total = RecordService(demo_db).total_records()
    assert total > 10
    assert info.total_records == total
    listed = list_backups(demo_db_path)
    assert [b.path for b in listed] == [info.path]
    assert listed[0].total_records == total
    assert "records" in listed[0].describe() and "backed up by hand" in listed[0].describe()


def test_restore_gives_back_exactly_the_backed_up_data(demo_db: Database, demo_db_path: Path) -> None:
    service = RecordService(demo_db)
    info = backup_now(demo_db, "manual")
    backed_up = snapshot(info.path)
    # Change things after the backup: an edit, a delete, an addition.
    first = service.list("treaty_action")[0]
    service.update("treaty_action", first.key, {"notes": "changed after the backup"}, expected_version=None)
    service.delete("national_initiative", service.list("national_initiative")[0].key, expected_version=None)
    service.create("national_initiative", {"title": "after", "kind": "law"}, country="BLR")
    changed = snapshot(demo_db_path)
    assert changed != backed_up

    saved = restore_backup(demo_db, info.path)
    assert snapshot(demo_db_path) == backed_up
    assert integrity_problems(demo_db_path) == []
    # The replaced content was backed up first, so the restore can itself be undone.
    assert saved.reason == "restore"
    assert snapshot(saved.path) == changed
    # The open database sees the restored content at once.
    assert service.get("treaty_action", first.key).get("notes") != "changed after the backup"


def test_a_damaged_backup_is_refused_and_nothing_changes(demo_db: Database, demo_db_path: Path) -> None:
    info = backup_now(demo_db, "manual")
    data = bytearray(info.path.read_bytes())
    info.path.write_bytes(bytes(data[: len(data) // 3]))
    before = snapshot(demo_db_path)
    with pytest.raises(BackupFailed, match="damaged"):
        restore_backup(demo_db, info.path)
    assert snapshot(demo_db_path) == before


def test_postgres_databases_are_not_backed_up_as_files() -> None:
    from sqlalchemy import create_engine

    fake = Database("postgresql+psycopg://u@localhost/x", create_engine("sqlite://"))
    with pytest.raises(BackupFailed, match="pg_dump"):
        backup_now(fake)


def test_daily_backup_happens_at_most_once_a_day(db: Database, db_path: Path) -> None:
    morning = datetime(2026, 3, 2, 9, 0)
    assert daily_backup_if_due(db, now=morning) is not None
    assert daily_backup_if_due(db, now=morning + timedelta(hours=5)) is None
    assert daily_backup_if_due(db, now=morning + timedelta(days=1)) is not None
    assert len(list_backups(db_path, with_counts=False)) == 2


def test_rotation_keeps_seven_daily_five_weekly_twelve_monthly() -> None:
    now = datetime(2026, 11, 28, 12, 0)
    # Two backups a day for two years.
    stamps = [now - timedelta(hours=12 * i) for i in range(2 * 730)]
    keep = backups_to_keep(stamps, RotationPolicy(recent=1, daily=7, weekly=5, monthly=12))
    days = {t.date() for t in keep if now - t < timedelta(days=7)}
    assert len(days) == 7  # one per day for the last week
    assert all(sum(1 for t in keep if t.date() == d) == 1 for d in days)  # the newest of each day
    weeks = {t.isocalendar()[:2] for t in keep}
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12
    assert min(keep) > now - timedelta(days=366)
    assert len(weeks) >= 5
    assert len(keep) <= 7 + 5 + 12
    assert max(stamps) in keep


def test_rotation_keeps_the_ten_newest_whatever_their_day() -> None:
    now = datetime(2026, 11, 28, 12, 0)
    stamps = [now - timedelta(minutes=i) for i in range(30)]
    keep = backups_to_keep(stamps, RotationPolicy())
    assert keep == set(stamps[:10])


def test_rotate_deletes_the_files_it_does_not_keep(db: Database, db_path: Path) -> None:
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(40):
        backup_now(
            db, "open", now=start + timedelta(days=day), policy=RotationPolicy(10**6, 10**6, 10**6, 10**6)
        )
    assert len(list_backups(db_path, with_counts=False)) == 40
    deleted = rotate(
        backup_dir_for(db_path), RotationPolicy(recent=1, daily=7, weekly=5, monthly=12), stem=db_path.stem
    )
    kept = list_backups(db_path, with_counts=False)
    assert len(kept) + len(deleted) == 40
    expected = backups_to_keep([start + timedelta(days=d) for d in range(40)], RotationPolicy(1, 7, 5, 12))
    assert {b.taken_at for b in kept} == expected
    assert all(not p.exists() for p in deleted)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_backups_taken_while_another_process_writes_all_pass_the_check(db: Database, db_path: Path) -> None:
    pid, fd = fork_child(lambda w: edit_loop(db_path, "bk", w))
    infos = []
    try:
        time.sleep(0.1)
        for i in range(6):
            infos.append(backup_now(db, "manual", target=db_path.with_name(f"copy-{i}.sqlite")))
            time.sleep(0.05)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    lines = read_lines(fd)
    assert len(lines) > 10, "the writer must have been busy during the backups"
    totals = [info.total_records for info in infos]
    assert all(integrity_problems(info.path) == [] for info in infos)
    assert totals == sorted(totals) and totals[-1] > totals[0]


def test_backup_into_a_missing_folder_is_a_plain_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(BackupFailed, match="could not be"):
        backup_now(db, target=tmp_path / "no such folder" / "x.sqlite")
    # The source is untouched and still opens.
    open_database(db.path or "").dispose()
