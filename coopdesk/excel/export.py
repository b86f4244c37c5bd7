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
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum, auto
from functools import cache
from itertools import count
from operator import itemgetter
from pathlib import Path
from typing import Any

import xlsxwriter
from sqlalchemy import select
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from coopdesk import derived
from coopdesk.db.database import Database
from coopdesk.excel.bulk import collector_paused
from coopdesk.excel.cells import FORMULA_STARTS, MAX_CELL_CHARS, CellRefused, check_cell_text
from coopdesk.excel.conflicts import exported_cells
from coopdesk.excel.sheets import (
    CATALOGUE_LAYOUTS,
    LISTS_SHEET,
    RECORD_LAYOUTS,
    SUMMARY_SHEET,
    Column,
    Part,
    SheetLayout,
)
from coopdesk.excel.temp_files import TargetRefused, TempBeside, writable_target
from coopdesk.fields import Kind
from coopdesk.file_output import file_mode_for
from coopdesk.money import Money
from coopdesk.partial_date import PartialDate
from coopdesk.progress import SILENT, Progress
from coopdesk.record_types import CATALOGUE_TYPES, RECORD_TYPES
from coopdesk.services import Record, model_for, to_record
from coopdesk.vocabularies import REGIONAL_GROUP

DATE_FORMAT = "d mmmm yyyy"
_MAX_WIDTH = 50.0
_VALIDATED_ROWS = 20_000  # drop-downs reach this far below the header, so new rows get them too
FORMULA_STARTS_CHARS = frozenset(FORMULA_STARTS)
_INLINE_LIST_LIMIT = 255  # Excel's limit on an inline validation list
# Spreadsheets count days from 1900 (and Excel wrongly counts 29 February 1900): earlier dates stay text.
_FIRST_EXCEL_DATE = dt.date(1900, 3, 1)
# Spreadsheet numbers keep about 15 significant digits; larger amounts would be rounded.
_MAX_EXACT_MINOR = 10**15


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


@dataclass
class _Data:
    records: dict[str, list[Sequence[Any]]]  # record type -> stored rows (plain tuples, in column order)
    columns: dict[str, dict[str, int]]  # record type -> column name -> position in a row
    catalogue: dict[str, list[Record]]
    catalogue_rows: dict[str, list[Sequence[Any]]]
    country_names: dict[str, str]
    countries: list[str]  # the countries in scope, in name order
    dates: dict[str, PartialDate] = field(default_factory=dict)  # stored text -> date, parsed once

    def date(self, stored: str) -> PartialDate:
        """A stored date, parsed once per export: the same dates recur across records and sheets."""
        value = self.dates.get(stored)
        if value is None:
            value = self.dates[stored] = PartialDate.from_storage(stored)
        return value


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


def _load(db: Database, country: str | None, group: str | None, progress: Progress) -> _Data:
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
        elif group is not None:
            scope = {str(r.key) for r in country_rows if r.values["regional_group"] == group}
        else:
            scope = None
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
        present.update(row[at] for row in rows)
    if country is not None:
        present.add(country)
    ordered = sorted(present, key=lambda code: names.get(code, code))
    return _Data(records, columns, catalogue, catalogue_rows, names, ordered)


# --------------------------------------------------------------------------- writing


class _Writer:
    """One workbook being written: its formats, its lists sheet and the cell-writing rules."""

    def __init__(self, path: Path) -> None:
        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "default_date_format": DATE_FORMAT,
            },
        )
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "top", "bottom": 1}
        )
        self.id_header = self.book.add_format(
            {
                "bold": True,
                "italic": True,
                "bg_color": "#EEEEEE",
                "font_color": "#666666",
                "text_wrap": True,
                "valign": "top",
                "bottom": 1,
            }
        )
        self.id_cells = {"type": "no_blanks", "format": self.book.add_format({"font_color": "#888888"})}
        self.quoted = self.book.add_format({"quote_prefix": True})
        self.date = self.book.add_format({"num_format": DATE_FORMAT, "align": "left"})
        self.integer = self.book.add_format({"num_format": "0"})
        self._money: dict[str, Format] = {}
        self._lists_sheet: Worksheet | None = None
        self._lists: dict[str, str] = {}
        self.date_cells: dict[str, float | str] = {}  # stored date -> what its cell holds

    def money_format(self, currency: str) -> Format:
        fmt = self._money.get(currency)
        if fmt is None:
            places = Money(0, currency).major.as_tuple().exponent
            decimals = "." + "0" * -int(places) if isinstance(places, int) and places < 0 else ""
            fmt = self.book.add_format({"num_format": f'"{currency}" #,##0{decimals}'})
            self._money[currency] = fmt
        return fmt

    def list_source(self, key: str, items: list[str]) -> list[str] | str:
        """An inline list when it fits Excel's limit, else a range on the hidden lists sheet."""
        if len(",".join(items)) <= _INLINE_LIST_LIMIT and not any("," in i or '"' in i for i in items):
            return items
        if key not in self._lists:
            if self._lists_sheet is None:
                self._lists_sheet = self.book.add_worksheet(LISTS_SHEET)
                self._lists_sheet.hide()
            col = len(self._lists)
            self._lists_sheet.write_string(0, col, key, self.header)
            for row, item in enumerate(items, start=1):
                self._lists_sheet.write_string(row, col, item)
            letter = xlsxwriter.utility.xl_col_to_name(col)
            self._lists[key] = f"={LISTS_SHEET}!${letter}$2:${letter}${len(items) + 1}"
        return self._lists[key]


def _write(path: Path, data: _Data, summary: ExportSummary, as_of: dt.date, progress: Progress) -> None:
    writer = _Writer(path)
    total = sum(len(rows) for rows in data.records.values()) or 1
    done = 0
    _write_summary(writer, data, as_of)
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


class _How(Enum):
    """How a column's cells are written."""

    TEXT = auto()  # user text: checked, and quote-prefixed when it starts like a formula
    PLAIN = auto()  # a name, code, id or Yes/No, written as it is in the column's format
    NUMBER = auto()  # a whole number
    DATE = auto()  # a stored partial date: a date cell when it is a full date, else its text
    AMOUNT = auto()  # a money amount in its currency's number format


@dataclass(frozen=True)
class _ColumnCells:
    """One column of a sheet, ready to write: a value per row (None or "" for an empty cell) and how."""

    how: _How
    values: Sequence[Any]
    fmt: Format | None = None
    currencies: Sequence[Any] = ()  # AMOUNT: each row's currency
    dates: dict[str, float | str] = field(default_factory=dict)  # DATE: stored date -> cell value


_TEXT_TYPES = frozenset({str, type(None)})
_SIZED_ROWS = 500  # a column's width is measured on its first rows, which is enough and costs nothing
# Day 0 of a spreadsheet's 1900 date system, for the dates from 1 March 1900 on (_FIRST_EXCEL_DATE).
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)


def _column_cells(
    writer: _Writer,
    layout: SheetLayout,
    column: Column,
    at: dict[str, int],
    stored: Sequence[Sequence[Any]],
    data: _Data,
) -> _ColumnCells:
    """The cells of one column, from the stored columns (``stored[at[name]]`` holds every row's value)."""
    f = column.field
    if column.part is Part.COUNTRY:
        names = data.country_names
        codes = stored[at["country_code"]]
        return _ColumnCells(_How.PLAIN, list(map(names.get, codes, codes)) if names else _texts(codes))
    if column.part is Part.ID:
        # Grey through the column's conditional format (see _finish_sheet), not a format on each of
        # 100,000 cells: a cell format is an attribute on every cell of the saved sheet.
        return _ColumnCells(_How.PLAIN, _texts(stored[at[layout.rtype.key]]))
    assert f is not None
    if column.part is Part.AMOUNT:
        return _ColumnCells(_How.AMOUNT, stored[at[f.columns[0]]], currencies=stored[at[f.columns[1]]])
    if column.part is Part.CURRENCY:
        return _ColumnCells(_How.PLAIN, _texts(stored[at[f.columns[1]]]))
    values = stored[at[f.name]]
    if f.kind is Kind.PDATE:
        dates = writer.date_cells
        for text in set(values):
            if text and text not in dates:
                dates[text] = _date_cell(data.date(text))
        return _ColumnCells(_How.DATE, values, writer.date, dates=dates)
    if f.kind is Kind.INT:
        return _ColumnCells(_How.NUMBER, values, writer.integer)
    if f.kind is Kind.BOOL:
        return _ColumnCells(_How.PLAIN, [None if v is None else "Yes" if v else "No" for v in values])
    if f.kind is Kind.CHOICE and f.vocabulary is not None:
        labels = dict(f.vocabulary.items)
        values = list(map(labels.get, values, values))
    return _ColumnCells(_How.TEXT, _texts(values))


def _texts(values: Sequence[Any]) -> Sequence[Any]:
    """The values as text, empty ones left empty; most columns hold only text already and are kept."""
    if set(map(type, values)) <= _TEXT_TYPES:
        return values
    return [None if v is None or v == "" else str(v) for v in values]


def _first_refusal(cells: list[_ColumnCells]) -> tuple[int, int, str] | None:
    """The first cell, in reading order, that cannot be written as it is: (row index, column, why)."""
    found = []
    for col, column in enumerate(cells):
        if column.how is _How.TEXT:
            problem = _first_unwritable_text(column.values)
        elif column.how is _How.AMOUNT:
            problem = _first_inexact_amount(column.values, column.currencies)
        else:
            continue
        if problem is not None:
            found.append((problem[0], col, problem[1]))
    return min(found, default=None)


def _first_unwritable_text(values: Sequence[Any]) -> tuple[int, str] | None:
    texts = list(filter(None, values))
    if not texts:
        return None
    joined = "".join(texts)  # one search of the whole column for the two characters no cell can hold
    if max(map(len, texts)) <= MAX_CELL_CHARS and "\ufffe" not in joined and "\uffff" not in joined:
        return None
    for i, text in enumerate(values):
        if text:
            try:
                check_cell_text(text)
            except CellRefused as exc:
                return i, str(exc)
    return None  # pragma: no cover - the search above found one


def _first_inexact_amount(minors: Sequence[Any], currencies: Sequence[Any]) -> tuple[int, str] | None:
    if max(map(abs, filter(None, minors)), default=0) < _MAX_EXACT_MINOR:
        return None
    for i, (minor, currency) in enumerate(zip(minors, currencies, strict=True)):
        if minor is not None and currency and abs(minor) >= _MAX_EXACT_MINOR:
            money = Money(minor, currency)
            return i, f"{money} is too large for a spreadsheet number, which would round it"
    return None


def _write_column(writer: _Writer, ws: Worksheet, col: int, cells: _ColumnCells) -> list[str]:
    """Write every cell of a column below its header; gives the texts of its first rows, to size it.

    One tight loop per kind of column, chosen once: the per-cell work is what XlsxWriter itself does.
    """
    how, values, fmt = cells.how, cells.values, cells.fmt
    write_string, write_number = ws.write_string, ws.write_number
    if how is _How.TEXT:
        quoted, formula_starts = writer.quoted, FORMULA_STARTS_CHARS
        for r, text in enumerate(values, start=1):
            if text:
                write_string(r, col, text, quoted if text[0] in formula_starts else None)
    elif how is _How.PLAIN:
        for r, text in enumerate(values, start=1):
            if text:
                write_string(r, col, text, fmt)
    elif how is _How.NUMBER:
        for r, number in enumerate(values, start=1):
            if number is not None:
                write_number(r, col, number, fmt)
        return []
    elif how is _How.DATE:
        shown = cells.dates
        for r, stored in enumerate(values, start=1):
            if stored:
                value = shown[stored]
                if value.__class__ is str:
                    write_string(r, col, value)
                else:
                    write_number(r, col, value, fmt)  # a day number, shown as a date by the format
        return [t for t in (shown[s] for s in values[:_SIZED_ROWS] if s) if isinstance(t, str)]
    else:
        money: dict[str, tuple[int, Format]] = {}
        for r, minor, currency in zip(count(1), values, cells.currencies):
            if minor is not None and currency:
                scale = money.get(currency)
                if scale is None:
                    scale = money[currency] = (_scale(currency), writer.money_format(currency))
                # Both are exact integers below 2**53, so the division is correctly rounded.
                write_number(r, col, minor / scale[0], scale[1])
        return []
    return [t for t in values[:_SIZED_ROWS] if t]


def _date_cell(value: PartialDate) -> float | str:
    """A partial date as a cell value: a full date (from 1 March 1900 on) is its day number."""
    if value.day is not None and value.start() >= _FIRST_EXCEL_DATE:
        return float((value.start() - _EXCEL_DAY_ZERO).days)
    return value.format()


@cache
def _scale(currency: str) -> int:
    exponent = Money(0, currency).major.as_tuple().exponent
    return 10 ** -int(exponent) if isinstance(exponent, int) and exponent < 0 else 1


def _write_sheet(
    writer: _Writer,
    layout: SheetLayout,
    rows: list[Sequence[Any]],
    at: dict[str, int],
    data: _Data,
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
        _ColumnCells(_How.PLAIN, exported_cells(rows))
        if c.part is Part.VERSION
        else _column_cells(writer, layout, c, at, stored, data)
        for c in layout.columns
    ]
    refused = _first_refusal(cells)  # before writing anything, so it is the first in reading order
    if refused is not None:
        index, col, reason = refused
        raise ExportRefused(f"{layout.title}, row {index + 2}, {layout.columns[col].header}: {reason}.")
    counted = 0 if layout.rtype.catalogue else len(rows)
    widths = [min(max(c.width, 8.0), _MAX_WIDTH) for c in layout.columns]
    for col, column_cells in enumerate(cells):
        widest = max(map(len, _write_column(writer, ws, col, column_cells)), default=0) + 1
        if widest > widths[col]:
            widths[col] = min(float(widest), _MAX_WIDTH)
        progress.step(done + counted * (col + 1) // len(cells), total, f"Writing {layout.title.lower()}")
    _finish_sheet(writer, ws, layout, len(rows), widths, data)
    return done + counted


def _validation_for(writer: _Writer, column: Column, data: _Data) -> tuple[list[str] | str, str] | None:
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
        codes = sorted(str(r.key) for r in data.catalogue.get(f.ref, []))
        if codes:
            return writer.list_source(CATALOGUE_TYPES[f.ref].plural, codes), "warning"
    return None


def _finish_sheet(
    writer: _Writer, ws: Worksheet, layout: SheetLayout, n: int, widths: list[float], data: _Data
) -> None:
    """Widths, drop-downs, filter, frozen header and print set-up."""
    last_col = len(layout.columns) - 1
    for col, column in enumerate(layout.columns):
        if column.part is Part.VERSION:  # for the import alone (excel.conflicts): out of sight
            ws.set_column(col, col, widths[col], writer.id_cells["format"], {"hidden": True})
            continue
        ws.set_column(col, col, widths[col])
        if column.part is Part.ID:  # ids in grey: written by coopdesk, not to be typed over
            ws.conditional_format(1, col, max(n, _VALIDATED_ROWS), col, writer.id_cells)
        validation = _validation_for(writer, column, data)
        if validation is not None and not layout.rtype.catalogue:
            source, style = validation
            ws.data_validation(
                1,
                col,
                max(n, _VALIDATED_ROWS),
                col,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": style,
                    "error_title": column.header,
                    "error_message": "Choose a value from the list.",
                },
            )
    ws.set_row(0, 45 if any(len(c.header) > widths[i] for i, c in enumerate(layout.columns)) else None)
    ws.autofilter(0, 0, max(n, 1), last_col)
    ws.freeze_panes(1, 0 if layout.rtype.catalogue else 1)
    _printable(ws)
    printed = [i for i, c in enumerate(layout.columns) if c.part not in (Part.ID, Part.VERSION)]
    if len(printed) < len(layout.columns) and printed:
        ws.print_area(0, 0, max(n, 1), max(printed))  # a printed page has no use for the record ids


def _printable(ws: Worksheet) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_footer("&L&A&RPage &P of &N")


# --------------------------------------------------------------------------- summary


def _write_summary(writer: _Writer, data: _Data, as_of: dt.date) -> None:
    ws = writer.book.add_worksheet(SUMMARY_SHEET)
    sets = sorted(data.catalogue["instrument_set"], key=lambda r: str(r.key))
    members = data.catalogue["instrument_set_member"]
    order = {str(r.key): int(r.values.get("position") or 0) for r in data.catalogue["instrument"]}
    counts = {
        name: Counter(map(itemgetter(data.columns[name]["country_code"]), rows))
        for name, rows in data.records.items()
    }
    actions = _treaty_actions(data)
    # Which instruments each set holds on the date does not depend on the country: worked out once.
    set_members = {str(s.key): derived.set_members_on(members, str(s.key), as_of) for s in sets}
    memberships: dict[str, list[Record]] = defaultdict(list)
    for record in _light_records("membership", ("term_start", "term_end", "term_years"), data):
        memberships[record.country or ""].append(record)
    totals, currencies = _contribution_totals(data, as_of)

    when = f"{as_of.day} {as_of:%B %Y}"
    headers = (
        ["Country", "ISO code"]
        + [t.plural for t in RECORD_TYPES.values()]
        + [f"{s.values['name']} on {when}" for s in sets]
        + [f"Active memberships on {when}"]
        + [f"Contributions in {c}" for c in currencies]
    )
    centred = writer.book.add_format({"align": "center"})
    first_set = 2 + len(RECORD_TYPES)
    for col, text in enumerate(headers):
        ws.write_string(0, col, text, writer.header)
    for r, code in enumerate(data.countries, start=1):
        line: list[Any] = [data.country_names.get(code, code), code]
        line += [counts[name][code] for name in RECORD_TYPES]
        line += _set_counts(actions.get(code, {}), set_members, as_of, order)
        line.append(
            sum(
                1
                for m in derived.visible_on(memberships.get(code, []), as_of)
                if derived.membership_tense(m, as_of) is derived.Tense.CURRENT
            )
        )
        for col, value in enumerate(line):
            if isinstance(value, int):
                ws.write_number(r, col, value)
            else:
                ws.write_string(r, col, value, centred if col >= first_set else None)  # "13 out of 16"
        for i, currency in enumerate(currencies, start=len(line)):
            if (code, currency) in totals:
                total = totals[code, currency] / _scale(currency)  # exact integers: correctly rounded
                ws.write_number(r, i, total, writer.money_format(currency))
    ws.set_column(0, 0, max([len(data.country_names.get(c, c)) for c in data.countries] + [20]) + 2)
    ws.set_column(1, 1, 9)
    ws.set_column(2, first_set - 1, 14)
    ws.set_column(first_set, first_set + len(sets), 24)  # long set names, wrapped on four lines
    ws.set_column(first_set + len(sets) + 1, len(headers) - 1, 18)
    ws.set_row(0, 64)
    ws.autofilter(0, 0, max(len(data.countries), 1), len(headers) - 1)
    ws.freeze_panes(1, 1)
    _printable(ws)
    ws.activate()


def _set_counts(
    actions: dict[str, list[derived.TreatyStep]],
    set_members: dict[str, list[str]],
    as_of: dt.date,
    order: dict[str, int],
) -> list[str]:
    """One country's "N out of M" for each set, as ``derived.set_count`` gives them.

    Its status on each instrument is worked out once, from that instrument's actions alone (the others
    cannot change it), instead of scanning all its actions for each instrument of each set.
    """
    status: dict[str, derived.TreatyStatus] = {}
    texts = []
    for set_code, members in set_members.items():
        codes = sorted(members, key=lambda c: order.get(c, 0)) if order else list(members)
        for c in codes:
            if c not in status:
                status[c] = derived.status_from_steps(actions.get(c, ()), as_of).status
        parties = [c for c in codes if status[c] is derived.TreatyStatus.PARTY]
        missing = [c for c in codes if c not in parties]
        texts.append(str(derived.SetCount(set_code, codes, parties, missing)))
    return texts


def _treaty_actions(data: _Data) -> dict[str, dict[str, list[derived.TreatyStep]]]:
    """Each country's treaty actions on each instrument as (action, date), in stored order, as
    ``derived.status_from_steps`` reads them."""
    at = data.columns["treaty_action"]
    i_country, i_instrument, i_action, i_date = (
        at["country_code"],
        at["instrument_code"],
        at["action"],
        at["action_date"],
    )
    date = data.date
    result: dict[str, dict[str, list[derived.TreatyStep]]] = defaultdict(lambda: defaultdict(list))
    for row in data.records["treaty_action"]:
        stored = row[i_date]
        result[row[i_country]][row[i_instrument]].append((row[i_action], date(stored) if stored else None))
    return result


def _contribution_totals(data: _Data, as_of: dt.date) -> tuple[dict[tuple[str, str], int], list[str]]:
    """The minor units contributed by each country in each currency up to ``as_of``, and every currency."""
    rtype = RECORD_TYPES["contribution"]
    at = data.columns["contribution"]
    minor_col, currency_col = rtype.field("amount").columns
    i_country, i_minor, i_currency = at["country_code"], at[minor_col], at[currency_col]
    i_date = at[rtype.date_field] if rtype.date_field else None
    totals: dict[tuple[str, str], int] = defaultdict(int)
    currencies: set[str] = set()
    for row in data.records["contribution"]:
        minor, currency = row[i_minor], row[i_currency]
        if minor is None or not currency:
            continue
        currencies.add(currency)
        stored = None if i_date is None else row[i_date]
        if derived.happened_by(data.date(stored) if stored else None, as_of):
            totals[row[i_country], currency] += minor
    return totals, sorted(currencies)


def _light_records(name: str, fields: tuple[str, ...], data: _Data) -> list[Record]:
    """Records holding only the named fields, enough for ``coopdesk.derived`` and much cheaper to build."""
    rtype = RECORD_TYPES[name]
    at = data.columns[name]
    wanted = [rtype.field(n) for n in fields]
    records = []
    for row in data.records[name]:
        values: dict[str, Any] = {}
        for f in wanted:
            if f.kind is Kind.PDATE:
                stored = row[at[f.name]]
                values[f.name] = data.date(stored) if stored else None
            else:
                values[f.name] = row[at[f.name]]
        records.append(Record(name, row[at["id"]], values, country=row[at["country_code"]]))
    return records
