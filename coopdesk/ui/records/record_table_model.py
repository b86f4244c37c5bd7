"""A table model of records of one type, with columns derived from the type's declaration.

The model holds plain ``Record`` objects and their display strings, computed once in ``set_rows``;
``data()`` is a lookup that never queries. Sorting asks the owner to reload from SQL (``sort_requested``),
so it works the same on 30 rows and on 30,000.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from coopdesk.records.fields import Kind
from coopdesk.records.record import Record
from coopdesk.records.record_type import RecordType
from coopdesk.ui.widgets.row_table_model import LEFT, RIGHT, RowTableModel


class RecordTableModel(RowTableModel[Record]):
    """Rows of ``Record``; one column per field the declaration shows in tables."""

    #: (field name, descending) when the user clicks a column header.
    sort_requested = Signal(str, bool)

    def __init__(self, rtype: RecordType, parent: QObject | None = None) -> None:
        super().__init__([f.label for f in rtype.table_fields], parent)
        self.rtype = rtype
        self.fields = rtype.table_fields
        self._ref_labels: dict[str, dict[str, str]] = {}

    def set_ref_labels(self, labels: dict[str, dict[str, str]]) -> None:
        """Labels of catalogue entries by catalogue type, to show "UNCAC" rather than a code."""
        self._ref_labels = labels

    def cells(self, row: Record) -> tuple[str, ...]:
        return tuple(
            f.display(row.get(f.name), self._ref_labels.get(f.ref or "") if f.kind is Kind.REF else None)
            for f in self.fields
        )

    def tooltip(self, row: Record, column: int, text: str) -> str | None:
        return text if len(text) > 30 else None

    def alignment(self, column: int) -> int:
        return RIGHT if self.fields[column].kind in (Kind.MONEY, Kind.INT) else LEFT

    def header_tooltip(self, column: int) -> str | None:
        f = self.fields[column]
        return f.help or f"Sort by {f.label.lower()}"

    def role_data(self, row: Record, column: int, role: int) -> Any:
        return row.key if role == Qt.ItemDataRole.UserRole else None

    def record_at(self, row: int) -> Record | None:
        return self.row_at(row)

    def row_of(self, key: Any) -> int | None:
        for i, record in enumerate(self._rows):
            if str(record.key) == str(key):  # catalogue keys may be numbers
                return i
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.fields):
            self.sort_requested.emit(self.fields[column].name, order == Qt.SortOrder.DescendingOrder)
