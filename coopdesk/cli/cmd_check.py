"""``coopdesk check``: schema version, integrity and references of a database."""

from __future__ import annotations

import argparse
from typing import Any

from coopdesk.cli.common import open_db


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="check the database: schema version, integrity, foreign keys",
        description="Report the schema version and run SQLite's full integrity check and foreign key "
        "check. Exits with 1 when a problem is found.",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from coopdesk.db.health import check_database

    db = open_db(args, read_only=True)  # reads only: no lock, no schema upgrade
    try:
        report = check_database(db)
    finally:
        db.dispose()
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1
