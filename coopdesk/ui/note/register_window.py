"""The register of letters: every issued letter and note, by date, country and reference.

From here an issued document is reopened (read-only), printed, or its PDF saved again exactly as it was
issued; printing draws that same stored PDF.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.db.errors import DatabaseProblem
from coopdesk.note import letters
from coopdesk.note.letters import IssuedDocument
from coopdesk.records.record import ServiceError
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.row_table_model import RowTableModel
from coopdesk.ui.widgets.tasks import describe_error

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = ("Date", "Reference", "Country", "Subject", "Note as of", "Issued", "Issued by")
KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class RegisterModel(RowTableModel[IssuedDocument]):
    """Issued documents as plain rows; ``data()`` never touches the database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)

    def cells(self, row: IssuedDocument) -> tuple[str, ...]:
        return tuple(self._display(row, column) for column in range(len(COLUMNS)))

    def entry(self, row: int) -> IssuedDocument:
        return self._rows[row]

    def tooltip(self, row: IssuedDocument, column: int, text: str) -> str | None:
        return text

    def role_data(self, row: IssuedDocument, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == KEY_ROLE:
            return row.key
        return None

    @staticmethod
    def _display(entry: IssuedDocument, column: int, *, tooltip: bool = False) -> str:
        if column == 0:
            return str(entry.letter_date or "")
        if column == 1:
            return entry.reference
        if column == 2:
            return entry.country_name
        if column == 3:
            return entry.subject
        if column == 4:
            return str(entry.note_as_of or "")
        if column == 5:
            return entry.issued_at.strftime("%d/%m/%Y %H:%M") if entry.issued_at else ""
        if column == 6:
            return entry.issued_by
        return ""

    @staticmethod
    def _sort_key(entry: IssuedDocument, column: int) -> str:
        if column == 0:
            return entry.letter_date.to_storage() if entry.letter_date else ""
        if column == 4:
            return entry.note_as_of.to_storage() if entry.note_as_of else ""
        if column == 5:
            return entry.issued_at.isoformat() if entry.issued_at else ""
        return RegisterModel._display(entry, column).lower()


class RegisterWindow(QDialog):
    """File > Register of letters...: the issued letters, filtered as you type."""

    open_requested = Signal(str)  # key of the issued letter to reopen

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("RegisterWindow")
        self.setWindowTitle("Register of letters")
        self.resize(900, 420)
        self.preview: QDialog | None = None
        self.model = RegisterModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.filter = QLineEdit()
        self.filter.setObjectName("register-filter")
        self.filter.setPlaceholderText("Filter by reference, country or subject")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter the register")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        filter_label = QLabel("&Filter:")
        filter_label.setBuddy(self.filter)

        self.table = QTableView()
        self.table.setObjectName("register-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())

        self.count_label = QLabel()
        self.open_button = QPushButton("&Open…")
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Preview and print the letter and note exactly as issued")
        self.save_button = QPushButton("&Save PDF copy…")
        self.close_button = QPushButton("Close")
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.save_button.clicked.connect(self.save_selected_pdf)
        self.close_button.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        for button in (self.open_button, self.print_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        try:
            rows = letters.register(self.db)
        except (ServiceError, DatabaseProblem) as exc:
            dialogs.error(self, "Register of letters", describe_error(exc))
            rows = []
        self.model.set_rows(rows)
        for column, width in ((0, 130), (1, 110), (2, 150), (4, 130), (5, 125), (6, 90)):
            self.table.setColumnWidth(column, width)
        n = len(rows)
        self.count_label.setText(
            "No letter has been issued yet." if n == 0 else f"{n} issued letter{'s' if n != 1 else ''}"
        )
        if n:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> IssuedDocument | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.entry(self.proxy.mapToSource(rows[0]).row())

    def select_reference(self, reference: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 1).data() == reference:
                self.table.selectRow(row)
                return True
        return False

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_requested.emit(entry.key)

    def save_selected_pdf(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        suggested = f"{entry.country} {entry.reference.replace('/', '-')}.pdf"
        path = dialogs.save_file(self, "Save PDF copy", "PDF documents (*.pdf)", suggested)
        if path is None:
            return
        try:
            path.write_bytes(letters.issued_pdf(self.db, entry.key))
        except (ServiceError, DatabaseProblem, OSError) as exc:
            dialogs.error(self, "Save PDF copy", describe_error(exc))

    def print_selected(self) -> None:
        """The print preview of the issued copy (checked against its checksum), from which it prints."""
        from coopdesk.ui.printing.print_preview import PrintPreviewDialog

        entry = self.selected()
        if entry is None:
            return
        try:
            pdf = letters.issued_pdf(self.db, entry.key)
            preview = PrintPreviewDialog(f"{entry.country} {entry.reference}", pdf, self)
        except (ServiceError, DatabaseProblem, OSError) as exc:
            dialogs.error(self, "Print", describe_error(exc))
            return
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        preview.open()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.print_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)
