"""Data safety in the main window: File > Back up now / Restore…, the daily backup, the lock on File > Open."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction

from coopdesk.safety.backup import BackupInfo
from coopdesk.safety.opening import adopt, daily_backup_due, release, take_daily_backup
from coopdesk.ui.safety.lock_dialogs import show_open_warnings
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.host import WindowHost
from coopdesk.ui.widgets.tasks import TaskHandle, run_task

# The backup dialogs are imported when first opened, not at start-up.


def _back_up_now(window: WindowHost) -> None:
    from coopdesk.ui.safety.backup_dialogs import back_up_now

    back_up_now(window)


def _open_restore_dialog(window: WindowHost) -> None:
    from coopdesk.ui.safety.backup_dialogs import open_restore_dialog

    open_restore_dialog(window)


class SafetyFeature:
    """What ``install`` adds to one window; kept on the window as ``window.safety``."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.db = window.db
        window.records_changed.connect(self._database_maybe_switched)

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
        quit_action = window.quit_action()
        if isinstance(quit_action, QAction) and quit_action in file_menu.actions():
            file_menu.insertAction(quit_action, self.act_backup)
            file_menu.insertAction(quit_action, self.act_restore)
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addAction(self.act_backup)
            file_menu.addAction(self.act_restore)
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


def install(window: WindowHost) -> SafetyFeature:
    return SafetyFeature(window)
