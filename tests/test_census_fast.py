"""The byte-search census never counts less than the parser's exact one, and gives way on anything else."""

from __future__ import annotations

import zipfile
from array import array
from pathlib import Path

import pytest

from coopdesk.db.database import Database
from coopdesk.excel import census_fast, xlsx_census
from coopdesk.excel.export import export_workbook
from coopdesk.excel.limits import DEFAULT_LIMITS, WorkbookRefused
from tests.helpers.hostile_workbooks import HARMLESS, HOSTILE, MAIN, part_of


def _exact(xml: bytes, lengths: array[int], tmp_path: Path) -> xlsx_census.SheetCensus:
    book = tmp_path / "one.zip"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("s.xml", xml)
    with zipfile.ZipFile(book) as archive:
        clock = xlsx_census._Clock("x", 60)
        return xlsx_census._sheet(archive, "s.xml", "S", "x", lengths, DEFAULT_LIMITS, (10**9, 10**9), clock)


def _sheet(cells: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?><worksheet xmlns="'
        + MAIN
        + b'"><sheetData>'
        + cells
        + b"</sheetData></worksheet>"
    )


LENGTHS = array("q", [5, 40_000, 3])
TRICKS = {
    "canonical": b'<row r="2"><c r="A2" s="1" t="s"><v>0</v></c><c r="B2"><v>7</v></c><c r="C2" s="3"/></row>',
    "a second reference": b'<row r="2"><c r="A2" r="XFD2"><v>1</v></c></row>',
    "a type before the style": b'<row r="2"><c r="A2" t="s" s="1"><v>1</v></c></row>',
    "single quotes": b"<row r='2'><c r='XFD2' t='s'><v>1</v></c></row>",
    "a line break in the tag": b'<row r="2"><c\nr="XFD2"><v>1</v></c></row>',
    "a prefix": b'<row r="2"><x:c xmlns:x="' + MAIN + b'" r="XFD2"><x:v>1</x:v></x:c></row>',
    "no reference": b'<row r="2"><c><v>1</v></c><c><v>1</v></c></row>',
    "two values": b'<row r="2"><c r="A2" t="s"><v>2</v><v>1</v></c></row>',
    "a comment": b'<row r="2"><!-- <c r="A2"> --><c r="XFD2"><v>1</v></c></row>',
    "inline text": b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"w" * 100 + b"</t></is></c></row>",
    "lower case": b'<row r="2"><c r="xfd2"><v>1</v></c></row>',
    "shared text not there": b'<row r="2"><c r="A2" t="s"><v>9</v></c></row>',
    "an attribute holding a tag": b'<row r="2"><c r="A2" zz="&lt;c r=&quot;XFD2&quot;"><v>1</v></c></row>',
    "shared text after another attribute": b'<row r="2"><c r="A2" t="s" cm="1"><v>1</v></c></row>',
    't="s" in a formula\'s text': b'<row r="2"><c r="A2"><f>"t=""s"""</f><v>1</v></c>'
    b'<c r="B2" t="s"><v>1</v></c></row>',
    "a formula's text result": b'<row r="2"><c r="A2" t="str"><f>A1</f><v>' + b"w" * 100 + b"</v></c></row>",
    "rows out of order": b'<row r="9"><c r="A9"><v>1</v></c></row><row r="2"><c r="B2"><v>1</v></c></row>',
    "a row number with zeros in front": b'<row r="2"><c r="A0000123"><v>1</v></c></row>',
    "shared text without its index": b'<row r="2"><c r="A2" t="s"/><c r="XFD2"><v>1</v></c></row>',
    't="s" ending a longer name': b'<row r="2"><c r="A2" ut="s"><v>1</v></c><c r="XFD2"><v>1</v></c></row>',
    "a column definition among the cells": b'<row r="2"><col min="1" max="2"/><c r="XFD2"><v>1</v></c></row>',
}


@pytest.mark.parametrize("case", list(TRICKS))
def test_the_fast_count_is_never_below_the_exact_one(case: str, tmp_path: Path) -> None:
    xml = _sheet(TRICKS[case])
    fast = census_fast.count_sheet(xml, LENGTHS)
    try:
        exact = _exact(xml, LENGTHS, tmp_path)
    except WorkbookRefused:
        assert fast is None or fast.columns > DEFAULT_LIMITS.max_columns or fast.longest > 32_767
        return
    if fast is not None:
        assert fast.rows >= exact.rows and fast.columns >= exact.columns
        assert fast.cells >= exact.cells and fast.characters >= exact.characters


def test_a_sheet_of_many_slices_is_counted_as_the_parser_counts_it(tmp_path: Path) -> None:
    """Cut into slices of a quarter of a MB, the sheet's count is the exact one (rows out of order and
    a wide cell in the last slice included)."""
    rows = [
        b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" s="2"><v>%d</v></c><c r="C%d" s="1"/></row>'
        % (r, r, r % 3, r, r, r)
        for r in range(2, 30_002)
    ]
    rows.insert(100, b'<row r="40000"><c r="D40000" t="s"><v>1</v></c></row>')
    rows.append(b'<row r="7"><c r="AN7"><v>1</v></c></row>')
    xml = _sheet(b"".join(rows))
    assert len(xml) > 4 * census_fast._SLICE
    lengths = array("q", [5, 7, 3])
    fast = census_fast.count_sheet(xml, lengths)
    exact = _exact(xml, lengths, tmp_path)
    assert fast is not None
    assert (fast.rows, fast.columns) == (exact.rows, exact.columns) == (40_000, 40)
    assert fast.cells >= exact.cells and fast.characters == exact.characters


def test_the_fast_count_takes_a_workbook_as_programs_write_it(demo_db: Database, tmp_path: Path) -> None:
    book = tmp_path / "demo.xlsx"
    export_workbook(demo_db, book)
    with zipfile.ZipFile(book) as archive:
        lengths = census_fast.shared_lengths(archive.read("xl/sharedStrings.xml"))
        assert lengths is not None
        counted = census_fast.count_sheet(archive.read(part_of(book)), lengths)
    assert counted is not None and counted.columns == 12 and counted.rows == 19


@pytest.mark.parametrize("case", [*HOSTILE, *HARMLESS])
def test_every_built_file_gets_the_same_verdict_with_or_without_the_fast_count(
    case: str, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the fast count lets through, the parser's count lets through too."""
    from coopdesk.excel.importer import read_workbook

    good = tmp_path / "good.xlsx"
    export_workbook(demo_db, good)
    bad = tmp_path / "case.xlsx"
    make = HOSTILE[case][0] if case in HOSTILE else HARMLESS[case]
    make(good, bad)

    def verdict() -> str:
        try:
            read_workbook(bad)
        except WorkbookRefused as exc:
            return str(exc)
        return "read"

    with_fast = verdict()
    monkeypatch.setattr(census_fast, "count_sheet", lambda data, lengths: None)
    monkeypatch.setattr(census_fast, "shared_lengths", lambda data: None)
    assert verdict() == with_fast
