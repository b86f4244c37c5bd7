"""A sheet on paper, and what a sheet says about itself: print set-up, read-only parts, header notes.

Printed, every sheet is an A4 landscape page with its name and scope in the page header, its header row
on every page and its page numbers in the footer, at a readable size (``look.print_scale``). A sheet
that is worked out (the Summary) or whose names are the UN's (Countries) says so in a note on its first
header cell, and its fixed cells are protected (no password: this says "not here", it does not lock
anyone out), so an edit there is refused by the spreadsheet itself instead of ignored on import.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.worksheet import Worksheet

from coopdesk.excel import look

_PROTECTION = {
    "format_cells": True,
    "format_columns": True,
    "format_rows": True,
    "sort": True,
    "autofilter": True,
    "select_locked_cells": True,
    "select_unlocked_cells": True,
}


def _header_text(text: str) -> str:
    """Text for a page header or footer: "&" is their control character."""
    return text.replace("&", "&&")


def set_up_printing(
    ws: Worksheet,
    widths: Sequence[float],
    *,
    scope: str,
    first_column_repeated: bool,
    centred: bool = False,
) -> None:
    """Landscape A4 at a scale that keeps 10-point text at 8 points or more, titles on every page."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    margin = look.MARGIN_INCHES
    ws.set_margins(left=margin, right=margin, top=0.75, bottom=0.7)
    scale, fits = look.print_scale(widths)
    ws.set_print_scale(scale)
    ws.repeat_rows(0)
    if not fits:
        ws.print_across()  # a row's columns on consecutive pages, then the next rows
        if first_column_repeated:
            ws.repeat_columns(0)  # the State, on every page across
    if centred:
        ws.center_horizontally()
    ws.hide_gridlines(0)  # printed with its grid: wrapped rows stay readable as rows
    ws.set_header(f'&L&"Arial,Bold"&A&R{_header_text(scope)}', {"margin": 0.3})
    # Each sheet's pages numbered from 1: a workbook printed whole (LibreOffice) counts "of N" over all
    # its sheets, so the total is left out rather than be wrong there.
    ws.set_start_page(1)
    ws.set_footer("&LExported from coopdesk&RPage &P", {"margin": 0.3})


def mark_read_only(ws: Worksheet, note: str) -> None:
    """Protect the sheet's locked cells (without a password) and explain why on its first header cell."""
    ws.protect("", _PROTECTION)
    ws.write_comment(0, 0, note, {"x_scale": 2.2, "y_scale": 1.4, "font_name": look.FONT_NAME})
