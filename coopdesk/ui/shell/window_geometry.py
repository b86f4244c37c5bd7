"""Where the main window opens: on a first start, sized to the screen it opens on and centred there; on
later starts, where it was left, kept on the screens present now (a laptop undocked from the monitor
the window was on gets the window back on its own screen).

The rules are plain functions of rectangles (``first_geometry``, ``fit_to_screens``), so they are tested
with made-up screens; ``place`` applies them to a window before it is shown.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: A first window takes this share of the screen's free area, each way ...
FIRST_SHARE = 0.9
#: ... up to this size: on a large screen a bigger window only spreads the same content out.
LARGEST_FIRST = QSize(1600, 1000)


def first_geometry(available: QRect, minimum: QSize) -> QRect:
    """The first window on a screen whose free area (without panels and docks) is ``available``:
    ``FIRST_SHARE`` of it up to ``LARGEST_FIRST``, at least ``minimum`` where the screen has room for
    it, never larger than the screen; centred."""

    def side(free: int, largest: int, least: int) -> int:
        return min(free, max(least, min(largest, round(free * FIRST_SHARE))))

    size = QSize(
        side(available.width(), LARGEST_FIRST.width(), minimum.width()),
        side(available.height(), LARGEST_FIRST.height(), minimum.height()),
    )
    return _centred(size, available)


def fit_to_screens(saved: QRect, screens: Sequence[QRect], primary: QRect) -> QRect:
    """``saved`` (the window as it was left) kept where it is when it lies on the screens present now
    (``screens``: each one's free area), whether on one screen or across several; otherwise moved onto
    the screen that holds most of it, or centred on the primary screen when none holds any, and made
    smaller when that screen is smaller than the window."""
    if not screens:
        return QRect(saved)
    covered = sum(_area(saved.intersected(screen)) for screen in screens)
    if covered >= _area(saved):
        return QRect(saved)
    best = max(screens, key=lambda screen: _area(saved.intersected(screen)))
    if _area(saved.intersected(best)) == 0:
        size = saved.size().boundedTo(primary.size())
        return _centred(size, primary)
    size = saved.size().boundedTo(best.size())
    left = min(max(saved.left(), best.left()), best.left() + best.width() - size.width())
    top = min(max(saved.top(), best.top()), best.top() + best.height() - size.height())
    return QRect(QPoint(left, top), size)


def _centred(size: QSize, area: QRect) -> QRect:
    left = area.left() + (area.width() - size.width()) // 2
    top = area.top() + (area.height() - size.height()) // 2
    return QRect(QPoint(left, top), size)


def _area(rect: QRect) -> int:
    return max(rect.width(), 0) * max(rect.height(), 0) if rect.isValid() else 0


def place(window: QWidget, saved: QByteArray | None) -> None:
    """Give ``window`` (not shown yet) its geometry: the one ``saved`` by ``QWidget.saveGeometry`` on a
    later start (Qt restores it, maximised or not), kept on the screens present now; on a first start
    (or when ``saved`` cannot be read) ``first_geometry`` on the screen under the mouse pointer."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    if not screens or primary is None:
        return
    if saved is not None and window.restoreGeometry(saved):
        if window.isMaximized() or window.isFullScreen():
            return  # the window manager puts it on a screen whole
        # Fitted as the user sees it, with the title bar and borders it had when it was saved (Qt
        # does not know this window's frame before it is shown).
        left, top, right, bottom = saved_frame_margins(saved)
        frame = window.geometry().adjusted(-left, -top, right, bottom)
        fitted = fit_to_screens(frame, [s.availableGeometry() for s in screens], primary.availableGeometry())
        if fitted != frame:
            window.setGeometry(fitted.adjusted(left, top, -right, -bottom))
        return
    from PySide6.QtGui import QCursor  # a first start only

    screen = QGuiApplication.screenAt(QCursor.pos()) or primary
    first = first_geometry(screen.availableGeometry(), window.minimumSize())
    window.resize(first.size())
    window.move(first.topLeft())  # the frame's corner: the title bar stays on the screen


def saved_frame_margins(saved: QByteArray) -> tuple[int, int, int, int]:
    """The window frame's title bar and borders (left, top, right, bottom) as ``QWidget.saveGeometry``
    recorded them: its data starts with a mark, a version (two 16-bit numbers), then the frame's and the
    window's rectangles (each its left, top, right and bottom as 32-bit numbers), big-endian. None
    (zeros) when the data is not of that form. Read with ``struct``: reading it with ``QDataStream``
    would make PySide6 build that class's Python type at every start."""
    data = bytes(saved.data())
    if len(data) < _HEADER.size:
        return (0, 0, 0, 0)
    mark, _major, _minor, *edges = _HEADER.unpack_from(data)
    frame, client = edges[:4], edges[4:]
    inside = (
        frame[0] <= client[0] and frame[1] <= client[1] and client[2] <= frame[2] and client[3] <= frame[3]
    )
    if mark != 0x1D9D0CB or not inside:
        return (0, 0, 0, 0)
    return (client[0] - frame[0], client[1] - frame[1], frame[2] - client[2], frame[3] - client[3])


_HEADER = struct.Struct(">IHH4i4i")
