"""``coopdesk backup``: a checked copy of the database, into its backup folder or a file."""

from __future__ import annotations

import argparse
from typing import Any

from coopdesk.cli.common import open_db, output_path
from coopdesk.cli.errors import CliError


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "backup",
        help="back the database up (checked copy), or list its backups",
        description="Copy the database with SQLite's online backup API (safe while coopdesk is open), "
        "check the copy's integrity, and keep it in the backup folder next to the database (rotated: the "
        "newest 10, then one a day for 7 days, a week for 5 weeks, a month for 12 months), or write it "
        "to FILE.",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the backup to this file instead")
    parser.add_argument("--list", action="store_true", help="list the backups with their dates and records")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from coopdesk.safety.backup import backup_now, list_backups

    if args.list and args.output:
        raise CliError("--list and -o do not go together")
    db = open_db(args, read_only=True)  # reads only: no lock, no schema upgrade
    try:
        if db.path is None:
            backup_now(db)  # raises the plain explanation for a server
            return 1
        if args.list:
            backups = list_backups(db.path)
            if not backups:
                print(f"No backups of {db.path} yet.")
            for info in backups:
                print(f"{info.describe()}  {info.path}")
            return 0
        target = None
        if args.output:
            target = output_path(args.output)
            if target.exists():
                raise CliError(f"{target} already exists; give a new file name")
        info = backup_now(db, "manual", target=target)
    finally:
        db.dispose()
    print(f"Backed up {info.total_records} records to {info.path} (integrity check passed).")
    return 0
