"""``coopdesk treaty-status``: a treaty's status table against the records, then its differences taken."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopdesk.cli.errors import CliError

if TYPE_CHECKING:
    from coopdesk.db.database import Database
    from coopdesk.treaty_status.table import StatusTable


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "treaty-status",
        help="compare a treaty's status table with the records, and add what they lack",
        description="Read the depositary's status table of a treaty (the page saved as HTML, a CSV, or "
        "the table copied from the page as text; '-' reads it from standard input), compare it State by "
        "State with the records of INSTRUMENT, and print the differences. Then add the treaty actions "
        "the records lack, in one transaction; with --take-conflicts, also correct the records whose "
        "date or action differs from the table's. Nothing is ever deleted: what only the records show is "
        "listed. With --dry-run, only print.",
    )
    parser.add_argument("instrument", metavar="INSTRUMENT", help="the instrument's code (UNTOC) or title")
    parser.add_argument("file", metavar="FILE", help="the status table: .html, .csv or text; '-' for stdin")
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="the day the table shows the status on, when it does not say ('Status as at'), e.g. 2024-11-21",
    )
    parser.add_argument(
        "--take-conflicts", action="store_true", help="also replace conflicting records by the table's"
    )
    parser.add_argument("--all", action="store_true", help="print the States that are the same too")
    parser.add_argument("--dry-run", action="store_true", help="print the differences without applying them")
    parser.set_defaults(handler=run)
    return parser


def find_instrument(db: Database, text: str) -> str:
    """The code of the instrument ``text`` names, or a refusal listing the candidates."""
    from coopdesk.records.record import label_of
    from coopdesk.records.service import RecordService
    from coopdesk.treaty_status.guess import search_instruments

    entries = RecordService(db).list("instrument")
    codes = search_instruments(
        text, ((str(r.key), r.get("title") or "", r.get("short_title") or "") for r in entries)
    )
    if len(codes) == 1:
        return codes[0]
    if not codes:
        raise CliError(f"'{text}' is not an instrument of the catalogue: give its code, such as UNTOC")
    named = {str(r.key): label_of(r) for r in entries}
    listed = "; ".join(f"{c} ({named[c]})" for c in codes[:8])
    raise CliError(f"'{text}' names {len(codes)} instruments: {listed}. Give one code")


def run(args: argparse.Namespace) -> int:
    from coopdesk.cli.common import open_db, parse_as_of, writing_to_db
    from coopdesk.treaty_status.reading import read_pasted, read_status_file
    from coopdesk.treaty_status.table import TableRefused

    as_of = parse_as_of(args.as_of) if args.as_of else None
    try:
        if args.file == "-":
            table = read_pasted(sys.stdin.read())
        else:
            table = read_status_file(Path(args.file).expanduser())
    except TableRefused as exc:
        raise CliError(str(exc)) from None
    if args.dry_run:  # reads only: no lock, and the file opened read-only
        db = open_db(args, read_only=True)
        try:
            return _take(args, db, table, as_of)
        finally:
            db.dispose()
    with writing_to_db(args) as db:  # the window's single-writer lock, while it writes
        return _take(args, db, table, as_of)


def _take(args: argparse.Namespace, db: Database, table: StatusTable, as_of: dt.date | None) -> int:
    """Compare the table with the records, print the differences, and (unless a dry run) apply them."""
    from coopdesk.treaty_status.apply import ApplyRefused, apply_reconciliation
    from coopdesk.treaty_status.reconcile import DiffKind, reconcile
    from coopdesk.treaty_status.table import TableRefused

    instrument = find_instrument(db, args.instrument)
    try:
        result = reconcile(db, instrument, table, as_of)
    except TableRefused as exc:
        raise CliError(f"{exc} (--as-of DATE)") from None
    if result.problems:
        print(f"coopdesk: {result.headline()}", file=sys.stderr)
        for line in result.lines():
            print(f"  {line}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    print(result.headline())
    for line in result.lines(include_same=args.all):
        print(f"  {line}")
    kinds = (DiffKind.ADD, DiffKind.CONFLICT) if args.take_conflicts else (DiffKind.ADD,)
    taken = [d for d in result.differences if d.kind in kinds]
    if args.dry_run:
        print(f"Nothing was changed (dry run); applying would take {len(taken):,} of these differences.")
        return 0
    if not taken:
        print("Nothing to add: the records already hold every action of the table.")
        return 0
    try:
        applied = apply_reconciliation(db, result, taken)
    except ApplyRefused as exc:
        raise CliError(str(exc)) from None
    kept = result.count(DiffKind.CONFLICT) if not args.take_conflicts else 0
    tail = f"; {kept} conflict{'s' if kept != 1 else ''} left as the records have them" if kept else ""
    print(f"Applied: {applied.summary()}{tail}.")
    return 0
