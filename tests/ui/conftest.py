"""GUI test fixtures: the real main window on a copy of the demo database, dialogs patched per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.settings import Settings
from tests.helpers.gui import DialogLog, PrintDialogAnswer


@pytest.fixture
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    """Every dialog goes through coopdesk.ui.widgets.dialogs; none may block a test."""
    log = DialogLog()

    def message(kind: str):  # type: ignore[no-untyped-def]
        def show(_parent: object, title: str, text: str) -> None:
            log.shown.append((kind, title, text))

        return show

    def ask_yes_no(_parent: object, title: str, text: str) -> bool:
        log.shown.append(("ask_yes_no", title, text))
        return next((answer for key, answer in log.answers.items() if key in text), log.yes_no)

    def ask_sdc(_parent: object, title: str, text: str) -> str:
        log.shown.append(("ask_save_discard_cancel", title, text))
        return log.save_discard_cancel

    def open_file(_parent: object, title: str, _filter: str = "") -> Path | None:
        log.shown.append(("open_file", title, ""))
        return log.open_path

    def save_file(_parent: object, title: str, _filter: str = "", _suggested: object = "") -> Path | None:
        log.shown.append(("save_file", title, ""))
        return log.save_path

    monkeypatch.setattr(dialogs, "inform", message("inform"))
    monkeypatch.setattr(dialogs, "warn", message("warn"))
    monkeypatch.setattr(dialogs, "error", message("error"))
    monkeypatch.setattr(dialogs, "ask_yes_no", ask_yes_no)
    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", ask_sdc)
    monkeypatch.setattr(dialogs, "open_file", open_file)
    monkeypatch.setattr(dialogs, "save_file", save_file)
    return log


@pytest.fixture
def print_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> PrintDialogAnswer:
    folder = tmp_path / "prints"  # holds nothing but what is printed
    folder.mkdir()
    answer = PrintDialogAnswer(folder / "printed.pdf")
    monkeypatch.setattr(dialogs, "choose_printer", answer.choose)
    return answer


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(
    qtbot: QtBot, demo_db: Database, settings: Settings, dialog_log: DialogLog
) -> Iterator[MainWindow]:
    """The real main window on the demo data, shown offscreen."""
    win = MainWindow(demo_db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.search.shutdown()
    win.undo_stack.clear()
