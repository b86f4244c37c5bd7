"""The census of a workbook taken on a thread of its own, a sheet ahead of the reader.

The census (``xlsx_census``) must clear a sheet before python-calamine builds it, and it is Python's own
work (byte searches, or the XML parser), while calamine reads a sheet with the interpreter lock released.
So the census runs here, on its own thread, sheet after sheet in the reader's order, and the reader waits
only for the sheet it is about to read: while calamine builds one sheet, the next is being counted. What
is read, and every refusal, is exactly what a census taken whole before the reading gives; only the time
differs (about the shorter of the two, on a machine with two cores or more).
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

from coopdesk.excel.limits import Limits, WorkbookRefused
from coopdesk.excel.xlsx_census import Census


class CensusAhead:
    """Counts the shared strings, then each sheet of ``titles`` in turn; ``cleared`` waits for one.

    Use it as a context manager: leaving it stops the census (after the part it is counting) and waits
    for its thread, so no thread outlives the reading.
    """

    def __init__(self, path: Path, titles: Sequence[str], limits: Limits) -> None:
        self._path = path
        self._titles = list(titles)
        self._limits = limits
        self._shared: Future[None] = Future()
        self._sheets: dict[str, Future[None]] = {title: Future() for title in self._titles}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="workbook census", daemon=True)

    def __enter__(self) -> CensusAhead:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def shared_cleared(self) -> None:
        """Wait until the shared strings are counted; raise the census's refusal if they are refused."""
        self._shared.result()

    def cleared(self, title: str) -> None:
        """Wait until the sheet ``title`` is counted (and every sheet before it); raise its refusal."""
        self._sheets[title].result()

    def _run(self) -> None:
        pending = [self._shared, *self._sheets.values()]
        try:
            with zipfile.ZipFile(self._path) as archive:
                census = Census(archive, self._path.name, self._limits)
                self._shared.set_result(None)
                for title in self._titles:
                    if self._stop.is_set():
                        return  # the reader gave up (it failed on its own): nobody waits for the rest
                    census.sheet(title)
                    self._sheets[title].set_result(None)
        except (zipfile.BadZipFile, OSError):
            self._fail(pending, WorkbookRefused(f"{self._path.name} is damaged or cut short."))
        except BaseException as exc:  # a refusal, or anything else: the reader raises it as its own
            self._fail(pending, exc)

    @staticmethod
    def _fail(pending: list[Future[None]], exc: BaseException) -> None:
        for future in pending:
            if not future.done():
                future.set_exception(exc)
