"""Pausing Python's cyclic garbage collector while a workbook's hundred thousand rows are built.

Building many small objects (parsed rows, plans, stored rows) makes the collector walk every live object
again and again; none of them form cycles that need it. Pausing it measured about 25% off reading and 60%
off planning a 100,000-record workbook. Reference counting still frees memory as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
