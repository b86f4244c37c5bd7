"""SVG icons drawn in the palette's text colour, so they read on light and dark themes alike.

The shipped SVGs stroke with ``currentColor``; each is rendered at 1x, 1.5x and 2x for the usual sizes,
so it stays sharp at 150 % scaling. A missing icon gives an empty ``QIcon`` (the action keeps its text).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from coopdesk.db.shipped_files import shipped_file

SIZES = (16, 20, 24, 32, 48)
SCALES = (1.0, 1.5, 2.0)


@cache
def _svg_text(name: str) -> str | None:
    resource = shipped_file("icons", f"{name}.svg")
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8")


def _colour(mode: QIcon.Mode) -> str:
    palette = QGuiApplication.palette()
    group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    return palette.color(group, QPalette.ColorRole.WindowText).name()


def icon(name: str) -> QIcon:
    """The named icon from ``resources/icons``, coloured for the current palette."""
    text = _svg_text(name)
    result = QIcon()
    if text is None:
        return result
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
        renderer = QSvgRenderer(QByteArray(text.replace("currentColor", _colour(mode)).encode("utf-8")))
        for size in SIZES:
            for scale in SCALES:
                pixels = round(size * scale)
                pixmap = QPixmap(pixels, pixels)
                pixmap.fill(Qt.GlobalColor.transparent)
                painter = QPainter(pixmap)
                renderer.render(painter, QRectF(0, 0, pixels, pixels))
                painter.end()
                pixmap.setDevicePixelRatio(scale)
                result.addPixmap(pixmap, mode)
    return result
