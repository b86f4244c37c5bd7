"""The window's extension API, background tasks, databases and remembered state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from coopdesk.base.progress import Progress
from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from coopdesk.records.record import NotFound
from coopdesk.records.service import RecordService
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets.settings import Settings
from coopdesk.ui.widgets.tasks import run_task
from tests.helpers.gui import DialogLog, only_features


def test_menus_and_workspace_pages_for_features(qtbot: QtBot, window: MainWindow) -> None:
    for name in ("file", "edit", "view", "country", "tools", "help"):
        assert window.menu(name).title().replace("&", "").lower() == name
    with pytest.raises(KeyError):
        window.menu("nonsense")
    page = QLabel("overview")
    page.setObjectName("overview")
    index = window.add_workspace_page("Overview", page, first=True)
    assert index == 0
    assert window.workspace.currentWidget() is page
    first_section = window.sections.topLevelItem(0)
    assert first_section is not None and first_section.text(0) == "Overview"
    window.sections.setCurrentItem(window.sections.topLevelItem(2))
    assert window.workspace.currentIndex() == 2


def test_feature_modules_are_installed_at_construction(
    qtbot: QtBot,
    demo_db: Database,
    settings: Settings,
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed: list[MainWindow] = []
    only_features(monkeypatch, fake_feature=installed.append)
    win = MainWindow(demo_db, settings)
    qtbot.addWidget(win)
    assert installed == [win]


def test_as_of_defaults_to_today_and_announces_changes(qtbot: QtBot, window: MainWindow) -> None:
    assert window.as_of() == dt.date.today()
    with qtbot.waitSignal(window.as_of_changed):
        window.set_as_of(dt.date(2009, 10, 30))
    assert window.as_of() == dt.date(2009, 10, 30)


def test_country_changed_and_records_changed_signals(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.country_changed) as blocker:
        window.select_country("BLR")
    assert blocker.args == ["BLR"]
    page = window.page("national_initiative")
    window.workspace.setCurrentWidget(page)
    window.act_new.trigger()
    page.form.editors["title"].focus_widget().setFocus()
    qtbot.keyClicks(page.form.editors["title"].focus_widget(), "National drug strategy")
    with qtbot.waitSignal(window.records_changed):
        window.act_save.trigger()
    with qtbot.waitSignal(window.records_changed):
        window.act_undo.trigger()


def test_run_task_delivers_the_result_on_the_gui_thread(qtbot: QtBot, window: MainWindow) -> None:
    steps: list[int] = []

    def work(progress: Progress) -> int:
        for i in range(3):
            progress.step(i, 3, f"step {i}")
            steps.append(i)
        return RecordService(window.db).count("treaty_action", country="BLR")

    results: list[int] = []
    handle = run_task(window, "Counting", work, results.append)
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert results == [18] and steps == [0, 1, 2]


def test_cancel_stops_the_work_calmly(qtbot: QtBot, window: MainWindow, dialog_log: DialogLog) -> None:
    import threading

    started = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> str:
        started.set()
        release.wait(5)
        progress.step(1, 2)
        return "finished"

    results: list[str] = []
    handle = run_task(window, "Exporting", work, results.append)
    assert started.wait(5)
    cancel_button = handle.dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Cancel"
    cancel_button.click()
    release.set()
    assert handle.wait()
    assert results == []
    assert dialog_log.shown == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_known_error_in_a_task_is_a_plain_dialog(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    def work(_progress: Progress) -> None:
        RecordService(window.db).get("treaty_action", "no-such-key")

    handle = run_task(window, "Loading", work, lambda _r: None)
    assert handle.wait()
    assert isinstance(handle.exception, NotFound)
    assert dialog_log.shown == [("error", "Loading", str(handle.exception))]
    assert "Traceback" not in dialog_log.shown[0][2]


def test_open_database_from_the_file_menu_and_remember_it(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog, db_path: Path, settings: Settings
) -> None:
    dialog_log.open_path = db_path
    dialog_log.yes_no = False  # decline the demo data offered for the empty database
    window.act_open_db.trigger()
    qtbot.waitUntil(lambda: window.db.path == db_path, timeout=10_000)
    assert window.current_country() is None
    assert str(db_path) in window.windowTitle()
    assert settings.recent_databases()[0] == str(db_path)
    assert dialog_log.shown[-1][:2] == ("ask_yes_no", "Empty database")
    assert RecordService(window.db).total_records() == 0
    window.recent_menu.aboutToShow.emit()
    assert str(db_path) in [a.text() for a in window.recent_menu.actions()]


def test_a_file_that_is_not_a_database_is_refused_plainly(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("just some text, not a database")
    before = window.db
    dialog_log.open_path = bogus
    window.act_open_db.trigger()
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _t, _x in dialog_log.shown), timeout=10_000)
    _kind, title, text = dialog_log.shown[-1]
    assert title == "Open database" and "not" in text and "Traceback" not in text
    assert window.db is before


def test_an_empty_database_offers_the_demo_data(
    qtbot: QtBot, db: Database, settings: Settings, dialog_log: DialogLog
) -> None:
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    dialog_log.yes_no = True
    win.offer_demo()
    qtbot.waitUntil(lambda: win.current_country() == "BLR", timeout=10_000)
    assert RecordService(db).counts_by_country()["BLR"] > 20
    assert win.page("membership").model.rowCount() == 2


def _shown_window(qtbot: QtBot, db: Database, settings_file: Path) -> MainWindow:
    """The window as a person opens it, with its settings kept in ``settings_file`` (a later start reads them)."""
    window = MainWindow(db, Settings(settings_file))
    qtbot.addWidget(window)
    window.show()
    return window


def test_window_geometry_and_splitter_are_restored(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, dialog_log: DialogLog
) -> None:
    first = _shown_window(qtbot, demo_db, tmp_path / "restore.ini")
    first.resize(760, 540)
    first.splitter.setSizes([200, 190, 370])
    sizes = first.splitter.sizes()
    first.select_country("BLR")
    first.close()
    again = _shown_window(qtbot, demo_db, tmp_path / "restore.ini")
    assert (again.width(), again.height()) == (760, 540)
    assert again.splitter.sizes() == sizes
    assert again.current_country() == "BLR"
    text = (tmp_path / "restore.ini").read_text()
    assert "[window]" in text


def test_about_shows_the_database_and_versions(qtbot: QtBot, window: MainWindow) -> None:
    window.act_about.trigger()
    text = window.about_dialog.facts.text()
    assert str(window.db.path) in text
    assert "SQLAlchemy" in text and "Qt" in text
    window.about_dialog.close()


def test_every_menu_action_has_a_shortcut_or_is_a_rare_one(window: MainWindow) -> None:
    rare = {"About coopdesk", "Open recent", "Search everywhere"}
    for name in ("file", "edit", "country"):
        for action in window.menu(name).actions():
            text = action.text().replace("&", "").rstrip("…")
            if action.isSeparator() or text in rare or action.menu() is not None:
                continue
            assert not action.shortcut().isEmpty(), text


def test_database_switch_closes_nothing_the_user_did_not_save(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog, db_path: Path
) -> None:
    from coopdesk.ui.widgets import dialogs

    window.select_country("BLR")
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    page.select_key(str(page.model.record_at(0).key))  # type: ignore[union-attr]
    page.form.editors["notes"].focus_widget().setFocus()
    qtbot.keyClicks(page.form.editors["notes"].focus_widget(), "unsaved")
    dialog_log.save_discard_cancel = dialogs.CANCEL
    assert window.open_database(db_path) is None
    assert window.db.path != db_path


def test_open_database_helper_still_works_directly(db_path: Path) -> None:
    # the window relies on the core's refusal for a folder given as a database
    with pytest.raises(Exception, match="folder"):
        open_database(db_path.parent)


def test_new_database_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog, tmp_path: Path
) -> None:
    target = tmp_path / "fresh"  # the suffix is added
    dialog_log.save_path = target
    dialog_log.yes_no = False
    window.act_new_db.trigger()
    qtbot.waitUntil(lambda: window.db.path == target.with_suffix(".sqlite"), timeout=10_000)
    assert RecordService(window.db).total_records() == 0
    assert window.countries.model.rowCount() >= 193  # the shipped catalogue came with it
    # choosing an existing file is refused: New never overwrites a database
    dialog_log.save_path = target.with_suffix(".sqlite")
    window.act_new_db.trigger()
    assert dialog_log.shown[-1][0] == "warn" and "already exists" in dialog_log.shown[-1][2]


def test_a_record_pages_split_set_by_the_user_is_kept_over_its_first_showing_split(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, dialog_log: DialogLog
) -> None:
    first = _shown_window(qtbot, demo_db, tmp_path / "split.ini")
    first.resize(1100, 760)
    first.select_country("BLR")
    page = first.page("letter")
    first.workspace.setCurrentWidget(page)
    total = sum(page.splitter.sizes())
    page.splitter.setSizes([total - 200, 200])  # a tall table, a short form: not what it chose
    chosen = page.splitter.sizes()
    first.close()
    again = _shown_window(qtbot, demo_db, tmp_path / "split.ini")
    again.workspace.setCurrentWidget(again.page("letter"))
    assert again.page("letter").splitter.sizes() == chosen
