"""SVG icons drawn in the palette's text colour, so they read on light and dark themes alike.

The shipped SVGs stroke with ``currentColor``. An icon is drawn when Qt first asks for it, at exactly the
size and device pixel ratio it asks (sharp at 150 % and 200 %), in the palette colour of that moment,
and the drawing is kept for the next time; nothing is drawn for sizes no widget uses. A missing icon
gives an empty ``QIcon`` (the action keeps its text).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from coopdesk.db.shipped_files import shipped_file


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


_CLONES: list[QIconEngine] = []


class _PaletteSvgEngine(QIconEngine):
    """Draws one SVG on demand; drawings are kept by (size, scale, colour)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, float, str], QPixmap] = {}

    def _renderer(self, colour: str) -> QSvgRenderer:
        renderer = self._renderers.get(colour)
        if renderer is None:
            data = QByteArray(self._text.replace("currentColor", colour).encode("utf-8"))
            renderer = self._renderers[colour] = QSvgRenderer(data)
        return renderer

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        colour = _colour(mode)
        key = (size.width(), size.height(), scale, colour)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = QPixmap(round(size.width() * scale), round(size.height() * scale))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self._renderer(colour).render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            self._pixmaps[key] = pixmap
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(QPoint(rect.x(), rect.y()), self.scaledPixmap(rect.size(), mode, state, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def isNull(self) -> bool:
        return False

    def clone(self) -> QIconEngine:
        # Qt copies an icon's engine when a copy is changed (addPixmap, setIsMask) and owns the copy, but
        # PySide6 does not hand a Python object returned here over to Qt: keep it alive, or Qt is left
        # with a freed engine. Copies are rare (none in coopdesk today), so the list stays short.
        engine = _PaletteSvgEngine(self._text)
        _CLONES.append(engine)
        return engine

    def key(self) -> str:
        return "coopdesk-palette-svg"


def icon(name: str) -> QIcon:
    """The named icon from ``resources/icons``, coloured for the current palette."""
    text = _svg_text(name)
    if text is None:
        return QIcon()
    return QIcon(_PaletteSvgEngine(text))
