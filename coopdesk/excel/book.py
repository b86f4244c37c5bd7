"""The workbook being written and the rows it is written from: shared by the record sheets (``export``)
and the Summary (``summary_sheet``).

``BookWriter`` holds the XlsxWriter workbook, its formats and its hidden lists sheet; every format starts
from the workbook's default (Arial 10, at the top of the row: see ``look``). ``ExportData`` holds the rows
read from the database as plain tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from coopdesk.excel import look
from coopdesk.excel.sheets import LISTS_SHEET
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record

DATE_FORMAT = "d mmmm yyyy"
_INLINE_LIST_LIMIT = 255  # Excel's limit on an inline validation list


@dataclass
class ExportData:
    records: dict[str, list[Sequence[Any]]]  # record type -> stored rows (plain tuples, in column order)
    columns: dict[str, dict[str, int]]  # record type -> column name -> position in a row
    catalogue: dict[str, list[Record]]
    catalogue_rows: dict[str, list[Sequence[Any]]]
    country_names: dict[str, str]
    countries: list[str]  # the countries in scope, in name order
    scope: str = "All countries"  # what the workbook holds, for its printed pages' headers
    shown: dict[str, dict[str, str]] = field(default_factory=dict)  # catalogue type -> code -> its name
    dates: dict[str, PartialDate] = field(default_factory=dict)  # stored text -> date, parsed once

    def date(self, stored: str) -> PartialDate:
        """A stored date, parsed once per export: the same dates recur across records and sheets."""
        value = self.dates.get(stored)
        if value is None:
            value = self.dates[stored] = PartialDate.from_storage(stored)
        return value

    def dates_of(self, *columns: Iterable[Any]) -> dict[str, PartialDate]:
        """The parsed dates, now holding every stored date among the values (each distinct one parsed
        once): look a value up with ``.get``, which gives None for an empty one."""
        wanted = set().union(*columns)
        wanted.discard(None)
        wanted.discard("")
        for stored in wanted.difference(self.dates):
            self.dates[stored] = PartialDate.from_storage(stored)
        return self.dates


class BookWriter:
    """One workbook being written: its formats, its lists sheet and the cell-writing rules."""

    def __init__(self, path: Path) -> None:
        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "default_date_format": DATE_FORMAT,
                # Arial: LibreOffice draws it with a font of the very same widths (see ``look``).
                # Every cell at the top of its row, so a row made tall by a wrapped paragraph reads
                # across; set on the default format, it costs no attribute on any cell.
                "default_format_properties": {
                    "font_name": look.FONT_NAME,
                    "font_size": look.FONT_SIZE,
                    "font_scheme": "none",
                    "valign": "top",
                },
                "default_row_height": round(look.ROW_POINTS * 4 / 3),
            },
        )
        self.book.set_properties({"title": "Cooperation records", "comments": ""})
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "top", "bottom": 1}
        )
        self.header_up = self.book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "bottom", "bottom": 1}
        )
        self.header_up.set_rotation(90)
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
        # (Every format inherits the default's font and its place at the top of the row.)
        self.wrap = self.book.add_format({"text_wrap": True})
        self.unlocked = self.book.add_format({"locked": False})
        self.locked = self.book.add_format({"locked": True, "font_color": "#444444"})
        # A partial-date column is text: "May 2009" typed into it stays "May 2009" (a date cell would be
        # 1 May 2009); its full dates are date cells with their own format.
        self.text_top = self.book.add_format({"num_format": "@"})
        self.quoted = self.book.add_format({"quote_prefix": True})
        self.quoted_wrap = self.book.add_format({"quote_prefix": True, "text_wrap": True})
        self.date = self.book.add_format({"num_format": DATE_FORMAT, "align": "left"})
        self.integer = self.book.add_format({"num_format": "0"})
        self.centred = self.book.add_format({"align": "center"})
        self._money: dict[str, Format] = {}
        self._lists_sheet: Worksheet | None = None
        self._lists: dict[str, str] = {}
        self.date_cells: dict[str, float | str] = {}  # stored date -> what its cell holds
        self.date_texts: dict[str, str] = {}  # stored date -> how its cell shows it (to size the column)

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
