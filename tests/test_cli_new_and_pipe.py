"""``coopdesk new`` makes an empty database; a reader that closes the output ends a command quietly."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopdesk", *args], capture_output=True, text=True, timeout=120
    )


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


@pytest.mark.parametrize("command", ["new", "init"])
def test_new_makes_an_empty_database_that_export_and_check_then_use(tmp_path: Path, command: str) -> None:
    path = tmp_path / "office.sqlite"
    before = run("export", "-o", str(tmp_path / "x.xlsx"), "--db", str(path))
    assert before.returncode == 1 and "There is no database at" in before.stderr
    assert "'coopdesk new --db PATH' creates an empty one" in before.stderr
    made = run(command, "--db", str(path))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Created an empty database at {path}")
    assert "195 countries" in made.stdout and "no records" in made.stdout
    assert _count(path, "countries") == 195
    assert _count(path, "treaty_actions") == 0
    checked = run("check", "--db", str(path))
    assert checked.returncode == 0 and "no problem found" in checked.stdout
    exported = run("export", "-o", str(tmp_path / "empty.xlsx"), "--db", str(path))
    assert exported.returncode == 0, exported.stderr
    assert "Wrote 0 records" in exported.stdout


def test_new_never_touches_an_existing_file(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_db_path.read_bytes()
    assert main(["new", "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert (
        err.strip()
        == f"coopdesk: {demo_db_path} already exists; 'new' only creates a database and leaves this one as it is"
    )
    assert demo_db_path.read_bytes() == before
    text = tmp_path / "notes.txt"
    text.write_text("mine")
    assert main(["init", "--db", str(text)]) == 1
    assert text.read_text() == "mine"
    assert main(["new", "--db", str(tmp_path / "no" / "folder" / "x.sqlite")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_an_import_piped_into_head_ends_quietly(tmp_path: Path, db_path: Path) -> None:
    """The preview of a real import is longer than the pipe holds; ``head`` closes it after a few lines."""
    from bench.stress_data import generate
    from coopdesk.db.opener import open_database

    stress = tmp_path / "stress.sqlite"
    generated = open_database(stress, create=True)
    generate(generated, records=3000)
    generated.dispose()
    book = tmp_path / "all.xlsx"
    assert run("export", "-o", str(book), "--db", str(stress)).returncode == 0
    before = db_path.read_bytes()
    pipeline = subprocess.run(
        f'"{sys.executable}" -m coopdesk import "{book}" --db "{db_path}" | head -n 3',
        shell=True,
        capture_output=True,
        text=True,
        timeout=300,
        executable="/bin/bash",
    )
    assert pipeline.stderr == ""  # no "Broken pipe", no "Exception ignored"
    assert len(pipeline.stdout.splitlines()) == 3
    first, second, _ = pipeline.stdout.splitlines()
    # The 3,000 records, and the meetings the generator added to its catalogue, which they attend.
    assert re.fullmatch(r"3,\d{3} to add, 0 to change, 0 unchanged in all\.xlsx\.", first)
    assert re.fullmatch(r"Meetings: \d+ added, 0 changed, \d+ unchanged", second)
    # It stopped while the preview was being written: the import is all or nothing, so nothing changed.
    assert _count(db_path, "treaty_actions") == 0
    assert db_path.read_bytes() == before
    status = subprocess.run(
        f'"{sys.executable}" -m coopdesk import "{book}" --db "{db_path}" --dry-run | head -n 1; '
        "echo ${PIPESTATUS[0]}",
        shell=True,
        capture_output=True,
        text=True,
        timeout=300,
        executable="/bin/bash",
    )
    assert status.stderr == ""
    assert status.stdout.splitlines()[-1] == "1"  # a non-zero exit tells a script the output was cut
