"""The list of States on the left of the main window, filtered as you type.

The filter runs in SQL (``CountryDirectory.countries(search)``, which needs no ORM, so the list can be
painted before the rest of the application has loaded); the model holds plain rows (code, name, record
count) and ``data()`` never queries. The count is a hint of how much is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from coopdesk.records.country_directory import CountryDirectory

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CountryRow:
    """One row of the country list: the State's code, its short name and how many records it has."""

    iso3: str
    name: str
    count: int


class CountryListModel(QAbstractTableModel):
    """Two columns: the State's UN short name and how many records it has."""

    NAME, COUNT = 0, 1
    HEADERS = ("Country", "Records")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CountryRow] = []

    def set_rows(self, rows: list[CountryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> CountryRow:
        return self._rows[row]

    def row_of(self, iso3: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.iso3 == iso3:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return row.name
            return str(row.count) if row.count else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            recorded = f"{row.count} record{'s' if row.count != 1 else ''}" if row.count else "nothing yet"
            return f"{row.name} ({row.iso3}): {recorded}"
        if role == Qt.ItemDataRole.UserRole:
            return row.iso3
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COUNT:
            return QPalette().brush(QPalette.ColorRole.PlaceholderText)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class _FilterEdit(QLineEdit):
    """Down arrow moves into the list; Enter picks the first match."""

    move_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        super().keyPressEvent(event)


class CountryList(QWidget):
    """Filter box and list; ``country_chosen(iso3)`` when the user picks a State."""

    country_chosen = Signal(str)

    def __init__(self, directory: CountryDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self._counts: dict[str, int] = {}
        self._current: str | None = None
        self._highlighting = False  # the list is being marked from code, not chosen by the user
        self.filter_edit = _FilterEdit()
        self.filter_edit.setPlaceholderText("Filter countries (Ctrl+L)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter countries")
        self.filter_edit.setToolTip("Type part of a country's name or its ISO code, e.g. bel")
        self.model = CountryListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Countries")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several States can be selected (Ctrl/Shift+click) for an action on them all, such as marking
        # their records complete; the current row is the State shown.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(CountryListModel.NAME, QHeaderView.ResizeMode.Stretch)
        # Sized from the largest count when the counts are read, not fitted to the rows: fitting
        # (ResizeToContents) asks every row for its text, font and alignment again after each keystroke.
        header.setSectionResizeMode(CountryListModel.COUNT, QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        self.filter_edit.textChanged.connect(self._refilter)
        self.filter_edit.returnPressed.connect(self._choose_first)
        self.filter_edit.move_down.connect(self._focus_list)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.setTabOrder(self.filter_edit, self.view)

    def reload(self) -> None:
        """Read counts and the filtered list again (after a change or a database switch)."""
        self._counts = self.directory.record_counts()
        self._fit_count_column()
        self._refilter(self.filter_edit.text())

    def _fit_count_column(self) -> None:
        """Wide enough for the header and the largest count (the widest of the column's texts), with
        two digits' width to spare for the cell's margins."""
        header = self.view.horizontalHeader()
        cells = self.view.fontMetrics().horizontalAdvance(f"{max(self._counts.values(), default=0)}00")
        header.resizeSection(
            CountryListModel.COUNT, max(cells, header.sectionSizeFromContents(CountryListModel.COUNT).width())
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_count_column()  # a larger font (or another style) needs a wider column
        super().changeEvent(event)

    def total_records(self) -> int:
        """Records of every State, as read by the last ``reload``."""
        return sum(self._counts.values())

    def set_directory(self, directory: CountryDirectory) -> None:
        """Show the States of another database."""
        self.directory = directory
        self.reload()

    def current_country(self) -> str | None:
        return self._current

    def selected_countries(self) -> list[str]:
        """The States selected in the list, in list order (the current one when only it is)."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        chosen = [self.model.row_at(r).iso3 for r in rows if 0 <= r < self.model.rowCount()]
        return chosen or ([self._current] if self._current else [])

    def select(self, iso3: str | None) -> None:
        """Highlight a State without emitting ``country_chosen`` (the window already knows)."""
        self._current = iso3
        self._highlight()

    def _refilter(self, text: str) -> None:
        rows = [
            CountryRow(c.iso3, c.name, self._counts.get(c.iso3, 0)) for c in self.directory.countries(text)
        ]
        self.model.set_rows(rows)
        self._highlight()

    def _highlight(self) -> None:
        """Mark the current State in the list. The selection model's signals are not blocked (the view
        repaints on them); ``_row_changed`` keeps quiet instead."""
        selection = self.view.selectionModel()
        row = self.model.row_of(self._current) if self._current else None
        self._highlighting = True
        try:
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            elif selection.currentIndex().row() == row and selection.isRowSelected(row, QModelIndex()):
                pass  # already the current row: a wider selection the user made is kept
            else:
                index = self.model.index(row, 0)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.scrollTo(index)
        finally:
            self._highlighting = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._highlighting or not current.isValid():
            return
        iso3 = self.model.row_at(current.row()).iso3
        if iso3 != self._current:
            self.country_chosen.emit(iso3)

    def _choose_first(self) -> None:
        if self.model.rowCount() > 0:
            self.country_chosen.emit(self.model.row_at(0).iso3)

    def _focus_list(self) -> None:
        self.view.setFocus()
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
