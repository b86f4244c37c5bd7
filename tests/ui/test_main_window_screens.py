"""Screenshots of the main window on the demo data, saved to test-output/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def save(window: MainWindow, output_dir: Path, name: str) -> Path:
    path = output_dir / name
    QApplication.processEvents()  # let pending re-layouts happen, as they would before the user sees them
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000  # a real picture, not an empty frame
    return path


def test_screenshots_of_the_main_window(qtbot: QtBot, window: MainWindow, output_dir: Path) -> None:
    window.resize(QSize(1280, 800))
    assert window.select_country("BLR")
    page = window.page("treaty_action")
    window.workspace.setCurrentWidget(page)
    page.select_key(str(page.model.record_at(0).key))  # type: ignore[union-attr]
    qtbot.wait(50)
    save(window, output_dir, "main-window-treaty-actions.png")

    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    page.select_key(str(page.model.record_at(0).key))  # type: ignore[union-attr]
    save(window, output_dir, "main-window-membership.png")

    page = window.page("contribution")
    window.workspace.setCurrentWidget(page)
    page.select_key(str(page.model.record_at(0).key))  # type: ignore[union-attr]
    save(window, output_dir, "main-window-contribution.png")

    page = window.page("treaty_action")
    window.workspace.setCurrentWidget(page)
    window.act_new.trigger()
    editor = page.form.editors["action_date"].focus_widget()
    qtbot.keyClicks(editor, "31/02/2009")
    save(window, output_dir, "main-window-invalid-date.png")
    window.act_revert.trigger()

    window.act_search.trigger()
    qtbot.keyClicks(window.search.edit, "trafficking")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
    save(window, output_dir, "main-window-search.png")

    window.resize(QSize(800, 560))
    save(window, output_dir, "main-window-small.png")


def test_screenshot_with_a_dark_system_palette(qtbot: QtBot, window: MainWindow, output_dir: Path) -> None:
    """Nothing is drawn in a fixed colour: with a dark palette, text, icons and tables all turn light-on-dark."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d6fb4"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Base) == QColor("#1e1e1e"))
    try:
        window._recolour_icons()
        window.resize(QSize(1280, 800))
        window.select_country("BLR")
        page = window.page("treaty_action")
        window.workspace.setCurrentWidget(page)
        page.select_key(str(page.model.record_at(0).key))  # type: ignore[union-attr]
        image = window.grab().toImage()
        image.save(str(output_dir / "main-window-dark.png"))
        # the form's background is dark, as the palette says
        centre = page.form.mapTo(window, page.form.rect().center())
        assert image.pixelColor(centre.x(), centre.y() + 200).lightness() < 100
    finally:
        app.setPalette(light)
        qtbot.waitUntil(
            lambda: window.palette().color(QPalette.ColorRole.Base) == light.color(QPalette.ColorRole.Base)
        )
        window._recolour_icons()


def test_screenshot_of_the_about_dialog(qtbot: QtBot, window: MainWindow, output_dir: Path) -> None:
    window.act_about.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.grab().save(str(output_dir / "about-dialog.png"))
    assert str(window.db.path) in dialog.facts.text()
    dialog.close()
