"""One workspace tab: a country's records of one type, in a sortable table above their editor form.

New, Duplicate, Delete, Save and Revert are the main window's actions acting on the current page. Each
change is committed at once through an undo command (``coopdesk.ui.records.undo``); the page never holds a
Session or an ORM object, only plain ``Record`` values.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.records.fields import Kind
from coopdesk.records.record import Record, label_of
from coopdesk.records.record_type import FieldProblem, RecordType, RefLabels, ValidationFailed
from coopdesk.records.service import RecordService
from coopdesk.records.types import ALL_TYPES
from coopdesk.ui.records.record_form import RecordForm
from coopdesk.ui.records.record_table_model import RecordTableModel
from coopdesk.ui.records.undo import CreateRecord, DeleteRecord, EditRecord, RecordCommand, StepRefused
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.host import WindowHost
from coopdesk.ui.widgets.settings import Settings
from coopdesk.ui.widgets.tasks import describe_error

NONE, EDIT, NEW = "none", "edit", "new"


def reference_choices(
    service: RecordService, rtype: RecordType
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, dict[str, str]]]:
    """For each catalogue type a record type refers to: drop-down (code, label) pairs and short table labels."""
    drop: dict[str, list[tuple[str, str]]] = {}
    short: dict[str, dict[str, str]] = {}
    for ref in {f.ref for f in rtype.fields if f.kind is Kind.REF and f.ref}:
        target = ALL_TYPES[ref]
        pairs: list[tuple[str, str]] = []
        labels: dict[str, str] = {}
        for record in service.list(ref):
            code = str(record.key)
            label = label_of(record)
            longer = record.get("title") or record.get("name") or ""
            labels[code] = label
            parts = [label]
            if longer and longer.casefold() not in label.casefold():
                parts.append(f"— {longer}")
            if code.casefold() not in label.casefold():
                parts.append(f"({code})")
            pairs.append((code, " ".join(parts)))
        drop[target.name] = pairs
        short[target.name] = labels
    return drop, short


class RecordPage(QWidget):
    """Records of one type for the chosen country."""

    def __init__(self, window: WindowHost, rtype: RecordType) -> None:
        super().__init__()
        self.window_ = window
        self.rtype = rtype
        self.service = RecordService(window.db)
        self.country: str | None = None
        self.current: Record | None = None
        self.mode = NONE
        self._stale = False
        self._sort: str | None = None
        self._descending = False
        self.setObjectName(f"page-{rtype.name}")
        self.setAccessibleName(rtype.plural)

        self.model = RecordTableModel(rtype, self)
        self.model.sort_requested.connect(self._sort_requested)
        self.table = QTableView()
        self.table.setObjectName(f"table-{rtype.name}")
        self.table.setAccessibleName(f"{rtype.plural} table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)  # the header click asks the model, which asks SQL
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        drop, short = reference_choices(self.service, rtype)
        self.ref_labels: RefLabels = short  # names, not codes, in headings, messages and undo texts
        self.model.set_ref_labels(short)
        self._set_column_widths()
        self.form = RecordForm(rtype, drop)
        self.form.setObjectName(f"form-{rtype.name}")
        self.form.dirty_changed.connect(self._dirty_changed)
        self.form.edited.connect(self._form_edited)
        self.heading = QLabel()
        self.heading.setObjectName("record-heading")
        self.heading.setWordWrap(True)  # a long heading takes two lines rather than widen the form
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save this record (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Re&vert")
        self.revert_button.setToolTip("Forget unsaved changes (Ctrl+R)")
        self.revert_button.clicked.connect(self.revert)
        self.hint = QLabel()
        self.hint.setObjectName("record-hint")

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_holder = QWidget()
        self.form_holder = form_holder
        holder_layout = QVBoxLayout(form_holder)
        holder_layout.setContentsMargins(12, 8, 12, 8)
        holder_layout.addWidget(self.heading)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        scroll.setWidget(form_holder)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 4, 12, 8)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(0)
        editor_layout.addWidget(scroll, 1)
        editor_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName(f"splitter-{rtype.name}")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 420])
        self.splitter.setChildrenCollapsible(False)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        QWidget.setTabOrder(self.table, self.form)
        self._split_done = False  # until the first showing, or a split the user saved is restored
        self._restore_state(window.settings)
        self._show_mode()

    # ------------------------------------------------------------------ data

    def set_database(self, db: Database) -> None:
        self.service = RecordService(db)
        self.refresh_choices()

    def refresh_choices(self) -> None:
        """Read the catalogue entries this type refers to again (after a catalogue edit or undo): the
        drop-downs and the short names in the table."""
        drop, short = reference_choices(self.service, self.rtype)
        self.ref_labels = short
        self.model.set_ref_labels(short)
        self.form.set_ref_choices(drop)

    def set_country(self, iso3: str | None, *, load: bool = True) -> None:
        """Show another State's records; with ``load=False`` (a page behind another one) they are read
        when the page is next shown or asked for."""
        self.country = iso3
        self.current = None
        self.mode = NONE
        if load:
            self.reload()
        else:
            self.model.set_rows([])
            self._load(None)
            self.mark_stale()

    def mark_stale(self) -> None:
        """The records may have changed: read them again before they are next seen."""
        self._stale = True

    def ensure_loaded(self) -> None:
        """Read the records again if they may have changed, unless that would throw away typing."""
        if self._stale and not self.is_dirty():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)
        if not self._split_done:
            self._split_done = True
            self._split_for_the_form()

    def _split_for_the_form(self) -> None:
        """At the first showing (no split saved): the form gets at least half the page, more when its
        fields need it (a letter's twelve), up to two thirds and as long as the table keeps six rows."""
        total = self.splitter.height() - self.splitter.handleWidth()
        rows = self.table.horizontalHeader().height() + 6 * self.table.verticalHeader().defaultSectionSize()
        need = self.form_holder.sizeHint().height() + self._buttons.sizeHint().height()
        form = max(total // 2, min(need, total * 2 // 3, total - rows))
        self.splitter.setSizes([total - form, form])

    def reload(self, select: str | None = None) -> None:
        """Read this country's records again (sorted in SQL), keeping or moving the selection."""
        self._stale = False
        keep = select or (self.current.key if self.current is not None and self.mode == EDIT else None)
        rows: list[Record] = []
        if self.country is not None:
            rows = self.service.list(
                self.rtype.name, country=self.country, sort=self._sort, descending=self._descending
            )
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self._select_row(row)
            self._load(self.model.record_at(row))
        elif self.mode != NEW:
            self._load(None)
        self._show_mode()

    def select_key(self, key: str) -> bool:
        if not self.maybe_leave():
            return False
        row = self.model.row_of(key)
        if row is None:
            return False
        self._select_row(row)
        self._load(self.model.record_at(row))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # ------------------------------------------------------------------ state for the window's actions

    def is_dirty(self) -> bool:
        return self.mode != NONE and self.form.is_dirty()

    def can_save(self) -> bool:
        return self.is_dirty() and not self.form.has_problems()

    def can_revert(self) -> bool:
        return self.is_dirty() or self.mode == NEW

    def has_current(self) -> bool:
        return self.mode == EDIT and self.current is not None

    def can_create(self) -> bool:
        return self.country is not None

    def maybe_leave(self) -> bool:
        """Before moving away: True when it is fine to go (saved, discarded or nothing to lose)."""
        if not self.is_dirty():
            return True
        what = f"the new {self.rtype.label.lower()}" if self.mode == NEW else self.current_description()
        answer = dialogs.ask_save_discard_cancel(
            self, "Unsaved changes", f"Save your changes to {what} before leaving it?"
        )
        if answer == dialogs.SAVE:
            return self.save()
        if answer == dialogs.DISCARD:
            self.revert()
            return True
        return False

    def current_description(self) -> str:
        return (
            self.current.describe(self.ref_labels) if self.current is not None else self.rtype.label.lower()
        )

    # ------------------------------------------------------------------ actions

    def start_new(self, values: dict[str, Any] | None = None) -> None:
        if self.country is None:
            return
        self.mode = NEW
        self.current = None
        self.table.selectionModel().clearSelection()
        self.form.set_enabled_fields(True)
        self.form.load(values or self.rtype.defaults())
        if values:
            self.form.mark_dirty()
        self._show_mode()
        self.window_.page_state_changed()
        first = next(iter(self.rtype.editable_fields), None)
        if first is not None:
            self.form.editors[first.name].focus_widget().setFocus()

    def duplicate(self) -> None:
        if self.current is not None:
            values = {k: v for k, v in self.current.values.items() if not self.rtype.field(k).read_only}
            self.start_new(values)

    def save(self) -> bool:
        """Commit the form (create or edit); False, with the reasons at the fields, if refused."""
        if self.mode == NONE or self.country is None:
            return True
        problems = {f.name: self.form.check_field(f.name) for f in self.rtype.editable_fields}
        if any(problems.values()) or self.form.has_problems():
            self.window_.status("Not saved: correct the marked fields first.")
            self._focus_first_problem()
            return False
        command: RecordCommand
        if self.mode == NEW:
            command = CreateRecord(
                self.service,
                self.rtype.name,
                self.form.raw_values(),
                self.country,
                self._committed,
                self._failed,
                labels=self.ref_labels,
            )
        else:
            assert self.current is not None
            changes = self.form.changed_raw_values()
            if not changes:
                self.revert()
                return True
            command = EditRecord(
                self.service, self.current, changes, self._committed, self._failed, labels=self.ref_labels
            )
        self.window_.undo_stack.push(command)
        if command.error is not None:
            self._failed(command.error)
            return False
        if isinstance(command, CreateRecord) and command.record is not None:
            self.window_.status(
                f"Added the {command.record.describe(self.ref_labels)}. Ctrl+Z takes it back."
            )
        else:
            self.window_.status(f"Saved the {self.current_description()}. Ctrl+Z takes it back.")
        self.table.setFocus()  # back to the list, where the next Ctrl+Z undoes this save
        return True

    def revert(self) -> None:
        if self.mode == NEW:
            self.mode = NONE
            self._load(None)
        else:
            self._load(self.current)
        self._show_mode()
        self.window_.statusBar().clearMessage()  # a "Not saved: ..." about the typing just forgotten

    def delete_current(self) -> None:
        if self.current is None or self.mode != EDIT:
            return
        what = self.current.describe(self.ref_labels)
        if not dialogs.ask_yes_no(
            self, "Delete record", f"Delete the {what}?\n\nYou can bring it back with Edit > Undo (Ctrl+Z)."
        ):
            return
        command = DeleteRecord(
            self.service, self.current, self._committed, self._failed, labels=self.ref_labels
        )
        self.window_.undo_stack.push(command)
        if command.error is not None:
            self._failed(command.error)
        else:
            self.window_.status(f"Deleted the {what}. Ctrl+Z brings it back.")
            self.table.setFocus()  # back to the list, where the next record is chosen or Ctrl+Z undoes

    # ------------------------------------------------------------------ after a command

    def _committed(self, type_name: str, key: str, country: str | None) -> None:
        self.window_.record_committed(type_name, key, country)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed):
            self.form.show_problems(exc.problems)
            self.window_.status("Not saved: " + "; ".join(str(p) for p in exc.problems))
            if any(p.field not in self.form.editors for p in exc.problems):
                dialogs.warn(self, "Not saved", describe_error(exc))
            return
        title = exc.title if isinstance(exc, StepRefused) else "Not saved"
        dialogs.error(self, title, describe_error(exc))
        if isinstance(exc, StepRefused) and self.current is not None:
            self.window_.refresh()  # show the record as the colleague left it

    # ------------------------------------------------------------------ internals

    def _load(self, record: Record | None) -> None:
        self.current = record
        if record is None:
            if self.mode != NEW:
                self.mode = NONE
            self.form.load({})
            self.form.set_enabled_fields(False)
        else:
            self.mode = EDIT
            self.form.set_enabled_fields(True)
            self.form.load(record.values)
        self._show_mode()
        self.window_.page_state_changed()  # Delete, Duplicate, Save and Revert follow what is shown

    def _select_row(self, row: int) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        record = self.model.record_at(current.row()) if current.isValid() else None
        if (
            record is not None
            and self.current is not None
            and record.key == self.current.key
            and self.mode == EDIT
        ):
            return
        if not self.maybe_leave():
            if previous.isValid():
                self._select_row(previous.row())
            else:
                self.table.selectionModel().clearSelection()
            return
        self._load(record)  # which tells the window

    def _sort_requested(self, name: str, descending: bool) -> None:
        if not hasattr(self, "form"):
            return  # Qt sorts once while the table is being set up
        self._sort, self._descending = name, descending
        self.reload()

    def _dirty_changed(self, _dirty: bool) -> None:
        self._show_mode()
        self.window_.page_state_changed()

    def _form_edited(self) -> None:
        self._show_mode()
        self.window_.page_typed_in()

    def _focus_first_problem(self) -> None:
        for f in self.rtype.editable_fields:
            reason = self.form.check_field(f.name)
            if reason:
                self.form.show_problems([FieldProblem(f.name, f.label, reason)])
                return

    def _show_mode(self) -> None:
        dirty = self.is_dirty()
        if self.mode == NEW:
            self.heading.setText(f"New {self.rtype.label.lower()} (not saved yet)")
        elif self.mode == EDIT and self.current is not None:
            what = self.current_description()
            self.heading.setText(what[:1].upper() + what[1:])
        elif self.country is None:
            self.heading.setText("")
        elif self.model.rowCount() == 0:
            self.heading.setText(f"No {self.rtype.plural.lower()} recorded yet (Ctrl+N adds one)")
        else:
            self.heading.setText(f"Choose a {self.rtype.label.lower()} above, or add one with Ctrl+N")
        problems = self.form.has_problems()
        self.save_button.setEnabled(self.can_save())
        self.revert_button.setEnabled(self.can_revert())
        if problems:
            self._set_hint("Correct the marked fields to save.", muted=False)
        elif dirty:
            self._set_hint("Unsaved changes", muted=False)
        elif self.current is not None and self.current.updated_at is not None:
            who = f" by {self.current.updated_by}" if self.current.updated_by else ""
            self._set_hint(f"Last saved {self.current.updated_at:%d/%m/%Y %H:%M}{who}", muted=True)
        else:
            self._set_hint("", muted=True)

    def _set_hint(self, text: str, *, muted: bool) -> None:
        """What needs doing ("Correct the marked fields to save.") in the normal text colour; a mere fact
        ("Last saved ...") in the placeholder colour, as other quiet text of the window."""
        role = QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.WindowText
        self.hint.setForegroundRole(role)  # a role, not a colour: it follows a switch to a dark theme
        self.hint.setText(text)

    def _set_column_widths(self) -> None:
        """Widths from what a column holds, so that names get room and short values do not: a date as wide
        as the longest date, a choice as its longest label, a catalogue reference as the longest short
        name it can show (codes such as "CND" stay narrow, instrument names get up to 30 em), a text as
        its field declares (a title wide, a session narrow) or by its kind; never narrower than the
        (bold) header. The user may resize; the widths are kept."""
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("M")
        margins = 2 * em
        header_font = QFont(self.table.horizontalHeader().font())
        header_font.setBold(True)
        header_metrics = QFontMetrics(header_font)
        usual = {Kind.TEXT: 20, Kind.LONGTEXT: 24, Kind.CHOICE: 12, Kind.MONEY: 12}
        for column, f in enumerate(self.model.fields):
            if f.kind is Kind.PDATE:
                width = metrics.horizontalAdvance("30 September 2009") + margins
            elif f.kind is Kind.REF and f.ref and self.ref_labels.get(f.ref):
                longest = max(metrics.horizontalAdvance(label) for label in self.ref_labels[f.ref].values())
                width = min(longest + margins, 30 * em)
            elif f.kind is Kind.CHOICE and f.vocabulary is not None:
                width = max(metrics.horizontalAdvance(label) for label in f.vocabulary.labels) + margins
            elif f.width:
                width = f.width * em
            else:
                width = usual.get(f.kind, 8 if f.kind is not Kind.REF else 22) * em
            header = header_metrics.horizontalAdvance(f.label) + 3 * em  # room for the sort arrow
            self.table.setColumnWidth(column, max(width, header))

    def _restore_state(self, settings: Settings) -> None:
        header = settings.geometry(f"table-{self.rtype.name}")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
        splitter = settings.geometry(f"splitter-{self.rtype.name}")
        if splitter is not None:
            self._split_done = self.splitter.restoreState(splitter)

    def save_state(self, settings: Settings) -> None:
        settings.set_geometry(f"table-{self.rtype.name}", self.table.horizontalHeader().saveState())
        if self._split_done:  # a page never shown keeps its first-showing split for next time
            settings.set_geometry(f"splitter-{self.rtype.name}", self.splitter.saveState())
