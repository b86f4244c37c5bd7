"""``coopdesk import``: read an edited workbook back, after checking every row."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coopdesk.excel.importer import ImportPlan


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import an Excel workbook exported by coopdesk and edited",
        description="Check every row of every sheet, then add the new rows and apply the edited cells "
        "in one transaction (all or nothing). With --dry-run, only print what would change. Problems "
        "are listed by sheet, row and column, and nothing is changed. Rows not edited in the workbook "
        "are never written back. An edited row whose record was changed in coopdesk since the export "
        "is a conflict: nothing is imported until each is decided with --overwrite or --keep-current.",
    )
    parser.add_argument("workbook", metavar="FILE.xlsx", help="the workbook to import")
    parser.add_argument("--dry-run", action="store_true", help="print the changes without applying them")
    parser.add_argument(
        "--add-duplicates",
        action="store_true",
        help="also add the new rows (without an id) that look like records already stored; "
        "without it they are listed and set aside",
    )
    parser.add_argument(
        "--overwrite",
        metavar="'SHEET!ROW'",
        action="append",
        default=[],
        help="for a conflict: use the workbook's row over coopdesk's, e.g. 'Treaty actions!12' "
        "(may be given several times; 'all' for every conflict)",
    )
    parser.add_argument(
        "--keep-current",
        action="store_true",
        help="for every other conflict: keep what coopdesk holds now and import the rest",
    )
    parser.set_defaults(handler=run)
    return parser


def choose(plan: ImportPlan, overwrite: list[str]) -> None:
    """Mark the conflicts named by --overwrite ('SHEET!ROW' or 'all') to take the workbook's row."""
    from coopdesk.cli.errors import CliError

    wanted = {text.strip() for text in overwrite}
    take_all = "all" in {w.casefold() for w in wanted}
    named = {f"{p.sheet}!{p.row}": p for p in plan.conflicts}
    folded = {key.casefold(): p for key, p in named.items()}
    for text in wanted:
        if text.casefold() == "all":
            continue
        planned = folded.get(text.casefold())
        if planned is None:
            sheet, _, row = text.partition("!")
            known = ", ".join(list(named)[:5]) or "none"
            if not row.isdigit():
                raise CliError(
                    f"'{text}' is not a row: write the sheet, '!' and the row, e.g. 'Treaty actions!12'"
                )
            raise CliError(f"{sheet}, row {row} is not a conflict of this workbook (its conflicts: {known})")
        planned.use_workbook = True
    if take_all:
        for planned in plan.conflicts:
            planned.use_workbook = True


def run(args: argparse.Namespace) -> int:
    from coopdesk.cli.common import open_db, writing_to_db
    from coopdesk.cli.errors import CliError
    from coopdesk.excel.importer import ImportRefused, apply_import, read_workbook
    from coopdesk.excel.limits import WorkbookRefused

    try:
        parsed = read_workbook(Path(args.workbook).expanduser())
    except WorkbookRefused as exc:
        raise CliError(str(exc)) from None
    if args.dry_run:
        db = open_db(args, read_only=True)
        try:
            plan = _plan(db, parsed, args)
        finally:
            db.dispose()
        if not _show(plan):
            return 1
        print("Nothing was changed (dry run).")
        return 0
    with writing_to_db(args) as db:
        plan = _plan(db, parsed, args)
        if not _show(plan):
            return 1
        undecided = [p for p in plan.conflicts if not p.use_workbook]
        if undecided and not args.keep_current:
            n = len(undecided)
            raise CliError(
                f"{n} edited row{'s' if n != 1 else ''} conflict{'s' if n == 1 else ''} with changes made in "
                f"coopdesk since the export (listed above); nothing was imported. Decide each: "
                f"--overwrite '{undecided[0].sheet}!{undecided[0].row}' uses the workbook's row, "
                "--keep-current keeps coopdesk's for the rest."
            )
        if not plan.has_changes:
            return 0
        try:
            result = apply_import(db, plan)
        except ImportRefused as exc:
            raise CliError(str(exc)) from None
    kept = (
        f", {result.kept:,} conflict{'s' if result.kept != 1 else ''} kept as coopdesk has them"
        if result.kept
        else ""
    )
    print(f"Imported: {result.added:,} added, {result.changed:,} changed{kept}.")
    return 0


def _plan(db: Any, parsed: Any, args: argparse.Namespace) -> ImportPlan:
    from coopdesk.excel.importer import plan_import

    plan = plan_import(db, parsed)
    if args.add_duplicates:
        plan.add_duplicates()
    choose(plan, args.overwrite)
    return plan


def _show(plan: ImportPlan) -> bool:
    """Print the preview; False (after listing the problems on stderr) when the workbook has problems."""
    if plan.problems:
        print(f"coopdesk: {plan.headline()}", file=sys.stderr)
        for line in plan.lines():
            print(f"  {line}", file=sys.stderr)
        return False
    print(plan.headline())
    for line in plan.lines():
        print(line)
    if plan.duplicates:
        print("The probable duplicates were not added; import with --add-duplicates to add them too.")
    return True
