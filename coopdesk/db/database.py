"""Open a coopdesk database: engine, short transactions, migration on open.

The UI and the CLI never hold a session: a service asks for ``db.read()`` or ``db.write()``, does one
user action inside it, and hands back plain data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from coopdesk.db import search_index
from coopdesk.db.engine import WRITE_OPTION, is_sqlite_url
from coopdesk.db.errors import DatabaseProblem


@dataclass
class Database:
    """A database a coopdesk process is working on."""

    url: str
    engine: Engine
    read_only: bool = False
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    @cached_property
    def is_sqlite(self) -> bool:
        return is_sqlite_url(self.url)

    @cached_property
    def path(self) -> Path | None:
        """The database file, for SQLite; None for a server."""
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database else None

    @cached_property
    def display_name(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read transaction."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A short write transaction: committed at the end of the block, rolled back on any error."""
        if self.read_only:
            raise DatabaseProblem("This database is open read-only; nothing can be changed.")
        with self._sessions() as session, session.begin():
            # The first use of the connection in this transaction decides BEGIN IMMEDIATE.
            session.connection(execution_options={WRITE_OPTION: True})
            yield session
            session.flush()
            search_index.catch_up(session.connection())  # the records written are searchable at once

    def dispose(self) -> None:
        self.engine.dispose()
