"""One base for the window's read-only tables of plain rows (records, changes, backups, issued letters).

The rows are plain data handed over by a service; each row's cells are formatted once, in ``set_rows``,
so ``data()`` is a lookup that never touches the database. A subclass says what its columns are called
(``headers``) and how a row reads (``cells``), and may add tooltips, alignment and roles of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Read-only rows of ``RowT``, one formatted text per cell."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = tuple(headers)
        self._rows: list[RowT] = []
        self._cells: list[tuple[str, ...]] = []

    # ------------------------------------------------------------------ what a subclass says

    def cells(self, row: RowT) -> tuple[str, ...]:
        """The texts of one row, one per column."""
        raise NotImplementedError

    def tooltip(self, row: RowT, column: int, text: str) -> str | None:
        return None

    def alignment(self, column: int) -> int:
        return LEFT

    def header_tooltip(self, column: int) -> str | None:
        return None

    def role_data(self, row: RowT, column: int, role: int) -> Any:
        """Any other role (a sort key, the row's key for the view)."""
        return None

    # ------------------------------------------------------------------ rows

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [self.cells(r) for r in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[RowT]:
        return list(self._rows)

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._cells) and 0 <= column < len(self.headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(self._rows[row], column, self._cells[row][column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        return self.role_data(self._rows[row], column, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.headers)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _READ_ONLY
