"""The census runs a sheet ahead of the reader: a sheet is read only once it is cleared, a refusal of a
later sheet still refuses the workbook, and no census thread outlives a reading."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import python_calamine

from coopdesk.db.database import Database
from coopdesk.excel.census_ahead import CensusAhead
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import read_workbook
from coopdesk.excel.limits import DEFAULT_LIMITS, WorkbookRefused
from coopdesk.records.service import RecordService
from tests.helpers.hostile_workbooks import HEADER_ROW, with_sheet, worksheet

LAST_SHEET = "Organisation profile"  # the last sheet the reader reads
FIRST_SHEET = "Memberships"


def _census_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "workbook census"]


def _far_corner(good: Path, bad: Path, title: str) -> None:
    rows = HEADER_ROW + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    with_sheet(good, bad, worksheet(rows), title=title)


@pytest.fixture
def good_book(demo_db: Database, tmp_path: Path) -> Path:
    book = tmp_path / "good.xlsx"
    export_workbook(demo_db, book)
    return book


@pytest.fixture
def sheets_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the sheets python-calamine is asked to build, in order."""
    read: list[str] = []
    real = python_calamine.CalamineWorkbook.get_sheet_by_name

    def spy(book: python_calamine.CalamineWorkbook, name: str) -> python_calamine.CalamineSheet:
        read.append(name)
        return real(book, name)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "get_sheet_by_name", spy)
    return read


def test_a_refused_last_sheet_refuses_the_workbook_and_is_never_read(
    good_book: Path, tmp_path: Path, sheets_read: list[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    _far_corner(good_book, bad, LAST_SHEET)
    with pytest.raises(WorkbookRefused, match=f"{LAST_SHEET}.*column XFD"):
        read_workbook(bad)
    assert FIRST_SHEET in sheets_read  # the sheets before it were read while it was being counted...
    assert LAST_SHEET not in sheets_read  # ...but never the refused one
    assert not _census_threads()


def test_a_refused_first_sheet_stops_the_reading_before_anything_is_read(
    good_book: Path, tmp_path: Path, sheets_read: list[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    _far_corner(good_book, bad, FIRST_SHEET)
    with pytest.raises(WorkbookRefused, match=f"{FIRST_SHEET}.*column XFD"):
        read_workbook(bad)
    assert sheets_read == []
    assert not _census_threads()


def test_a_reading_that_fails_on_its_own_stops_the_census(
    good_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_book: python_calamine.CalamineWorkbook, _name: str) -> None:
        raise RuntimeError("the sheet's XML is broken")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "get_sheet_by_name", broken)
    with pytest.raises(WorkbookRefused, match=f"the sheet {FIRST_SHEET} cannot be read"):
        read_workbook(good_book)
    assert not _census_threads()


def test_a_good_workbook_is_read_whole_and_leaves_no_thread(good_book: Path, demo_db: Database) -> None:
    parsed = read_workbook(good_book)
    assert parsed.ok
    # every treaty action is there, set aside as exported (untouched_rows) since none was edited
    assert len(parsed.untouched["treaty_action"]) == RecordService(demo_db).count("treaty_action")
    assert not parsed.rows["treaty_action"]
    assert not _census_threads()


def test_each_sheet_waits_for_its_own_census(good_book: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    _far_corner(good_book, bad, "Contributions")
    with CensusAhead(bad, ["Memberships", "Treaty actions", "Contributions", "Letters"], DEFAULT_LIMITS) as c:
        c.shared_cleared()
        c.cleared("Memberships")
        c.cleared("Treaty actions")
        with pytest.raises(WorkbookRefused, match="Contributions"):
            c.cleared("Contributions")
        with pytest.raises(WorkbookRefused, match="Contributions"):  # nothing after it is cleared
            c.cleared("Letters")
    assert not _census_threads()


def test_a_file_that_is_no_zip_is_named_damaged(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    with (
        CensusAhead(bad, ["Memberships"], DEFAULT_LIMITS) as c,
        pytest.raises(WorkbookRefused, match="damaged"),
    ):
        c.shared_cleared()
    assert not _census_threads()
