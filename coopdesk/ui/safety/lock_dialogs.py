"""Opening a database with the safety checks, asking the user what to do when it is locked or damaged.

``open_interactively(parent, target)`` is what start-up calls: it runs the core's ``open_for_gui`` and,
in plain words (File > Open runs ``open_for_gui`` off the GUI thread and asks the same questions with
``ask_about_lock`` and ``offer_backup``),

* a file open in another coopdesk: says who has it and since when, and offers to open it read-only;
  when that coopdesk seems to have crashed (or the user confirms it is closed), offers to take it over;
* a damaged file: says so, changes nothing, and offers to restore the latest good backup;
* anything else the user can act on: one clear message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from coopdesk.db.database import Database
from coopdesk.db.errors import DatabaseProblem
from coopdesk.db.lock import DatabaseLocked, WriterLock
from coopdesk.safety.backup import restore_file
from coopdesk.safety.opening import DamagedDatabase, open_for_gui
from coopdesk.ui.widgets import dialogs

TITLE = "Open database"


def ask_about_lock(parent: QWidget | None, exc: DatabaseLocked) -> str | None:
    """``"take_over"``, ``"read_only"`` or None (give up), asked in plain words."""
    holder = exc.holder
    name = exc.path.name
    if holder.is_stale() and dialogs.ask_yes_no(
        parent,
        TITLE,
        f"{name} was left open by {holder.describe()}, but that coopdesk is no longer running "
        "(it probably stopped unexpectedly).\n\nTake the file over and open it?",
    ):
        return "take_over"
    if dialogs.ask_yes_no(
        parent,
        TITLE,
        f"{name} is open in coopdesk by {holder.describe()}. Only one person at a time can change it.\n\n"
        "Open it read-only (you can look, print and export, but not change anything)?",
    ):
        return "read_only"
    if not holder.is_stale() and dialogs.ask_yes_no(
        parent,
        TITLE,
        f"Take {name} over from {holder.user}?\n\nDo this only if you are sure coopdesk is closed on "
        f"{holder.host}: two people changing the same file can lose each other's work.",
    ):
        return "take_over"
    return None


def open_interactively(parent: QWidget | None, target: str | Path) -> tuple[Database, list[str]] | None:
    """Open with the checks, asking the user when needed; None when the database was not opened."""
    read_only = take_over = False
    for _attempt in range(4):
        try:
            return open_for_gui(target, read_only=read_only, take_over=take_over)
        except DatabaseLocked as exc:
            choice = ask_about_lock(parent, exc)
            if choice is None:
                return None
            read_only = choice == "read_only"
            take_over = choice == "take_over"
        except DamagedDatabase as exc:
            if not offer_backup(parent, exc):
                return None
        except DatabaseProblem as exc:
            dialogs.error(parent, TITLE, str(exc))
            return None
    return None


def offer_backup(parent: QWidget | None, exc: DamagedDatabase) -> bool:
    """Offer the latest good backup of a damaged file; True when it was restored."""
    if exc.backup is None:
        dialogs.error(parent, TITLE, str(exc))
        return False
    backup = exc.backup
    question = (
        f"{exc.path.name} is damaged ({exc.problems[0] if exc.problems else 'unknown damage'}); coopdesk "
        "has not changed it.\n\n"
        f"Restore the latest good backup, from {backup.taken_at.strftime('%d/%m/%Y %H:%M')} "
        f"({backup.total_records:,} records)? The damaged file is kept beside the backups."
    )
    if not dialogs.ask_yes_no(parent, TITLE, question):
        return False
    try:
        with WriterLock(exc.path):
            restore_file(exc.path, backup.path)
    except DatabaseProblem as problem:
        dialogs.error(parent, TITLE, str(problem))
        return False
    return True


def show_open_warnings(parent: QWidget | None, warnings: list[str]) -> None:
    """Warnings from opening (network drive, a backup that could not be made)."""
    for text in warnings:
        dialogs.warn(parent, "coopdesk", text)
