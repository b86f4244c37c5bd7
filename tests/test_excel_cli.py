"""``coopdesk export`` and ``coopdesk import`` from the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from coopdesk.cli import main
from coopdesk.db.opener import open_database
from coopdesk.records.service import RecordService


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_edit_dry_run_then_import(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "belarus.xlsx"
    assert (
        main(
            [
                "export",
                "-o",
                str(book),
                "--country",
                "Belarus",
                "--as-of",
                "30/10/2009",
                "--db",
                str(demo_db_path),
            ]
        )
        == 0
    )
    assert "Wrote 36 records of 1 country" in capsys.readouterr().out

    wb = openpyxl.load_workbook(book)
    ws = wb["National initiatives"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Date") + 1, value=dt.datetime(2008, 3, 3))
    wb.save(book)

    before = checksum(demo_db_path)
    assert main(["import", str(book), "--dry-run", "--db", str(demo_db_path)]) == 0
    out = capsys.readouterr().out
    assert "0 to add, 1 to change, 35 unchanged" in out
    assert "Date: set to “3 March 2008”" in out and "Nothing was changed (dry run)." in out
    assert checksum(demo_db_path) == before

    assert main(["import", str(book), "--db", str(demo_db_path)]) == 0
    assert "Imported: 0 added, 1 changed." in capsys.readouterr().out
    db = open_database(demo_db_path)
    try:
        dates = [str(r.values["initiative_date"]) for r in RecordService(db).list("national_initiative")]
    finally:
        db.dispose()
    assert "3 March 2008" in dates


def test_import_with_problems_lists_them_and_changes_nothing(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "belarus.xlsx"
    assert main(["export", "-o", str(book), "--db", str(demo_db_path)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Contributions"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Amount") + 1, value="twenty")
    ws.cell(row=2, column=header.index("Country") + 1, value="Narnia")
    wb.save(book)
    capsys.readouterr()
    before = checksum(demo_db_path)
    assert main(["import", str(book), "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert "belarus.xlsx cannot be imported: 2 problems to fix." in err
    assert "Contributions, row 2, Amount: 'twenty' is not an amount" in err
    assert "Traceback" not in err
    assert checksum(demo_db_path) == before


def test_export_refusals_are_one_line(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["export", "-o", str(tmp_path / "x.xlsx"), "--country", "Atlantis", "--db", str(demo_db_path)])
        == 1
    )
    assert main(["export", "-o", str(tmp_path / "x.csv"), "--db", str(demo_db_path)]) == 1
    assert main(["export", "-o", str(tmp_path / "no" / "x.xlsx"), "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("coopdesk: ") for line in err)
    assert "'Atlantis' is not a known country" in err[0]
    assert not list(tmp_path.glob("*.xlsx*"))
