"""Background tasks outlive neither their window's dialogs nor their results' audience."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coopdesk.base.progress import Progress
from coopdesk.ui.widgets.tasks import run_task


def test_a_task_whose_window_was_closed_and_deleted_finishes_quietly(qtbot: QtBot) -> None:
    """The window (and the task's progress dialog with it) goes while the work runs, as when a window is
    closed during the daily backup: the task ends without touching what is gone, and says nothing."""
    window = QWidget()
    release = threading.Event()
    shown: list[object] = []

    def work(_progress: Progress) -> int:
        release.wait(10)
        return 42

    task = run_task(window, "Slow work", work, shown.append)
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # the window is gone
    release.set()
    assert task.wait(10_000)
    assert task.result == 42 and shown == []  # nobody to show it to


def test_a_task_whose_window_is_still_there_hands_over_its_result(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    shown: list[int] = []
    task = run_task(window, "Quick work", lambda _p: 7, shown.append)
    assert task.wait(10_000)
    assert shown == [7]
