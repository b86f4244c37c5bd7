"""Writing user text into cells so that it stays inert text and reads back exactly.

XlsxWriter's ``write_string`` always makes a string cell, never a formula; text that a spreadsheet
would take for a formula or a command when re-typed (starting with ``= + - @``, a tab or a carriage
return) also gets Excel's quote prefix. Control characters that XML cannot carry are written as
``_xHHHH_`` escapes (what Excel itself does), and a literal ``_xHHHH_`` in the text is escaped in turn;
the reader decodes both, so the round trip is exact. Two characters have no such escape that readers
honour (U+FFFE and U+FFFF), and a cell holds at most 32,767 characters: both are refused in plain
words rather than silently changed.
"""

from __future__ import annotations

import re
from functools import cache

#: Excel's limit on the characters of one cell.
MAX_CELL_CHARS = 32_767

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_UNWRITABLE = re.compile("[\ufffe\uffff]")


class CellRefused(ValueError):
    """Text that cannot go into a workbook cell unchanged; the message says why in plain words."""


def needs_quote_prefix(text: str) -> bool:
    """Whether a spreadsheet could read the text as a formula if the cell were re-entered."""
    return text.startswith(FORMULA_STARTS)


def check_cell_text(text: str) -> None:
    """Refuse text that a cell cannot hold exactly (too long, or a character no reader decodes)."""
    if len(text) > MAX_CELL_CHARS:
        raise CellRefused(
            f"the text is {len(text):,} characters long; a workbook cell holds at most "
            f"{MAX_CELL_CHARS:,}. Shorten it (or move part of it to the notes) before exporting"
        )
    if _UNWRITABLE.search(text):
        raise CellRefused(
            "the text holds the invisible character U+FFFE or U+FFFF, which a workbook cannot "
            "hold; remove it before exporting"
        )


@cache
def minor_scale(currency: str) -> int:
    """Minor units in one major unit of the currency (100 for USD, 1 for JPY): an amount's cell holds
    ``minor / minor_scale``, exact for every amount below 10**15 minor units."""
    from coopdesk.records.money import Money

    exponent = Money(0, currency).major.as_tuple().exponent
    return 10 ** -int(exponent) if isinstance(exponent, int) and exponent < 0 else 1
