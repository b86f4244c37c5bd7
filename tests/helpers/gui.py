"""Helpers for the GUI tests: a log of the dialogs a window opened, pressing shortcuts, stand-in features."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk.ui.shell import features
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs


class DialogLog:
    """Records every dialog the window opened; answers are set by the test."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.yes_no = False
        #: answers to particular questions: the first key found in a question's text gives its answer
        self.answers: dict[str, bool] = {}
        self.save_discard_cancel = dialogs.CANCEL
        self.open_path: Path | None = None
        self.save_path: Path | None = None

    def titles(self) -> list[str]:
        return [title for _kind, title, _text in self.shown]


def only_features(monkeypatch: pytest.MonkeyPatch, **installs: Callable[[MainWindow], object]) -> None:
    """Make the window install only these features, each given as its ``install`` function."""
    monkeypatch.setattr(features, "FEATURES", list(installs.items()))


def shortcut(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.ControlModifier,
) -> None:
    """Press a shortcut where the keyboard focus is, as a user would."""
    window.activateWindow()
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


class PrintDialogAnswer:
    """Stands in for the system print dialog: the user picks "Print to file (PDF)" and presses Print.

    ``target`` is the file, ``pages`` a page range ("2-3"), ``copies`` the number of copies;
    ``accept = False`` presses Cancel. ``calls`` records (page count, current page) of each opening.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self.pages = ""
        self.copies = 1
        self.duplex = False
        self.accept = True
        self.calls: list[tuple[int | None, int | None]] = []

    def choose(
        self, _parent: object, printer: Any, page_count: int | None = None, current_page: int | None = None
    ) -> bool:
        from PySide6.QtGui import QPageRanges
        from PySide6.QtPrintSupport import QPrinter

        self.calls.append((page_count, current_page))
        if not self.accept:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.target))
        printer.setCopyCount(self.copies)
        if self.duplex:
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
        if self.pages:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setPageRanges(QPageRanges.fromString(self.pages))
        return True
