"""A table model of history rows (``Change``), for the History panel and the change log.

Rows are plain ``Change`` objects formatted once in ``set_rows``; ``data()`` never queries. The columns
are chosen by the owner: the History panel of one record needs no record or country column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coopdesk.records.history import Change

Index = QModelIndex | QPersistentModelIndex


def _value(text: str | None) -> str:
    if text is None or text == "":
        return "—"
    return text.replace("\n", " ⏎ ")


#: Every column a change table can show: (key, header, how to format a change).
COLUMNS: dict[str, tuple[str, Callable[[Change], str]]] = {
    "at": ("When", lambda c: c.at.strftime("%d/%m/%Y %H:%M:%S")),
    "user": ("Who", lambda c: c.user),
    "action": ("Action", lambda c: c.action_label),
    "country": ("Country", lambda c: c.country or ""),
    "record_type": ("Record type", lambda c: c.record_type_label),
    "record": ("Record", lambda c: c.record_name or f"{c.record_type_label} {c.record_id}"),
    "field": ("Field", lambda c: c.field_label),
    "old": ("Old value", lambda c: _value(c.old_display)),
    "new": ("New value", lambda c: _value(c.new_display)),
}

RECORD_COLUMNS = ("at", "user", "action", "field", "old", "new")
LOG_COLUMNS = ("at", "user", "action", "country", "record", "field", "old", "new")  # the name says the type


class ChangeTableModel(QAbstractTableModel):
    """Read-only rows of changes, newest first as given."""

    def __init__(self, columns: tuple[str, ...] = RECORD_COLUMNS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._changes: list[Change] = []
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, changes: list[Change]) -> None:
        self.beginResetModel()
        self._changes = list(changes)
        self._cells = [tuple(COLUMNS[c][1](change) for c in self.columns) for change in self._changes]
        self.endResetModel()

    def change_at(self, row: int) -> Change | None:
        return self._changes[row] if 0 <= row < len(self._changes) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._cells) and 0 <= column < len(self.columns)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            change = self._changes[row]
            key = self.columns[column]
            if key in ("old", "new"):
                full = change.old_value if key == "old" else change.new_value
                return full or None
            if key == "record":  # the whole name, and the id for whoever must find the row in the file
                named = f"{change.record_name}\n" if change.record_name else ""
                return f"{named}{change.record_type_label} {change.record_id}"
            return None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return COLUMNS[self.columns[section]][0]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
