"""A start that checks itself: with ``COOPDESK_START_PROBE=FILE`` in the environment, the window opens as
usual, loads, then closes itself (saving its state, as when the user closes it), and coopdesk writes to
``FILE`` when the window was first painted and when it had loaded (``time.time()`` values) and where it
opened (its frame: x, y, width, height), as JSON.

For checking an installation without anyone at the screen (a bundle on a new workstation, with
``QT_QPA_PLATFORM=offscreen`` on a machine without a display), and for the benchmarks, which compare
the bundle's start with the installed package's. Nothing of this runs unless the variable is set.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject

from coopdesk import __version__
from coopdesk.ui.shell.main_window import MainWindow

ENVIRONMENT_VARIABLE = "COOPDESK_START_PROBE"


class _FirstPaint(QObject):
    def __init__(self, seen: dict[str, Any], window: MainWindow) -> None:
        super().__init__(window)  # lives as long as the window
        self.seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and "painted" not in self.seen:
            self.seen["painted"] = time.time()
            watched.removeEventFilter(self)
        return False


def attach(window: MainWindow, report: Path) -> None:
    """Watch ``window`` (built, not shown yet); close it once it has loaded and write ``report``."""
    seen: dict[str, Any] = {"version": __version__}
    window.installEventFilter(_FirstPaint(seen, window))

    def loaded() -> None:
        seen["loaded"] = time.time()
        seen["countries"] = window.countries.model.rowCount()
        frame = window.frameGeometry()
        seen["frame"] = [frame.x(), frame.y(), frame.width(), frame.height()]  # where it opened
        # Closed at once: the questions a start may ask next (demo data for an empty database) are
        # asked only of a window still open.
        seen["closed"] = window.close()
        report.write_text(json.dumps(seen), encoding="utf-8")

    window.loaded.connect(loaded)
