"""The catalogue window: every catalogue list editable, entries in use protected."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.record import NotFound
from coopdesk.records.service import RecordService
from coopdesk.ui.catalogue.catalogue_window import CatalogueWindow
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs
from tests.helpers.gui import DialogLog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Dialogs:
    """Records what the window told the person, and answers its questions."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, yes: bool = True) -> None:
        self.messages: list[tuple[str, str]] = []
        self.questions: list[str] = []
        for name in ("inform", "warn", "error"):
            monkeypatch.setattr(dialogs, name, self._record(name))
        monkeypatch.setattr(dialogs, "ask_yes_no", self._ask(yes))
        monkeypatch.setattr(dialogs, "ask_save_discard_cancel", self._ask(dialogs.DISCARD))

    def _record(self, kind: str):  # type: ignore[no-untyped-def]
        def show(parent, title, text):  # type: ignore[no-untyped-def]
            self.messages.append((kind, text))

        return show

    def _ask(self, answer: bool):  # type: ignore[no-untyped-def]
        def ask(parent, title, text):  # type: ignore[no-untyped-def]
            self.questions.append(text)
            return answer

        return ask


def _window(qtbot: QtBot, db: Database) -> CatalogueWindow:
    window = CatalogueWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_catalogue_list_opens_and_its_model_is_sound(
    qtbot: QtBot, demo_db: Database, qtmodeltester: ModelTester
) -> None:
    window = _window(qtbot, demo_db)
    for name in CATALOGUE_TYPES:
        window.show_type(name)
        assert window.rtype.name == name
        assert window.model.rowCount() > 0, name
        qtmodeltester.check(window.model)
    window.show_type("country")
    assert window.model.rowCount() >= 193
    # the list of catalogues has rows with air, as the main window's list of sections
    row = window.types.visualItemRect(window.types.item(0))
    assert row.height() >= window.types.fontMetrics().height() + 12
    metrics = window.types.fontMetrics()
    widest = max(metrics.horizontalAdvance(window.types.item(i).text()) for i in range(window.types.count()))
    assert window.types.viewport().width() > widest  # every name shows whole


def test_deleting_an_instrument_in_use_is_refused_saying_where(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = Dialogs(monkeypatch, yes=True)
    window = _window(qtbot, demo_db)
    window.show_type("instrument")
    assert window.select_entry("UNCAC")
    qtbot.mouseClick(window.delete_button, Qt.MouseButton.LeftButton)
    assert shown.questions and "Convention against Corruption" in shown.questions[0]
    kind, text = shown.messages[-1]
    assert kind == "warn"
    assert "cannot be deleted" in text and "treaty actions (Belarus)" in text
    assert RecordService(demo_db).get("instrument", "UNCAC").values["title"]


def test_add_edit_then_delete_an_unused_instrument(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = Dialogs(monkeypatch, yes=True)
    window = _window(qtbot, demo_db)
    window.show_type("instrument")
    before = window.model.rowCount()
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    assert window.form is not None
    qtbot.keyClicks(window.form.editors["code"].focus_widget(), "ARMS")
    qtbot.keyClicks(window.form.editors["title"].focus_widget(), "Arms Trade Treaty")
    qtbot.keyClicks(window.form.editors["adopted_date"].focus_widget(), "2 April 2013")
    with qtbot.waitSignal(window.catalogue_changed):
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert shown.messages == []
    assert window.model.rowCount() == before + 1
    saved = RecordService(demo_db).get("instrument", "ARMS")
    assert str(saved.values["adopted_date"]) == "2 April 2013"
    assert window.current is not None and window.current.key == "ARMS"

    title = window.form.editors["short_title"].focus_widget()
    qtbot.keyClicks(title, "ATT")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert RecordService(demo_db).get("instrument", "ARMS").values["short_title"] == "ATT"

    qtbot.mouseClick(window.delete_button, Qt.MouseButton.LeftButton)
    with pytest.raises(NotFound):
        RecordService(demo_db).get("instrument", "ARMS")
    assert window.model.rowCount() == before


def test_invalid_input_is_marked_at_the_field_and_nothing_is_saved(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = Dialogs(monkeypatch)
    window = _window(qtbot, demo_db)
    window.show_type("body")
    assert window.select_entry("CND")
    assert window.form is not None
    members = window.form.editors["members_count"].focus_widget()
    members.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(members, "many")
    assert window.form.problem_labels["members_count"].isVisibleTo(window)
    assert "not a whole number" in window.form.problem_labels["members_count"].text()
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert shown.messages and "cannot be saved" in shown.messages[-1][1]
    assert RecordService(demo_db).get("body", "CND").values["members_count"] == 53


def test_a_set_membership_ending_before_it_starts_is_refused(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = Dialogs(monkeypatch)
    window = _window(qtbot, demo_db)
    window.show_type("instrument_set_member")
    first = window.model.record_at(0)
    assert first is not None
    assert window.form is not None
    until = window.form.editors["member_until"].focus_widget()
    qtbot.keyClicks(until, "1900")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert "cannot leave a set before it joins" in shown.messages[-1][1]
    assert "cannot leave a set" in window.form.problem_labels["member_until"].text()
    assert RecordService(demo_db).get("instrument_set_member", first.key).values["member_until"] is None


def test_leaving_an_edited_entry_asks_first(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch, output_dir: Path
) -> None:
    asked: list[str] = []

    def stay(parent, title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return dialogs.CANCEL

    monkeypatch.setattr(dialogs, "ask_save_discard_cancel", stay)
    window = _window(qtbot, demo_db)
    window.show_type("body")
    assert window.select_entry("CND")
    assert window.form is not None
    qtbot.keyClicks(window.form.editors["name"].focus_widget(), " (edited)")
    window.grab().save(str(output_dir / "catalogue.png"))
    window.show_type("meeting")
    assert asked and window.rtype.name == "body"
    assert window.current is not None and window.current.key == "CND"


# ---------------------------------------------------------------------- undo and redo, from a main window


def _open_catalogue(qtbot: QtBot, window: MainWindow) -> CatalogueWindow:
    """Tools > Catalogue… by its shortcut, as a person opens it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.countries.filter_edit, Qt.Key.Key_C, CTRL | SHIFT)
    catalogue = window.features["overview"].catalogue  # type: ignore[attr-defined]
    assert isinstance(catalogue, CatalogueWindow) and catalogue.isVisible()
    return catalogue


def _press(qtbot: QtBot, top: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = CTRL) -> None:
    """Press a shortcut in a window, where its keyboard focus is (never a text field: there Ctrl+Z undoes
    the typing)."""
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)
    target = QApplication.focusWidget() or top
    assert not isinstance(target, QLineEdit), "the key would go to a text field"
    qtbot.keyClick(target, key, modifiers)


def _undo_text(action_owner: MainWindow | CatalogueWindow) -> str:
    return action_owner.act_undo.text().replace("&", "")


def _retype(qtbot: QtBot, catalogue: CatalogueWindow, field: str, text: str) -> None:
    assert catalogue.form is not None
    editor = catalogue.form.editors[field].focus_widget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_an_instrument_edit_is_undone_and_redone_from_either_window(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    assert catalogue.undo_stack is window.undo_stack
    catalogue.show_type("instrument")
    assert catalogue.select_entry("UNCAC")
    assert catalogue.form is not None
    old = "United Nations Convention against Corruption"
    new = "United Nations Convention against Corruption (Merida)"

    def stored() -> str:
        return str(RecordService(window.db).get("instrument", "UNCAC").values["title"])

    def shown() -> str:
        assert catalogue.form is not None and catalogue.current is not None
        assert catalogue.current.key == "UNCAC" and not catalogue.form.is_dirty()
        row = catalogue.model.row_of("UNCAC")
        assert row is not None
        assert catalogue.table.selectionModel().isRowSelected(row)
        cells = [catalogue.model.index(row, c).data() for c in range(catalogue.model.columnCount())]
        assert catalogue.form.editors["title"].raw() in cells
        return str(catalogue.form.editors["title"].raw())

    _retype(qtbot, catalogue, "title", new)
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    assert stored() == new and shown() == new
    assert _undo_text(window) == "Undo edit of Convention against Corruption"
    assert _undo_text(catalogue) == "Undo edit of Convention against Corruption"
    assert catalogue.act_undo in catalogue.menuBar().actions()[0].menu().actions()  # type: ignore[union-attr]

    _press(qtbot, catalogue, Qt.Key.Key_Z)
    assert stored() == old and shown() == old
    _press(qtbot, catalogue, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored() == new and shown() == new

    window.countries.view.setFocus()
    _press(qtbot, window, Qt.Key.Key_Z)
    assert stored() == old and shown() == old
    _press(qtbot, window, Qt.Key.Key_Y)
    assert stored() == new and shown() == new
    assert dialog_log.shown == []


def test_a_new_body_is_taken_back_by_undo_and_comes_back_with_its_code(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("body")
    before = catalogue.model.rowCount()
    qtbot.mouseClick(catalogue.new_button, Qt.MouseButton.LeftButton)
    assert catalogue.form is not None
    qtbot.keyClicks(catalogue.form.editors["code"].focus_widget(), "SPT")
    qtbot.keyClicks(catalogue.form.editors["name"].focus_widget(), "Subcommittee on Prevention of Torture")
    qtbot.keyClicks(catalogue.form.editors["members_count"].focus_widget(), "25")
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    saved = RecordService(window.db).get("body", "SPT")
    assert catalogue.model.rowCount() == before + 1
    assert _undo_text(window) == "Undo adding SPT"

    _press(qtbot, catalogue, Qt.Key.Key_Z)
    with pytest.raises(NotFound):
        RecordService(window.db).get("body", "SPT")
    assert catalogue.model.rowCount() == before and catalogue.model.row_of("SPT") is None
    assert catalogue.current is None or catalogue.current.key != "SPT"

    _press(qtbot, catalogue, Qt.Key.Key_Z, CTRL | SHIFT)
    again = RecordService(window.db).get("body", "SPT")
    assert again.key == "SPT" and again.values == saved.values
    assert again.values["members_count"] == 25
    assert catalogue.current is not None and catalogue.current.key == "SPT"
    assert dialog_log.shown == []


@pytest.mark.parametrize(
    ("type_name", "key"), [("meeting", "CND-52"), ("country", "AFG"), ("instrument_set_member", 1)]
)
def test_an_unused_entry_deleted_comes_back_with_undo(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog, type_name: str, key: object
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type(type_name)
    assert catalogue.select_entry(key)
    before = RecordService(window.db).get(type_name, key)
    dialog_log.yes_no = True
    qtbot.mouseClick(catalogue.delete_button, Qt.MouseButton.LeftButton)
    assert "Ctrl+Z" in dialog_log.shown[-1][2]
    with pytest.raises(NotFound):
        RecordService(window.db).get(type_name, key)
    assert catalogue.model.row_of(key) is None
    assert _undo_text(window) == f"Undo deletion of {before.describe()}"

    _press(qtbot, catalogue, Qt.Key.Key_Z)
    back = RecordService(window.db).get(type_name, key)
    assert back.key == before.key and back.values == before.values
    assert catalogue.current is not None and catalogue.current.key == before.key
    assert catalogue.current.values == before.values


def test_the_country_list_of_the_main_window_follows_catalogue_undo(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("country")
    assert catalogue.select_entry("AFG")
    dialog_log.yes_no = True
    qtbot.mouseClick(catalogue.delete_button, Qt.MouseButton.LeftButton)
    assert window.countries.model.row_of("AFG") is None

    window.countries.view.setFocus()
    _press(qtbot, window, Qt.Key.Key_Z)
    row = window.countries.model.row_of("AFG")
    assert row is not None and window.countries.model.row_at(row).name == "Afghanistan"
    assert catalogue.current is not None and catalogue.current.key == "AFG"


def test_an_instrument_in_use_still_cannot_be_deleted_and_nothing_is_pushed(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("instrument")
    assert catalogue.select_entry("UNCAC")
    count = window.undo_stack.count()
    dialog_log.yes_no = True
    qtbot.mouseClick(catalogue.delete_button, Qt.MouseButton.LeftButton)
    kind, title, text = dialog_log.shown[-1]
    assert (kind, title) == ("warn", "Not deleted")
    assert "cannot be deleted" in text and "treaty actions (Belarus)" in text
    assert window.undo_stack.count() == count
    assert RecordService(window.db).get("instrument", "UNCAC").values["title"]
    assert catalogue.current is not None and catalogue.current.key == "UNCAC"


def test_refused_saves_push_nothing_invalid_input_and_a_conflict(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("body")
    assert catalogue.select_entry("CND")
    assert catalogue.form is not None
    count = window.undo_stack.count()

    _retype(qtbot, catalogue, "members_count", "many")
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    assert "not a whole number" in catalogue.form.problem_labels["members_count"].text()
    assert dialog_log.shown[-1][1] == "Not saved"
    assert window.undo_stack.count() == count
    assert RecordService(window.db).get("body", "CND").values["members_count"] == 53

    _retype(qtbot, catalogue, "members_count", "54")
    RecordService(window.db, user="someone else").update(
        "body", "CND", {"term_years": "5"}, expected_version=None
    )
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    kind, _title, text = dialog_log.shown[-1]
    assert kind == "error" and "was changed by someone else" in text
    assert window.undo_stack.count() == count
    stored = RecordService(window.db).get("body", "CND").values
    assert stored["members_count"] == 53 and stored["term_years"] == 5


def test_undoing_a_new_entry_that_is_now_in_use_is_refused_saying_where(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("body")
    qtbot.mouseClick(catalogue.new_button, Qt.MouseButton.LeftButton)
    assert catalogue.form is not None
    qtbot.keyClicks(catalogue.form.editors["code"].focus_widget(), "SPT")
    qtbot.keyClicks(catalogue.form.editors["name"].focus_widget(), "Subcommittee on Prevention of Torture")
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    RecordService(window.db, user="someone else").create(
        "meeting", {"code": "SPT-1", "title": "First session", "body_code": "SPT"}
    )
    _press(qtbot, catalogue, Qt.Key.Key_Z)
    kind, _title, text = dialog_log.shown[-1]
    assert kind == "warn" and "cannot be deleted" in text and "1 meetings" in text
    assert RecordService(window.db).get("body", "SPT").values["name"].startswith("Subcommittee")
    assert _undo_text(window) != "Undo adding SPT"  # the refused command left the stack


def test_a_catalogue_window_of_its_own_has_its_own_undo(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    Dialogs(monkeypatch)
    catalogue = _window(qtbot, demo_db)
    assert catalogue.main_window is None and catalogue.undo_stack.count() == 0
    catalogue.show_type("body")
    assert catalogue.select_entry("CND")
    _retype(qtbot, catalogue, "name", "Commission on Narcotic Drugs (edited)")
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    assert RecordService(demo_db).get("body", "CND").values["name"].endswith("(edited)")
    _press(qtbot, catalogue, Qt.Key.Key_Z)
    assert RecordService(demo_db).get("body", "CND").values["name"] == "Commission on Narcotic Drugs"
    assert catalogue.form is not None
    assert catalogue.form.editors["name"].raw() == "Commission on Narcotic Drugs"


def test_an_undo_from_the_main_window_keeps_unsaved_typing_in_the_catalogue(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("body")
    assert catalogue.select_entry("CND")
    _retype(qtbot, catalogue, "name", "Commission on Narcotic Drugs (edited)")
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    assert catalogue.select_entry("GA")
    _retype(qtbot, catalogue, "name", "General Assembly (typing)")

    window.countries.view.setFocus()
    _press(qtbot, window, Qt.Key.Key_Z)
    assert RecordService(window.db).get("body", "CND").values["name"] == "Commission on Narcotic Drugs"
    assert catalogue.form is not None and catalogue.form.is_dirty()
    assert catalogue.current is not None and catalogue.current.key == "GA"
    assert catalogue.form.editors["name"].raw() == "General Assembly (typing)"
    row = catalogue.model.row_of("CND")
    assert row is not None
    name_column = [f.name for f in catalogue.model.fields].index("name")
    assert catalogue.model.index(row, name_column).data() == "Commission on Narcotic Drugs"
    assert dialog_log.shown == []


def test_a_renamed_instrument_shows_its_new_name_in_the_record_tables_and_undo_restores_it(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    window.select_country("BLR")
    treaties = window.page("treaty_action")
    window.workspace.setCurrentWidget(treaties)

    def names() -> list[str]:
        return [str(treaties.model.index(r, 0).data()) for r in range(treaties.model.rowCount())]

    assert "Convention against Corruption" in names()
    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("instrument")
    assert catalogue.select_entry("UNCAC")
    _retype(qtbot, catalogue, "short_title", "UNCAC (Merida)")
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    assert "UNCAC (Merida)" in names() and "Convention against Corruption" not in names()
    combo_labels = treaties.form.editors["instrument_code"].focus_widget()
    assert any("UNCAC (Merida)" in combo_labels.itemText(i) for i in range(combo_labels.count()))  # type: ignore[attr-defined]
    _press(qtbot, catalogue, Qt.Key.Key_Z)
    assert "Convention against Corruption" in names() and "UNCAC (Merida)" not in names()


def test_a_catalogue_save_keeps_unsaved_typing_in_the_record_page_in_front(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    window.select_country("BLR")
    treaties = window.page("treaty_action")
    window.workspace.setCurrentWidget(treaties)
    assert treaties.select_key(str(treaties.model.record_at(0).key))  # type: ignore[union-attr]
    notes = treaties.form.editors["source"].focus_widget()
    assert isinstance(notes, QLineEdit)
    notes.setFocus()
    notes.selectAll()
    qtbot.keyClicks(notes, "typed, not saved yet")
    assert treaties.is_dirty()

    catalogue = _open_catalogue(qtbot, window)
    catalogue.show_type("body")
    assert catalogue.select_entry("CND")
    _retype(qtbot, catalogue, "name", "Commission on Narcotic Drugs (renamed)")
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    _press(qtbot, catalogue, Qt.Key.Key_Z)  # and its undo

    assert treaties.is_dirty() and notes.text() == "typed, not saved yet", "the typing survives"
    assert dialog_log.shown == []
    window.act_revert.trigger()  # once reverted, the page shows the stored record again
    assert not treaties.is_dirty() and notes.text() != "typed, not saved yet"
