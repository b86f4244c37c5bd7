"""Export records to an xlsx workbook: one sheet per record type, a Summary, the catalogue and drop-down lists.

Written with XlsxWriter, which measured about 1.3x faster than openpyxl's write-only mode on 100,000
rows and writes tables, validation and print settings that open without a repair prompt. Every cell
that comes from user text is written with ``write_string`` (never a formula) and checked by
``cells.check_cell_text``. The file is written under a temporary name in the target folder and moved
into place at the end, so a crash or a Cancel never leaves a broken workbook where the old one was.

A sheet is written column by column, each column by one tight loop chosen for its kind, so that the
time goes to XlsxWriter's own work (measured on 100,000 records: the cell loops take about what bare
typed XlsxWriter calls for the same cells take; reading the database and the Summary most of the rest).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from xlsxwriter.worksheet import Worksheet

from coopdesk.base.file_output import file_mode_for
from coopdesk.base.progress import SILENT, Progress
from coopdesk.db.database import Database
from coopdesk.excel import look, pages
from coopdesk.excel.book import BookWriter, ExportData
from coopdesk.excel.bulk import collector_paused
from coopdesk.excel.column_cells import (
    ColumnCells,
    How,
    cells_of_column,
    content_width,
    first_refusal,
    read_back,
    write_column,
)
from coopdesk.excel.conflicts import cells_digests, exported_cells
from coopdesk.excel.names import shown_names
from coopdesk.excel.sheets import (
    CATALOGUE_LAYOUTS,
    RECORD_LAYOUTS,
    Column,
    Part,
    SheetLayout,
)
from coopdesk.excel.summary_sheet import write_summary
from coopdesk.excel.temp_files import TargetRefused, TempBeside, writable_target
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.fields import Kind
from coopdesk.records.record import Record, model_for, to_record
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.vocabularies import REGIONAL_GROUP

_LAST_ROW = 1_048_575  # a spreadsheet's last row: drop-downs and the ids' grey reach every row a user adds


class ExportRefused(Exception):
    """The data cannot be written as it is (the message names the sheet, row and column), or not there."""


@dataclass
class ExportSummary:
    path: Path
    sheets: dict[str, int] = field(default_factory=dict)  # sheet title -> records written
    countries: int = 0
    as_of: dt.date = field(default_factory=dt.date.today)

    @property
    def total(self) -> int:
        return sum(self.sheets.values())

    def lines(self) -> list[str]:
        countries = f"{self.countries:,} countr{'y' if self.countries == 1 else 'ies'}"
        lines = [f"Wrote {self.total:,} records of {countries} to {self.path}."]
        lines += [f"  {title}: {n:,}" for title, n in self.sheets.items() if n]
        return lines


def export_workbook(
    db: Database,
    path: str | Path,
    *,
    country: str | None = None,
    group: str | None = None,
    as_of: dt.date | None = None,
    progress: Progress = SILENT,
) -> ExportSummary:
    """Write the records of the whole database, one country (ISO code) or one regional group to ``path``."""
    with collector_paused():
        return _export_workbook_unpaused(
            db, path, country=country, group=group, as_of=as_of, progress=progress
        )


def _export_workbook_unpaused(
    db: Database,
    path: str | Path,
    *,
    country: str | None = None,
    group: str | None = None,
    as_of: dt.date | None = None,
    progress: Progress = SILENT,
) -> ExportSummary:
    target = Path(path)
    as_of = as_of or dt.date.today()
    if group is not None and REGIONAL_GROUP.value_for(group) is None:
        raise ExportRefused(
            f"'{group}' is not a regional group: choose one of {', '.join(REGIONAL_GROUP.labels)}."
        )
    try:
        target = writable_target(target)
    except TargetRefused as exc:
        raise ExportRefused(str(exc)) from None
    data = _load(db, country, REGIONAL_GROUP.value_for(group) if group else None, progress)
    summary = ExportSummary(target, countries=len(data.countries), as_of=as_of)
    with TempBeside(target) as temp:
        _write(temp.path, data, summary, as_of, progress)
        os.chmod(temp.path, file_mode_for(target))
        temp.commit()
    return summary


# --------------------------------------------------------------------------- reading the database


def _load(db: Database, country: str | None, group: str | None, progress: Progress) -> ExportData:
    """The rows to write, read as plain rows (tuples): building Record objects for 100,000 costs seconds."""
    columns: dict[str, dict[str, int]] = {}
    with db.read() as session:
        catalogue_rows: dict[str, list[Sequence[Any]]] = {}
        catalogue: dict[str, list[Record]] = {}
        for name, rtype in CATALOGUE_TYPES.items():
            table = model_for(rtype).__table__
            columns[name] = {c: i for i, c in enumerate(table.c.keys())}
            stored = session.execute(select(table)).all()
            catalogue_rows[name] = list(stored)
            catalogue[name] = [to_record(rtype, r) for r in stored]
        country_rows = catalogue["country"]
        names = {str(r.key): str(r.values["short_name"]) for r in country_rows}
        if country is not None:
            if country not in names:
                raise ExportRefused(f"'{country}' is not a known country.")
            scope: set[str] | None = {country}
            scope_text = names[country]
        elif group is not None:
            scope = {str(r.key) for r in country_rows if r.values["regional_group"] == group}
            scope_text = f"{REGIONAL_GROUP.label(group)} States"
        else:
            scope = None
            scope_text = "All countries"
        records: dict[str, list[Sequence[Any]]] = {}
        for name, rtype in RECORD_TYPES.items():
            table = model_for(rtype).__table__
            # Only the columns the sheet shows: no timestamps to convert, no stored PDFs to read.
            # The version last: each row's hidden cell is its version and the fingerprint of the rest.
            wanted = ["id", "country_code", *(c for f in rtype.fields for c in f.columns), "version"]
            columns[name] = {c: i for i, c in enumerate(wanted)}
            stmt = select(*(table.c[c] for c in wanted))
            if scope is not None:
                stmt = stmt.where(table.c.country_code.in_(sorted(scope)))
            order = [table.c.country_code]
            if rtype.date_field:
                order.append(table.c[rtype.field(rtype.date_field).columns[0]])
            stmt = stmt.order_by(*order, table.c.id)
            records[name] = list(session.execute(stmt).all())
            progress.step(0, 1, f"Reading {rtype.plural.lower()}")
    present: set[str] = set()
    for name, rows in records.items():
        at = columns[name]["country_code"]
        present.update(map(itemgetter(at), rows))
    if country is not None:
        present.add(country)
    ordered = sorted(present, key=lambda code: names.get(code, code))
    shown = {name: shown_names(entries) for name, entries in catalogue.items()}
    return ExportData(records, columns, catalogue, catalogue_rows, names, ordered, scope_text, shown)


# --------------------------------------------------------------------------- writing


def _write(path: Path, data: ExportData, summary: ExportSummary, as_of: dt.date, progress: Progress) -> None:
    writer = BookWriter(path)
    total = sum(len(rows) for rows in data.records.values()) or 1
    done = 0
    write_summary(writer, data, as_of)
    for layout in RECORD_LAYOUTS:
        name = layout.rtype.name
        rows = data.records[name]
        done = _write_sheet(writer, layout, rows, data.columns[name], data, progress, done, total)
        summary.sheets[layout.title] = len(rows)
    for layout in CATALOGUE_LAYOUTS:
        name = layout.rtype.name
        _write_sheet(
            writer, layout, data.catalogue_rows[name], data.columns[name], data, progress, done, total
        )
    progress.step(total, total, "Saving the workbook")
    writer.book.close()


_COUNTRIES_NOTE = (
    "The names of the countries are the United Nations' own: their cells are protected and are not "
    "changed by an import. The other columns can be edited, and a new country added below the last "
    "row; the import checks them and shows them before anything is changed."
)


def _write_sheet(
    writer: BookWriter,
    layout: SheetLayout,
    rows: list[Sequence[Any]],
    at: dict[str, int],
    data: ExportData,
    progress: Progress,
    done: int,
    total: int,
) -> int:
    ws = writer.book.add_worksheet(layout.title)
    for col, column in enumerate(layout.columns):
        ws.write_string(
            0,
            col,
            column.header,
            writer.id_header if column.part in (Part.ID, Part.VERSION) else writer.header,
        )
    # Written column by column: the stored rows turned into stored columns, one per table column.
    stored = list(zip(*rows, strict=True)) if rows else [()] * len(at)
    cells = [
        ColumnCells(How.PLAIN, ())
        if c.part is Part.VERSION
        else cells_of_column(writer, layout, c, at, stored, data)
        for c in layout.columns
    ]
    shown = [
        read_back(column)
        for c, column in zip(layout.columns, cells, strict=True)
        if c.part is not Part.VERSION
    ]
    for col, c in enumerate(layout.columns):
        if c.part is Part.VERSION:  # the version, the fingerprint, and the digest of the row's other cells
            digests = cells_digests(layout.title, zip(*shown, strict=True), len(shown)) if rows else []
            cells[col] = ColumnCells(How.PLAIN, exported_cells(stored, digests))
    refused = first_refusal(cells)  # before writing anything, so it is the first in reading order
    if refused is not None:
        index, col, reason = refused
        raise ExportRefused(f"{layout.title}, row {index + 2}, {layout.columns[col].header}: {reason}.")
    counted = 0 if layout.rtype.catalogue else len(rows)
    widths, wrapped = _sizes(writer, layout, cells)
    tall = _tall_texts(cells, widths, wrapped)
    for col, column_cells in enumerate(cells):
        write_column(writer, ws, col, column_cells, tall[col])
        progress.step(done + counted * (col + 1) // len(cells), total, f"Writing {layout.title.lower()}")
    _row_heights(ws, layout, cells, widths, tall)
    _finish_sheet(writer, ws, layout, len(rows), widths, wrapped, data)
    return done + counted


def _sizes(
    writer: BookWriter, layout: SheetLayout, cells: list[ColumnCells]
) -> tuple[list[float], list[bool]]:
    """Each column as wide as its widest value shown (and its header's longest word), and whether it wraps:
    paragraphs always, other text past ``look.WRAP_FROM``; dates, numbers and amounts never."""
    widths, wrapped = [], []
    for column, column_cells in zip(layout.columns, cells, strict=True):
        width = max(content_width(writer, column_cells), look.longest_word(column.header, bold=True), 6.0)
        long_text = column.field is not None and column.field.kind is Kind.LONGTEXT
        wordy = column_cells.how in (How.TEXT, How.PLAIN) and column.part is not Part.ID
        wraps = long_text or (wordy and width > look.WRAP_FROM)
        if long_text:
            width = min(width, look.LONG_TEXT_WIDTH)
        elif wraps:
            width = look.WRAP_FROM
        widths.append(round(width, 1))
        wrapped.append(wraps)
    return widths, wrapped


def _tall_texts(cells: list[ColumnCells], widths: list[float], wrapped: list[bool]) -> list[dict[str, int]]:
    """For each column, the texts that take more than one line in it (a line break, or wider than a
    wrapped column) and their number of lines, each distinct text measured once. ``write_column``
    writes their cells wrapped, and their rows are made as tall as they need (``_row_heights``): every
    line of an addressee or a letter's body shows.

    Only those cells get a format of their own: a format on every cell of a column is an attribute on
    each of them in the saved sheet."""
    tall: list[dict[str, int]] = []
    for column_cells, width, wraps in zip(cells, widths, wrapped, strict=True):
        if not wraps:
            tall.append({})
            continue
        room = look.column_pixels(width) - look.SAFETY_PIXELS
        tall.append(
            {
                text: look.lines_in(text, width)
                for text in set(column_cells.values)
                if text and ("\n" in text or look.text_pixels(text) > room)
            }
        )
    return tall


def _row_heights(
    ws: Worksheet,
    layout: SheetLayout,
    cells: list[ColumnCells],
    widths: list[float],
    tall: list[dict[str, int]],
) -> None:
    """The header row as tall as its longest wrapped header; a row holding a text of several lines as
    tall as its tallest."""
    header_lines = max(
        look.lines_in(c.header, w, bold=True) for c, w in zip(layout.columns, widths, strict=True)
    )
    ws.set_row(0, look.row_points(header_lines))
    heights: dict[int, int] = {}
    get = heights.get
    for column_cells, lines in zip(cells, tall, strict=True):
        if not lines:
            continue
        values = column_cells.values
        for r in compress(count(1), map(lines.__contains__, values)):  # their rows, found in C
            n = lines[values[r - 1]]
            if n > get(r, 1):
                heights[r] = n
    for r, n in heights.items():
        ws.set_row(r, look.row_points(n))


def _validation_for(
    writer: BookWriter, column: Column, data: ExportData
) -> tuple[list[str] | str, str] | None:
    """The drop-down list of a column, and whether a value outside it is refused ("stop") or warned."""
    f = column.field
    if column.part is Part.COUNTRY:
        names = sorted(data.country_names.values())
        return writer.list_source("Countries", names), "warning"
    if f is None or column.part is not Part.VALUE:
        return None
    if f.kind is Kind.CHOICE and f.vocabulary is not None:
        return writer.list_source(f.vocabulary.name.capitalize(), list(f.vocabulary.labels)), "stop"
    if f.kind is Kind.BOOL:
        return ["Yes", "No"], "stop"
    if f.kind is Kind.REF and f.ref:
        names = sorted(data.shown.get(f.ref, {}).values(), key=str.casefold)
        if names:
            return writer.list_source(CATALOGUE_TYPES[f.ref].plural, names), "warning"
    return None


def _finish_sheet(
    writer: BookWriter,
    ws: Worksheet,
    layout: SheetLayout,
    n: int,
    widths: list[float],
    wrapped: list[bool],
    data: ExportData,
) -> None:
    """Column formats, drop-downs, filter, frozen header, print set-up, and what is read-only."""
    last_col = len(layout.columns) - 1
    countries = layout.rtype.name == "country"
    for col, column in enumerate(layout.columns):
        if column.part is Part.VERSION:  # for the import alone (excel.conflicts): out of sight
            # Grey when shown, through a conditional format as the ids are: a column format is written
            # on each of its cells (100,000 attributes, 0.14 s of the save).
            ws.set_column(col, col, widths[col], None, {"hidden": True})
            ws.conditional_format(1, col, _LAST_ROW, col, writer.id_cells)
            continue
        f = column.field
        # A column's format is what a cell typed into it later gets: a partial date stays text. (A
        # line break typed into a cell turns its wrapping on, in Excel and LibreOffice alike.)
        if countries:
            fmt = writer.unlocked  # the names written are locked cells; the rest, and new rows, are not
        elif f is not None and f.kind is Kind.PDATE:
            fmt = writer.text_top
        else:
            fmt = None
        ws.set_column(col, col, widths[col], fmt)
        if column.part is Part.ID:  # ids in grey: written by coopdesk, not to be typed over
            ws.conditional_format(1, col, _LAST_ROW, col, writer.id_cells)
        validation = _validation_for(writer, column, data)
        if validation is not None:
            source, style = validation
            ws.data_validation(
                1,
                col,
                _LAST_ROW,
                col,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": style,
                    "error_title": column.header,
                    "error_message": "Choose a value from the list.",
                },
            )
    ws.autofilter(0, 0, max(n, 1), last_col)
    ws.freeze_panes(1, 0 if layout.rtype.catalogue else 1)
    # A printed page has no use for the record ids, nor for the hidden versions (excel.conflicts).
    tail = 0
    while tail < last_col and layout.columns[-1 - tail].part in (Part.ID, Part.VERSION):
        tail += 1
    printed = widths[: len(widths) - tail]
    if len(printed) < len(widths):
        ws.print_area(0, 0, max(n, 1), len(printed) - 1)
    pages.set_up_printing(ws, printed, scope=data.scope, first_column_repeated=not layout.rtype.catalogue)
    if countries:
        pages.mark_read_only(ws, _COUNTRIES_NOTE)
