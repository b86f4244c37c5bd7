"""One column of a sheet as the export writes it: its cells from the stored columns, the first cell that
cannot be written as it is, the tight loop that writes them, and the column's width.

Each kind of column is written by one loop chosen once (``How``), so that the time goes to XlsxWriter's
own work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from enum import Enum, auto
from functools import partial
from itertools import count
from operator import is_not
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from coopdesk.excel import look
from coopdesk.excel.book import BookWriter, ExportData
from coopdesk.excel.cells import FORMULA_STARTS, MAX_CELL_CHARS, CellRefused, check_cell_text, minor_scale
from coopdesk.excel.sheets import Column, Part, SheetLayout
from coopdesk.excel.summary_sheet import amount_text
from coopdesk.records.fields import Kind
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

FORMULA_STARTS_CHARS = frozenset(FORMULA_STARTS)
# Spreadsheets count days from 1900 (and Excel wrongly counts 29 February 1900): earlier dates stay text.
_FIRST_EXCEL_DATE = dt.date(1900, 3, 1)
# Spreadsheet numbers keep about 15 significant digits; larger amounts would be rounded.
_MAX_EXACT_MINOR = 10**15


class How(Enum):
    """How a column's cells are written."""

    TEXT = auto()  # user text: checked, and quote-prefixed when it starts like a formula
    PLAIN = auto()  # a name, code, id or Yes/No, written as it is in the column's format
    NUMBER = auto()  # a whole number
    DATE = auto()  # a stored partial date: a date cell when it is a full date, else its text
    AMOUNT = auto()  # a money amount in its currency's number format


@dataclass(frozen=True)
class ColumnCells:
    """One column of a sheet, ready to write: a value per row (None or "" for an empty cell) and how."""

    how: How
    values: Sequence[Any]
    fmt: Format | None = None
    currencies: Sequence[Any] = ()  # AMOUNT: each row's currency
    dates: dict[str, float | str] = field(default_factory=dict)  # DATE: stored date -> cell value
    shown: frozenset[str] = frozenset()  # DATE: the column's distinct stored dates


_TEXT_TYPES = frozenset({str, type(None)})
_is_not_none = partial(is_not, None)
# Day 0 of a spreadsheet's 1900 date system, for the dates from 1 March 1900 on (_FIRST_EXCEL_DATE).
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)
_LONGEST_DATE = "30 September 2009"  # a date column is never narrower than a date typed into it later
# The names of a State are the UN's: on the Countries sheet they are protected cells.
_FIXED_COUNTRY_FIELDS = frozenset({"iso3", "short_name", "formal_name"})


def cells_of_column(
    writer: BookWriter,
    layout: SheetLayout,
    column: Column,
    at: dict[str, int],
    stored: Sequence[Sequence[Any]],
    data: ExportData,
) -> ColumnCells:
    """The cells of one column, from the stored columns (``stored[at[name]]`` holds every row's value)."""
    f = column.field
    if column.part is Part.COUNTRY:
        names = data.country_names
        codes = stored[at["country_code"]]
        return ColumnCells(How.PLAIN, list(map(names.get, codes, codes)) if names else as_texts(codes))
    if column.part is Part.ID:
        # Grey through the column's conditional format (see _finish_sheet), not a format on each of
        # 100,000 cells: a cell format is an attribute on every cell of the saved sheet.
        return ColumnCells(How.PLAIN, as_texts(stored[at[layout.rtype.key]]))
    assert f is not None
    if column.part is Part.AMOUNT:
        return ColumnCells(How.AMOUNT, stored[at[f.columns[0]]], currencies=stored[at[f.columns[1]]])
    if column.part is Part.CURRENCY:
        return ColumnCells(How.PLAIN, as_texts(stored[at[f.columns[1]]]))
    values = stored[at[f.name]]
    if f.kind is Kind.PDATE:
        dates, texts = writer.date_cells, writer.date_texts
        shown = set(values)
        shown.discard(None)
        shown.discard("")
        for text in shown.difference(dates):  # each date once per workbook
            value = data.date(text)
            dates[text] = date_cell(value)
            texts[text] = value.format()
        return ColumnCells(How.DATE, values, writer.date, dates=dates, shown=frozenset(shown))
    if f.kind is Kind.INT:
        return ColumnCells(How.NUMBER, values, writer.integer)
    if f.kind is Kind.BOOL:
        return ColumnCells(How.PLAIN, [None if v is None else "Yes" if v else "No" for v in values])
    if f.kind is Kind.REF and f.ref:
        # By its short name ("1970 Hague Convention"), as in the editor, not its code ("CT02").
        names = data.shown.get(f.ref, {})
        return ColumnCells(How.PLAIN, list(map(names.get, values, values)))
    if layout.rtype.name == "country" and f.name in _FIXED_COUNTRY_FIELDS:
        return ColumnCells(How.PLAIN, as_texts(values), writer.locked)
    if f.kind is Kind.CHOICE and f.vocabulary is not None:
        labels = dict(f.vocabulary.items)
        values = list(map(labels.get, values, values))
    return ColumnCells(How.TEXT, as_texts(values))


def as_texts(values: Sequence[Any]) -> Sequence[Any]:
    """The values as text, empty ones left empty; most columns hold only text already and are kept."""
    if set(map(type, values)) <= _TEXT_TYPES:
        return values
    return [None if v is None or v == "" else str(v) for v in values]


def first_refusal(cells: list[ColumnCells]) -> tuple[int, int, str] | None:
    """The first cell, in reading order, that cannot be written as it is: (row index, column, why)."""
    found = []
    for col, column in enumerate(cells):
        if column.how is How.TEXT:
            problem = _first_unwritable_text(column.values)
        elif column.how is How.AMOUNT:
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


def write_column(
    writer: BookWriter, ws: Worksheet, col: int, cells: ColumnCells, tall: Container[str] = ()
) -> None:
    """Write every cell of a column below its header. A cell without a format of its own takes its
    column's (at the top of the row, wrapped, text for a partial date: see _finish_sheet); a text that
    takes more than one line in a wrapped column (``tall``) is written wrapped.

    One tight loop per kind of column, chosen once: the per-cell work is what XlsxWriter itself does.
    """
    how, values, fmt = cells.how, cells.values, cells.fmt
    write_string, write_number = ws.write_string, ws.write_number
    if tall and how in (How.TEXT, How.PLAIN):  # a wrapped column holding texts of several lines
        quoted, wrap, quoted_wrap = writer.quoted, writer.wrap, writer.quoted_wrap
        formula_starts, text_column = FORMULA_STARTS_CHARS, how is How.TEXT
        for r, text in enumerate(values, start=1):
            if text:
                if text in tall:
                    cell_fmt = quoted_wrap if text[0] in formula_starts else wrap
                elif text_column:
                    cell_fmt = quoted if text[0] in formula_starts else None
                else:
                    cell_fmt = fmt
                write_string(r, col, text, cell_fmt)
    elif how is How.TEXT:
        quoted, formula_starts = writer.quoted, FORMULA_STARTS_CHARS
        for r, text in enumerate(values, start=1):
            if text:
                write_string(r, col, text, quoted if text[0] in formula_starts else None)
    elif how is How.PLAIN:
        for r, text in enumerate(values, start=1):
            if text:
                write_string(r, col, text, fmt)
    elif how is How.NUMBER:
        for r, number in enumerate(values, start=1):
            if number is not None:
                write_number(r, col, number, fmt)
    elif how is How.DATE:
        shown, text = cells.dates, writer.text_top
        for r, stored in enumerate(values, start=1):
            if stored:
                value = shown[stored]
                if value.__class__ is str:  # a partial date: text, and so kept text when retyped
                    write_string(r, col, value, text)
                else:
                    write_number(r, col, value, fmt)  # a day number, shown as a date by the format
    else:
        money: dict[str, tuple[int, Format]] = {}
        for r, minor, currency in zip(count(1), values, cells.currencies):
            if minor is not None and currency:
                scale = money.get(currency)
                if scale is None:
                    scale = money[currency] = (minor_scale(currency), writer.money_format(currency))
                # Both are exact integers below 2**53, so the division is correctly rounded.
                write_number(r, col, minor / scale[0], scale[1])


def read_back(cells: ColumnCells) -> Sequence[Any]:
    """Each cell of the column as python-calamine will read it back once written: text as it is, "" for
    an empty cell, a number as a ``float``, a day number (a date cell) as a ``datetime.date``. What the
    hidden column's digest of a row is taken on (``conflicts.cells_digests``)."""
    how, values = cells.how, cells.values
    if how in (How.TEXT, How.PLAIN):
        return [value or "" for value in values] if None in values else values
    if how is How.NUMBER:
        return ["" if value is None else float(value) for value in values]
    if how is How.DATE:
        back = {stored: _date_read_back(cells.dates[stored]) for stored in cells.shown}
        return [back[stored] if stored else "" for stored in values]
    scales: dict[str, int] = {}
    out: list[Any] = []
    for minor, currency in zip(values, cells.currencies, strict=True):
        if minor is not None and currency:
            scale = scales.get(currency)
            if scale is None:
                scale = scales[currency] = minor_scale(currency)
            out.append(minor / scale)  # what write_column writes
        else:
            out.append("")
    return out


def _date_read_back(cell: float | str) -> dt.date | str:
    return cell if isinstance(cell, str) else _EXCEL_DAY_ZERO + dt.timedelta(days=int(cell))


def content_width(writer: BookWriter, cells: ColumnCells) -> float:
    """The width (in units) of the column's widest value as the spreadsheet shows it."""
    how, values = cells.how, cells.values
    if how is How.DATE:
        # As wide as its widest date shown. A column holding date cells is never narrower than the longest
        # date, so one changed later never shows "###" (a partial date is text, which never does).
        shown = cells.shown
        width = look.widest(list(map(writer.date_texts.__getitem__, shown)))
        if float in set(map(type, map(cells.dates.__getitem__, shown))):  # a day number: a date cell
            width = max(width, look.widest([_LONGEST_DATE]))
        return width
    if how is How.NUMBER:
        numbers = list(filter(_is_not_none, values))
        return look.widest([str(min(numbers)), str(max(numbers))]) if numbers else 0.0
    if how is How.AMOUNT:
        largest: dict[str, int] = {}
        for minor, currency in zip(values, cells.currencies, strict=True):
            if minor is not None and currency and abs(minor) >= abs(largest.get(currency, 0)):
                largest[currency] = minor
        return look.widest([amount_text(minor, currency) for currency, minor in largest.items()])
    return look.widest(values)


def date_cell(value: PartialDate) -> float | str:
    """A partial date as a cell value: a full date (from 1 March 1900 on) is its day number."""
    if value.day is not None:
        start = value.start()
        if start >= _FIRST_EXCEL_DATE:
            return float((start - _EXCEL_DAY_ZERO).days)
    return value.format()
