"""``PRAGMA quick_check`` on a database file, and the same check started early on a thread.

Start-up runs the check while Python is still importing the application (the check is SQLite's C code,
which releases the interpreter lock, so the two overlap on a second core); ``checked(path)`` then
waits for that result instead of checking again. Nothing is written to the file before the answer is
in, exactly as when the check runs in line.
"""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path

_early: dict[Path, Future[list[str]]] = {}
_early_lock = threading.Lock()


def quick_check(path: Path) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong with a database file ([] when it looks sound).

    Opened read-write so that SQLite can finish a crashed transaction's recovery (hot journal or WAL),
    which is the normal, safe path after a power cut; the check itself writes nothing.
    """
    try:
        conn = sqlite3.connect(str(path), timeout=30)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def start_early(target: str | Path) -> None:
    """Begin checking ``target`` on a thread when it is an existing file (not a server URL)."""
    text = str(target)
    if "://" in text:
        return
    path = Path(text)
    if not path.is_file():
        return
    future: Future[list[str]] = Future()

    def run() -> None:
        try:
            future.set_result(quick_check(path))
        except BaseException as exc:  # handed to whoever waits for the answer
            future.set_exception(exc)

    with _early_lock:
        key = path.resolve()
        if key in _early:
            return
        _early[key] = future
    threading.Thread(target=run, name="coopdesk-quick-check", daemon=True).start()


def checked(path: Path) -> list[str]:
    """The problems found in ``path``: the early check's answer if one was started, else a check now."""
    with _early_lock:
        future = _early.pop(path.resolve(), None)
    return future.result() if future is not None else quick_check(path)
