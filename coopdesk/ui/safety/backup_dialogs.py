"""File > Back up now, and File > Restore… (a list of backups with their dates and record counts).

The copy and the restore run off the GUI thread (``run_task``); a restore is confirmed first, backs the
current content up before replacing it, and then reloads every view.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.safety.backup import BackupInfo, backup_dir_for, backup_now, list_backups, restore_backup
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.host import WindowHost
from coopdesk.ui.widgets.row_table_model import LEFT, RIGHT, RowTableModel
from coopdesk.ui.widgets.tasks import TaskHandle, run_task

Index = QModelIndex | QPersistentModelIndex
SERVER_TEXT = (
    "This database is on a PostgreSQL server: it is backed up on the server by its administrator "
    "(pg_dump), not by coopdesk."
)


def back_up_now(window: WindowHost) -> TaskHandle[BackupInfo] | None:
    """Take a checked backup now, in the background; the status bar says where it went."""
    db = window.db
    if db.path is None:
        dialogs.inform(window, "Back up now", SERVER_TEXT)
        return None

    def done(info: BackupInfo) -> None:
        window.status(f"Backed up {info.total_records:,} records to {info.path.name} (checked).", 10_000)

    return run_task(window, "Backing up", lambda _p: backup_now(db, "manual"), done)


class BackupTableModel(RowTableModel[BackupInfo]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(("Taken", "Why", "Records", "File"), parent)

    def cells(self, row: BackupInfo) -> tuple[str, ...]:
        return (
            row.taken_at.strftime("%d/%m/%Y %H:%M"),
            row.reason_label,
            f"{row.total_records:,}",
            row.path.name,
        )

    def backup_at(self, row: int) -> BackupInfo | None:
        return self.row_at(row)

    def alignment(self, column: int) -> int:
        return RIGHT if column == 2 else LEFT

    def tooltip(self, row: BackupInfo, column: int, text: str) -> str | None:
        lines = [
            f"{RECORD_TYPES[name].plural}: {n}"
            for name, n in row.counts.items()
            if n and name in RECORD_TYPES
        ]
        return "\n".join(lines) or None


class RestoreDialog(QDialog):
    """The backups of the open database; Restore puts the selected one back."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window_ = window
        self.task: TaskHandle[BackupInfo] | None = None
        self.setObjectName("restore-dialog")
        self.setWindowTitle("Restore from a backup")
        path = window.db.path
        assert path is not None
        self.intro = QLabel(
            f"Backups of <b>{path.name}</b> (in {backup_dir_for(path)}). Restoring replaces what the "
            "database holds now; what it holds now is backed up first, so a restore can be undone by "
            "restoring that backup."
        )
        self.intro.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("backup-table")
        self.table.setAccessibleName("Backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        self.empty = QLabel("There is no backup of this database yet: use File > Back up now.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setObjectName("restore-button")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
        self.reload()

    def reload(self) -> None:
        path = self.window_.db.path
        self.model.set_rows(list_backups(path) if path else [])
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self.restore_button.setEnabled(has_rows)
        if has_rows:
            self.table.selectRow(0)

    def selected(self) -> BackupInfo | None:
        index = self.table.currentIndex()
        return self.model.backup_at(index.row()) if index.isValid() else None

    def restore_selected(self) -> TaskHandle[BackupInfo] | None:
        info = self.selected()
        if info is None:
            return None
        window = self.window_
        if not _leave_pages(window):
            return None
        now = RecordService(window.db).total_records()
        question = (
            f"Replace the database's content ({now:,} records) by the backup of "
            f"{info.taken_at.strftime('%d/%m/%Y %H:%M')} ({info.total_records:,} records)?\n\n"
            "What the database holds now is backed up first."
        )
        if not dialogs.ask_yes_no(self, "Restore from a backup", question):
            return None
        db = window.db

        def done(saved: BackupInfo) -> None:
            window.undo_stack.clear()  # the undo commands describe the content that was replaced
            window.refresh()
            window.records_changed.emit()
            window.status(
                f"Restored the backup of {info.taken_at.strftime('%d/%m/%Y %H:%M')}; "
                f"the replaced content is in {saved.path.name}.",
                15_000,
            )
            self.accept()

        self.task = run_task(self, "Restoring", lambda _p: restore_backup(db, info.path), done)
        return self.task


def _leave_pages(window: WindowHost) -> bool:
    """Unsaved edits are saved or dropped (the user decides) before the content is replaced."""
    return all(page.maybe_leave() for page in window.built_pages())


def open_restore_dialog(window: WindowHost) -> QWidget | None:
    if window.db.path is None:
        dialogs.inform(window, "Restore from a backup", SERVER_TEXT)
        return None
    dialog = RestoreDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal, without a nested event loop
    return dialog
