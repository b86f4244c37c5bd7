"""A table model of records of one type, with columns derived from the type's declaration.

The model holds plain ``Record`` objects and their display strings, computed once in ``set_rows``;
``data()`` is a lookup that never queries. Sorting asks the owner to reload from SQL (``sort_requested``),
so it works the same on 30 rows and on 30,000.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from coopdesk.records.fields import Kind
from coopdesk.records.record import Record
from coopdesk.records.types import RecordType

Index = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class RecordTableModel(QAbstractTableModel):
    """Rows of ``Record``; one column per field the declaration shows in tables."""

    #: (field name, descending) when the user clicks a column header.
    sort_requested = Signal(str, bool)

    def __init__(self, rtype: RecordType, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rtype = rtype
        self.fields = rtype.table_fields
        self._records: list[Record] = []
        self._cells: list[tuple[str, ...]] = []
        self._ref_labels: dict[str, dict[str, str]] = {}

    def set_ref_labels(self, labels: dict[str, dict[str, str]]) -> None:
        """Labels of catalogue entries by catalogue type, to show "UNCAC" rather than a code."""
        self._ref_labels = labels

    def set_rows(self, records: list[Record]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._cells = [self._format(r) for r in self._records]
        self.endResetModel()

    def _format(self, record: Record) -> tuple[str, ...]:
        return tuple(
            f.display(record.get(f.name), self._ref_labels.get(f.ref or "") if f.kind is Kind.REF else None)
            for f in self.fields
        )

    def record_at(self, row: int) -> Record | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, key: Any) -> int | None:
        for i, record in enumerate(self._records):
            if str(record.key) == str(key):  # catalogue keys may be numbers
                return i
        return None

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._cells) and 0 <= column < len(self.fields)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._cells[row][column]
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.fields[column].kind
            return _RIGHT if kind in (Kind.MONEY, Kind.INT) else _LEFT
        if role == Qt.ItemDataRole.UserRole:
            return self._records[row].key
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.fields)):
            return None
        f = self.fields[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.help or f"Sort by {f.label.lower()}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.fields):
            self.sort_requested.emit(self.fields[column].name, order == Qt.SortOrder.DescendingOrder)
