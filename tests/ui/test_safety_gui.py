"""Data safety in the window: History panel, change log, Back up now, Restore…, and opening a locked or
damaged file. Real window, real clicks and shortcuts; only the message boxes are replaced."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk.db.lock import lock_path_for
from coopdesk.records.service import RecordService
from coopdesk.safety.backup import backup_now, list_backups
from coopdesk.ui.history.change_table_model import LOG_COLUMNS
from coopdesk.ui.safety.backup_dialogs import RestoreDialog
from coopdesk.ui.safety.lock_dialogs import open_interactively
from coopdesk.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def open_belarus(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.countries.filter_edit, "bel")
    qtbot.keyClick(window.countries.filter_edit, Qt.Key.Key_Return)
    assert window.current_country() == "BLR"


def click_row(qtbot: QtBot, view: object, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))  # type: ignore[attr-defined]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))  # type: ignore[attr-defined]


def press(qtbot: QtBot, window: MainWindow, sequence: str) -> None:
    """Trigger the window action bound to ``sequence`` as the keyboard would."""
    window.activateWindow()
    target = QApplication.focusWidget() or window
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def test_history_panel_follows_the_selection_and_shows_an_edit(
    qtbot: QtBot, window: MainWindow, qtmodeltester: object, output_dir: Path
) -> None:
    open_belarus(qtbot, window)
    panel = window.features["history"].history  # type: ignore[attr-defined]
    assert not panel.dock.isVisible()
    press(qtbot, window, "Ctrl+Shift+H")
    qtbot.waitUntil(panel.dock.isVisible)
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    assert panel.model.rowCount() == 0
    assert "Select a record" in panel.title.text()

    click_row(qtbot, page.table, 0)
    key = page.current.key  # type: ignore[union-attr]
    old_term = str(page.current.get("term_years"))  # type: ignore[union-attr]
    assert panel.shown_record == ("membership", key)
    created = panel.model.rowCount()
    assert created > 0 and panel.model.data(panel.model.index(0, 2)) == "created"

    widget = page.form.editors["term_years"].focus_widget()
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, "7")
    window.act_save.trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == created + 1)
    newest = [panel.model.data(panel.model.index(0, c)) for c in range(panel.model.columnCount())]
    assert newest[1:] == ["tester", "changed", "Term (years)", old_term, "7"]
    values = {panel.model.data(panel.model.index(r, 5)) for r in range(panel.model.rowCount())}
    assert {"May 2009", "Member"} <= values  # read as a person writes them
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]
    window.resize(1200, 800)
    window.grab().save(str(output_dir / "history-panel.png"))

    window.act_undo.trigger()  # the undo is in the history too
    qtbot.waitUntil(lambda: panel.model.rowCount() == created + 2)


def test_change_log_window_filters_and_passes_the_model_tester(
    qtbot: QtBot, window: MainWindow, qtmodeltester: object, output_dir: Path
) -> None:
    RecordService(window.db, user="ana").create(
        "national_initiative", {"title": "Strategy", "kind": "strategy"}, country="FRA"
    )
    window.records_changed.emit()
    press(qtbot, window, "Ctrl+Shift+L")
    log = window.features["history"].change_log  # type: ignore[attr-defined]
    assert log is not None
    qtbot.waitExposed(log)
    total = log.total
    assert total > 100 and "Showing the newest" not in log.summary.text()
    qtmodeltester.check(log.model)  # type: ignore[attr-defined]

    log.user.setCurrentIndex(log.user.findText("ana"))
    assert log.total == log.model.rowCount() == 2
    assert {log.model.change_at(r).country for r in range(2)} == {"FRA"}  # type: ignore[union-attr]
    log.clear_filters()
    log.country.setCurrentIndex(log.country.findData("BLR"))
    log.record_type.setCurrentIndex(log.record_type.findData("membership"))
    assert 0 < log.total < total
    assert {log.model.change_at(r).record_type for r in range(log.model.rowCount())} == {"membership"}  # type: ignore[union-attr]
    record = LOG_COLUMNS.index("record")
    assert {log.model.index(r, record).data() for r in range(log.model.rowCount())} == {
        "CND membership",
        "CCPCJ membership",
    }
    log.clear_filters()
    log.since_on.setChecked(True)  # from a month ago: everything here is from today
    assert log.total == total
    log.until_on.setChecked(True)
    log.until.setDate(log.since.date().addDays(-1))
    assert log.total == 0 and "No change" in log.summary.text()
    log.clear_filters()
    log.grab().save(str(output_dir / "change-log.png"))


def test_back_up_now_and_restore_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, dialog_log: object, qtmodeltester: object, output_dir: Path
) -> None:
    path = window.db.path
    assert path is not None
    window.features["safety"].act_backup.trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(list_backups(path)) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "Backed up 36 records" in window.statusBar().currentMessage(), timeout=10_000)

    service = RecordService(window.db)
    first = service.list("membership")[0]
    service.delete("membership", first.key, expected_version=None)
    window.refresh()
    assert service.total_records() == 35

    window.features["safety"].act_restore.trigger()  # type: ignore[attr-defined]
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 2)) == "36"
    dialog.grab().save(str(output_dir / "restore-dialog.png"))

    dialog_log.yes_no = False  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert service.total_records() == 35  # said no: nothing happened

    dialog_log.yes_no = True  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.records_changed, timeout=10_000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert service.total_records() == 36
    assert service.get("membership", first.key).values == first.values
    assert any("Replace the database's content (35 records)" in text for _k, _t, text in dialog_log.shown)  # type: ignore[attr-defined]
    assert "Restored the backup" in window.statusBar().currentMessage()
    reasons = {b.reason for b in list_backups(path)}
    assert reasons == {"manual", "restore"}


def _lock_held_by_someone_else(db_path: Path) -> None:
    lock_path_for(db_path).write_text(
        json.dumps(
            {"user": "ana", "host": socket.gethostname(), "pid": os.getppid(), "since": "2026-11-27T09:00:00"}
        ),
        encoding="utf-8",
    )


def test_a_locked_file_is_offered_read_only(qtbot: QtBot, demo_db_path: Path, dialog_log: object) -> None:
    _lock_held_by_someone_else(demo_db_path)
    dialog_log.yes_no = True  # type: ignore[attr-defined]
    opened = open_interactively(None, demo_db_path)
    assert opened is not None
    db, _warnings = opened
    assert db.read_only
    question = dialog_log.shown[0][2]  # type: ignore[attr-defined]
    assert "open in coopdesk by ana on" in question and "read-only" in question
    db.dispose()

    dialog_log.yes_no = False  # type: ignore[attr-defined]
    assert open_interactively(None, demo_db_path) is None


def test_a_crashed_instance_lock_is_taken_over_after_asking(
    qtbot: QtBot, demo_db_path: Path, dialog_log: object
) -> None:
    lock_path_for(demo_db_path).write_text(
        json.dumps(
            {"user": "ana", "host": socket.gethostname(), "pid": 2**22 + 17, "since": "2026-11-27T09:00:00"}
        ),
        encoding="utf-8",
    )
    dialog_log.yes_no = True  # type: ignore[attr-defined]
    opened = open_interactively(None, demo_db_path)
    assert opened is not None and not opened[0].read_only
    assert "no longer running" in dialog_log.shown[0][2]  # type: ignore[attr-defined]
    assert json.loads(lock_path_for(demo_db_path).read_text())["pid"] == os.getpid()
    opened[0].dispose()
    lock_path_for(demo_db_path).unlink()


def _cut_in_half(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path.read_bytes()


def test_a_damaged_file_is_offered_its_latest_good_backup(
    qtbot: QtBot, demo_db_path: Path, dialog_log: object
) -> None:
    from coopdesk.db.opener import open_database

    db = open_database(demo_db_path)
    good = backup_now(db, "manual")
    db.dispose()
    damaged = _cut_in_half(demo_db_path)

    dialog_log.yes_no = False  # type: ignore[attr-defined]
    assert open_interactively(None, demo_db_path) is None
    assert demo_db_path.read_bytes() == damaged  # refused: the file is untouched

    dialog_log.yes_no = True  # type: ignore[attr-defined]
    opened = open_interactively(None, demo_db_path)
    assert opened is not None
    question = dialog_log.shown[-1][2]  # type: ignore[attr-defined]
    assert "is damaged" in question and "36 records" in question
    assert RecordService(opened[0]).total_records() == good.total_records == 36
    opened[0].dispose()
    lock_path_for(demo_db_path).unlink(missing_ok=True)


def test_saving_over_someone_elses_change_is_a_plain_conflict(
    qtbot: QtBot, window: MainWindow, dialog_log: object
) -> None:
    open_belarus(qtbot, window)
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    click_row(qtbot, page.table, 0)
    key = page.current.key  # type: ignore[union-attr]
    RecordService(window.db, user="ben").update(
        "membership", key, {"term_years": "9"}, expected_version=None
    )  # another desk

    widget = page.form.editors["term_years"].focus_widget()
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, "6")
    window.act_save.trigger()
    shown = [text for _kind, _title, text in dialog_log.shown]  # type: ignore[attr-defined]
    assert any("changed by ben at" in text and "reload" in text for text in shown), shown
    assert not any("Traceback" in text or "Error" in text for text in shown)
    assert RecordService(window.db).get("membership", key).get("term_years") == 9  # nothing overwritten


def test_start_up_refuses_a_locked_file_when_the_user_says_no(
    qtbot: QtBot, demo_db_path: Path, dialog_log: object
) -> None:
    from coopdesk.ui.shell.app import run_app

    _lock_held_by_someone_else(demo_db_path)
    dialog_log.yes_no = False  # type: ignore[attr-defined]
    assert run_app(str(demo_db_path)) == 1
    assert "open in coopdesk by ana" in dialog_log.shown[0][2]  # type: ignore[attr-defined]
    assert not list_backups(demo_db_path)  # nothing was written: no daily backup of a file we do not hold


def test_file_open_locks_the_new_file_and_a_held_one_opens_read_only(
    qtbot: QtBot, window: MainWindow, dialog_log: object, db_path: Path, tmp_path: Path
) -> None:
    dialog_log.yes_no = False  # type: ignore[attr-defined]  # decline the demo data
    window.open_database(db_path)
    qtbot.waitUntil(lambda: window.db.path == db_path, timeout=10_000)
    assert json.loads(lock_path_for(db_path).read_text())["pid"] == os.getpid()
    assert not window.db.read_only
    task = window.features["safety"].backup_task  # type: ignore[attr-defined]
    assert task is not None and task.wait()
    assert [b.reason for b in list_backups(db_path, with_counts=False)] == ["open"]

    other = tmp_path / "other.sqlite"
    other.write_bytes(db_path.read_bytes())
    _lock_held_by_someone_else(other)
    dialog_log.answers["Open it read-only"] = True  # type: ignore[attr-defined]
    window.open_database(other)
    qtbot.waitUntil(lambda: window.db.path == other, timeout=10_000)
    assert not lock_path_for(db_path).exists(), "the file left behind is released"
    assert window.db.read_only
    questions = [text for kind, _title, text in dialog_log.shown if kind == "ask_yes_no"]  # type: ignore[attr-defined]
    assert any("open in coopdesk by ana" in q and "read-only" in q for q in questions)
    assert json.loads(lock_path_for(other).read_text())["user"] == "ana"  # not taken from its holder
    assert not any("Empty database" in q for q in questions[-1:]), "no demo data offered for a read-only file"


def test_the_daily_backup_runs_in_the_background_once_the_window_is_up(
    qtbot: QtBot, demo_db_path: Path, settings: object, dialog_log: object
) -> None:
    from coopdesk.safety.opening import open_for_gui, release

    db, warnings = open_for_gui(demo_db_path)
    assert warnings == [] and list_backups(demo_db_path) == []  # opening itself did not wait for it
    win = MainWindow(db, settings)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.features["safety"].backup_task is not None, timeout=5_000)  # type: ignore[attr-defined]
    assert win.features["safety"].backup_task.wait()  # type: ignore[attr-defined]
    backups = list_backups(demo_db_path)
    assert [(b.reason, b.total_records) for b in backups] == [("open", 36)]
    assert "Today's backup is made (36 records" in win.statusBar().currentMessage()
    release(db)
    assert not lock_path_for(demo_db_path).exists()


def test_file_open_of_a_damaged_file_changes_nothing_and_offers_its_backup(
    qtbot: QtBot, window: MainWindow, dialog_log: object, demo_db_path: Path, tmp_path: Path
) -> None:
    """File > Open checks a file as start-up does: a damaged one is never migrated, locked or written."""
    from coopdesk.db.opener import open_database

    path = tmp_path / "second.sqlite"
    path.write_bytes(demo_db_path.read_bytes())
    db = open_database(path)
    backup_now(db, "manual")
    db.dispose()
    damaged = _cut_in_half(path)
    before = window.db
    dialog_log.open_path = path  # type: ignore[attr-defined]
    window.act_open_db.trigger()  # the restore offered is declined
    qtbot.waitUntil(lambda: any("is damaged" in t for _k, _t, t in dialog_log.shown), timeout=10_000)  # type: ignore[attr-defined]
    assert window.db is before and path.read_bytes() == damaged
    assert not lock_path_for(path).exists()

    dialog_log.answers["Restore the latest good backup"] = True  # type: ignore[attr-defined]
    window.act_open_db.trigger()
    qtbot.waitUntil(lambda: window.db.path == path, timeout=10_000)
    assert RecordService(window.db).total_records() == 36
    assert json.loads(lock_path_for(path).read_text())["pid"] == os.getpid()


def test_file_open_of_a_held_file_declined_keeps_the_window_on_its_own(
    qtbot: QtBot, window: MainWindow, dialog_log: object, demo_db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "held.sqlite"
    path.write_bytes(demo_db_path.read_bytes())
    _lock_held_by_someone_else(path)
    held = path.read_bytes()
    before = window.db
    handle = window.open_database(path)  # every question answered no
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    questions = [text for kind, _title, text in dialog_log.shown if kind == "ask_yes_no"]  # type: ignore[attr-defined]
    assert any("open in coopdesk by ana" in q for q in questions)
    assert window.db is before and path.read_bytes() == held
    assert json.loads(lock_path_for(path).read_text())["user"] == "ana"


def test_a_recent_file_that_is_gone_is_not_made_again(
    qtbot: QtBot, window: MainWindow, dialog_log: object, tmp_path: Path
) -> None:
    gone = tmp_path / "moved-away.sqlite"
    before = window.db
    handle = window.open_database(gone)
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    [(_kind, title, text)] = [entry for entry in dialog_log.shown if entry[0] == "error"]  # type: ignore[attr-defined]
    assert title == "Open database" and "moved-away.sqlite" in text and "Traceback" not in text
    assert window.db is before
    assert not gone.exists() and not lock_path_for(gone).exists()
