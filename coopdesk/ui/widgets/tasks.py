"""Run long work off the GUI thread, with a progress bar and a Cancel button.

``run_task(parent, "Exporting", work, on_done)`` starts ``work(progress)`` in a worker thread. The work is core
code (no Qt): it calls ``progress.step(done, total, message)``, which moves the bar and raises ``Cancelled``
once the user pressed Cancel. ``on_done(result)`` and ``on_error(exc)`` then run on the GUI thread.

The work must reach the database only through services, which open their own short transactions: a
worker never shares a Session (or any ORM object) with the GUI thread.

Errors: ``Cancelled`` becomes a calm status-bar message; if ``on_error`` is given it receives every other
exception; otherwise known errors (refusals, database problems, invalid values, file errors) are shown in a
plain dialog through ``dialogs.error`` and anything else is logged and reported as an unexpected problem.

Tests wait with ``handle.wait()`` or ``qtbot.waitSignal(handle.finished)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from coopdesk.base.progress import Cancelled, Progress
from coopdesk.db.errors import DatabaseProblem
from coopdesk.records.record import ServiceError
from coopdesk.records.record_type import ValidationFailed
from coopdesk.ui.widgets import dialogs, gc_guard

T = TypeVar("T")

KNOWN_ERRORS: tuple[type[BaseException], ...] = (ServiceError, DatabaseProblem, ValidationFailed, OSError)

log = logging.getLogger(__name__)

#: Tasks still running, so neither they nor their threads are garbage-collected early.
_running: set[TaskHandle[Any]] = set()


class _WorkerThread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any], progress: Progress) -> None:
        super().__init__()
        self._work = work
        self._progress = progress

    def run(self) -> None:  # runs in the worker thread
        try:
            result = self._work(self._progress)
        except BaseException as exc:  # handed to the GUI thread, which decides what to tell the user
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class TaskHandle(QObject, Generic[T]):
    """A running task. ``finished`` is emitted (on the GUI thread) after on_done/on_error have run."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self.title = title
        self.done = False
        self.result: T | None = None
        self.exception: BaseException | None = None
        self._parent = parent
        self._on_done = on_done
        self._on_error = on_error
        self.progress = Progress(on_update=self._report)
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick work never flashes a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(360)
        self.dialog.canceled.connect(self.cancel)
        gc_guard.install(QCoreApplication.instance() or self)
        self._thread = _WorkerThread(work, self.progress)
        self._thread.progressed.connect(self._show_progress)
        self._thread.succeeded.connect(self._succeeded)
        self._thread.failed.connect(self._failed)

    def start(self) -> None:
        _running.add(self)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (what it changed is rolled back by the core)."""
        self.progress.cancel()
        if shiboken6.isValid(self.dialog):
            self.dialog.setLabelText("Cancelling…")

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block (processing events) until on_done/on_error ran; True if it finished in time."""
        deadline = QDeadlineTimer(timeout_ms)
        while not self.done and not deadline.hasExpired():
            QCoreApplication.processEvents()
            self._thread.wait(10)
        QCoreApplication.processEvents()
        return self.done

    # ------------------------------------------------------------------ worker thread -> GUI thread

    def _report(self, done: int, total: int, message: str) -> None:  # called in the worker thread
        self._thread.progressed.emit(done, total, message)

    def _owner_gone(self) -> bool:
        """The window the task was started from was closed and deleted (its progress dialog with it):
        there is nobody left to show a result or a message to."""
        return not shiboken6.isValid(self.dialog) or (
            self._parent is not None and not shiboken6.isValid(self._parent)
        )

    def _show_progress(self, done: int, total: int, message: str) -> None:
        if self.progress.cancelled or self._owner_gone():
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(max(0, min(done, total)) if total > 0 else 0)
        if message:
            self.dialog.setLabelText(message)

    def _succeeded(self, result: T) -> None:
        self.result = result
        if self._owner_gone():
            self._thread.wait()
            self._finish()
            return
        self._close()
        try:
            self._on_done(result)
        finally:
            self._finish()

    def _failed(self, exc: BaseException) -> None:
        self.exception = exc
        if self._owner_gone():
            self._thread.wait()
            if not isinstance(exc, Cancelled):
                log.error("%s failed after its window was closed", self.title, exc_info=exc)
            self._finish()
            return
        self._close()
        try:
            if isinstance(exc, Cancelled):
                show_status(self._parent, f"{self.title}: cancelled; nothing was changed.")
            elif self._on_error is not None:
                self._on_error(exc)
            elif isinstance(exc, KNOWN_ERRORS):
                dialogs.error(self._parent, self.title, describe_error(exc))
            else:
                log.error("%s failed", self.title, exc_info=exc)
                dialogs.error(
                    self._parent,
                    self.title,
                    f"{self.title} stopped because of an unexpected problem ({type(exc).__name__}: {exc}). "
                    "Nothing else was changed.",
                )
        finally:
            self._finish()

    def _close(self) -> None:
        self._thread.wait()
        self.dialog.reset()
        self.dialog.hide()

    def _finish(self) -> None:
        self.done = True
        if shiboken6.isValid(self.dialog):
            self.dialog.deleteLater()
        _running.discard(self)
        self.finished.emit()


def describe_error(exc: BaseException) -> str:
    """A known error in plain words."""
    if isinstance(exc, ValidationFailed):
        lines = "\n".join(f"• {p}" for p in exc.problems)
        return f"The {exc.record_label.lower()} cannot be saved:\n{lines}"
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}."
    return str(exc) or type(exc).__name__


def show_status(parent: QWidget | None, message: str) -> None:
    """Say ``message`` in the status bar of the nearest window above ``parent`` that has one."""
    widget: QWidget | None = parent
    while widget is not None:
        show = getattr(widget, "status", None)
        if callable(show):
            show(message)
            return
        widget = widget.parentWidget()


def stop_all(timeout_ms: int = 30_000) -> None:
    """When the application quits: ask every running task to stop at its next step (what it changed is
    rolled back by the core) and wait for its thread. A thread still running when Qt's objects are
    destroyed aborts the process (the daily backup runs just after the start, an export may be under
    way when the window is closed)."""
    running = list(_running)
    for handle in running:
        handle.progress.cancel()
    deadline = QDeadlineTimer(timeout_ms)
    for handle in running:
        handle._thread.wait(deadline)


def run_task(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> TaskHandle[T]:
    """Start ``work(progress)`` in a worker thread; see the module docstring."""
    handle: TaskHandle[T] = TaskHandle(parent, title, work, on_done, on_error)
    handle.start()
    return handle
