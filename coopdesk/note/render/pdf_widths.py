"""Word widths remembered for reportlab's line breaking.

Breaking a paragraph's lines, reportlab measures each word with ``pdfmetrics.stringWidth`` every time it
tries a line: the busiest State's note asks for 125,000 widths, most of them of the same few thousand
words ("the", "Convention", a State's name), and measuring is a Python loop over the characters'
metrics. A width depends only on the text, the font's name, its size and the encoding, and coopdesk
registers its fonts once per process and never under a name already taken (``register_fonts``), so
the widths paragraphs ask for are remembered. Measured on the busiest State's note: its PDF takes
15-30 % less processor time, the French one most (its text is longer).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph

#: Enough for the words of a few hundred notes in two languages; each entry is a short string and a float.
_WIDTHS_KEPT = 65_536


def remember_word_widths() -> None:
    """Give reportlab's paragraphs a remembering ``stringWidth`` (once; the same widths as before)."""
    if getattr(paragraph.stringWidth, "cache_info", None) is None:
        paragraph.stringWidth = lru_cache(maxsize=_WIDTHS_KEPT)(pdfmetrics.stringWidth)
