"""Undo commands for record changes: each one is committed at once through the services.

A command does its work in ``redo()`` (Qt calls it on ``push``), so the first push saves. Errors are caught
inside ``redo``/``undo`` (a raising command would stay on the stack, see Qt's ``QUndoStack.push``): the
command keeps the error in ``.error`` for the caller to show and marks itself obsolete, so the stack drops
it. ``on_change(type_name, key, country)`` runs after every successful step, so the window can reload
and show the record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from coopdesk.db.errors import DatabaseProblem
from coopdesk.record_types import RefLabels, ValidationFailed, record_type
from coopdesk.services import Record, RecordService, ServiceError

OnChange = Callable[[str, str, str | None], None]
OnError = Callable[[BaseException], None]

#: Errors a command reports to the user instead of crashing.
RECOVERABLE = (ServiceError, DatabaseProblem, ValidationFailed, OSError)


class RecordCommand(QUndoCommand):
    """Shared error handling: ``.error`` holds what went wrong in the last step, or None."""

    def __init__(self, service: RecordService, text: str, on_change: OnChange, on_error: OnError) -> None:
        super().__init__(text)
        self.service = service
        self.on_change = on_change
        self.on_error = on_error
        self.error: BaseException | None = None
        self._first = True

    def redo(self) -> None:
        self._step(self.do)

    def undo(self) -> None:
        self._step(self.undo_it)

    def _step(self, action: Callable[[], tuple[str, str, str | None]]) -> None:
        self.error = None
        first = self._first
        self._first = False
        try:
            where = action()
        except RECOVERABLE as exc:
            self.error = exc
            self.setObsolete(True)
            if not first:  # the first push's caller shows the error itself (e.g. at the fields)
                self.on_error(exc)
            return
        self.on_change(*where)

    def do(self) -> tuple[str, str, str | None]:
        raise NotImplementedError

    def undo_it(self) -> tuple[str, str, str | None]:
        raise NotImplementedError


class CreateRecord(RecordCommand):
    def __init__(
        self,
        service: RecordService,
        type_name: str,
        values: Mapping[str, Any],
        country: str | None,
        on_change: OnChange,
        on_error: OnError,
        *,
        labels: RefLabels | None = None,
    ) -> None:
        rtype = record_type(type_name)
        super().__init__(service, f"adding {rtype.describe(values, labels)}", on_change, on_error)
        self.labels = labels
        self.type_name = type_name
        self.values = dict(values)
        self.country = country
        self.key: str | None = None
        self.record: Record | None = None

    def do(self) -> tuple[str, str, str | None]:
        if self.record is None:
            self.record = self.service.create(self.type_name, self.values, country=self.country, key=self.key)
            self.key = str(self.record.key)
        else:
            self.record = self.service.restore(self.record)
        self.setText(f"adding {self.record.describe(self.labels)}")
        return self.type_name, str(self.record.key), self.country

    def undo_it(self) -> tuple[str, str, str | None]:
        assert self.key is not None and self.record is not None
        # By the key as stored (a set membership's is a number), not its text.
        self.record = self.service.delete(self.type_name, self.record.key)
        return self.type_name, self.key, self.country


class EditRecord(RecordCommand):
    def __init__(
        self,
        service: RecordService,
        before: Record,
        changes: Mapping[str, Any],
        on_change: OnChange,
        on_error: OnError,
        *,
        labels: RefLabels | None = None,
    ) -> None:
        super().__init__(service, f"edit of {before.describe(labels)}", on_change, on_error)
        self.before = before
        self.changes = dict(changes)
        self.after: Record | None = None

    def do(self) -> tuple[str, str, str | None]:
        if self.after is None:
            # The first save checks nobody else saved the record since the form loaded it.
            self.after = self.service.update(
                self.before.type, self.before.key, self.changes, expected_version=self.before.version
            )
        else:
            self.after = self.service.update(self.before.type, self.before.key, self.after.values)
        return self.before.type, str(self.before.key), self.before.country

    def undo_it(self) -> tuple[str, str, str | None]:
        self.service.update(self.before.type, self.before.key, self.before.values)
        return self.before.type, str(self.before.key), self.before.country


class DeleteRecord(RecordCommand):
    """With ``check_version``, the first deletion is refused (``Conflict``) if someone saved the record
    since ``record`` was read; a redo deletes it as it is then."""

    def __init__(
        self,
        service: RecordService,
        record: Record,
        on_change: OnChange,
        on_error: OnError,
        *,
        check_version: bool = False,
        labels: RefLabels | None = None,
    ) -> None:
        super().__init__(service, f"deletion of {record.describe(labels)}", on_change, on_error)
        self.record = record
        self._expected_version: int | None = record.version if check_version else None

    def do(self) -> tuple[str, str, str | None]:
        expected, self._expected_version = self._expected_version, None
        self.record = self.service.delete(self.record.type, self.record.key, expected_version=expected)
        return self.record.type, str(self.record.key), self.record.country

    def undo_it(self) -> tuple[str, str, str | None]:
        self.record = self.service.restore(self.record)
        return self.record.type, str(self.record.key), self.record.country
