"""The cross-country matrix: States by the instruments of a set, coloured by status on the as-of date.

The model holds the plain rows of a ``StatusMatrix`` (built off the GUI thread by the core); ``data()``
never queries. The regional group is filtered in SQL by rebuilding the matrix; the country box filters
the rows already there.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.base.progress import Progress
from coopdesk.db.database import Database
from coopdesk.records.completeness import Area
from coopdesk.records.derived import InstrumentName, StatusOnDate, TreatyStatus
from coopdesk.records.matrix import MatrixRow, StatusMatrix, instrument_sets, status_matrix
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.vocabularies import REGIONAL_GROUP
from coopdesk.ui.widgets import tasks
from coopdesk.ui.widgets.status_colours import STATUS_LABELS, status_colour

#: Returned for Qt.ItemDataRole.UserRole: a value that sorts naturally (status rank, then date).
SORT_ROLE = Qt.ItemDataRole.UserRole
FIXED_COLUMNS = 2  # country, parties
_RANK = {
    TreatyStatus.PARTY: 3,
    TreatyStatus.SIGNATORY: 2,
    TreatyStatus.WITHDRAWN: 1,
    TreatyStatus.NO_ACTION: 0,
}

Index = QModelIndex | QPersistentModelIndex


def cell_text(cell: StatusOnDate, known: PartialDate | None = None) -> str:
    """What a cell shows: the year a State became a party, or a short word for other statuses; "No"
    where no action is known (the treaty actions were checked complete), blank where none is recorded."""
    if cell.status is TreatyStatus.PARTY:
        return str(cell.date.year) if cell.date else "Party"
    if cell.status is TreatyStatus.SIGNATORY:
        return f"Signed {cell.date.year}" if cell.date else "Signed"
    if cell.status is TreatyStatus.WITHDRAWN:
        return "Withdrawn"
    return "No" if known is not None else ""


def _when(date: PartialDate | None) -> str:
    if date is None:
        return "on an unrecorded date"
    return f"on {date.format()}" if date.precision == "day" else f"in {date.format()}"


def cell_tooltip(
    row: MatrixRow, column: InstrumentName, cell: StatusOnDate, known: PartialDate | None = None
) -> str:
    head = f"{row.short_name}: {column.title}"
    if cell.status is TreatyStatus.NO_ACTION:
        if known is not None:
            return f"{head}\nNot a party: the treaty actions were checked complete on {known}."
        return f"{head}\nNo action recorded (not checked complete: one may be missing)."
    action = (cell.action or "").replace("_", " ")
    if cell.status is TreatyStatus.PARTY:
        return f"{head}\nParty: {action} {_when(cell.date)}."
    if cell.status is TreatyStatus.SIGNATORY:
        return f"{head}\nSignatory: signed {_when(cell.date)}, not yet bound."
    return f"{head}\nWithdrawn ({action}): no longer a party from {_when(cell.date).split(' ', 1)[1]}."


HEADER_LINES = 4


def _header_text(column: InstrumentName) -> str:
    """Short titles wrapped on narrow lines, so sixteen columns fit a screen: whole up to four lines
    ("1973 / Diplomatic / Agents / Convention"), a longer one cut with "…" (the tooltip has the title)."""
    lines = textwrap.wrap(column.name, 13)
    if len(lines) > HEADER_LINES:
        lines = [*lines[: HEADER_LINES - 1], f"{lines[HEADER_LINES - 1]}…"]
    return "\n".join(lines)


class MatrixModel(QAbstractTableModel):
    """Rows of States; column 0 the country, 1 the parties count, then one per instrument."""

    # Class-level empties: a view may ask for counts while the Python side is still being set up.
    _rows: tuple[MatrixRow, ...] = ()
    _columns: tuple[InstrumentName, ...] = ()
    _matrix: StatusMatrix | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: StatusMatrix | None = None
        self._rows: tuple[MatrixRow, ...] = ()
        self._columns: tuple[InstrumentName, ...] = ()
        self._palette = QPalette()

    def set_matrix(self, matrix: StatusMatrix | None, palette: QPalette | None = None) -> None:
        self.beginResetModel()
        self._matrix = matrix
        self._rows = matrix.rows if matrix else ()
        self._columns = matrix.columns if matrix else ()
        if palette is not None:
            self._palette = palette
        self.endResetModel()

    def set_palette(self, palette: QPalette) -> None:
        """New status tints: only the cells' colours change, not the rows."""
        self._palette = palette
        if self._rows and self._columns:
            first = self.index(0, FIXED_COLUMNS)
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.BackgroundRole])

    @property
    def matrix(self) -> StatusMatrix | None:
        return self._matrix

    def row_at(self, row: int) -> MatrixRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if col == 0:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return row.short_name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{row.short_name} ({row.regional_group} States)"
            return None
        if col == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.count_text()
            if role == SORT_ROLE:
                return row.parties
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                if row.all_known:
                    return (
                        f"{row.short_name} is a party to {row.parties} out of {len(row.cells)} instruments."
                    )
                return (
                    f"{row.short_name}: {row.parties} of {len(row.cells)} instruments recorded as ratified; "
                    "not all checked complete, so others may be missing (Mark complete…)."
                )
            return None
        if col - FIXED_COLUMNS >= len(self._columns):
            return None
        cell = row.cells[col - FIXED_COLUMNS]
        known = row.known[col - FIXED_COLUMNS] if row.known else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell, known)
        if role == SORT_ROLE:
            return _RANK[cell.status] * 10_000 + (cell.date.year if cell.date else 0)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = status_colour(cell.status, self._palette)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(row, self._columns[col - FIXED_COLUMNS], cell, known)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return STATUS_LABELS[cell.status]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section < 0 or section >= self.columnCount():
            return None
        if section < FIXED_COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                return ("State", "Parties")[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return ("Member State", "Instruments the State is a party to, out of the set")[section]
            return None
        column = self._columns[section - FIXED_COLUMNS]
        if role == Qt.ItemDataRole.DisplayRole:
            return _header_text(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.title
        return None


class _CountryFilter(QSortFilterProxyModel):
    """Keeps the States whose name contains the typed text; sorts by the native sort role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


class MatrixView(QWidget):
    """The matrix with its choosers: instrument set, regional group, country filter; follows the as-of date."""

    loaded = Signal()
    #: Completeness checks were added from the matrix (the list of checks).
    marked = Signal(object)

    def __init__(
        self,
        db: Database,
        as_of: dt.date | None = None,
        parent: QWidget | None = None,
        *,
        set_code: str = "",
    ) -> None:
        """``set_code``: the instrument set to open on (the one the officer chose last); the first set of
        the catalogue when it is empty or no longer there."""
        super().__init__(parent)
        self.db = db
        self._as_of = as_of or dt.date.today()
        self._generation = 0
        self._country: str | None = None
        self.setWindowTitle("Treaty status by State")

        self.set_combo = QComboBox()
        self.set_combo.setAccessibleName("Instrument set")
        self.set_combo.setToolTip("The instrument set whose instruments are the columns")
        for code, name in instrument_sets(db):
            self.set_combo.addItem(name, code)
        if set_code and (chosen := self.set_combo.findData(set_code)) >= 0:
            self.set_combo.setCurrentIndex(chosen)

        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName("Regional group")
        self.group_combo.setToolTip("Show only the States of one regional group")
        self.group_combo.addItem("All regional groups", "")
        for value, label in REGIONAL_GROUP.items:
            self.group_combo.addItem(label, value)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter States…")
        self.filter_edit.setAccessibleName("Filter States by name")
        self.filter_edit.setClearButtonEnabled(True)

        self.summary = QLabel()
        self.summary.setAccessibleName("Matrix summary")

        self.model = MatrixModel(self)
        self.proxy = _CountryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Single cells, not whole rows: a row highlight would hide the status colours.
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName("Treaty status by State and instrument")

        choosers = QHBoxLayout()
        for text, widget in (("&Set:", self.set_combo), ("Regional &group:", self.group_combo)):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            choosers.addWidget(buddy)
            choosers.addWidget(widget)
        choosers.addSpacing(12)
        choosers.addWidget(self.filter_edit, 1)
        self.mark_button = QPushButton("Mark &complete…")
        self.mark_button.setObjectName("matrix-mark-complete")
        self.mark_button.setToolTip(
            "Say that the treaty actions of the selected States were checked complete: on the selected "
            "instruments, or on the whole set for a selected State's name"
        )
        self.mark_button.clicked.connect(self.mark_selection_complete)
        choosers.addWidget(self.mark_button)
        mark_action = QAction("Mark complete…", self.table)
        mark_action.triggered.connect(self.mark_selection_complete)
        self.table.addAction(mark_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.addLayout(choosers)
        layout.addLayout(self._legend())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        self.set_combo.currentIndexChanged.connect(self.reload)
        self.group_combo.currentIndexChanged.connect(self.reload)
        self.filter_edit.textChanged.connect(self._filter)
        self.setTabOrder(self.set_combo, self.group_combo)
        self.setTabOrder(self.group_combo, self.filter_edit)
        self.setTabOrder(self.filter_edit, self.table)

    def _legend(self) -> QHBoxLayout:
        legend = QHBoxLayout()
        legend.addWidget(QLabel("Status on the date:"))
        self._legend_chips: dict[TreatyStatus, QLabel] = {}
        for status in (
            TreatyStatus.PARTY,
            TreatyStatus.SIGNATORY,
            TreatyStatus.WITHDRAWN,
            TreatyStatus.NO_ACTION,
        ):
            chip = QLabel(STATUS_LABELS[status])
            self._legend_chips[status] = chip
            legend.addWidget(chip)
        legend.addStretch(1)
        self._style_legend()
        return legend

    def _style_legend(self) -> None:
        for status, chip in self._legend_chips.items():
            colour = status_colour(status, self.palette())
            background = colour.name() if colour is not None else "palette(base)"
            chip.setStyleSheet(
                f"QLabel {{ background: {background}; color: palette(text); border: 1px solid palette(mid);"
                " border-radius: 4px; padding: 2px 10px; }"
            )

    def changeEvent(self, event: QEvent) -> None:
        """The system switched between light and dark: the status tints follow."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "model"):
            self._style_legend()
            self.model.set_palette(self.palette())

    # ------------------------------------------------------------------ state

    def as_of(self) -> dt.date:
        return self._as_of

    def set_as_of(self, as_of: dt.date) -> None:
        if as_of != self._as_of:
            self._as_of = as_of
            self.reload()

    def set_code(self) -> str:
        return str(self.set_combo.currentData() or "")

    def group(self) -> str | None:
        return str(self.group_combo.currentData() or "") or None

    def choose_set(self, code: str) -> None:
        index = self.set_combo.findData(code)
        if index >= 0:
            self.set_combo.setCurrentIndex(index)

    def choose_group(self, group: str | None) -> None:
        index = self.group_combo.findData(group or "")
        if index >= 0:
            self.group_combo.setCurrentIndex(index)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Rebuild the matrix off the GUI thread; a later request supersedes an earlier one."""
        code = self.set_code()
        if not code:
            self.model.set_matrix(None)
            self.summary.setText("The catalogue holds no instrument set.")
            return
        self._generation += 1
        generation = self._generation
        db, as_of, group = self.db, self._as_of, self.group()

        def work(progress: Progress) -> StatusMatrix:
            return status_matrix(db, code, as_of, group)

        def done(matrix: StatusMatrix) -> None:
            if generation == self._generation:
                self._show(matrix)

        self.summary.setText("Building the matrix…")
        tasks.run_task(self, "Building the treaty matrix", work, done)

    def _show(self, matrix: StatusMatrix) -> None:
        self.model.set_matrix(matrix, self.palette())
        header = self.table.horizontalHeader()
        self.table.resizeColumnToContents(0)
        header.resizeSection(0, min(max(header.sectionSize(0), 160), 260))
        header.resizeSection(1, max(self.fontMetrics().horizontalAdvance("Parties") + 24, 64))
        metrics = self.fontMetrics()
        width = max(metrics.horizontalAdvance("Signed 2000"), metrics.horizontalAdvance("Convention")) + 18
        for section in range(FIXED_COLUMNS, self.model.columnCount()):
            header.resizeSection(section, width)
        self._filter(self.filter_edit.text())
        if self._country:
            self.select_country(self._country)
        states = len(matrix.rows)
        parties_all = sum(1 for r in matrix.rows if r.cells and r.parties == len(r.cells))
        where = f"{matrix.group} States" if matrix.group else "States"
        self.summary.setText(
            f"{matrix.set_name} on {matrix.as_of.day} {matrix.as_of:%B %Y}: {len(matrix.columns)} instruments, "
            f"{states} {where}, {parties_all} of them party to all."
        )
        self.setWindowTitle(f"Treaty status by State: {matrix.set_name}")
        self.loaded.emit()

    def selection_for_marking(self) -> tuple[list[str], list[Area]]:
        """The States of the selected cells, and the areas: a selected State's name or count stands for
        the whole set, a selected cell for its instrument."""
        matrix = self.model.matrix
        countries: list[str] = []
        areas: list[Area] = []
        if matrix is None:
            return countries, areas
        for index in sorted(
            self.table.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column())
        ):
            source = self.proxy.mapToSource(index)
            iso3 = self.model.row_at(source.row()).iso3
            if iso3 not in countries:
                countries.append(iso3)
            if source.column() < FIXED_COLUMNS:
                area = Area.instrument_set(matrix.set_code)
            else:
                area = Area.instrument(matrix.columns[source.column() - FIXED_COLUMNS].code)
            if area not in areas:
                areas.append(area)
        return countries, areas

    def mark_selection_complete(self) -> None:
        """Open the completeness editor on the selected States and instruments (or the set)."""
        from coopdesk.ui.records.completeness_editor import CompletenessEditor

        countries, areas = self.selection_for_marking()
        if not countries:
            countries = [self._country] if self._country else []
        editor = CompletenessEditor(self.db, self, countries=countries, areas=areas)
        editor.marked.connect(self._marked)
        self.completeness_editor = editor
        editor.show()

    def _marked(self, checks: object) -> None:
        self.marked.emit(checks)
        self.reload()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def set_country(self, iso3: str | None) -> None:
        """The State picked in the main window: its row is selected whenever the matrix is shown."""
        self._country = iso3
        if iso3:
            self.select_country(iso3)

    def select_country(self, iso3: str) -> None:
        for r in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(r, 0))
            if self.model.row_at(source.row()).iso3 == iso3:
                index = self.proxy.index(r, 0)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return
