"""``coopdesk stress``: create a large, realistic database for benchmarks and trying the app at scale."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from coopdesk.cli.common import writing_to_db
from coopdesk.cli.errors import CliError


def _record_count(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of records") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} records: give at least 1")
    return value


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "stress",
        help="create a database with many generated records (for benchmarks)",
        description="Create the database (or use an empty one) and add generated records for all 193 "
        "Member States: every record type in realistic proportions, real catalogue references, partial "
        "dates and several currencies. The same --seed always gives the same database.",
    )
    parser.add_argument(
        "--records",
        type=_record_count,
        default=100_000,
        metavar="N",
        help="how many records (default 100000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from coopdesk.progress import Progress
    from coopdesk.stress import generate, record_count

    with writing_to_db(args, create=True) as db:  # the window's single-writer lock, while it writes
        existing = record_count(db)
        if existing:
            raise CliError(
                f"{db.display_name} already holds {existing} records; give the name of a new database file"
            )
        interactive = sys.stderr.isatty()

        def show(done: int, total: int, message: str) -> None:
            if interactive:
                print(f"\r{message}", end="", file=sys.stderr, flush=True)

        started = time.perf_counter()
        counts = generate(db, records=args.records, seed=args.seed, progress=Progress(on_update=show))
        if interactive:
            print(file=sys.stderr)
    elapsed = time.perf_counter() - started
    detail = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"Added {sum(counts.values())} records to {db.display_name} in {elapsed:.1f} s ({detail}).")
    return 0
