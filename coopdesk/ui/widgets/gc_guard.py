"""Keep Python's garbage collector on the GUI thread.

The collector runs in whichever thread happens to allocate when a threshold is crossed. If that is a
worker thread and the garbage holds Qt objects made on the GUI thread (a closed dialog, an old model),
their C++ destructors run on the wrong thread and Qt crashes (seen here: a segmentation fault while a
worker built the country overview). So automatic collection is switched off and the GUI thread collects
on a timer instead, with the same generational thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500

_timer: QTimer | None = None


def install(owner: QObject) -> None:
    """Collect garbage only on the GUI thread (idempotent; ``owner`` must live on the GUI thread)."""
    global _timer
    if _timer is not None:
        return
    gc.disable()
    _timer = QTimer(owner)
    _timer.setInterval(INTERVAL_MS)
    _timer.timeout.connect(_collect)
    _timer.start()


def _collect() -> None:
    threshold = gc.get_threshold()
    counts = gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > threshold[generation]:
            gc.collect(generation)
            break
