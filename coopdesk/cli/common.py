"""What several subcommands share: opening the database, finding a country, reading a date."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.cli.errors import CliError

if TYPE_CHECKING:
    from coopdesk.db.database import Database


def database_target(args: argparse.Namespace) -> str:
    from coopdesk.base.paths import default_database_path

    return str(getattr(args, "db", None) or default_database_path())


def open_db(args: argparse.Namespace, *, create: bool = False, read_only: bool = False) -> Database:
    from coopdesk.base.paths import default_database_path, ensure_parent
    from coopdesk.db.opener import open_database

    target = getattr(args, "db", None)
    if target is None:
        target = str(ensure_parent(default_database_path()) if create else default_database_path())
    return open_database(target, create=create, read_only=read_only)


@contextmanager
def writing_to_db(args: argparse.Namespace, *, create: bool = False) -> Iterator[Database]:
    """The database opened to be written, holding the window's single-writer lock while it is.

    A database file that a coopdesk window (or another command) has open for writing is refused with
    who holds it; a lock left by a process of this computer that is gone is taken over, as the window
    does. A server needs no lock file: it keeps its own transactions apart.
    """
    from sqlalchemy.engine import make_url

    from coopdesk.base.paths import default_database_path, ensure_parent
    from coopdesk.db.engine import is_sqlite_url, url_for
    from coopdesk.db.lock import DatabaseLocked, WriterLock

    if create and getattr(args, "db", None) is None:
        ensure_parent(default_database_path())
    url = url_for(database_target(args))
    lock = None
    if is_sqlite_url(url):
        path = Path(make_url(url).database or "")
        if path.parent.is_dir():
            lock = WriterLock(path)
            try:
                lock.acquire()
            except DatabaseLocked as exc:
                if not exc.holder.is_stale():
                    raise CliError(
                        f"{path.name} is open in coopdesk by {exc.holder.describe()}; nothing was changed. "
                        "Close it there and try again (a preview with --dry-run needs no lock)."
                    ) from None
                lock.acquire(take_over=True)  # its holder is gone: a crash left the lock behind
    try:
        db = open_db(args, create=create)
        try:
            yield db
        finally:
            db.dispose()
    finally:
        if lock is not None:
            lock.release()


def find_country(db: Database, text: str) -> str:
    """An ISO alpha-3 code from a code or a (short or formal) name, case-insensitive."""
    from coopdesk.records.country_lookup import resolve_country

    code = resolve_country(db, text)
    if code is None:
        raise CliError(
            f"'{text}' is not a known country: give an ISO code such as BLR, or a name such as Belarus"
        )
    return code


def parse_as_of(text: str | None) -> dt.date:
    """A full date from the command line; today when none is given."""
    if text is None:
        return dt.date.today()
    from coopdesk.records.partial_date import PartialDate

    try:
        value = PartialDate.parse(text)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if value.precision != "day":
        raise CliError(f"'{text}' is not a full date: give a day too, e.g. 2009-10-30 or 30/10/2009")
    return value.start()


def output_path(text: str) -> Path:
    path = Path(text).expanduser()
    if not path.parent.exists():
        raise CliError(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise CliError(f"cannot write {path}: it is a folder")
    return path
