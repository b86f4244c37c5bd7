"""History in the main window: View > History of the selected record (a dock), Tools > Change log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from coopdesk.ui.history.history_panel import HistoryPanel
from coopdesk.ui.widgets.host import WindowHost

# The change log window is imported when first opened, not at start-up.
if TYPE_CHECKING:
    from coopdesk.ui.history.changelog_window import ChangeLogWindow


class HistoryFeature:
    """The history panel and the change log of one window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.db = window.db
        self.change_log: ChangeLogWindow | None = None
        window.records_changed.connect(self._database_maybe_switched)

        self.history = HistoryPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history.dock)
        window.resizeDocks([self.history.dock], [240], Qt.Orientation.Vertical)
        self.history.dock.hide()
        window.menu("view").addAction(self.history.dock.toggleViewAction())

        self.act_change_log = QAction("&Change log…", window)
        self.act_change_log.setObjectName("action-change-log")
        self.act_change_log.setShortcut("Ctrl+Shift+L")
        self.act_change_log.setStatusTip("Every change in the database: who, when, what")
        self.act_change_log.triggered.connect(self.show_change_log)
        window.menu("tools").addAction(self.act_change_log)

    def _database_maybe_switched(self) -> None:
        """After File > Open, a change log of the old file is closed."""
        if self.window.db is self.db:
            return
        self.db = self.window.db
        if self.change_log is not None:
            self.change_log.close()
            self.change_log.deleteLater()
            self.change_log = None

    def show_change_log(self) -> ChangeLogWindow:
        if self.change_log is None:
            from coopdesk.ui.history.changelog_window import ChangeLogWindow

            self.change_log = ChangeLogWindow(self.window)
        else:
            self.change_log.reload()
        self.change_log.show()
        self.change_log.raise_()
        self.change_log.activateWindow()
        return self.change_log


def install(window: WindowHost) -> HistoryFeature:
    return HistoryFeature(window)
