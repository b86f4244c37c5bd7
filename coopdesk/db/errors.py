"""Database errors a user can act on, each with a message in plain words."""

from __future__ import annotations


class DatabaseProblem(Exception):
    """A problem with the database file or server that the user must be told about (not a bug)."""


class DatabaseNotFound(DatabaseProblem):
    pass


class NotADatabase(DatabaseProblem):
    pass


class SchemaTooNew(DatabaseProblem):
    pass


class MigrationFailed(DatabaseProblem):
    pass
