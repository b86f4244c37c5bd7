"""``coopdesk new`` (or ``init``): create an empty database, holding the shipped catalogue and no records.

An existing file, or a server database that already holds tables, is refused and left untouched:
``new`` only ever creates.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coopdesk.cli.common import database_target


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "new",
        aliases=["init"],
        help="create an empty database (the catalogue, no records)",
        description="Create a new database holding the shipped catalogue (countries, instruments, bodies, "
        "meetings, the organisation profile) and no records. An existing file or a server database that "
        "already holds tables is refused and left as it is.",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import func, inspect, select
    from sqlalchemy.engine import make_url

    from coopdesk.base.paths import ensure_parent
    from coopdesk.cli.errors import CliError
    from coopdesk.db.engine import is_sqlite_url, make_engine, url_for
    from coopdesk.db.opener import open_database

    target = database_target(args)
    url = url_for(target)
    if is_sqlite_url(url):
        path = Path(make_url(url).database or "")
        if path.exists():
            raise CliError(
                f"{path} already exists; 'new' only creates a database and leaves this one as it is"
            )
        if getattr(args, "db", None) is None:
            ensure_parent(path)  # the user data folder, on first use
        elif not path.parent.is_dir():
            raise CliError(f"cannot create {path}: the folder {path.parent} does not exist")
        target = str(path)
    else:
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                tables = inspect(connection).get_table_names()
        finally:
            engine.dispose()
        if tables:
            raise CliError(
                "the server database already holds tables; 'new' only creates a database and leaves "
                "this one as it is"
            )
    db = open_database(target, create=True)
    try:
        from coopdesk.db.models import Country, Instrument

        with db.read() as session:
            countries = session.scalar(select(func.count()).select_from(Country)) or 0
            instruments = session.scalar(select(func.count()).select_from(Instrument)) or 0
    finally:
        db.dispose()
    print(
        f"Created an empty database at {db.display_name}: the catalogue ({countries} countries, "
        f"{instruments} instruments) and no records."
    )
    return 0
