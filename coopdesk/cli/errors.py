"""Turning known failures into one plain line for the terminal."""

from __future__ import annotations

import sqlite3

EXIT_FAILURE = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A refusal of the command line, already worded for the user."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def plain_error(exc: BaseException) -> str | None:
    """The message to print for a known kind of failure, or None for a bug (which should show in full)."""
    from sqlalchemy.exc import OperationalError

    from coopdesk.db.errors import DatabaseNotFound, DatabaseProblem
    from coopdesk.db.shipped_files import ShippedFilesMissing
    from coopdesk.records.record import ServiceError
    from coopdesk.records.record_type import ValidationFailed

    if isinstance(exc, DatabaseNotFound) and str(exc).startswith("There is no database at"):
        return f"{str(exc).rstrip('.')}: 'coopdesk new --db PATH' creates an empty one."
    if isinstance(exc, DatabaseProblem | ServiceError | ShippedFilesMissing):
        return str(exc)
    if isinstance(exc, ValidationFailed):
        return f"{exc.record_label}: {exc}"
    if isinstance(exc, OSError):
        name = f" {exc.filename}" if exc.filename else ""
        return f"cannot use{name}: {exc.strerror or exc}"
    if isinstance(exc, OperationalError | sqlite3.DatabaseError):
        orig = getattr(exc, "orig", exc)
        return f"the database refused the operation: {str(orig).splitlines()[0]}"
    return None
