"""Hostile and unusual workbooks, built from a good export by replacing one sheet's XML (small on disk).

Each builder takes the good workbook and the path to write, and returns nothing; ``HOSTILE`` maps a
name to (builder, words the refusal must hold). ``HARMLESS`` holds files that look odd but must import.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from coopdesk.excel.xlsx_census import sheet_parts

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "Treaty actions"
HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Instrument</t></is></c></row>'
)


def rezip(source: Path, target: Path, replace: dict[str, bytes], level: int = 9) -> None:
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as new,
    ):
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
        for name, data in replace.items():
            if name not in old.namelist():
                new.writestr(name, data)


def part_of(path: Path, title: str = SHEET) -> str:
    with zipfile.ZipFile(path) as archive:
        return sheet_parts(archive, path.name)[title]


def worksheet(rows: bytes | Iterable[bytes], *, extra_ns: bytes = b"", before: bytes = b"") -> bytes:
    body = rows if isinstance(rows, bytes) else b"".join(rows)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="'
        + MAIN
        + b'"'
        + extra_ns
        + b">"
        + before
        + b"<sheetData>"
        + body
        + b"</sheetData></worksheet>"
    )


def with_sheet(good: Path, bad: Path, xml: bytes, title: str = SHEET, shared: bytes | None = None) -> None:
    replace = {part_of(good, title): xml}
    if shared is not None:
        replace["xl/sharedStrings.xml"] = shared
    rezip(good, bad, replace)


def noise(count: int, seed: int = 1) -> list[int]:
    """Numbers that vary, so that a file of many cells does not also pack like a zip bomb (which is
    refused before anything else); the file stays a few MB at most."""
    rng = random.Random(seed)
    return [rng.randrange(100) for _ in range(count)]


def shared_strings(items: Iterable[bytes]) -> bytes:
    body = b"".join(b"<si><t>" + item + b"</t></si>" for item in items)
    return b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + MAIN + b'">' + body + b"</sst>"


def _add_shared(good: Path, items: list[bytes]) -> tuple[bytes, int]:
    """The shared-strings part with ``items`` appended, and the index of the first of them."""
    with zipfile.ZipFile(good) as archive:
        old = archive.read("xl/sharedStrings.xml")
    count = old.count(b"<si>")
    head, _, _ = old.rpartition(b"</sst>")
    added = b"".join(b"<si><t>" + item + b"</t></si>" for item in items)
    return head + added + b"</sst>", count


# --------------------------------------------------------------------------- the files


def far_corner(good: Path, bad: Path) -> None:
    """One cell at A2 and one at XFD1048576: a 512 GB grid."""
    rows = HEADER_ROW + b'<row r="2"><c r="A2"><v>1</v></c></row>'
    rows += b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    with_sheet(good, bad, worksheet(rows))


def spread_to_xfd40000(good: Path, bad: Path) -> None:
    """A few cells spread down to row 40,000 and across to column XFD."""
    rows = [HEADER_ROW] + [
        b'<row r="%d"><c r="A%d"><v>1</v></c><c r="XFD%d"><v>2</v></c></row>' % (r, r, r)
        for r in range(2, 40_001, 997)
    ]
    with_sheet(good, bad, worksheet(rows))


def reused_long_string(good: Path, bad: Path) -> None:
    """One 32,000-character shared string used in 1,500 cells: 48 million characters once copied."""
    table, index = _add_shared(good, [b"x" * 32_000])
    rows = [HEADER_ROW] + [
        b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (r, r, index) for r in range(2, 1502)
    ]
    with_sheet(good, bad, worksheet(rows), shared=table)


def empty_text_at_xfd1(good: Path, bad: Path) -> None:
    """An empty text cell at XFD1 above 2,000 rows of one column."""
    rows = [
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c><c r="XFD1" t="inlineStr"><is><t></t></is></c></row>'
    ]
    rows += [b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(2, 2002)]
    with_sheet(good, bad, worksheet(rows))


def _many_rows(template: bytes, count: int = 300_100) -> bytes:
    values = noise(count)
    return b"".join(
        template % {b"r": str(r).encode(), b"v": str(values[r - 2]).encode()} for r in range(2, count + 2)
    )


def rows_after_line_break(good: Path, bad: Path) -> None:
    """300,000 rows whose tags break the line after ``<row`` (byte counting saw none)."""
    with_sheet(
        good,
        bad,
        worksheet(HEADER_ROW + _many_rows(b'<row\n r="%(r)s"><c r="A%(r)s"><v>%(v)s</v></c></row>')),
    )


def rows_with_prefix(good: Path, bad: Path) -> None:
    """300,000 rows as ``<x:row>`` in a prefixed namespace."""
    ns = b' xmlns:x="' + MAIN + b'"'
    rows = _many_rows(b'<x:row r="%(r)s"><x:c r="A%(r)s"><x:v>%(v)s</x:v></x:c></x:row>')
    with_sheet(good, bad, worksheet(HEADER_ROW + rows, extra_ns=ns))


def cells_in_one_row(good: Path, bad: Path) -> None:
    """300,000 rows' cells all inside one ``<row>`` element, each placed by its own reference."""
    cells = b"".join(
        b'<c r="A%d"><v>%d</v></c>' % (r, v) for r, v in zip(range(2, 300_102), noise(300_100), strict=True)
    )
    with_sheet(good, bad, worksheet(HEADER_ROW + b'<row r="2">' + cells + b"</row>"))


# --------------------------------------------------------------------------- variants of our own


def cells_without_references(good: Path, bad: Path) -> None:
    """20,000 cells in one row with no ``r``: the reader places them one column after another."""
    cells = b"<c><v>1</v></c>" * 20_000
    with_sheet(good, bad, worksheet(HEADER_ROW + b'<row r="2">' + cells + b"</row>"))


def rows_without_numbers(good: Path, bad: Path) -> None:
    """300,001 ``<row>`` elements without ``r``: each is one row below the one before."""
    rows = b"".join(b"<row><c><v>%d</v></c></row>" % v for v in noise(300_001))
    with_sheet(good, bad, worksheet(HEADER_ROW + rows))


def one_cell_many_times(good: Path, bad: Path) -> None:
    """3,000,001 cells all at A2: the grid is small, but the reader keeps every one of them."""
    cells = b"".join(b'<c r="A2"><v>%d</v></c>' % v for v in noise(3_000_001))
    with_sheet(good, bad, worksheet(HEADER_ROW + b'<row r="2">' + cells + b"</row>"))


def huge_shared_table(good: Path, bad: Path) -> None:
    """1,300 distinct shared strings of 32,000 characters, used nowhere: 41.6 million to hold."""
    rng = random.Random(2)
    texts = [
        b"".join(b"y" * 399 + bytes([rng.randrange(97, 123)]) for _ in range(80)) for _ in range(1300)
    ]  # a letter in 400 varies, so that the part packs less than a zip bomb
    table, _ = _add_shared(good, texts)
    rezip(good, bad, {"xl/sharedStrings.xml": table})


def overlong_shared_cell(good: Path, bad: Path) -> None:
    """One cell whose shared string is 40,000 characters, past the format's 32,767."""
    table, index = _add_shared(good, [b"z" * 40_000])
    rows = HEADER_ROW + b'<row r="2"><c r="A2" t="s"><v>%d</v></c></row>' % index
    with_sheet(good, bad, worksheet(rows), shared=table)


def overlong_inline_cell(good: Path, bad: Path) -> None:
    """One inline text cell of 40,000 characters, split into rich-text runs."""
    runs = b"<r><t>" + b"w" * 10_000 + b"</t></r>"
    rows = HEADER_ROW + b'<row r="2"><c r="A2" t="inlineStr"><is>' + runs * 4 + b"</is></c></row>"
    with_sheet(good, bad, worksheet(rows))


def reference_past_xfd(good: Path, bad: Path) -> None:
    """A cell at XFE1, a column that does not exist (the reader would take it)."""
    with_sheet(good, bad, worksheet(HEADER_ROW + b'<row r="2"><c r="XFE2"><v>1</v></c></row>'))


def bloated_styles(good: Path, bad: Path) -> None:
    """A 20 MB styles part (the reader holds every style it declares)."""
    xfs = b"".join(b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0"/>' % v for v in noise(400_000))
    styles = (
        b'<?xml version="1.0"?><styleSheet xmlns="' + MAIN + b'"><cellXfs>' + xfs + b"</cellXfs></styleSheet>"
    )
    rezip(good, bad, {"xl/styles.xml": styles})


def part_named_twice(good: Path, bad: Path) -> None:
    """Two parts whose names differ only in case, so that two readers could read different sheets."""
    part = part_of(good)
    rezip(good, bad, {part.replace("sheet", "Sheet"): worksheet(HEADER_ROW)})


def encrypted(good: Path, bad: Path) -> None:
    """What Excel writes for a workbook with a password: a compound file holding EncryptionInfo and
    EncryptedPackage streams (the directory entries are what coopdesk looks at)."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    entries = b"".join(
        name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
        for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    bad.write_bytes(header + entries + bytes(4096))


def old_xls(good: Path, bad: Path) -> None:
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    bad.write_bytes(header + "Workbook".encode("utf-16-le").ljust(128, b"\0") + bytes(4096))


HOSTILE: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "one cell at XFD1048576": (
        far_corner,
        "reaches column XFD (column 16,384); coopdesk reads at most 40 columns",
    ),
    "cells spread to XFD40000": (spread_to_xfd40000, "reaches column XFD (column 16,384)"),
    "a 32,000-character string in 1,500 cells": (reused_long_string, "characters once shared text is copied"),
    "an empty text at XFD1 above 2,000 rows": (empty_text_at_xfd1, "reaches column XFD"),
    "300,000 rows after a line break": (
        rows_after_line_break,
        "reaches row 300,001; coopdesk reads at most 300,000",
    ),
    "300,000 rows with a namespace prefix": (rows_with_prefix, "reaches row 300,001"),
    "300,000 rows' cells in one row element": (cells_in_one_row, "reaches row 300,001"),
    "20,000 cells without references": (
        cells_without_references,
        "reaches column AO (column 41); coopdesk reads at most 40",
    ),
    "300,001 rows without numbers": (rows_without_numbers, "reaches row 300,001"),
    "3,000,001 cells at one place": (one_cell_many_times, "more than 3,000,000 filled cells"),
    "a shared-string table of 41.6 million characters": (huge_shared_table, "shared text holds more than"),
    "a shared string of 40,000 characters": (
        overlong_shared_cell,
        "of 40,000 characters; a cell holds at most 32,767",
    ),
    "an inline text of 40,000 characters": (
        overlong_inline_cell,
        "of 40,000 characters; a cell holds at most 32,767",
    ),
    "a cell past column XFD": (reference_past_xfd, "past the last column"),
    "a 20 MB styles part": (bloated_styles, "unpacks to more than 16 MB"),
    "two parts named alike": (part_named_twice, "a part named twice"),
    "a workbook with a password": (encrypted, "is protected by a password"),
    "an old .xls file": (old_xls, "old Excel 97-2003 file (.xls)"),
}


# --------------------------------------------------------------------------- odd but harmless


def lying_dimension(good: Path, bad: Path) -> None:
    """The sheet declares A1:XFD1048576 as its range; its cells are the good ones."""
    with zipfile.ZipFile(good) as archive:
        xml = archive.read(part_of(good))
    xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
    start = xml.index(b"<sheetViews") if b"<sheetViews" in xml else xml.index(b"<sheetData")
    rezip(good, bad, {part_of(good): xml[:start] + b'<dimension ref="A1:XFD1048576"/>' + xml[start:]})


def styled_empty_cells_far_right(good: Path, bad: Path) -> None:
    """Cells with a style but no value out to XFD, as a formatted but empty range is saved."""
    with zipfile.ZipFile(good) as archive:
        xml = archive.read(part_of(good))
    end = xml.index(b"</sheetData>")
    extra = b"".join(b'<row r="%d"><c r="XFD%d" s="1"/></row>' % (r, r) for r in range(5000, 6000))
    rezip(good, bad, {part_of(good): xml[:end] + extra + xml[end:]})


def huge_summary_sheet(good: Path, bad: Path) -> None:
    """The Summary (a sheet coopdesk does not read back) spans the whole grid."""
    rows = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    with_sheet(good, bad, worksheet(rows), title="Summary")


HARMLESS: dict[str, Callable[[Path, Path], None]] = {
    "a dimension that claims the whole grid": lying_dimension,
    "styled empty cells out to XFD": styled_empty_cells_far_right,
    "a Summary sheet that spans the whole grid": huge_summary_sheet,
}
