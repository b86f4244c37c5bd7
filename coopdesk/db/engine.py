"""Engine set-up: the SQLite pragmas and transaction mode that keep edits safe.

* Pragmas are set in the ``connect`` event, outside any transaction (``foreign_keys`` inside one is
  silently ignored).
* pysqlite's own transaction handling is switched off so that we emit ``BEGIN`` ourselves: reads use a
  plain ``BEGIN``, writes ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of one of
  them failing with a spurious "database is locked" when it upgrades a read lock.
* WAL on local disks; the rollback journal where WAL is unsafe (network shares).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "coopdesk_write"


def is_sqlite_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def url_for(path_or_url: str | Path) -> str:
    """A SQLAlchemy URL for a file path or an URL given on the command line."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().absolute())


def make_engine(url: str, *, wal: bool = True, read_only: bool = False) -> Engine:
    """An engine for ``url`` with coopdesk's connection settings."""
    if not is_sqlite_url(url):
        return create_engine(url, pool_pre_ping=True, future=True)

    connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    if read_only:
        path = make_url(url).database or ""
        url = f"sqlite:///file:{Path(path).absolute()}?mode=ro&uri=true"
        connect_args["uri"] = True
    # A small pool: a fresh connection costs its pragmas and a read of the whole schema (a few ms, four
    # times when a State's workspace opens). Pooled connections are handed to one thread at a time; a
    # restore disposes of them (coopdesk.safety.backup.restore_backup) since it may replace the file.
    engine = create_engine(url, connect_args=connect_args, poolclass=QueuePool, pool_size=2, max_overflow=6)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine
