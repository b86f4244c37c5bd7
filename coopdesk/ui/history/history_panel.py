"""The History panel: every change of the record selected in the workspace, newest first (read-only).

It follows the selection without the main window knowing about it: it listens to each record page's
selection, to the workspace's tab changes and to ``records_changed``, and asks the current page which
record it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.records.history import record_history
from coopdesk.ui.history.change_table_model import RECORD_COLUMNS, ChangeTableModel
from coopdesk.ui.widgets.host import WindowHost


class HistoryPanel(QWidget):
    def __init__(self, window: WindowHost) -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("history-panel")
        self.shown_record: tuple[str, str] | None = None
        self.title = QLabel()
        self.title.setObjectName("history-title")
        self.title.setWordWrap(True)
        self.model = ChangeTableModel(RECORD_COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("history-table")
        self.table.setAccessibleName("History of the selected record")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        for column, sample in enumerate(
            ("28/11/2026 04:30:59", "tester-name", "restored", "Term starts (x)", "1 January 2010 xx")
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

        self.dock = QDockWidget("History", window)
        self.dock.setObjectName("history-dock")
        self.dock.setWidget(self)
        self.dock.toggleViewAction().setText("&History of the selected record")
        self.dock.toggleViewAction().setShortcut("Ctrl+Shift+H")
        self.dock.visibilityChanged.connect(self._visibility_changed)

        window.workspace.currentChanged.connect(lambda _i: self.follow())
        window.records_changed.connect(self.follow)
        window.country_changed.connect(lambda _c: self.follow())
        # Sent by a page once it has loaded the newly selected record.
        window.page_changed.connect(self.follow)
        self.follow()

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.follow()

    def current_record(self) -> tuple[str, str] | None:
        selected = self.window_.selected_record()
        return None if selected is None else (selected.type_name, selected.key)

    def follow(self) -> None:
        """Show the history of whatever record is selected now (only while the panel is shown)."""
        if not self.dock.isVisible():
            return
        chosen = self.window_.selected_record()
        selected = None if chosen is None else (chosen.type_name, chosen.key)
        self.shown_record = selected
        if chosen is None or selected is None:
            self.title.setText("Select a record to see who changed what, and when.")
            self.model.set_rows([])
            return
        changes = record_history(self.window_.db, *selected)
        what = chosen.description
        edits = len({(c.at, c.action) for c in changes})
        self.title.setText(f"<b>{_escape(what)}</b>: {edits} change{'s' if edits != 1 else ''}")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.model.set_rows(changes)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
