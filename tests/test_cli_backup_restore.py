"""``coopdesk backup`` and ``coopdesk restore``: plain output, plain errors, and data given back exactly."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_failed_import import snapshot

from coopdesk.cli import main
from coopdesk.db.lock import WriterLock
from coopdesk.safety.backup import list_backups
from coopdesk.safety.opening import quick_check


def _delete_all_treaty_actions(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM treaty_actions")
    conn.commit()
    conn.close()


def test_backup_then_restore_round_trip(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(demo_db_path)]) == 0
    out = capsys.readouterr().out
    assert "Backed up 36 records" in out and "integrity check passed" in out
    backup = list_backups(demo_db_path)[0]
    original = snapshot(backup.path)

    _delete_all_treaty_actions(demo_db_path)
    assert main(["restore", str(backup.path), "--db", str(demo_db_path)]) == 0
    out = capsys.readouterr().out
    assert "Restored 36 records" in out and "replaced was kept in" in out
    assert snapshot(demo_db_path) == original

    assert main(["backup", "--list", "--db", str(demo_db_path)]) == 0
    listing = capsys.readouterr().out
    assert "backed up by hand): 36 records" in listing and "before a restore" in listing


def test_backup_to_a_file(demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.sqlite"
    assert main(["backup", "-o", str(target), "--db", str(demo_db_path)]) == 0
    assert snapshot(target) == snapshot(demo_db_path)
    capsys.readouterr()
    assert main(["backup", "-o", str(target), "--db", str(demo_db_path)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_restore_replaces_a_damaged_database(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", str(demo_db_path)]) == 0
    backup = list_backups(demo_db_path)[0]
    conn = sqlite3.connect(demo_db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = demo_db_path.read_bytes()
    demo_db_path.write_bytes(data[: len(data) // 2])
    assert quick_check(demo_db_path)

    assert main(["restore", str(backup.path), "--db", str(demo_db_path)]) == 0
    assert quick_check(demo_db_path) == []
    assert snapshot(demo_db_path) == snapshot(backup.path)
    kept = [b for b in list_backups(demo_db_path, with_counts=False) if b.reason == "damaged"]
    assert kept and kept[0].path.read_bytes() == data[: len(data) // 2]  # the damaged file is kept


def test_restore_is_refused_while_coopdesk_has_the_file_open(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.sqlite"
    assert main(["backup", "-o", str(target), "--db", str(demo_db_path)]) == 0
    before = snapshot(demo_db_path)
    with WriterLock(demo_db_path):
        capsys.readouterr()
        assert main(["restore", str(target), "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert "is open in coopdesk by tester" in err
    assert snapshot(demo_db_path) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "there is no backup file"), (b"hello, not a database", "cannot be restored")],
)
def test_bad_restore_input_is_one_plain_line(
    demo_db_path: Path, tmp_path: Path, content: bytes | None, expected: str
) -> None:
    bad = tmp_path / "bad.sqlite"
    if content is not None:
        bad.write_bytes(content)
    before = snapshot(demo_db_path)
    result = subprocess.run(
        [sys.executable, "-m", "coopdesk", "restore", str(bad), "--db", str(demo_db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert snapshot(demo_db_path) == before
