"""``coopdesk import``: read an edited workbook back, after checking every row."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import an Excel workbook exported by coopdesk and edited",
        description="Check every row of every sheet, then add the new rows and apply the changed cells "
        "in one transaction (all or nothing). With --dry-run, only print what would change. Problems "
        "are listed by sheet, row and column, and nothing is changed.",
    )
    parser.add_argument("workbook", metavar="FILE.xlsx", help="the workbook to import")
    parser.add_argument("--dry-run", action="store_true", help="print the changes without applying them")
    parser.add_argument(
        "--add-duplicates",
        action="store_true",
        help="also add the new rows (without an id) that look like records already stored; "
        "without it they are listed and set aside",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from coopdesk.cli.common import open_db
    from coopdesk.cli.errors import CliError
    from coopdesk.excel.importer import ImportRefused, apply_import, plan_import, read_workbook
    from coopdesk.excel.limits import WorkbookRefused

    try:
        parsed = read_workbook(Path(args.workbook).expanduser())
    except WorkbookRefused as exc:
        raise CliError(str(exc)) from None
    db = open_db(args, read_only=args.dry_run)
    try:
        plan = plan_import(db, parsed)
        if args.add_duplicates:
            plan.add_duplicates()
        if plan.problems:
            print(f"coopdesk: {plan.headline()}", file=sys.stderr)
            for line in plan.lines():
                print(f"  {line}", file=sys.stderr)
            return 1
        print(plan.headline())
        for line in plan.lines():
            print(line)
        if plan.duplicates:
            print("The probable duplicates were not added; import with --add-duplicates to add them too.")
        if args.dry_run or not plan.has_changes:
            if args.dry_run:
                print("Nothing was changed (dry run).")
            return 0
        try:
            result = apply_import(db, plan)
        except ImportRefused as exc:
            raise CliError(str(exc)) from None
    finally:
        db.dispose()
    print(f"Imported: {result.added:,} added, {result.changed:,} changed.")
    return 0
