"""The command line: demo, check, --version, --help, and plain one-line errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk import __version__
from coopdesk.launcher import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopdesk", *args], capture_output=True, text=True, timeout=120
    )


def test_demo_then_check(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    made = run("demo", "--db", str(path))
    assert made.returncode == 0, made.stderr
    assert "Added 36 demo records" in made.stdout
    checked = run("--db", str(path), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Integrity check: ok" in checked.stdout
    assert "Foreign key check: ok" in checked.stdout
    assert "no problem found" in checked.stdout


def test_demo_twice_is_refused_and_changes_nothing(demo_db_path: Path) -> None:
    before = demo_db_path.read_bytes()
    result = run("demo", "--db", str(demo_db_path))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "coopdesk: This database already holds records for Belarus; the demo data was not added."
    )
    assert "Traceback" not in result.stderr
    assert demo_db_path.read_bytes() == before


def test_check_reports_broken_references(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute(
        "INSERT INTO treaty_actions (id, country_code, source, notes, created_at, updated_at, created_by, updated_by,"
        " version, instrument_code, action, depositary_notification, text)"
        " VALUES ('x', 'BLR', '', '', '2009-01-01', '2009-01-01', '', '', 1, 'GONE', 'ratification', '', '')"
    )
    con.commit()
    con.close()
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "1 broken references" in out and "PROBLEMS FOUND" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--db", "{tmp}/missing.sqlite"], "There is no database at"),
        (["check", "--db", "{tmp}/text.sqlite"], "is not a coopdesk database"),
        (["demo", "--db", "{tmp}/no/such/folder/x.sqlite"], "does not exist"),
    ],
)
def test_bad_input_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "text.sqlite").write_text("hello")
    code = main([a.replace("{tmp}", str(tmp_path)) for a in args])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert (tmp_path / "text.sqlite").read_text() == "hello"


def test_version_and_help() -> None:
    version = run("--version")
    assert version.stdout.strip() == f"coopdesk {__version__}"
    helped = run("--help")
    assert helped.returncode == 0 and "demo" in helped.stdout and "check" in helped.stdout
    sub = run("demo", "--help")
    assert sub.returncode == 0 and "--db" in sub.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = run("check", "--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr


@pytest.mark.parametrize(
    ("argv", "database"),
    [([], None), (["--db", "office.sqlite"], "office.sqlite"), (["--db=office.sqlite"], "office.sqlite")],
)
def test_opening_the_window_builds_no_subcommand_parser(
    argv: list[str], database: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coopdesk.cli

    def no_parser() -> None:
        raise AssertionError("the subcommands' parser was built to open the window")

    monkeypatch.setattr(coopdesk.cli, "build_parser", no_parser)
    opened: list[str | None] = []
    assert coopdesk.cli.main(argv, open_gui=lambda db: opened.append(db) or 0) == 0
    assert opened == [database]


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["--db"], 2, "expected one argument"),
        (["--db", "--version"], 2, "expected one argument"),
        (["--db", "x.sqlite", "--version"], 0, __version__),
    ],
)
def test_anything_more_than_a_database_goes_through_the_full_parser(
    argv: list[str], code: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import coopdesk.cli

    opened: list[str | None] = []
    with pytest.raises(SystemExit) as exit_info:
        coopdesk.cli.main(argv, open_gui=lambda db: opened.append(db) or 0)
    assert exit_info.value.code == code and opened == []
    captured = capsys.readouterr()
    assert said in captured.out + captured.err
