"""A table model of history rows (``Change``), for the History panel and the change log.

Rows are plain ``Change`` objects formatted once in ``set_rows``; ``data()`` never queries. The columns
are chosen by the owner: the History panel of one record needs no record or country column.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from coopdesk.records.history import Change
from coopdesk.ui.widgets.row_table_model import RowTableModel


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


class ChangeTableModel(RowTableModel[Change]):
    """Read-only rows of changes, newest first as given."""

    def __init__(self, columns: tuple[str, ...] = RECORD_COLUMNS, parent: QObject | None = None) -> None:
        super().__init__([COLUMNS[c][0] for c in columns], parent)
        self.columns = columns

    def cells(self, row: Change) -> tuple[str, ...]:
        return tuple(COLUMNS[c][1](row) for c in self.columns)

    def change_at(self, row: int) -> Change | None:
        return self.row_at(row)

    def tooltip(self, row: Change, column: int, text: str) -> str | None:
        key = self.columns[column]
        if key in ("old", "new"):
            full = row.old_value if key == "old" else row.new_value
            return full or None
        if key == "record":  # the whole name, and the id for whoever must find the row in the file
            named = f"{row.record_name}\n" if row.record_name else ""
            return f"{named}{row.record_type_label} {row.record_id}"
        return None
