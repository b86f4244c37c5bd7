"""Opening a database: refuse what is not one, create it if asked, migrate its schema, load the catalogue.

It stands above ``database.py`` (which only wraps an engine and its sessions), ``migrate.py`` and
``catalogue_load.py``, which all use ``Database``: no module of the database layer imports one that
imports it back.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError

from coopdesk.db.database import Database
from coopdesk.db.engine import is_sqlite_url, make_engine, url_for
from coopdesk.db.errors import DatabaseNotFound, DatabaseProblem, NotADatabase
from coopdesk.db.migrate import ensure_schema


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before SQLAlchemy ever writes to it."""
    if not path.exists():
        raise DatabaseNotFound(f"There is no database at {path}.")
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a database file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise NotADatabase(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    if header and header != b"SQLite format 3\x00":
        raise NotADatabase(f"{path} is not a coopdesk database (it is not an SQLite file).")


def open_database(
    path_or_url: str | Path,
    *,
    create: bool = False,
    read_only: bool = False,
    migrate: bool = True,
    load_catalogue: bool = True,
    wal: bool = True,
) -> Database:
    """Open (and, if asked, create) a database, migrating its schema to this version of coopdesk.

    A new database gets the schema and the shipped catalogue. An existing one is backed up and
    migrated; one from a newer coopdesk is refused and left untouched. ``wal=False`` keeps the rollback
    journal (for a file on a network drive, where WAL is unsafe).
    """
    url = url_for(path_or_url)
    if is_sqlite_url(url):
        database = make_url(url).database
        if not database or database == ":memory:":
            raise DatabaseProblem("coopdesk needs a database file, not an in-memory database.")
        path = Path(database)
        if path.exists() or not create:
            check_sqlite_file(path)
        else:
            if not path.parent.is_dir():
                raise DatabaseNotFound(f"The folder {path.parent} does not exist.")
    db = Database(url, make_engine(url, wal=wal, read_only=read_only), read_only=read_only)
    try:
        is_new = _is_empty(db)
        if migrate and not read_only:
            ensure_schema(db)
        if is_new and load_catalogue and not read_only:
            from coopdesk.db.catalogue_load import load_catalogue as load_shipped  # with the ORM models

            load_shipped(db)
    except (OperationalError, SADatabaseError, sqlite3.DatabaseError) as exc:
        db.dispose()
        raise NotADatabase(f"{db.display_name} cannot be opened as a database: {_reason(exc)}") from exc
    except BaseException:
        db.dispose()
        raise
    return db


def _is_empty(db: Database) -> bool:
    with db.engine.connect() as conn:
        return not inspect(conn).get_table_names()


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__
