"""Progress and cancellation for long work, without Qt.

Long core functions (export, import, backup, batch notes) take a ``Progress`` and call ``step``; the GUI
passes one that updates a progress bar and whose ``cancel()`` is wired to a Cancel button, the CLI
passes a silent one. ``step`` raises ``Cancelled`` once cancellation was asked for, so the work stops at
a safe point and its transaction rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the work; nothing it would have changed was kept."""


class Progress:
    def __init__(self, on_update: Callable[[int, int, str], None] | None = None) -> None:
        self._on_update = on_update
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total``; raises Cancelled if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled("Cancelled; nothing was changed.")
        if self._on_update is not None:
            self._on_update(done, total, message)


SILENT = Progress()
