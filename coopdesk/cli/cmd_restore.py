"""``coopdesk restore FILE``: put a backup back; the current content is backed up first."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coopdesk.cli.errors import CliError


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "restore",
        help="replace the database's content by a backup (the current content is backed up first)",
        description="Check the backup FILE, back the current database up, then copy the backup's content "
        "into the database. Refused while coopdesk has the database open.",
    )
    parser.add_argument("file", metavar="FILE", help="the backup to restore (see 'coopdesk backup --list')")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from coopdesk.cli.common import database_target
    from coopdesk.db.engine import is_sqlite_url, url_for
    from coopdesk.db.file_copy import integrity_problems
    from coopdesk.db.lock import WriterLock
    from coopdesk.safety.backup import record_counts, restore_file

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CliError(f"there is no backup file {source}")
    problems = integrity_problems(source)
    if problems:
        raise CliError(f"{source} cannot be restored: it is damaged or not a database ({problems[0]})")
    if "treaty_action" not in record_counts(source):
        raise CliError(f"{source} is not a coopdesk database")
    url = url_for(database_target(args))
    if not is_sqlite_url(url):
        raise CliError("restore works on database files; a PostgreSQL server is restored with pg_restore")
    # The database is not opened: it may be the damaged file this restore replaces.
    target = Path(make_url(url).database or "")
    if not target.parent.is_dir():
        raise CliError(f"the folder {target.parent} does not exist")
    if target.exists() and target.resolve() == source.resolve():
        raise CliError("that file is the database itself; choose a backup")
    with WriterLock(target):  # refused, naming who, while coopdesk has the file open
        saved = restore_file(target, source)
    print(f"Restored {sum(record_counts(source).values())} records from {source} into {target}.")
    print(f"The content it replaced was kept in {saved.path}.")
    return 0
