"""Tools > Treaty status table…: the dialog, and applying its ticked differences as one undo step.

The dialog compares; this feature applies, through ``ApplyStatusTable`` pushed on the window's undo
stack: the first push writes the ticked differences in one transaction, Undo takes them all back in
one transaction (deleting the treaty actions it added, restoring the records it corrected), Redo
writes them again. The window then reloads its views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QUndoCommand

from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.host import WindowHost

if TYPE_CHECKING:
    from coopdesk.db.database import Database
    from coopdesk.records.record import Record
    from coopdesk.treaty_status.apply import AppliedTable
    from coopdesk.treaty_status.reconcile import Difference, Reconciliation
    from coopdesk.ui.treaty_status.treaty_status_dialog import TreatyStatusDialog

#: The fields a correction changes, and puts back on undo.
_CORRECTED = ("action", "action_date", "source")


class ApplyStatusTable(QUndoCommand):
    """The ticked differences of one status table, applied, undone and redone as one step.

    As the record commands (``coopdesk.ui.records.undo``), errors are caught inside ``redo``/``undo``: the error
    is kept in ``.error`` and the command marks itself obsolete, so the stack drops it.
    """

    def __init__(
        self,
        db: Database,
        reconciliation: Reconciliation,
        taken: list[Difference],
        on_change: Any,
        on_error: Any,
    ) -> None:
        super().__init__(f"taking the status table of the {reconciliation.instrument_name}")
        self.db = db
        self.reconciliation = reconciliation
        self.taken = taken
        self.on_change = on_change
        self.on_error = on_error
        self.error: BaseException | None = None
        self.applied: AppliedTable | None = None
        self._first = True
        self._created: list[Record] = []  # the added treaty actions as they are now
        self._removed: list[Record] = []  # the same, as the last undo deleted them
        self._before: dict[str, dict[str, Any]] = {}  # corrected records: their fields before
        self._after: dict[str, dict[str, Any]] = {}  # and after
        self._versions: dict[str, int] = {}  # and their versions now

    def redo(self) -> None:
        self._step(self._apply if self.applied is None else self._redo)

    def undo(self) -> None:
        self._step(self._undo)

    def _step(self, action: Any) -> None:
        from coopdesk.treaty_status.apply import ApplyRefused
        from coopdesk.ui.records.undo import RECOVERABLE

        self.error = None
        first, self._first = self._first, False
        try:
            action()
        except (*RECOVERABLE, ApplyRefused) as exc:
            self.error = exc
            self.setObsolete(True)
            if not first:  # the first push's caller shows the error itself
                self.on_error(exc)
            return
        self.on_change()

    def _apply(self) -> None:
        from coopdesk.treaty_status.apply import apply_reconciliation

        applied = apply_reconciliation(self.db, self.reconciliation, self.taken)
        self.applied = applied
        self._created = list(applied.result.created)
        for edit, record in zip(applied.undo.update, applied.result.updated, strict=True):
            key = str(record.key)
            self._before[key] = dict(edit.changes)
            self._after[key] = {name: record.values.get(name) for name in _CORRECTED}
            self._versions[key] = record.version

    def _undo(self) -> None:
        from coopdesk.records.batch import Batch, RecordEdit, RecordRemoval
        from coopdesk.records.service import RecordService

        result = RecordService(self.db).apply_batch(
            Batch(
                delete=[RecordRemoval(r.type, r.key, r.version) for r in self._created],
                update=[
                    RecordEdit("treaty_action", key, values, self._versions[key])
                    for key, values in self._before.items()
                ],
            )
        )
        self._removed, self._created = result.deleted, []
        self._versions.update({str(r.key): r.version for r in result.updated})

    def _redo(self) -> None:
        from coopdesk.records.batch import Batch, RecordEdit
        from coopdesk.records.service import RecordService
        from coopdesk.treaty_status.apply import HISTORY_ACTION

        result = RecordService(self.db).apply_batch(
            Batch(
                restore=self._removed,
                update=[
                    RecordEdit("treaty_action", key, values, self._versions[key])
                    for key, values in self._after.items()
                ],
            ),
            action=HISTORY_ACTION,
        )
        self._created, self._removed = result.restored, []
        self._versions.update({str(r.key): r.version for r in result.updated})


class TreatyStatusFeature:
    """Kept in ``window.features["treaty_status"]``; holds the open dialog for tests."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.dialog: TreatyStatusDialog | None = None
        self.last_command: ApplyStatusTable | None = None
        self.action = QAction("Treaty &status table…", window)
        self.action.setObjectName("action-treaty-status")
        self.action.setStatusTip("Compare a treaty's status table from the depositary with the records")
        self.action.triggered.connect(self.open_dialog)
        window.menu("tools").addAction(self.action)

    def open_dialog(self) -> TreatyStatusDialog:
        from coopdesk.ui.treaty_status.treaty_status_dialog import TreatyStatusDialog

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        instruments = [
            (str(r.key), r.get("short_title") or "", r.get("title") or "")
            for r in self.window.service.list("instrument")
        ]
        self.dialog = TreatyStatusDialog(self.window, self.window.db, instruments)
        self.dialog.apply_requested.connect(self.apply)
        self.dialog.open()
        return self.dialog

    def apply(self, reconciliation: Reconciliation, taken: list[Difference]) -> None:
        window = self.window
        command = ApplyStatusTable(window.db, reconciliation, taken, self._changed, self._failed)
        self.last_command = command
        window.undo_stack.push(command)
        if command.error is not None:
            self._failed(command.error)
            return
        assert command.applied is not None
        window.status(
            f"Status table of the {reconciliation.instrument_name}: {command.applied.summary()}.", 10_000
        )
        if self.dialog is not None:
            self.dialog.accept()

    def _changed(self) -> None:
        self.window.refresh()
        self.window.records_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        from coopdesk.ui.widgets.tasks import describe_error

        dialogs.error(self.window, "Treaty status table", f"{describe_error(exc)} Nothing was changed.")


def install(window: WindowHost) -> TreatyStatusFeature:
    return TreatyStatusFeature(window)
