"""Screenshots of the main window on the demo data, saved to test-output/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from coopdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def save(window: MainWindow, output_dir: Path, name: str) -> Path:
    path = output_dir / name
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
