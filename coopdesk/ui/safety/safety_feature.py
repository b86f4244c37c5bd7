"""Data safety in the main window: File > Back up now / Restore…, Tools > Change log, View > History."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction

from coopdesk.safety.backup import BackupInfo
from coopdesk.safety.opening import adopt, daily_backup_due, release, take_daily_backup
from coopdesk.ui.history.history_panel import HistoryPanel
from coopdesk.ui.safety.lock_dialogs import show_open_warnings
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.tasks import TaskHandle, run_task

# The backup dialogs and the change log window are imported when first opened, not at start-up.
if TYPE_CHECKING:
    from coopdesk.ui.history.changelog_window import ChangeLogWindow
    from coopdesk.ui.shell.main_window import MainWindow


def _back_up_now(window: MainWindow) -> None:
    from coopdesk.ui.safety.backup_dialogs import back_up_now

    back_up_now(window)


def _open_restore_dialog(window: MainWindow) -> None:
    from coopdesk.ui.safety.backup_dialogs import open_restore_dialog

    open_restore_dialog(window)


class SafetyFeature:
    """What ``install`` adds to one window; kept on the window as ``window.safety``."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.change_log: ChangeLogWindow | None = None
        self.db = window.db
        window.records_changed.connect(self._database_maybe_switched)

        self.history = HistoryPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history.dock)
        window.resizeDocks([self.history.dock], [240], Qt.Orientation.Vertical)
        self.history.dock.hide()
        window.menu("view").addAction(self.history.dock.toggleViewAction())

        self.act_backup = QAction("&Back up now", window)
        self.act_backup.setObjectName("action-backup-now")
        self.act_backup.setShortcut("Ctrl+B")
        self.act_backup.setStatusTip("Make a checked copy of the database now")
        self.act_backup.triggered.connect(lambda: _back_up_now(window))
        self.act_restore = QAction("Re&store from a backup…", window)
        self.act_restore.setObjectName("action-restore")
        self.act_restore.setShortcut("Ctrl+Shift+B")
        self.act_restore.setStatusTip("Put back the content of an earlier backup")
        self.act_restore.triggered.connect(lambda: _open_restore_dialog(window))
        file_menu = window.menu("file")
        quit_action = getattr(window, "act_quit", None)
        if isinstance(quit_action, QAction) and quit_action in file_menu.actions():
            file_menu.insertAction(quit_action, self.act_backup)
            file_menu.insertAction(quit_action, self.act_restore)
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addAction(self.act_backup)
            file_menu.addAction(self.act_restore)

        self.act_change_log = QAction("&Change log…", window)
        self.act_change_log.setObjectName("action-change-log")
        self.act_change_log.setShortcut("Ctrl+Shift+L")
        self.act_change_log.setStatusTip("Every change in the database: who, when, what")
        self.act_change_log.triggered.connect(self.show_change_log)
        window.menu("tools").addAction(self.act_change_log)
        self.backup_task: TaskHandle[BackupInfo | None] | None = None
        QTimer.singleShot(0, self.daily_backup)

    def daily_backup(self) -> TaskHandle[BackupInfo | None] | None:
        """Today's automatic backup, once the window is up, off the GUI thread."""
        db = self.window.db
        if not daily_backup_due(db):
            return None

        def done(info: BackupInfo | None) -> None:
            if info is not None:
                self.window.status(f"Today's backup is made ({info.total_records:,} records, checked).")

        def failed(exc: BaseException) -> None:
            dialogs.warn(self.window, "Daily backup", f"Today's automatic backup could not be made: {exc}")

        self.backup_task = run_task(
            self.window, "Daily backup", lambda _p: take_daily_backup(db), done, failed
        )
        return self.backup_task

    def _database_maybe_switched(self) -> None:
        """After File > Open: release the old file's lock, lock the new one (or make it read-only)."""
        if self.window.db is self.db:
            return
        release(self.db)
        self.db = self.window.db
        show_open_warnings(self.window, adopt(self.db))
        self.daily_backup()
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


def install(window: MainWindow) -> None:
    window.safety = SafetyFeature(window)  # type: ignore[attr-defined]
