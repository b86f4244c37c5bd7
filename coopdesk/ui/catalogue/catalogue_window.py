"""The catalogue editor: instruments, sets and their dated membership, bodies, meetings, reporting
instruments, countries and the organisation profile, in their own window.

Generic from the ``CATALOGUE_TYPES`` declarations: one table model and one form (``RecordForm``) serve
every catalogue type. Each new entry, save or delete is an undo command (``coopdesk.ui.records.undo``), committed
at once and pushed on the main window's undo stack, so Edit > Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z,
Ctrl+Y) take it back from either window; a catalogue window opened without a main window keeps a stack of
its own. An entry still referred to cannot be deleted; the service's refusal names where it is used, and
that is what the person reads.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.fields import Kind
from coopdesk.records.record import Record
from coopdesk.records.record_type import RecordType, ValidationFailed
from coopdesk.records.service import RecordService
from coopdesk.ui.records.record_form import RecordForm
from coopdesk.ui.records.record_page import reference_choices
from coopdesk.ui.records.record_table_model import RecordTableModel
from coopdesk.ui.records.undo import CreateRecord, DeleteRecord, EditRecord, RecordCommand, StepRefused
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.host import WindowHost
from coopdesk.ui.widgets.tasks import describe_error

Index = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class CatalogueTableModel(RecordTableModel):
    """Entries of one catalogue type: the record table model, sorting its own rows in memory.

    A catalogue is small (a few hundred entries at most), so sorting needs no query; it goes by the
    field's typed value rather than its text ("2009" before "May 2009", 9 before 10).
    """

    def set_entries(self, records: list[Record], ref_labels: dict[str, dict[str, str]]) -> None:
        self.set_ref_labels(ref_labels)
        self.set_rows(records)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.fields):
            return
        f = self.fields[column]

        def key(pair: tuple[Record, tuple[str, ...]]) -> tuple[int, Any]:
            value = pair[0].get(f.name)
            if value is None or value == "":
                return (1, "")  # empty cells last
            if f.kind in (Kind.INT, Kind.PDATE, Kind.BOOL):
                return (0, value)
            return (0, pair[1][column].casefold())

        self.layoutAboutToBeChanged.emit()
        pairs = sorted(
            zip(self._rows, self._cells, strict=True),
            key=key,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        old = [self._rows[i].key for i in range(len(self._rows))]
        self._rows = [p[0] for p in pairs]
        self._cells = [p[1] for p in pairs]
        new_rows = {r.key: i for i, r in enumerate(self._rows)}
        for index in self.persistentIndexList():
            moved = new_rows[old[index.row()]]
            self.changePersistentIndex(index, self.index(moved, index.column()))
        self.layoutChanged.emit()


class CatalogueWindow(QMainWindow):
    """Browse and edit every catalogue type. ``catalogue_changed`` after any committed change, undo and redo
    included. Opened from a main window (its ``parent``), the changes go on that window's undo stack."""

    catalogue_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle("Catalogue")
        self.setObjectName("CatalogueWindow")
        self.db = db
        self.service = RecordService(db)
        self.rtype: RecordType = next(iter(CATALOGUE_TYPES.values()))
        self.current: Record | None = None
        self.is_new = False
        self._loading = False
        self._pushing = False  # a command is being pushed: save() and delete() show its outcome themselves
        self.main_window = parent if isinstance(parent, WindowHost) else None
        self.undo_stack = self.main_window.undo_stack if self.main_window is not None else QUndoStack(self)

        self.types = QListWidget()
        self.types.setAccessibleName("Catalogue lists")
        for rtype in CATALOGUE_TYPES.values():
            item = QListWidgetItem(rtype.plural)
            item.setData(Qt.ItemDataRole.UserRole, rtype.name)
            # rows with air, as the main window's sections; the width lets the list be sized to its names
            item.setSizeHint(
                QSize(
                    self.fontMetrics().horizontalAdvance(rtype.plural) + 16, self.fontMetrics().height() + 12
                )
            )
            self.types.addItem(item)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter…")
        self.filter_edit.setAccessibleName("Filter the entries")
        self.filter_edit.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setAccessibleName("Catalogue entries")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model = CatalogueTableModel(self.rtype, self)
        self.table.setModel(self.model)

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form: RecordForm | None = None
        self.new_button = QPushButton("&New")
        self.new_button.setToolTip("Add an entry to this list (Ctrl+N)")
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save this entry (Ctrl+S)")
        self.revert_button = QPushButton("Re&vert")
        self.revert_button.setToolTip("Forget the unsaved changes")
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setToolTip("Delete this entry, if nothing refers to it")
        buttons = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.revert_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.filter_edit)
        middle_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.form_area, 1)
        right_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.types)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(8, 8, 8, 8)
        central_layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.resize(1200, 680)
        self.splitter.setSizes([self.types.sizeHintForColumn(0) + 40, 560, 480])

        self.types.currentRowChanged.connect(self._type_row_changed)
        self.filter_edit.textChanged.connect(lambda _t: self.reload())
        self.new_button.clicked.connect(self.new_entry)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.delete_button.clicked.connect(self.delete)
        for keys, slot in (("Ctrl+N", self.new_entry), ("Ctrl+S", self.save), ("Ctrl+W", self.close)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        # The main window's Undo and Redo work only while it is the active window; these are the same
        # commands, reachable from here.
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        self.types.setCurrentRow(0)

    # ------------------------------------------------------------------ choosing

    def show_type(self, type_name: str) -> bool:
        """Switch to one catalogue list (e.g. "instrument"); False if the person kept unsaved changes."""
        for row in range(self.types.count()):
            item = self.types.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == type_name:
                self.types.setCurrentRow(row)
                return self.rtype.name == type_name
        raise KeyError(type_name)

    def select_entry(self, key: Any) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        self.table.selectRow(row)
        return self.current is not None and str(self.current.key) == str(key)

    def _type_row_changed(self, row: int) -> None:
        item = self.types.item(row)
        if item is None or self._loading:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if name == self.rtype.name and self.form is not None:
            return
        if not self._may_leave():
            self._loading = True
            self.types.setCurrentRow(list(CATALOGUE_TYPES).index(self.rtype.name))
            self._loading = False
            return
        self._set_type(CATALOGUE_TYPES[name])

    def _set_type(self, rtype: RecordType) -> None:
        self.rtype = rtype
        self.model = CatalogueTableModel(rtype, self)
        # Entries come in the catalogue's own order (instruments by their position) until a header is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setModel(self.model)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._row_changed)
        drop, _short = reference_choices(self.service, rtype)
        self.form = RecordForm(rtype, drop)
        self.form.dirty_changed.connect(lambda _d: self._update_buttons())
        # The form keeps its natural height at the top; the space below stays empty, not stretched rows.
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 8, 0)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        self.form_area.setWidget(holder)
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.current = None
        self.is_new = False
        self.reload()
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 320))
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_entry(None)

    def reload(self, keep: Any = None) -> None:
        """Read the list again (filtered in SQL) and keep the same entry selected if it is still there."""
        keep = keep if keep is not None else (self.current.key if self.current else None)
        _drop, short = reference_choices(self.service, self.rtype)
        records = self.service.list(self.rtype.name, search=self.filter_edit.text() or None)
        self._loading = True
        self.model.set_entries(records, short)
        self._loading = False
        sort_column = self.table.horizontalHeader().sortIndicatorSection()
        if 0 <= sort_column < self.model.columnCount() and self.table.isSortingEnabled():
            self.model.sort(sort_column, self.table.horizontalHeader().sortIndicatorOrder())
        if keep is not None and (row := self.model.row_of(keep)) is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.heading.setText(self._heading())
        self._update_buttons()

    def _heading(self) -> str:
        if self.is_new:
            return f"New {self.rtype.label.lower()}"
        if self.current is None:
            return self.rtype.plural
        return f"{self.rtype.label}: {self.current.describe() or self.current.key}"

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._loading:
            return
        record = self.model.record_at(current.row()) if current.isValid() else None
        if (
            self.current is not None
            and record is not None
            and record.key == self.current.key
            and not self.is_new
        ):
            return
        if not self._may_leave():
            self._loading = True
            if previous.isValid():
                self.table.selectRow(previous.row())
            else:
                self.table.clearSelection()
            self._loading = False
            return
        self._show_entry(record)

    def _show_entry(self, record: Record | None) -> None:
        if self.form is None:
            return
        self.current = record
        self.is_new = False
        self.form.load(record.values if record else {})
        self.form.set_enabled_fields(record is not None)
        self._lock_key()
        self.heading.setText(self._heading())
        self._update_buttons()

    def _lock_key(self) -> None:
        """An existing entry keeps its code: records refer to it by that code."""
        if self.form is not None and self.rtype.key in self.form.editors:
            self.form.editors[self.rtype.key].set_read_only(not self.is_new)

    def _update_buttons(self) -> None:
        dirty = self.form is not None and self.form.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.delete_button.setEnabled(self.current is not None and not self.is_new)
        title = "Catalogue"
        if dirty:
            title += " (unsaved changes)"
        self.setWindowTitle(title)

    def _may_leave(self) -> bool:
        """Unsaved changes: save them, discard them, or stay."""
        if self.form is None or not self.form.is_dirty():
            return True
        answer = dialogs.ask_save_discard_cancel(
            self,
            "Unsaved changes",
            f"The {self.rtype.label.lower()} has unsaved changes. Save them before leaving it?",
        )
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    # ------------------------------------------------------------------ actions

    def new_entry(self) -> None:
        if self.form is None or not self._may_leave():
            return
        self.current = None
        self.is_new = True
        self.table.clearSelection()
        self.form.load(self.rtype.defaults())
        self.form.set_enabled_fields(True)
        self._lock_key()
        self.form.mark_dirty()
        first = self.rtype.editable_fields[0].name
        self.form.editors[first].focus_widget().setFocus()
        self.heading.setText(self._heading())
        self._update_buttons()

    def save(self) -> bool:
        """Save the entry in the form; on a refusal, mark the fields and say why. True when saved."""
        form = self.form
        if form is None or not form.is_dirty():
            return True
        if form.has_problems():
            reasons = "\n".join(f"• {self.rtype.field(n).label}: {r}" for n, r in form.problems().items())
            dialogs.warn(self, "Not saved", f"The {self.rtype.label.lower()} cannot be saved:\n{reasons}")
            return False
        command: CreateRecord | EditRecord
        if self.is_new:
            command = CreateRecord(
                self.service, self.rtype.name, form.raw_values(), None, self._committed, self._step_failed
            )
        else:
            assert self.current is not None
            changes = form.changed_raw_values()
            if not changes:
                self.revert()
                return True
            command = EditRecord(self.service, self.current, changes, self._committed, self._step_failed)
        if not self._push(command):
            exc = command.error
            if isinstance(exc, ValidationFailed):
                form.show_problems(exc.problems)
                dialogs.warn(self, "Not saved", describe_error(exc))
            elif exc is not None:
                dialogs.error(self, "Not saved", describe_error(exc))
            return False
        saved = command.record if isinstance(command, CreateRecord) else command.after
        assert saved is not None
        self.is_new = False
        self.current = saved
        self._loading = True
        self.reload(keep=saved.key)
        self._loading = False
        self._show_entry(saved)
        self.statusBar().showMessage(
            f"Saved {self.rtype.label.lower()} {saved.describe() or saved.key}. Ctrl+Z takes it back.", 6000
        )
        self.table.setFocus()  # where the next Ctrl+Z undoes this save (in a field it undoes the typing)
        return True

    def revert(self) -> None:
        if self.is_new:
            self.is_new = False
            self._show_entry(None)
            if self.model.rowCount():
                self.table.selectRow(0)
            return
        self._show_entry(self.current)

    def delete(self) -> None:
        record = self.current
        if record is None or self.is_new:
            return
        name = record.describe() or str(record.key)
        if not dialogs.ask_yes_no(
            self,
            "Delete",
            f"Delete the {self.rtype.label.lower()} {name}?\n\n"
            "You can bring it back with Edit > Undo (Ctrl+Z).",
        ):
            return
        command = DeleteRecord(self.service, record, self._committed, self._step_failed)
        if not self._push(command):
            if command.error is not None:
                dialogs.warn(self, "Not deleted", describe_error(command.error))
            return
        self.current = None
        self.reload()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_entry(None)
        self.statusBar().showMessage(
            f"Deleted {self.rtype.label.lower()} {name}. Ctrl+Z brings it back.", 6000
        )
        self.table.setFocus()  # where the next Ctrl+Z brings it back

    # ------------------------------------------------------------------ commands, undo and redo

    def _push(self, command: RecordCommand) -> bool:
        """Do a change by pushing its command (Qt runs its first step); False if it was refused (the stack
        then drops it, and ``command.error`` says why)."""
        self._pushing = True
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = False
        return command.error is None

    def _committed(self, type_name: str, key: str, country: str | None) -> None:
        """After every step of a catalogue command (the first push, an undo, a redo), from either window."""
        if not self._pushing:
            self._show_changed(type_name, key)
        if self.main_window is not None:
            self.main_window.record_committed(type_name, key, country)
        self.catalogue_changed.emit()

    def _show_changed(self, type_name: str, key: str) -> None:
        """After an undo or redo: show the entry in its list if it still exists. Unsaved changes in the form
        are kept as they are (nothing asks in the middle of an undo); a later save of an entry the undo
        changed meets the usual conflict message."""
        if self.form is not None and self.form.is_dirty():
            self.reload()
            self.statusBar().showMessage("The catalogue changed; your unsaved changes are kept.", 6000)
            return
        if type_name != self.rtype.name:
            self.show_type(type_name)
        hidden_by_filter = (
            self.filter_edit.text()
            and self.model.row_of(key) is None
            and any(str(r.key) == key for r in self.service.list(type_name))
        )
        if hidden_by_filter:  # the entry exists but the filter hides it: show the whole list
            self.filter_edit.blockSignals(True)
            self.filter_edit.clear()
            self.filter_edit.blockSignals(False)
        self.is_new = False
        self.reload(keep=key)
        row = self.model.row_of(key)
        if row is None and self.current is not None:
            row = self.model.row_of(self.current.key)
        if row is None and self.model.rowCount():
            row = 0
        if row is None:
            self._show_entry(None)
            return
        self._loading = True
        self.table.selectRow(row)
        self._loading = False
        self.table.scrollTo(self.model.index(row, 0))
        self._show_entry(self.model.record_at(row))

    def _step_failed(self, exc: BaseException) -> None:
        """An undo or redo was refused (e.g. an entry now in use cannot be taken away): say why."""
        parent: QWidget = self if self.isVisible() or self.main_window is None else self.main_window
        title = exc.title if isinstance(exc, StepRefused) else "Not undone or redone"
        dialogs.warn(parent, title, describe_error(exc))
        self.reload()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_leave():
            event.accept()
        else:
            event.ignore()
