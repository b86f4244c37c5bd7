"""The catalogue window: every catalogue list editable, entries in use protected."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.record_types import CATALOGUE_TYPES
from coopdesk.services import NotFound, RecordService
from coopdesk.ui import dialogs
from coopdesk.ui.catalogue_window import CatalogueWindow


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
