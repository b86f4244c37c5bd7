"""The files coopdesk writes, opened by a real office program: LibreOffice, headless.

The exported workbook and the DOCX (a letter with its note, and a note alone) are converted once for the
whole module, in three LibreOffice runs side by side (each with its own profile): every sheet to CSV as
the cells show, the workbook and both DOCX to PDF, and the workbook saved again as xlsx. The tests then
read those files as a person reads the printout or the screen.

Where LibreOffice is missing these tests are skipped, except in CI (the CI variable set), where ``.ci/run``
installs it and a missing one is a failure, never a silent skip.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from coopdesk.excel.cells import minor_scale
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import plan_import, read_workbook
from coopdesk.excel.sheets import CATALOGUE_LAYOUTS, RECORD_LAYOUTS, SUMMARY_SHEET, Part, SheetLayout
from coopdesk.note.builder import draft_note, letter_content, letterhead
from coopdesk.note.render.docx import render_docx
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.fields import Kind
from coopdesk.records.record import Record, label_of
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES

AS_OF = dt.date(2009, 10, 30)
_CSV_ALL_SHEETS_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing; .ci/run installs it in CI")
        pytest.skip("LibreOffice is not installed")
    return found


@dataclass
class Converted:
    db: Database
    workbook: Path
    resaved: Path  # the workbook, saved again by LibreOffice
    csv: dict[str, Path]  # sheet title -> the sheet as LibreOffice shows its cells
    workbook_pdf: Path
    letter_pdf: Path  # the letter and its note
    note_pdf: Path  # the note alone


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory, _demo_template: Path) -> Iterator[Converted]:
    soffice = _soffice()
    folder = tmp_path_factory.mktemp("libreoffice")
    shutil.copy(_demo_template, folder / "demo.sqlite")
    db = open_database(folder / "demo.sqlite")
    workbook = folder / "demo.xlsx"
    export_workbook(db, workbook, as_of=AS_OF)
    (letter,) = RecordService(db).list("letter")
    note = draft_note(db, "BLR", AS_OF)
    (folder / "letter.docx").write_bytes(render_docx(note, letterhead(db), letter_content(letter)))
    (folder / "note.docx").write_bytes(render_docx(note, letterhead(db)))
    runs = [
        ("pdf", [workbook, folder / "letter.docx", folder / "note.docx"], folder / "pdf"),
        (_CSV_ALL_SHEETS_AS_SHOWN, [workbook], folder / "csv"),
        ("xlsx", [workbook], folder / "resaved"),
    ]
    processes = [
        subprocess.Popen(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/profile-{n}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                *map(str, sources),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n, (target, sources, out) in enumerate(runs)
    ]
    for process in processes:
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output
        assert "Error" not in output, output  # a sheet or a file LibreOffice could not convert
    titles = [SUMMARY_SHEET, *(layout.title for layout in (*RECORD_LAYOUTS, *CATALOGUE_LAYOUTS))]
    sheets = {title: folder / "csv" / f"demo-{title}.csv" for title in titles}
    yield Converted(
        db,
        workbook,
        folder / "resaved" / "demo.xlsx",
        sheets,
        folder / "pdf" / "demo.pdf",
        folder / "pdf" / "letter.pdf",
        folder / "pdf" / "note.pdf",
    )
    db.dispose()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _shown(value: Any, kind: Kind, part: Part, f: Any, names: dict[str, dict[str, str]]) -> str:
    """A stored value as a person reads it in the sheet (the rules a user expects, written out here)."""
    if value is None or value == "":
        return ""
    if part is Part.AMOUNT:
        decimals = len(str(minor_scale(value.currency))) - 1
        return f"{value.currency} {value.minor / minor_scale(value.currency):,.{decimals}f}"
    if part is Part.CURRENCY:
        return str(value.currency)
    if kind is Kind.REF:
        return names[f.ref][value]
    if kind is Kind.CHOICE:
        return str(f.vocabulary.label(value))
    if kind is Kind.PDATE:
        return str(value.format())
    if kind is Kind.BOOL:
        return "Yes" if value else "No"
    return str(value)


def _expected(
    layout: SheetLayout, records: list[Record], names: dict[str, dict[str, str]]
) -> dict[str, list[str]]:
    """Each record's row as the sheet should show it, by its id (or code)."""
    rows = {}
    for record in records:
        row = []
        for column in layout.columns:
            if column.part is Part.VERSION:  # hidden, for the import alone (excel.conflicts)
                continue
            if column.part is Part.COUNTRY:
                row.append(names["country"][record.country or ""])
            elif column.part is Part.ID:
                row.append(str(record.key))
            else:
                f = column.field
                assert f is not None
                row.append(_shown(record.values.get(f.name), f.kind, column.part, f, names))
        rows[str(record.key)] = row
    return rows


def test_every_sheet_converts_and_shows_what_the_database_holds(converted: Converted) -> None:
    service = RecordService(converted.db)
    names = {name: {str(e.key): label_of(e) for e in service.list(name)} for name in CATALOGUE_TYPES}
    for layout in (*RECORD_LAYOUTS, *CATALOGUE_LAYOUTS):
        path = converted.csv[layout.title]
        assert path.exists(), f"LibreOffice did not convert the sheet {layout.title}"
        rows = _rows(path)
        headers = [c.header for c in layout.columns if c.part is not Part.VERSION]
        expected = _expected(layout, service.list(layout.rtype.name), names)
        key_column = next(
            (c.header for c in layout.columns if c.part is Part.ID),
            next((c.header for c in layout.columns if c.field and c.field.name == layout.rtype.key), ""),
        )
        shown = {row[key_column]: [row[h] for h in headers] for row in rows}
        assert shown == expected, layout.title
        assert not any("###" in cell for row in shown.values() for cell in row)


def test_the_summary_counts_what_the_database_holds(converted: Converted) -> None:
    (belarus,) = _rows(converted.csv["Summary"])
    service = RecordService(converted.db)
    for rtype in RECORD_TYPES.values():
        assert belarus[rtype.plural] == str(len(service.list(rtype.name, country="BLR")))
    assert belarus["Universal legal instruments against terrorism on 30 October 2009"] == "13 out of 16"
    assert belarus["Contributions in USD"] == "USD 20,000.00"


def _font_sizes(path: Path) -> Counter[float]:
    """The size each piece of text is printed at, in points, as the PDF draws it."""
    sizes: Counter[float] = Counter()
    for page in PdfReader(path).pages:

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            if text.strip():
                sizes[round(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), 1)] += 1

        page.extract_text(visitor_text=visit)
    return sizes


def test_the_printed_workbook_is_readable(converted: Converted) -> None:
    """No "###", no text below 8 points (10-point text at 80 % at least), every line of a letter shown."""
    reader = PdfReader(converted.workbook_pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "###" not in text
    sizes = _font_sizes(converted.workbook_pdf)
    assert min(sizes) >= 7.9, sizes
    assert sizes.most_common(1)[0][0] >= 8  # most text at its size or a little smaller, never shrunk to fit
    # The letter's addressee, on its several lines, and the last line of its body are on the page.
    for line in ("Ms. Navanethem Pillay", "52 rue des Pâquis", "CH-1201 Geneva, Switzerland", "necessary."):
        assert line in text
    # The Summary is one page: its first page holds its last column.
    first = reader.pages[0].extract_text()
    assert first.startswith("Summary") and "Contributions in" in first and "USD 20,000.00" in first


def _page_numbers(path: Path) -> list[str]:
    """The "Page N of M" line of each page ("" for a page without one)."""
    numbers = []
    for page in PdfReader(path).pages:
        lines = [
            line.strip() for line in page.extract_text().splitlines() if line.strip().startswith("Page ")
        ]
        numbers.append(lines[-1] if lines else "")
    return numbers


def test_the_docx_prints_with_right_page_numbers(converted: Converted) -> None:
    alone = _page_numbers(converted.note_pdf)
    assert len(alone) >= 2
    assert alone == [f"Page {n} of {len(alone)}" for n in range(1, len(alone) + 1)]
    with_letter = _page_numbers(converted.letter_pdf)
    assert with_letter[0] == ""  # the letter has its motto and address at the foot, no number
    note_pages = with_letter[1:]
    assert note_pages == [f"Page {n} of {len(note_pages)}" for n in range(1, len(note_pages) + 1)]
    text = PdfReader(converted.letter_pdf).pages[1].extract_text()
    assert "Note for the file" in text and "United Nations Office on Drugs and Crime" in text


def test_a_workbook_saved_again_by_libreoffice_imports_with_no_change(converted: Converted) -> None:
    parsed = read_workbook(converted.resaved)
    plan = plan_import(converted.db, parsed)
    assert plan.problems == [] and not plan.has_changes and plan.duplicates == 0
    assert plan.unchanged == 36
    # Calc writes every cell back as it read it: each row is still known, unread, to be as exported
    assert sum(map(len, parsed.untouched.values())) == 36
