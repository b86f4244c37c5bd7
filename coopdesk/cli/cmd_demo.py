"""``coopdesk demo``: create a database holding the demo data."""

from __future__ import annotations

import argparse
from typing import Any

from coopdesk.cli.common import writing_to_db


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo",
        help="create a database holding the demo data (Belarus, 2009)",
        description="Create the database (or use an empty one) and add the demo records: every fact of "
        "the letter EWCA/040/09 and its note for the file on Belarus, 30 October 2009.",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from coopdesk.records.demo import load_demo

    with writing_to_db(args, create=True) as db:  # the window's single-writer lock, while it writes
        records = load_demo(db)
    print(f"Added {len(records)} demo records to {db.display_name}.")
    return 0
