"""Toolbar icons: drawn on demand at the size and scale asked, in the palette's text colour."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk.ui.widgets.icons import icon


def _inked(image: QImage) -> list[QColor]:
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]


def test_icons_are_sharp_at_150_percent_and_follow_the_palette(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    save = icon("save")
    pixmap = save.pixmap(QSize(24, 24), 1.5)
    assert (pixmap.width(), pixmap.height()) == (36, 36), "drawn at 36 px, not scaled up from 24"
    light = app.palette()
    ink = light.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    assert _inked(pixmap.toImage()) and all(c.rgb() == ink.rgb() for c in _inked(pixmap.toImage()))

    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    app.setPalette(dark)
    try:
        again = save.pixmap(QSize(24, 24), 1.5).toImage()
        assert all(c.rgb() == QColor("#e6e6e6").rgb() for c in _inked(again)), "redrawn for a dark theme"
    finally:
        app.setPalette(light)
    disabled = save.pixmap(QSize(16, 16), QIcon.Mode.Disabled).toImage()
    grey = light.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert all(c.rgb() == grey.rgb() for c in _inked(disabled))


def test_a_missing_icon_is_empty_and_the_action_keeps_its_text() -> None:
    assert icon("no-such-icon").isNull()


def test_an_icon_copied_and_changed_keeps_working(qtbot: QtBot) -> None:
    """Qt clones the engine when a copy is changed; the clone must outlive the call that made it."""
    import gc

    from PySide6.QtGui import QPixmap

    original = icon("save")
    copy = QIcon(original)  # shares the engine until it is changed
    extra = QPixmap(8, 8)
    extra.fill(QColor("red"))
    copy.addPixmap(extra)
    gc.collect()
    assert not copy.pixmap(QSize(24, 24)).isNull()
    assert not original.pixmap(QSize(24, 24)).isNull()
    undo = icon("undo")
    masked = QIcon(undo)
    masked.setIsMask(True)
    gc.collect()
    assert not masked.pixmap(QSize(16, 16)).isNull()
