"""The differences of a status table as a table with a tick per row: which ones applying takes.

Rows are the reconciliation's ``Difference`` objects, formatted once; ``data()`` never queries. Only a
difference that can be taken (an addition, a conflict) has a tick; additions start ticked, conflicts
unticked (the officer settles them). The filters by kind and "signature only" choose the rows shown;
the ticks of hidden rows are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from coopdesk.treaty_status.reconcile import Difference, DiffKind, Step
from coopdesk.ui.widgets.status_colours import is_dark

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Take", "State", "Line", "Difference", "In the table", "In the records", "Note")
TAKE, STATE, LINE, KIND, TABLE, RECORDS, NOTE = range(len(COLUMNS))

_STEP_NAMES = {Step.SIGNATURE: "signature", Step.CONSENT: "consent", Step.WITHDRAWAL: "withdrawal"}
# (light, dark) tints of the Difference cell: what needs the officer's eye stands out.
_TINTS = {
    DiffKind.ADD: ("#c8e6c9", "#1e4d2b"),
    DiffKind.CONFLICT: ("#ffe0b2", "#5a3a12"),
    DiffKind.ONLY_IN_RECORDS: ("#f8c9c4", "#5e2320"),
    DiffKind.WITHDRAWAL: ("#f8c9c4", "#5e2320"),
}


class DifferenceModel(QAbstractTableModel):
    #: The ticked rows changed (their number is ``taken_count()``).
    taken_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[Difference] = []
        self._cells: list[tuple[str, ...]] = []
        self._taken: set[int] = set()  # positions in _all
        self._shown: list[int] = []  # positions in _all, in display order
        self._kinds: set[DiffKind] = set(DiffKind) - {DiffKind.SAME}
        self._signature_only = False

    # ------------------------------------------------------------------ content

    def set_differences(self, differences: Iterable[Difference]) -> None:
        self.beginResetModel()
        self._all = list(differences)
        self._cells = [self._format(d) for d in self._all]
        self._taken = {i for i, d in enumerate(self._all) if d.taken_by_default}
        self._shown = self._filtered()
        self.endResetModel()
        self.taken_changed.emit()

    def set_filter(self, kinds: Iterable[DiffKind], *, signature_only: bool = False) -> None:
        """Show the rows of these kinds (and only the States the table shows as signatories, if asked)."""
        self.beginResetModel()
        self._kinds = set(kinds)
        self._signature_only = signature_only
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        return [
            i
            for i, d in enumerate(self._all)
            if d.kind in self._kinds and (not self._signature_only or d.signature_only)
        ]

    @staticmethod
    def _format(d: Difference) -> tuple[str, ...]:
        kind = d.kind.value
        if d.kind is not DiffKind.NOT_IN_CATALOGUE:
            kind = f"{kind}: {_STEP_NAMES[d.step]}"
        return ("", d.name, str(d.line or ""), kind, d.table_text(), d.records_text(), d.note)

    def difference_at(self, row: int) -> Difference | None:
        return self._all[self._shown[row]] if 0 <= row < len(self._shown) else None

    def taken(self) -> list[Difference]:
        """The ticked differences, shown or not, in table order."""
        return [self._all[i] for i in sorted(self._taken)]

    def is_taken(self, row: int) -> bool:
        return 0 <= row < len(self._shown) and self._shown[row] in self._taken

    def taken_count(self) -> int:
        return len(self._taken)

    def set_taken(self, row: int, take: bool) -> None:
        d = self.difference_at(row)
        if d is None or not d.can_take:
            return
        position = self._shown[row]
        if (position in self._taken) == take:
            return
        if take:
            self._taken.add(position)
        else:
            self._taken.discard(position)
        self.dataChanged.emit(self.index(row, TAKE), self.index(row, TAKE), [Qt.ItemDataRole.CheckStateRole])
        self.taken_changed.emit()

    def set_all_shown_taken(self, take: bool) -> None:
        """Tick (or untick) every row shown that can be taken."""
        for row in range(len(self._shown)):
            position = self._shown[row]
            if self._all[position].can_take:
                if take:
                    self._taken.add(position)
                else:
                    self._taken.discard(position)
        if self._shown:
            self.dataChanged.emit(
                self.index(0, TAKE), self.index(len(self._shown) - 1, TAKE), [Qt.ItemDataRole.CheckStateRole]
            )
        self.taken_changed.emit()

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._shown) and 0 <= column < len(COLUMNS)):
            return None
        position = self._shown[row]
        d = self._all[position]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[position][column]
        if role == Qt.ItemDataRole.CheckStateRole and column == TAKE and d.can_take:
            return Qt.CheckState.Checked if position in self._taken else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TAKE:
                return _take_tip(d)
            text = self._cells[position][column]
            return text or None
        if role == Qt.ItemDataRole.BackgroundRole and column == KIND:
            tints = _TINTS.get(d.kind)
            if tints is None:
                return None
            palette = (
                QApplication.palette() if isinstance(QApplication.instance(), QApplication) else QPalette()
            )
            return QColor(tints[1] if is_dark(palette) else tints[0])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != TAKE or role != Qt.ItemDataRole.CheckStateRole:
            return False
        d = self.difference_at(index.row())
        if d is None or not d.can_take:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        self.set_taken(index.row(), state == Qt.CheckState.Checked.value)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        d = self.difference_at(index.row())
        if index.column() == TAKE and d is not None and d.can_take:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


def _take_tip(d: Difference) -> str:
    if d.kind is DiffKind.ADD:
        return "Ticked: applying adds this treaty action to the records."
    if d.kind is DiffKind.CONFLICT:
        return "Tick to replace the records' action and date by the table's; unticked, the records stay."
    if d.kind is DiffKind.ONLY_IN_RECORDS:
        return "Only the records show this: nothing is deleted. Check the record against the depositary."
    if d.kind is DiffKind.WITHDRAWAL:
        return "Record the denunciation or withdrawal on the State's page, with the date of the footnote."
    if d.kind is DiffKind.NOT_IN_CATALOGUE:
        return "Not a State of the catalogue: listed, not taken."
    return "Nothing to do."
