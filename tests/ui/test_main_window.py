"""The main window driven as a user would: keyboard and mouse on the real widgets, dialogs patched."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coopdesk.ui.main_window import MainWindow


def test_typing_bel_finds_belarus_and_opens_its_workspace(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.countries.filter_edit, "bel")
    names = [window.countries.model.row_at(r).name for r in range(window.countries.model.rowCount())]
    assert "Belarus" in names
    assert "Belgium" in names
    assert "France" not in names
    row = names.index("Belarus")
    qtbot.mouseClick(
        window.countries.view.viewport(),
        __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton,
        pos=window.countries.view.visualRect(window.countries.model.index(row, 0)).center(),
    )
    assert window.current_country() == "BLR"
    assert window.page("treaty_action").model.rowCount() > 0
