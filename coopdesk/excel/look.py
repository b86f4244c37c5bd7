"""How the workbook looks on screen and on paper: its font, column widths, wrapped rows and print set-up.

The workbook is set in Arial 10, which Excel has and which LibreOffice draws with Liberation Sans, a
font with the very same widths: a column measured here is as wide as its text in both programs (Excel's
Calibri has no such twin on most Linux desks, where LibreOffice swaps in a wider font and dates turn to
"###"). Widths are measured with Arial's own character widths (those of the PDF base font Helvetica,
which shares them), from the longest value of each column as it is shown.

Printed, a sheet is an A4 landscape page at 80 % at least (10-point text never below 8 points): a sheet
that fits across the page at that size is scaled to fit, a wider one runs over more pages across, with
its header row and first column repeated on each.
"""

from __future__ import annotations

import codecs
import heapq
import math
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import compress, islice

FONT_NAME = "Arial"
FONT_SIZE = 10
ROW_POINTS = 12.75  # one line of Arial 10, Excel's and LibreOffice's default row height for it
MAX_ROW_POINTS = 409.0  # the tallest row a spreadsheet allows
DIGIT_PIXELS = 7  # Arial 10's digit width at 96 dpi: one unit of column width
PADDING_PIXELS = 5  # what a column adds to its units of width
SAFETY_PIXELS = 8  # room for the cell's margins and for rounding in either program
WRAP_FROM = 50.0  # a column wider than this (in units) wraps its text instead
LONG_TEXT_WIDTH = 60.0  # paragraphs (a letter's body, notes) wrap at this width
MEASURED = 40  # the longest values of a column by their number of characters, then measured

# A4 landscape: 297 mm across, less 13 mm margins each side, in points.
PAGE_POINTS = (297 - 2 * 13) / 25.4 * 72
MARGIN_INCHES = 13 / 25.4
MIN_PRINT_SCALE = 80  # 10-point text prints at 8 points at least


@cache
def _byte_widths(bold: bool) -> tuple[int, ...]:
    """Arial's advance widths (thousandths of an em) by Windows-1252 byte."""
    from reportlab.pdfbase import pdfmetrics

    return tuple(pdfmetrics.getFont("Helvetica-Bold" if bold else "Helvetica").widths)


def _as_wide(error: UnicodeError) -> tuple[str, int]:
    """A character outside Windows-1252 (Cyrillic, Greek...) is measured as a capital M, never less."""
    assert isinstance(error, UnicodeEncodeError)
    return "M" * (error.end - error.start), error.end


codecs.register_error("coopdesk-as-wide", _as_wide)
_EM_PIXELS = FONT_SIZE / 1000 * 96 / 72  # a thousandth of an em of Arial 10, in pixels at 96 dpi


@lru_cache(maxsize=1 << 16)
def text_pixels(text: str, *, bold: bool = False) -> float:
    """The width of one line of text in Arial 10 at 96 dpi (kept: sources and names recur)."""
    encoded = text.encode("cp1252", "coopdesk-as-wide")
    return sum(map(_byte_widths(bold).__getitem__, encoded)) * _EM_PIXELS


def units_for(pixels: float) -> float:
    """Column width units that show ``pixels`` of text whole."""
    return max(0.0, (pixels + SAFETY_PIXELS - PADDING_PIXELS) / DIGIT_PIXELS)


def column_pixels(units: float) -> float:
    return units * DIGIT_PIXELS + PADDING_PIXELS


def widest(texts: Sequence[str | None], *, bold: bool = False) -> float:
    """The width in units of the widest line among the texts (None for an empty cell). Only the longest
    texts by characters are measured, picked out in C (no Python step per cell), so a column of 100,000
    cells costs little more than one of 40: the first ``MEASURED * 4`` texts at least as long as the
    ``MEASURED``-th longest, the search stopping as soon as it has them."""
    filled = list(filter(None, texts))
    if len(filled) > MEASURED:
        lengths = list(map(len, filled))
        cutoff = heapq.nlargest(MEASURED, lengths)[-1]
        filled = list(islice(compress(filled, map(cutoff.__le__, lengths)), MEASURED * 4))
    lines = {line for text in filled for line in text.split("\n")}
    return max((units_for(text_pixels(line, bold=bold)) for line in lines), default=0.0)


def longest_word(text: str, *, bold: bool = False) -> float:
    """The width in units of the widest word: a wrapped header is never narrower than that."""
    return max((units_for(text_pixels(word, bold=bold)) for word in text.split()), default=0.0)


def wrapped(text: str, units: float, *, bold: bool = False) -> list[str]:
    """The lines of the text wrapped in a column ``units`` wide, as the spreadsheet wraps it: each
    paragraph on its own lines, words moved whole to the next line (a word longer than a line is cut)."""
    room = column_pixels(units) - SAFETY_PIXELS
    space = text_pixels(" ", bold=bold)
    lines = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            width = text_pixels(word, bold=bold)
            if line and used + space + width > room:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used = used + space + width if line else width
            line.append(word)
            while used > room:  # a word longer than the line breaks where it must
                lines.append("")
                used -= room
        lines.append(" ".join(line))
    return lines


@lru_cache(maxsize=1 << 14)
def lines_in(text: str, units: float, *, bold: bool = False) -> int:
    return len(wrapped(text, units, bold=bold))


def row_points(lines: int) -> float:
    return min(MAX_ROW_POINTS, max(1, lines) * ROW_POINTS + 1.5)


def needs_lines(text: str, units: float) -> bool:
    """Whether the text takes more than one line in a column ``units`` wide."""
    return "\n" in text or text_pixels(text) > column_pixels(units) - SAFETY_PIXELS


def print_scale(widths: Iterable[float]) -> tuple[int, bool]:
    """The print scale (percent) for columns of these widths, and whether they fit across one page.

    Measured as LibreOffice lays a column out (a unit is Arial's digit, 5.56 points, a little more than
    Excel's 7 pixels), with 2 % to spare, so a sheet said to fit does fit in both programs."""
    points = sum(w * _PRINTED_UNIT_POINTS + PADDING_PIXELS * 0.75 for w in widths)
    fits = math.floor(100 * PAGE_POINTS / points) - 2 if points else 100
    if fits >= 100:
        return 100, True
    if fits >= MIN_PRINT_SCALE:
        return fits, True
    return MIN_PRINT_SCALE, False


_PRINTED_UNIT_POINTS = 5.6
