"""Every command that writes takes the window's single-writer lock and says who holds it; read-only
commands do not need it. The workbook export cleans up after itself and flushes before it renames."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk.cli import main
from coopdesk.db.database import Database
from coopdesk.db.lock import WriterLock, lock_path_for
from coopdesk.excel import temp_files
from coopdesk.excel.export import ExportRefused, export_workbook


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def held(demo_db: Database) -> Path:
    """The demo database, held by a coopdesk window of another user (a live process of this computer)."""
    path = Path(str(demo_db.path))
    demo_db.dispose()
    holder = {
        "user": "ana",
        "host": socket.gethostname(),
        "pid": os.getppid(),
        "since": "2026-12-03T09:15:00",
    }
    lock_path_for(path).write_text(json.dumps(holder))
    return path


TREATY_TABLE = Path(__file__).parent / "data" / "treaty_status" / "untoc-status.html"


@pytest.mark.parametrize(
    "command",
    [["import", "{book}"], ["demo"], ["treaty-status", "UNTOC", str(TREATY_TABLE)]],
    ids=["import", "demo", "treaty-status"],
)
def test_a_writing_command_is_refused_while_the_window_holds_the_file(
    held: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = checksum(held)
    args = [part.replace("{book}", str(_export(held, tmp_path))) for part in command]
    assert main([*args, "--db", str(held)]) == 1
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1 and "is open in coopdesk by ana on" in err and "(since 03/12/2026 09:15)" in err
    )
    assert "nothing was changed" in err
    assert checksum(held) == before
    assert json.loads(lock_path_for(held).read_text())["user"] == "ana"  # still theirs


def _export(db_file: Path, tmp_path: Path) -> Path:
    out = tmp_path / "export.xlsx"
    if not out.exists():
        assert main(["export", "-o", str(out), "--db", str(db_file)]) == 0
    return out


def test_read_only_commands_and_a_dry_run_need_no_lock(
    held: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = checksum(held)
    book = _export(held, tmp_path)  # export reads only
    assert main(["import", str(book), "--dry-run", "--db", str(held)]) == 0
    assert (
        main(["note", "BLR", "--as-of", "30/10/2009", "-o", str(tmp_path / "n.txt"), "--db", str(held)]) == 0
    )
    assert "Nothing was changed (dry run)." in capsys.readouterr().out
    assert main(["treaty-status", "UNTOC", str(TREATY_TABLE), "--dry-run", "--db", str(held)]) == 0
    assert "Nothing was changed (dry run)" in capsys.readouterr().out
    assert main(["check", "--db", str(held)]) == 0
    assert main(["backup", "-o", str(tmp_path / "copy.sqlite"), "--db", str(held)]) == 0
    assert (tmp_path / "copy.sqlite").is_file()
    assert checksum(held) == before  # none of them wrote to the file
    assert json.loads(lock_path_for(held).read_text())["user"] == "ana"


def test_a_lock_left_by_a_dead_process_is_taken_over_and_released(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(str(demo_db.path))
    book = tmp_path / "b.xlsx"
    export_workbook(demo_db, book)
    demo_db.dispose()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    holder = {
        "user": "ana",
        "host": socket.gethostname(),
        "pid": int(dead.stdout),
        "since": "2026-12-03T09:15:00",
    }
    lock_path_for(path).write_text(json.dumps(holder))
    assert main(["import", str(book), "--db", str(path)]) == 0
    assert not lock_path_for(path).exists()


def test_the_import_holds_the_lock_while_it_writes(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window opened during the import is told the file is taken (the lock is held until the end)."""
    path = Path(str(demo_db.path))
    book = tmp_path / "b.xlsx"
    export_workbook(demo_db, book)
    demo_db.dispose()
    seen: list[str | None] = []
    from coopdesk.excel import importer

    real = importer.plan_import

    def plan_and_look(*args: object, **kwargs: object) -> object:
        holder = WriterLock(path).holder()
        seen.append(None if holder is None else holder.user)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "plan_import", plan_and_look)
    assert main(["import", str(book), "--db", str(path)]) == 0
    assert seen == ["tester"]
    assert not lock_path_for(path).exists()


# --------------------------------------------------------------------------- the export's own files


def test_a_killed_exports_temporary_file_is_removed_by_the_next_export(
    demo_db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "out.xlsx"
    stale = tmp_path / ".out-abc123.xlsx.tmp"
    stale.write_bytes(b"half a workbook")
    other = tmp_path / ".other-abc123.xlsx.tmp"  # another name's: not ours to remove
    other.write_bytes(b"x")
    export_workbook(demo_db, target)
    assert not stale.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == [".other-abc123.xlsx.tmp"]


def test_a_temporary_file_being_written_by_another_export_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    with temp_files.TempBeside(target) as running:
        assert temp_files.remove_stale(target) == []
        assert running.path.exists()
    assert not running.path.exists()  # not committed: removed


def test_the_export_is_flushed_to_disk_before_it_replaces_the_old_file(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the old export")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync file")
        real_fsync(fd)

    def replace(source: object, destination: object) -> None:
        events.append("rename")
        real_replace(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(temp_files.os, "fsync", fsync)
    monkeypatch.setattr(temp_files.os, "replace", replace)
    export_workbook(demo_db, target)
    assert events == ["fsync file", "rename", "fsync folder"]
    assert target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("kind", ["folder", "device", "link to a device"])
def test_an_export_to_what_is_not_a_file_is_refused_in_words(
    demo_db: Database, tmp_path: Path, kind: str
) -> None:
    if kind == "folder":
        target, expected = tmp_path, "it is a folder"
    elif kind == "device":
        target, expected = Path("/dev/null"), "it is a device"
    else:
        target = tmp_path / "out.xlsx"
        target.symlink_to("/dev/null")
        expected = "it is a link to /dev/null, which is not a file"
    with pytest.raises(ExportRefused, match=expected):
        export_workbook(demo_db, target)
