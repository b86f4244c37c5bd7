"""Tools > Treaty status table… in the real window: paste, compare, filter, tick, apply, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk.records.service import RecordService
from coopdesk.treaty_status.reconcile import DiffKind
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.treaty_status.treaty_status_dialog import TreatyStatusDialog
from coopdesk.ui.treaty_status.treaty_status_model import DifferenceModel
from tests.helpers.gui import DialogLog, shortcut

DATA = Path(__file__).parents[1] / "data" / "treaty_status"


def open_dialog(window: MainWindow, qtbot: QtBot) -> TreatyStatusDialog:
    (action,) = [a for a in window.menu("tools").actions() if a.objectName() == "action-treaty-status"]
    assert isinstance(action, QAction) and action.text() == "Treaty &status table…"
    action.trigger()
    dialog: TreatyStatusDialog = window.features["treaty_status"].dialog  # type: ignore[attr-defined]
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def paste(qtbot: QtBot, dialog: TreatyStatusDialog, text: str) -> None:
    """As the officer does: the table on the clipboard, Ctrl+V in the paste box."""
    QApplication.clipboard().setText(text)
    dialog.paste_box.setFocus()
    qtbot.keyClick(dialog.paste_box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def compare(qtbot: QtBot, dialog: TreatyStatusDialog) -> None:
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None and dialog.task.wait()


def shown_states(model: DifferenceModel) -> list[str]:
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def untoc_count(window: MainWindow) -> int:
    return RecordService(window.db).count("treaty_action", where={"instrument_code": "UNTOC"})


def test_paste_compare_tick_apply_and_undo(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, qtmodeltester: object, output_dir: Path
) -> None:
    assert window.select_country("BLR")
    dialog = open_dialog(window, qtbot)
    dialog.grab().save(str(output_dir / "treaty-status-empty.png"))
    paste(qtbot, dialog, (DATA / "untoc-pasted.txt").read_text(encoding="utf-8"))
    # the title pasted with the table names the instrument: chosen for the officer
    qtbot.waitUntil(lambda: dialog.chosen_instrument() == "UNTOC")
    assert dialog.guess_label.text() == (
        "The table's title names the Organized Crime Convention. It shows the status as at 21 November 2024."
    )
    dialog.grab().save(str(output_dir / "treaty-status-paste.png"))
    compare(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1
    assert dialog.headline.text() == (
        "Organized Crime Convention: 17 participants in the table (status as at 21 November 2024): "
        "23 to add, 4 not in the catalogue, 1 the same."
    )
    assert dialog.filters[DiffKind.ADD].text() == "To add (23)"
    assert dialog.signature_only.text() == "Signature only (1)"
    model = dialog.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 27 and model.taken_count() == 23
    assert dialog.apply_button.text() == "&Apply 23" and dialog.taken_label.text() == "23 of 23 to take"
    dialog.grab().save(str(output_dir / "treaty-status-differences.png"))

    # the officer leaves Afghanistan's ratification out: its row chosen, Space
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, 1).data() == "Afghanistan" and "consent" in model.index(r, 3).data()
    )
    dialog.view.setCurrentIndex(model.index(row, 1))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    assert model.taken_count() == 22 and dialog.apply_button.text() == "&Apply 22"

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert untoc_count(window) == 1 + 22
    assert "22 treaty actions added, 0 corrected" in window.statusBar().currentMessage()
    assert window.undo_stack.undoText() == "taking the status table of the Organized Crime Convention"
    # the open page shows Belarus's new signature
    page = window.page("treaty_action")
    assert page.model.rowCount() == 19  # 18 of the demo, and the signature
    assert dialog_log.shown == []

    window.activateWindow()  # the dialog has closed: the officer is back in the window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.countries.view.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_Z)  # Ctrl+Z: one step takes the whole table back
    assert untoc_count(window) == 1 and window.page("treaty_action").model.rowCount() == 18
    shortcut(
        qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert untoc_count(window) == 23 and window.page("treaty_action").model.rowCount() == 19


def test_filters_show_the_kinds_asked_for(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_dialog(window, qtbot)
    dialog.choose_instrument("UNTOC")
    paste(qtbot, dialog, (DATA / "untoc-pasted.txt").read_text(encoding="utf-8"))
    compare(qtbot, dialog)
    model = dialog.model
    qtbot.mouseClick(dialog.filters[DiffKind.SAME], Qt.MouseButton.LeftButton)
    assert model.rowCount() == 28 and "Same: consent" in [model.index(r, 3).data() for r in range(28)]
    qtbot.mouseClick(dialog.signature_only, Qt.MouseButton.LeftButton)
    assert shown_states(model) == ["Iran (Islamic Republic of)"]
    qtbot.mouseClick(dialog.signature_only, Qt.MouseButton.LeftButton)
    for kind in (DiffKind.ADD, DiffKind.SAME):
        qtbot.mouseClick(dialog.filters[kind], Qt.MouseButton.LeftButton)
    assert sorted(set(shown_states(model))) == ["Cook Islands", "European Union", "Niue"]
    # hidden rows keep their ticks
    assert model.taken_count() == 23
    qtbot.mouseClick(dialog.untick_all, Qt.MouseButton.LeftButton)  # nothing shown can be taken
    assert model.taken_count() == 23


def test_a_table_with_problems_lists_them_and_cannot_be_applied(
    window: MainWindow, qtbot: QtBot, output_dir: Path
) -> None:
    dialog = open_dialog(window, qtbot)
    dialog.choose_instrument("UNTOC")
    paste(
        qtbot,
        dialog,
        "Status as at : 21-11-2024\nParticipant\tSignature\tRatification, Accession(a)\n"
        "Narnia\t12 Dec 2000\t1 Jan 2005\nPeru\t14 Dec 2000\t31 Feb 2002\nChile\t13 Dec 2000\t29 Nov 2004\n",
    )
    compare(qtbot, dialog)
    assert dialog.problems.isVisible() and not dialog.view.isVisible()
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == [
        "line 3: 'Narnia' is not a State of the catalogue, nor a name coopdesk knows for one: correct the "
        "name, or add the State to the catalogue",
        "line 4: Peru: '31 Feb 2002' is not a date that exists",
    ]
    assert not dialog.apply_button.isEnabled()
    dialog.grab().save(str(output_dir / "treaty-status-problems.png"))
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0 and "Narnia" in dialog.paste_box.toPlainText()


def test_bad_input_is_said_in_the_dialog_and_changes_nothing(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path
) -> None:
    before = untoc_count(window)
    dialog = open_dialog(window, qtbot)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)  # no instrument chosen yet
    assert dialog.task is None
    assert dialog.source_error.text().startswith("Choose the instrument this table belongs to")
    dialog.choose_instrument("UNTOC")
    compare(qtbot, dialog)
    assert dialog.source_error.isVisible() and dialog.source_error.text().startswith("Nothing was pasted")
    huge = tmp_path / "status.html"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    dialog_log.open_path = huge
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.file_label.text() == "Using the file status.html (the paste box is not used)."
    compare(qtbot, dialog)
    assert dialog.source_error.text().startswith("status.html is 50 MB")
    binary = tmp_path / "status.csv"
    binary.write_bytes(bytes(range(256)) * 10)
    dialog.set_file(binary)
    compare(qtbot, dialog)
    assert dialog.source_error.text().startswith("status.csv is not a text, CSV or HTML file")
    assert dialog.pages.currentIndex() == 0 and untoc_count(window) == before


def test_the_date_is_asked_for_when_the_table_does_not_say_it(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog
) -> None:
    dialog = open_dialog(window, qtbot)
    dialog_log.open_path = DATA / "untoc.csv"
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    dialog.choose_instrument("UNTOC")
    assert dialog.status_date.text() == "as the table says"
    compare(qtbot, dialog)
    assert "does not say which day" in dialog.source_error.text()
    assert dialog.source_error.text().endswith("Set 'Status as at' above.")
    qtbot.mouseClick(dialog.findChild(type(dialog.compare_button), "status-today"), Qt.MouseButton.LeftButton)
    compare(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1 and dialog.model.taken_count() == 23


# The completer's popup asks for the keyboard, which the offscreen platform says it cannot give.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_the_saved_page_of_another_treaty_is_caught(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog
) -> None:
    dialog = open_dialog(window, qtbot)
    dialog.instrument.lineEdit().setFocus()  # type: ignore[union-attr]
    qtbot.keyClicks(dialog.instrument.lineEdit(), "Convention against Corruption (UNCAC)")
    assert dialog.chosen_instrument() == "UNCAC"
    dialog_log.open_path = DATA / "untoc-status.html"
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_instrument() == "UNCAC"  # the officer's choice stands; the guess is said
    assert dialog.guess_label.text().startswith("The table's title names the Organized Crime Convention.")
    compare(qtbot, dialog)
    assert (
        dialog.problems.item(0)
        .text()
        .startswith(
            "The page is the status of the Organized Crime Convention, not of the Convention against Corruption"
        )
    )


def test_a_conflict_is_settled_by_a_tick_and_undone_in_one_step(
    window: MainWindow, qtbot: QtBot, qtmodeltester: object, output_dir: Path
) -> None:
    service = RecordService(window.db)
    record = service.create(
        "treaty_action",
        {"instrument_code": "UNTOC", "action": "ratification", "action_date": "2003", "source": "old list"},
        country="AFG",
    )
    dialog = open_dialog(window, qtbot)
    dialog.choose_instrument("UNTOC")
    paste(qtbot, dialog, (DATA / "untoc-pasted.txt").read_text(encoding="utf-8"))
    compare(qtbot, dialog)
    model = dialog.model
    qtbot.mouseClick(dialog.filters[DiffKind.ADD], Qt.MouseButton.LeftButton)  # only what needs a decision
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Afghanistan")
    cells = [model.index(row, c).data() for c in range(1, 7)]
    assert cells == [
        "Afghanistan",
        "6",
        "Conflict: consent",
        "Ratification, 24 September 2003",
        "Ratification, 2003",
        "the table gives the day",
    ]
    assert model.index(row, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    dialog.grab().save(str(output_dir / "treaty-status-conflict.png"))
    dialog.view.setCurrentIndex(model.index(row, 1))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    assert model.index(row, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.taken_label.text() == "23 of 23 to take"  # 22 additions (hidden) and the conflict
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    corrected = service.get("treaty_action", record.key)
    assert str(corrected["action_date"]) == "24 September 2003" and corrected["source"].startswith(
        "Depositary's"
    )

    window.undo_stack.undo()
    back = service.get("treaty_action", record.key)
    assert (str(back["action_date"]), back["source"]) == ("2003", "old list")
    assert untoc_count(window) == 2  # Belarus's, and this one
    window.undo_stack.redo()
    assert str(service.get("treaty_action", record.key)["action_date"]) == "24 September 2003"
    assert untoc_count(window) == 24
