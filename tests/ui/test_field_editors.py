"""The typed field editors: what they accept, what they show, what they hand to the core."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coopdesk.records.fields import Field, Kind
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.vocabularies import TREATY_ACTION
from coopdesk.ui.records.field_editors import (
    ChoiceEditor,
    MoneyEditor,
    PartialDateEditor,
    RecordLineEdit,
    editor_for,
)
from coopdesk.ui.records.record_form import RecordForm

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.mark.parametrize(
    ("typed", "understood"),
    [
        ("2008", "understood: 2008 (a year)"),
        ("May 2009", "understood: May 2009 (a month)"),
        ("17/02/2005", "understood: 17 February 2005 (a day)"),
    ],
)
def test_partial_date_editor_says_what_it_understood(qtbot: QtBot, typed: str, understood: str) -> None:
    editor = PartialDateEditor(Field("d", "Date", Kind.PDATE))
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.line, typed)
    assert editor.understood.text() == understood
    assert Field("d", "Date", Kind.PDATE).parse(editor.raw()) == PartialDate.parse(typed)


def test_partial_date_editor_shows_nothing_for_what_it_cannot_read(qtbot: QtBot) -> None:
    editor = PartialDateEditor(Field("d", "Date", Kind.PDATE))
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.line, "Smarch 2009")
    assert editor.understood.text() == ""
    editor.set_value(PartialDate.parse("17/02/2005"))
    assert editor.line.text() == "17 February 2005"


def test_money_editor_hands_amount_and_currency(qtbot: QtBot) -> None:
    field = Field("amount", "Amount", Kind.MONEY)
    editor = MoneyEditor(field)
    qtbot.addWidget(editor)
    editor.set_value(Money(2_000_000, "USD"))
    assert editor.amount.text() == "20,000.00"
    assert field.parse(editor.raw()) == Money(2_000_000, "USD")
    editor.amount.clear()
    qtbot.keyClicks(editor.amount, "1 500")
    editor.currency.setCurrentText("EUR")
    assert field.parse(editor.raw()) == Money(150_000, "EUR")
    editor.amount.clear()
    assert editor.raw() is None


def test_choice_editor_type_to_search(qtbot: QtBot) -> None:
    field = Field("action", "Action", Kind.CHOICE, required=True, vocabulary=TREATY_ACTION)
    editor = editor_for(field)
    assert isinstance(editor, ChoiceEditor)
    qtbot.addWidget(editor)
    line = editor.combo.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "access")  # part of "Accession (a)", the only label containing it
    assert editor.raw() == "accession"
    line.clear()
    qtbot.keyClicks(line, "ratification")
    assert editor.raw() == "ratification"
    line.clear()
    qtbot.keyClicks(line, "tion")  # many labels contain it: the core is handed the text and refuses it
    assert editor.raw() == "tion"
    with pytest.raises(ValueError, match="not one of the choices"):
        field.parse(editor.raw())


def test_reference_editor_names_a_typed_entry_that_is_not_in_the_catalogue(qtbot: QtBot) -> None:
    field = Field("body_code", "Body", Kind.REF, required=True, ref="body")
    editor = editor_for(
        field, [("CND", "CND — Commission on Narcotic Drugs"), ("CCPCJ", "CCPCJ — Commission")]
    )
    qtbot.addWidget(editor)
    assert isinstance(editor, ChoiceEditor)
    line = editor.combo.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "Narcotic")
    assert editor.raw() == "CND" and editor.local_problem() is None
    line.clear()
    qtbot.keyClicks(line, "Security Council")
    assert editor.local_problem() is not None and "Security Council" in editor.local_problem()  # type: ignore[operator]


def test_form_marks_a_bad_value_at_its_field_and_clears_it_when_fixed(qtbot: QtBot) -> None:
    form = RecordForm(RECORD_TYPES["membership"], {"body": [("CND", "CND")]})
    qtbot.addWidget(form)
    form.show()
    form.load({})
    years = form.editors["term_years"].focus_widget()
    qtbot.keyClicks(years, "40")
    assert form.problem_labels["term_years"].isVisible()
    assert "at most 20" in form.problem_labels["term_years"].text()
    assert form.has_problems() and form.is_dirty()
    years.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(years, "4")
    assert not form.problem_labels["term_years"].isVisible()
    assert not form.has_problems()
    assert form.changed_raw_values() == {"term_years": "4"}


def test_line_edit_lets_ctrl_z_through_once_it_has_nothing_to_undo(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QApplication, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    undone: list[bool] = []
    action = QAction(holder)
    action.setShortcut(QKeySequence("Ctrl+Z"))
    action.triggered.connect(lambda: undone.append(True))
    holder.addAction(action)
    line = RecordLineEdit(holder)
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holder)
    line.setFocus()
    qtbot.keyClicks(line, "ab")
    qtbot.keyClick(line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert line.text() == "" and undone == []  # first the typing
    qtbot.keyClick(line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone == [True]  # then the window's undo


def test_a_loaded_text_longer_than_its_box_shows_its_beginning(qtbot: QtBot) -> None:
    form = RecordForm(
        RECORD_TYPES["treaty_action"], {"instrument": [("UNTOC", "Organized Crime Convention")]}
    )
    qtbot.addWidget(form)
    form.resize(500, 400)
    form.show()
    source = (
        "United Nations Treaty Collection, Chapter XVIII, depositary notification C.N.123.2003.TREATIES-1"
    )
    form.load({"source": source})
    line = form.editors["source"].focus_widget()
    assert line.text() == source  # type: ignore[attr-defined]
    assert line.fontMetrics().horizontalAdvance(source) > line.width()  # it does not fit
    assert line.cursorPosition() == 0  # type: ignore[attr-defined]
