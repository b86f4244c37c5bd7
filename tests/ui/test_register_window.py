"""The register of letters: issued documents by date, country and reference; reopened and saved again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.note import letters
from coopdesk.records.service import RecordService
from coopdesk.ui.note.note_dialog import NoteDialog
from coopdesk.ui.note.register_window import COLUMNS, RegisterWindow
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs
from tests.helpers.gui import DialogLog, PrintDialogAnswer
from tests.page_images import page_images
from tests.ui.test_print_path import assert_same_pages, assert_same_text


def _issue(db: Database, country: str, when: str, text: str) -> str:
    service = RecordService(db)
    draft = service.create(
        "letter",
        {"letter_date": when, "subject": f"About {country}", "signatory_name": "A. Officer"},
        country=country,
    )
    return str(letters.issue_letter(db, draft.key, f"<p>{text}</p>")["reference"])


@pytest.fixture
def issued_db(demo_db: Database) -> Database:
    (belarus,) = RecordService(demo_db).list("letter", country="BLR")
    letters.issue_letter(demo_db, belarus.key, "<p>Belarus note</p>")
    _issue(demo_db, "UKR", "2 November 2009", "Ukraine note")
    _issue(demo_db, "FRA", "15 January 2010", "France note")
    RecordService(demo_db).create("letter", {"letter_date": "1 February 2010"}, country="DEU")  # a draft
    return demo_db


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(_parent: QWidget | None, title: str, text: str) -> None:
        shown.append((title, text))

    for kind in ("inform", "warn", "error"):
        monkeypatch.setattr(dialogs, kind, record)
    return shown


def _window(qtbot: QtBot, db: Database) -> RegisterWindow:
    register = RegisterWindow(db)
    qtbot.addWidget(register)
    register.show()
    return register


def _column(register: RegisterWindow, column: int) -> list[str]:
    return [register.proxy.index(r, column).data() for r in range(register.proxy.rowCount())]


def test_issued_letters_are_listed_newest_first_and_drafts_are_not(
    qtbot: QtBot, issued_db: Database, qtmodeltester: ModelTester, output_dir: Path
) -> None:
    register = _window(qtbot, issued_db)
    qtmodeltester.check(register.model)
    assert _column(register, 1) == ["EWCA/001/10", "EWCA/041/09", "EWCA/040/09"]
    assert _column(register, 0) == ["15 January 2010", "2 November 2009", "30 October 2009"]
    assert _column(register, 2) == ["France", "Ukraine", "Belarus"]
    assert register.model.headerData(1, Qt.Orientation.Horizontal) == COLUMNS[1] == "Reference"
    assert register.model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert register.count_label.text() == "3 issued letters"
    register.resize(980, 320)
    register.grab().save(str(output_dir / "register.png"))

    register.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _column(register, 1) == ["EWCA/040/09", "EWCA/041/09", "EWCA/001/10"]


def test_typing_in_the_filter_narrows_the_list(qtbot: QtBot, issued_db: Database) -> None:
    register = _window(qtbot, issued_db)
    qtbot.keyClicks(register.filter, "ukr")
    assert _column(register, 1) == ["EWCA/041/09"]
    register.filter.clear()
    qtbot.keyClicks(register.filter, "/09")
    assert _column(register, 1) == ["EWCA/041/09", "EWCA/040/09"]


def test_an_empty_register_says_so(qtbot: QtBot, db: Database, qtmodeltester: ModelTester) -> None:
    register = _window(qtbot, db)
    qtmodeltester.check(register.model)
    assert register.model.rowCount() == 0
    assert register.count_label.text() == "No letter has been issued yet."
    assert not register.open_button.isEnabled()


def test_save_pdf_copy_writes_the_issued_bytes(
    qtbot: QtBot,
    issued_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_dialogs: list[tuple[str, str]],
) -> None:
    register = _window(qtbot, issued_db)
    assert register.select_reference("EWCA/041/09")
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: target)
    qtbot.mouseClick(register.save_button, Qt.MouseButton.LeftButton)
    entry = register.selected()
    assert entry is not None and entry.reference == "EWCA/041/09"
    assert target.read_bytes() == letters.issued_pdf(issued_db, entry.key)
    assert no_dialogs == []


def test_file_menu_opens_the_register_and_a_double_click_reopens_the_letter_read_only(
    qtbot: QtBot, issued_db: Database, window: MainWindow, dialog_log: DialogLog
) -> None:
    window.set_as_of(dt.date(2020, 1, 1))
    actions = {a.text(): a for a in window.menu("file").actions()}
    actions["Register of &letters…"].trigger()
    register: RegisterWindow = window.features["note"].register_window  # type: ignore[attr-defined]
    qtbot.waitUntil(register.isVisible)
    row = _column(register, 1).index("EWCA/040/09")
    cell = register.table.visualRect(register.proxy.index(row, 1))
    assert cell.isValid()
    qtbot.mouseClick(register.table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.mouseDClick(register.table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.waitUntil(lambda: window.features["note"].note_dialog is not None)
    dialog: NoteDialog = window.features["note"].note_dialog  # type: ignore[attr-defined]
    assert dialog.is_issued
    assert dialog.letter is not None and dialog.letter.get("reference") == "EWCA/040/09"
    assert dialog.editor.toPlainText().strip() == "Belarus note"
    assert dialog.as_of == dt.date(2009, 10, 30)
    assert dialog_log.shown == []
    dialog.done(0)
    register.close()


def test_an_open_register_shows_a_letter_issued_meanwhile(
    qtbot: QtBot, window: MainWindow, demo_db: Database, dialog_log: DialogLog
) -> None:
    dialog_log.yes_no = True
    window.select_country("BLR")
    window.set_as_of(dt.date(2009, 10, 30))
    window.features["note"].register_action.trigger()  # type: ignore[attr-defined]
    register: RegisterWindow = window.features["note"].register_window  # type: ignore[attr-defined]
    assert register.model.rowCount() == 0
    window.features["note"].note_action.trigger()  # type: ignore[attr-defined]
    dialog: NoteDialog = window.features["note"].note_dialog  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert _column(register, 1) == ["EWCA/040/09"]
    dialog.done(0)
    register.close()


def test_print_prints_the_issued_copy_exactly(
    qtbot: QtBot,
    issued_db: Database,
    print_dialog: PrintDialogAnswer,
    no_dialogs: list[tuple[str, str]],
    output_dir: Path,
) -> None:
    register = _window(qtbot, issued_db)
    assert register.select_reference("EWCA/040/09")
    qtbot.mouseClick(register.print_button, Qt.MouseButton.LeftButton)
    preview = register.preview
    assert preview is not None
    qtbot.waitExposed(preview)
    entry = register.selected()
    assert entry is not None
    issued = letters.issued_pdf(issued_db, entry.key)
    assert preview.thumbnails.count() == len(page_images(issued))
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    task = preview.task
    assert task is not None and task.wait(60_000)
    printed = page_images(print_dialog.target)
    assert_same_pages(printed, page_images(issued))
    assert_same_text(print_dialog.target, issued)
    assert no_dialogs == []
    register.close()


def test_print_with_nothing_chosen_is_not_offered(qtbot: QtBot, db: Database) -> None:
    register = _window(qtbot, db)
    assert not register.print_button.isEnabled()
