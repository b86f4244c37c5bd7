"""Undo commands for record changes: each one is committed at once through the services.

Every step checks versions like a first save: an undo or redo is based on the version the previous step
left, so a colleague's save in between is a ``Conflict`` (who changed the record and when), the step is not
applied, and the command leaves the stack (Qt drops a command made obsolete in its own undo or redo),
so the stack never holds a step that would overwrite someone's work.

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
from coopdesk.records.record import Conflict, NotFound, Record, ServiceError
from coopdesk.records.record_type import RefLabels, ValidationFailed
from coopdesk.records.service import RecordService
from coopdesk.records.types import record_type

OnChange = Callable[[str, str, str | None], None]
OnError = Callable[[BaseException], None]

#: Errors a command reports to the user instead of crashing.
RECOVERABLE = (ServiceError, DatabaseProblem, ValidationFailed, OSError)


class StepRefused(ServiceError):
    """An undo or redo that was not applied; the command has left the stack. ``title`` heads the message."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(message)
        self.title = title


def _refusal(verb: str, what: str, exc: BaseException) -> BaseException:
    """The plain-words reason an undo or redo was not applied, for a conflict or a vanished record."""
    title = f"Not {verb}ne"
    if isinstance(exc, Conflict):
        current = exc.current
        who = (current.updated_by if current is not None else "") or "someone else"
        when = (
            current.updated_at.strftime("%d/%m/%Y %H:%M")
            if current and current.updated_at
            else "a later time"
        )
        return StepRefused(
            title,
            f"The {what} cannot be {verb}ne: {who} changed the record at {when}, after it. Their version is "
            f"kept, and this step is taken off the list of steps to {verb}.",
        )
    if isinstance(exc, NotFound):
        return StepRefused(
            title,
            f"The {what} cannot be {verb}ne: the record no longer exists (someone else may have deleted it). "
            f"This step is taken off the list of steps to {verb}.",
        )
    return exc


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
        self._step(self.do, "redo")

    def undo(self) -> None:
        self._step(self.undo_it, "undo")

    def _step(self, action: Callable[[], tuple[str, str, str | None]], verb: str) -> None:
        self.error = None
        first = self._first
        self._first = False
        try:
            where = action()
        except RECOVERABLE as exc:
            self.setObsolete(True)  # Qt takes an obsolete command off the stack: it is never tried again
            if first:  # the first push's caller shows the error itself (e.g. at the fields)
                self.error = exc
                return
            self.error = _refusal(verb, self.text(), exc)
            self.on_error(self.error)
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
        # By the key as stored (a set membership's is a number), not its text; only if nobody changed it.
        self.record = self.service.delete(
            self.type_name, self.record.key, expected_version=self.record.version
        )
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
        self._version = before.version  # the version the next step is based on

    def do(self) -> tuple[str, str, str | None]:
        if self.after is None:
            # The first save checks nobody else saved the record since the form loaded it.
            self.after = self.service.update(
                self.before.type, self.before.key, self.changes, expected_version=self.before.version
            )
        else:
            # A redo puts back what this command saved, over the version its undo left.
            self.after = self.service.update(
                self.before.type,
                self.before.key,
                self._edited(self.after),
                expected_version=self._version,
                action="redo",
            )
        self._version = self.after.version
        return self.before.type, str(self.before.key), self.before.country

    def undo_it(self) -> tuple[str, str, str | None]:
        undone = self.service.update(
            self.before.type,
            self.before.key,
            self._edited(self.before),
            expected_version=self._version,
            action="undo",
        )
        self._version = undone.version
        return self.before.type, str(self.before.key), self.before.country

    def _edited(self, record: Record) -> dict[str, Any]:
        """The values of the fields this edit touched, as they are in ``record``."""
        assert self.after is not None
        touched = {
            f.name
            for f in self.before.record_type.fields
            if f.to_text(self.before.values.get(f.name)) != f.to_text(self.after.values.get(f.name))
        }
        return {name: record.values.get(name) for name in touched}


class DeleteRecord(RecordCommand):
    """The deletion is refused (``Conflict``) if someone saved the record since ``record`` was read; a redo
    deletes the record its undo put back, only if nobody changed it since."""

    def __init__(
        self,
        service: RecordService,
        record: Record,
        on_change: OnChange,
        on_error: OnError,
        *,
        labels: RefLabels | None = None,
    ) -> None:
        super().__init__(service, f"deletion of {record.describe(labels)}", on_change, on_error)
        self.record = record
        self._expected_version = record.version

    def do(self) -> tuple[str, str, str | None]:
        expected = self._expected_version
        self.record = self.service.delete(self.record.type, self.record.key, expected_version=expected)
        return self.record.type, str(self.record.key), self.record.country

    def undo_it(self) -> tuple[str, str, str | None]:
        self.record = self.service.restore(self.record)
        self._expected_version = self.record.version
        return self.record.type, str(self.record.key), self.record.country
