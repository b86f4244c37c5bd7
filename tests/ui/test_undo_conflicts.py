"""Undo and redo never overwrite a colleague: each step checks the version like a first save.

The colleague is another process writing to the same SQLite file through the services (as a second
coopdesk on a server would); the officer works in the real window with the keyboard.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.records.history import record_history
from coopdesk.records.service import RecordService
from coopdesk.ui.records.record_page import RecordPage
from coopdesk.ui.shell.main_window import MainWindow
from tests.helpers.gui import DialogLog, shortcut

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def colleague_saves(db: Database, type_name: str, key: str, changes: dict[str, object]) -> None:
    """Another process, as user 'ana', saves the record over whatever version it finds."""
    script = textwrap.dedent(
        f"""
        from coopdesk.db.opener import open_database
        from coopdesk.records.service import RecordService
        db = open_database({str(db.path)!r})
        service = RecordService(db, user="ana")
        record = service.get({type_name!r}, {key!r})
        service.update({type_name!r}, {key!r}, {changes!r}, expected_version=record.version)
        db.dispose()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


def membership_page(qtbot: QtBot, window: MainWindow) -> RecordPage:
    window.select_country("BLR")
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def edit_term_years(qtbot: QtBot, window: MainWindow, page: RecordPage, years: str) -> str:
    """Choose the CND membership, type a new term length, Ctrl+S; returns its key."""
    row = next(r for r in range(page.model.rowCount()) if page.model.record_at(r).get("body_code") == "CND")  # type: ignore[union-attr]
    page.select_key(page.model.record_at(row).key)  # type: ignore[union-attr]
    editor = page.form.editors["term_years"].focus_widget()
    editor.setFocus()
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, years)
    shortcut(qtbot, window, Qt.Key.Key_S)
    assert page.current is not None
    return str(page.current.key)


def test_undo_after_a_colleagues_save_is_refused_and_keeps_their_work(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    page = membership_page(qtbot, window)
    key = edit_term_years(qtbot, window, page, "5")
    assert RecordService(window.db).get("membership", key).get("term_years") == 5
    colleague_saves(window.db, "membership", key, {"term_years": 6, "notes": "re-elected"})

    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_Z)

    kind, title, text = dialog_log.shown[-1]
    assert (kind, title) == ("error", "Not undone")
    assert "ana changed the record" in text and "Their version is kept" in text
    stored = RecordService(window.db).get("membership", key)
    assert (stored.get("term_years"), stored.get("notes"), stored.updated_by) == (6, "re-elected", "ana")
    assert "undo" not in [c.action for c in record_history(window.db, "membership", key)]
    # The refused step left the stack: nothing is left to undo or redo, and the form shows ana's values.
    assert not window.undo_stack.canUndo() and not window.undo_stack.canRedo()
    qtbot.waitUntil(lambda: page.form.editors["term_years"].raw() == "6")


def test_redo_after_a_colleagues_save_is_refused_too(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    page = membership_page(qtbot, window)
    key = edit_term_years(qtbot, window, page, "5")
    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert RecordService(window.db).get("membership", key).get("term_years") == 4
    colleague_saves(window.db, "membership", key, {"term_years": 8})

    shortcut(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)

    assert dialog_log.shown[-1][:2] == ("error", "Not redone")
    assert RecordService(window.db).get("membership", key).get("term_years") == 8
    assert not window.undo_stack.canRedo()


def test_undo_and_redo_without_a_colleague_still_work_and_are_in_the_history(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    page = membership_page(qtbot, window)
    key = edit_term_years(qtbot, window, page, "5")
    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert RecordService(window.db).get("membership", key).get("term_years") == 4
    shortcut(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert RecordService(window.db).get("membership", key).get("term_years") == 5
    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert RecordService(window.db).get("membership", key).get("term_years") == 4
    actions = [c.action for c in record_history(window.db, "membership", key)]
    assert actions[:3] == ["undo", "redo", "undo"]
    assert dialog_log.shown == []


def test_undoing_an_addition_a_colleague_has_since_edited_keeps_the_record(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    window.select_country("BLR")
    page = window.page("national_initiative")
    window.workspace.setCurrentWidget(page)
    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_N)
    editor = page.form.editors["title"].focus_widget()
    editor.setFocus()
    qtbot.keyClicks(editor, "National drug observatory")
    shortcut(qtbot, window, Qt.Key.Key_S)
    assert page.current is not None
    key = str(page.current.key)
    colleague_saves(window.db, "national_initiative", key, {"description": "Opened in 2010"})

    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_Z)

    assert dialog_log.shown[-1][:2] == ("error", "Not undone")
    assert RecordService(window.db).get("national_initiative", key).get("description") == "Opened in 2010"


def test_after_a_refused_step_the_earlier_steps_still_undo(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    page = membership_page(qtbot, window)
    cnd = edit_term_years(qtbot, window, page, "5")
    # A second edit, of another record, that the colleague then changes.
    other = next(
        page.model.record_at(r)
        for r in range(page.model.rowCount())
        if page.model.record_at(r).key != cnd  # type: ignore[union-attr]
    )
    assert other is not None
    page.select_key(other.key)
    notes = page.form.editors["notes"].focus_widget()
    notes.setFocus()
    qtbot.keyClicks(notes, "checked by the desk")
    shortcut(qtbot, window, Qt.Key.Key_S)
    colleague_saves(window.db, "membership", str(other.key), {"notes": "ana's note"})

    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_Z)  # refused: ana changed the second record
    assert dialog_log.shown[-1][:2] == ("error", "Not undone")
    assert window.undo_stack.canUndo()
    shortcut(qtbot, window, Qt.Key.Key_Z)  # the first edit, which nobody touched since, is undone
    assert RecordService(window.db).get("membership", cnd).get("term_years") == 4
    assert RecordService(window.db).get("membership", other.key).get("notes") == "ana's note"
