"""One editor widget per kind of field, chosen from the field's declaration.

Every editor has the same small interface: ``set_value(typed value)``, ``raw()`` (what the person typed, in
the form ``Field.parse`` and ``parse_values`` accept), ``edited`` (emitted on every change the person makes)
and ``set_read_only``. Parsing and validation stay in the core (``Field.parse``); an editor only shows what it
understood (the partial-date editor says "understood: May 2009").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.records.fields import Field, Kind
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

#: Offered first in the currency drop-down; any ISO 4217 code can be typed.
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "RUB", "CNY", "SEK", "NOK", "DKK", "CAD", "AUD")


class FieldEditor(QWidget):
    """Base class: an editor for one declared field."""

    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(field.label)
        if field.help:
            self.setToolTip(field.help)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def raw(self) -> Any:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def focus_widget(self) -> QWidget:
        """The widget that takes keyboard focus (for tab order and for jumping to a problem)."""
        return self

    def local_problem(self) -> str | None:
        """A reason the typed value is wrong that only the editor can tell (None if it looks fine)."""
        return None

    def _emit(self, *_args: object) -> None:
        self.edited.emit()


class RecordLineEdit(QLineEdit):
    """A line edit that lets Ctrl+Z / Ctrl+Shift+Z reach the window once it has no typing of its own to undo.

    So Ctrl+Z first undoes typing in the field, then the last saved change, as in office applications.
    """

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable():
                event.ignore()
                return False
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Z
                and event.modifiers()
                == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            )
            if redo and not self.isRedoAvailable():
                event.ignore()
                return False
        return super().event(event)


class _LineBased(FieldEditor):
    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = RecordLineEdit()
        self.line.setAccessibleName(field.label)
        if field.help:
            self.line.setToolTip(field.help)
            self.line.setPlaceholderText(field.help)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        self.line.textEdited.connect(self._emit)
        self.setFocusProxy(self.line)

    def focus_widget(self) -> QWidget:
        return self.line

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))
        self.line.setCursorPosition(0)  # a text longer than the box shows its beginning

    def raw(self) -> Any:
        return self.line.text()


class TextEditor(_LineBased):
    pass


class IntEditor(_LineBased):
    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.line.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000") + 24)


class PartialDateEditor(_LineBased):
    """Accepts "2008", "May 2009", "17/02/2005" (day first) and says what it understood."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        # The formats a date is typed in, whatever the field's help says (that stays in the tooltip): a
        # date box is as wide as a date, not as its help.
        self.line.setPlaceholderText("2008, May 2009 or 17/02/2005")
        width = self.fontMetrics().horizontalAdvance(self.line.placeholderText()) + 24
        self.line.setFixedWidth(width)
        self.understood = QLabel()
        self.understood.setEnabled(False)  # the palette's muted text colour
        self.understood.setAccessibleName(f"{field.label}: understood as")
        self.understood.setWordWrap(True)  # in a narrow form it takes two lines rather than widen the form
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.line)
        row.addWidget(self.line)
        row.addWidget(self.understood, 1)
        layout.addLayout(row)
        self.line.textChanged.connect(self._show_understanding)

    def set_value(self, value: Any) -> None:
        self.line.setText(
            value.format() if isinstance(value, PartialDate) else ("" if value is None else str(value))
        )

    def _show_understanding(self, text: str) -> None:
        if not text.strip():
            self.understood.setText("")
            return
        try:
            date = PartialDate.parse(text)
        except ValueError:
            self.understood.setText("")
            return
        precision = {"year": "a year", "month": "a month", "day": "a day"}[date.precision]
        self.understood.setText(f"understood: {date.format()} ({precision})")


class LongTextEditor(FieldEditor):
    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(field.label)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._text_changed)
        self.setFocusProxy(self.edit)
        self._loading = False

    def _text_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def focus_widget(self) -> QWidget:
        return self.edit

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.edit.setPlainText("" if value is None else str(value))
        finally:
            self._loading = False

    def raw(self) -> Any:
        return self.edit.toPlainText()


class BoolEditor(FieldEditor):
    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.check = QCheckBox()
        self.check.setAccessibleName(field.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        self.check.clicked.connect(self._emit)
        self.setFocusProxy(self.check)

    def focus_widget(self) -> QWidget:
        return self.check

    def set_value(self, value: Any) -> None:
        self.check.setChecked(bool(value))

    def raw(self) -> Any:
        return self.check.isChecked()


class ChoiceEditor(FieldEditor):
    """A drop-down of (value, label) pairs with type-to-search (matches anywhere in the label)."""

    def __init__(self, field: Field, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName(field.label)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(16)
        self.combo.setMaxVisibleItems(16)
        line = self.combo.lineEdit()
        assert line is not None
        line.setPlaceholderText("Type to search…")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        self.set_choices(choices)
        self.set_value(None)
        self.combo.activated.connect(self._emit)
        line.textEdited.connect(self._emit)
        self.setFocusProxy(self.combo)

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        current = self.raw() if self.combo.count() else None
        blocker = QSignalBlocker(self.combo)
        self.combo.clear()
        if not self.field.required:
            self.combo.addItem("", None)
        for value, label in choices:
            self.combo.addItem(label, value)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        del blocker
        if current is not None:
            self.set_value(current)

    def focus_widget(self) -> QWidget:
        return self.combo

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)

    def set_value(self, value: Any) -> None:
        blocker = QSignalBlocker(self.combo)
        index = self.combo.findData(value) if value not in (None, "") else -1
        if index < 0 and value not in (None, ""):
            self.combo.addItem(str(value), value)  # a value no longer offered still shows
            index = self.combo.count() - 1
        if index < 0:
            self.combo.setCurrentIndex(0 if not self.field.required else -1)
            self.combo.setEditText("")
        else:
            self.combo.setCurrentIndex(index)
            line = self.combo.lineEdit()
            if line is not None:
                line.setCursorPosition(0)  # a long label shows its beginning
        del blocker

    def _matching_index(self) -> int:
        """The item meant by the typed text: an exact label, else the only label containing it."""
        text = self.combo.currentText().strip().casefold()
        if not text:
            return -1
        containing = []
        for i in range(self.combo.count()):
            label = self.combo.itemText(i).casefold()
            if label == text or str(self.combo.itemData(i) or "").casefold() == text:
                return i
            if text in label:
                containing.append(i)
        return containing[0] if len(containing) == 1 else -1

    def raw(self) -> Any:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self._matching_index()
        if index >= 0:
            return self.combo.itemData(index)
        return text  # not one of the choices: the core says why

    def local_problem(self) -> str | None:
        text = self.combo.currentText().strip()
        if text and self._matching_index() < 0 and self.field.kind is Kind.REF:
            return f"'{text}' does not match one entry of the list: pick one of the suggestions"
        return None


class MoneyEditor(FieldEditor):
    """An amount and its currency (ISO 4217 code)."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.amount = RecordLineEdit()
        self.amount.setAccessibleName(f"{field.label}: amount")
        self.amount.setPlaceholderText("20,000")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMaximumWidth(self.fontMetrics().horizontalAdvance("000,000,000.00") + 24)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency.addItems(list(COMMON_CURRENCIES))
        self.currency.setAccessibleName(f"{field.label}: currency")
        self.currency.setToolTip("ISO 4217 currency code, e.g. USD")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount)
        row.addWidget(self.currency)
        row.addStretch(1)
        self.amount.textEdited.connect(self._emit)
        self.currency.currentTextChanged.connect(self._emit)
        self.setFocusProxy(self.amount)

    def focus_widget(self) -> QWidget:
        return self.amount

    def set_read_only(self, read_only: bool) -> None:
        self.amount.setReadOnly(read_only)
        self.currency.setEnabled(not read_only)

    def set_value(self, value: Any) -> None:
        blocker = QSignalBlocker(self.currency)
        if isinstance(value, Money):
            self.amount.setText(f"{value.major:,}")
            self.currency.setCurrentText(value.currency)
        else:
            self.amount.setText("")
            self.currency.setCurrentText(COMMON_CURRENCIES[0])
        del blocker

    def raw(self) -> Any:
        amount = self.amount.text().strip()
        if not amount:
            return None
        return (amount, self.currency.currentText().strip().upper())


def editor_for(field: Field, choices: list[tuple[str, str]] | None = None) -> FieldEditor:
    """The editor for a declared field; ``choices`` are the catalogue entries of a REF field."""
    kind = field.kind
    if kind is Kind.PDATE:
        return PartialDateEditor(field)
    if kind is Kind.LONGTEXT:
        return LongTextEditor(field)
    if kind is Kind.INT:
        return IntEditor(field)
    if kind is Kind.BOOL:
        return BoolEditor(field)
    if kind is Kind.MONEY:
        return MoneyEditor(field)
    if kind is Kind.CHOICE:
        assert field.vocabulary is not None
        return ChoiceEditor(field, list(field.vocabulary.items))
    if kind is Kind.REF:
        return ChoiceEditor(field, choices or [])
    return TextEditor(field)
