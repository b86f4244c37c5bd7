"""The editor form of one record type, built from its declaration (no hand-written form per type).

The form loads a record's typed values into field editors and hands back what the person typed. Each
field is checked as it is typed (``Field.parse``, the same rules the importer uses) and its reason shown
under the field; the cross-field rules and required fields are checked by the core on save, and their
reasons come back to the same places through ``show_problems``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from coopdesk.records.fields import Field, Kind
from coopdesk.records.record_type import FieldProblem, RecordType
from coopdesk.ui.records.field_editors import ChoiceEditor, FieldEditor, editor_for


class RecordForm(QWidget):
    """Fields of one record type. ``dirty_changed(bool)`` when it starts or stops differing from what was loaded."""

    dirty_changed = Signal(bool)
    edited = Signal()

    def __init__(
        self,
        rtype: RecordType,
        ref_choices: Mapping[str, list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rtype = rtype
        self.editors: dict[str, FieldEditor] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.field_labels: dict[str, QLabel] = {}
        self._baseline: dict[str, Any] = {}
        self._dirty = False
        self._problems: dict[str, str] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.setHorizontalSpacing(12)
        layout.setVerticalSpacing(6)
        bold = QFont(self.font())
        bold.setBold(True)
        previous: QWidget | None = None
        for f in rtype.fields:
            editor = editor_for(f, list(ref_choices.get(f.ref or "", [])) if f.kind is Kind.REF else None)
            editor.set_read_only(f.read_only)
            editor.setObjectName(f"field-{f.name}")
            self.editors[f.name] = editor
            problem = QLabel()
            problem.setObjectName(f"problem-{f.name}")
            problem.setFont(bold)
            problem.setWordWrap(True)  # in a narrow form it takes two lines rather than widen the form
            problem.setAccessibleName(f"Problem with {f.label}")
            problem.hide()
            self.problem_labels[f.name] = problem
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(editor)
            cell_layout.addWidget(problem)
            label = QLabel(f"{f.label}{' *' if f.required and not f.read_only else ''}")
            label.setBuddy(editor.focus_widget())
            label.setToolTip(f.help or ("Required" if f.required else ""))
            self.field_labels[f.name] = label
            layout.addRow(label, cell)
            editor.edited.connect(lambda name=f.name: self._field_edited(name))
            if previous is not None:
                QWidget.setTabOrder(previous, editor.focus_widget())
            previous = editor.focus_widget()

    # ------------------------------------------------------------------ loading and reading

    def set_ref_choices(self, ref_choices: Mapping[str, list[tuple[str, str]]]) -> None:
        for f in self.rtype.fields:
            editor = self.editors[f.name]
            if f.kind is Kind.REF and isinstance(editor, ChoiceEditor):
                editor.set_choices(list(ref_choices.get(f.ref or "", [])))

    def load(self, values: Mapping[str, Any]) -> None:
        """Show typed values; the form is clean afterwards."""
        for name, editor in self.editors.items():
            editor.set_value(values.get(name))
        self._baseline = {name: editor.raw() for name, editor in self.editors.items()}
        self._problems.clear()
        for name in self.problem_labels:
            self._set_problem(name, None)
        self._set_dirty(False)

    def raw_values(self) -> dict[str, Any]:
        """What the person typed in every editable field, as ``parse_values`` takes it."""
        return {f.name: self.editors[f.name].raw() for f in self.rtype.editable_fields}

    def changed_raw_values(self) -> dict[str, Any]:
        return {name: value for name, value in self.raw_values().items() if value != self._baseline.get(name)}

    def is_dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        """A new or duplicated record is unsaved even before the first keystroke."""
        self._set_dirty(True)

    def has_problems(self) -> bool:
        return bool(self._problems)

    def problems(self) -> dict[str, str]:
        return dict(self._problems)

    def set_enabled_fields(self, enabled: bool) -> None:
        for f in self.rtype.fields:
            self.editors[f.name].set_read_only(f.read_only or not enabled)

    # ------------------------------------------------------------------ problems

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Mark the fields the core refused, with its reasons, and move the focus to the first."""
        first: str | None = None
        for p in problems:
            if p.field in self.editors:
                self._problems[p.field] = p.reason
                self._set_problem(p.field, p.reason)
                first = first or p.field
        if first is not None:
            self.editors[first].focus_widget().setFocus()

    def check_field(self, name: str) -> str | None:
        """The reason what is typed in one field cannot be read, or None."""
        f = self.rtype.field(name)
        editor = self.editors[name]
        local = editor.local_problem()
        if local:
            return local
        try:
            f.parse(editor.raw())
        except ValueError as exc:
            return str(exc)
        return None

    def _field_edited(self, name: str) -> None:
        reason = self.check_field(name)
        if reason:
            self._problems[name] = reason
        else:
            self._problems.pop(name, None)
        self._set_problem(name, reason)
        self._set_dirty(self._dirty_now())
        self.edited.emit()

    def _dirty_now(self) -> bool:
        return any(editor.raw() != self._baseline.get(name) for name, editor in self.editors.items())

    def _set_problem(self, name: str, reason: str | None) -> None:
        label = self.problem_labels[name]
        editor = self.editors[name]
        f: Field = self.rtype.field(name)
        if reason:
            label.setText(f"⚠ {f.label} {reason}" if reason.startswith("is ") else f"⚠ {reason}")
            label.show()
            editor.setToolTip(reason)
        else:
            label.clear()
            label.hide()
            editor.setToolTip(f.help)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
