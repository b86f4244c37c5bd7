"""A page's words drawn invisibly over its printed image, for a print into a PDF file.

The words are drawn in the renderer's own serif (shipped with coopdesk, so Qt's PDF engine embeds a subset
of it with its Unicode map, and a reader of the file gets the characters back), with a pen of no
opacity: Qt's PDF engine draws the text all the same, with a fill opacity of 0 (``/ca 0``), which every
PDF reader shows as nothing while the text is there to search, select and copy. Each word is set at its
own origin and baseline and stretched to its own width (less than a space short of the next word),
so a selection covers the printed word.

Words, not lines: Qt writes a space as the font's space glyph, which this font's character map also
gives to the tab, and Qt's Unicode map then says tab; drawn apart, words are separated by their gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QTransform

from coopdesk.db.shipped_files import shipped_file
from coopdesk.ui.printing.pdf_text import PrintedWord

#: Words are laid out in hundredths of a point: Qt's pixel sizes are whole numbers.
_UNITS = 100


@cache
def _family() -> str | None:
    """The shipped serif's family name, loaded once; None if it cannot be loaded."""
    font_id = QFontDatabase.addApplicationFont(str(shipped_file("fonts", "LiberationSerif-Regular.ttf")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def draw_text_layer(
    painter: QPainter, left: float, top: float, pixels_per_point: float, words: Iterable[PrintedWord]
) -> None:
    """Draw ``words`` (placed in points from the page's top left corner) invisibly on a page whose top
    left corner is at (``left``, ``top``) in device pixels, ``pixels_per_point`` to the point."""
    family = _family()
    if family is None:
        return
    fonts: dict[int, tuple[QFont, QFontMetricsF, float]] = {}
    painter.save()
    try:
        painter.translate(left, top)
        painter.scale(pixels_per_point / _UNITS, pixels_per_point / _UNITS)
        page = painter.transform()
        painter.setPen(QColor(0, 0, 0, 0))
        origin = QPointF(0, 0)
        current = 0
        listed = list(words)
        for word, following in zip(listed, [*listed[1:], None], strict=True):
            size = max(1, round(word.size * _UNITS))
            if size not in fonts:
                font = QFont(family)
                font.setPixelSize(size)
                metrics = QFontMetricsF(font)
                fonts[size] = (font, metrics, metrics.horizontalAdvance(" "))
            font, metrics, space = fonts[size]
            natural = metrics.horizontalAdvance(word.text)
            width = word.width * _UNITS
            if following is not None and abs(following.baseline - word.baseline) < word.size / 3:
                # leave the next word more than a space away, or a reader runs the two together
                width = min(width, (following.left - word.left) * _UNITS - 1.2 * space)
            if natural <= 0 or width <= 0:
                continue
            if size != current:
                painter.setFont(font)
                current = size
            placed = QTransform(width / natural, 0, 0, 1, word.left * _UNITS, word.baseline * _UNITS)
            painter.setTransform(placed * page)
            painter.drawText(origin, word.text)
    finally:
        painter.restore()
