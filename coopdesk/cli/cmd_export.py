"""``coopdesk export``: write the records to an Excel workbook."""

from __future__ import annotations

import argparse
from typing import Any

from coopdesk.cli.common import find_country, open_db, output_path, parse_as_of


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="export the records to an Excel workbook (.xlsx)",
        description="Write one sheet per record type, a Summary sheet and the catalogue to an Excel "
        "workbook that can be edited and imported back with 'coopdesk import'.",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="the workbook to write")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--country", metavar="COUNTRY", help="only this country (ISO code or name)")
    scope.add_argument("--group", metavar="GROUP", help="only this regional group, e.g. 'Eastern European'")
    parser.add_argument("--as-of", metavar="DATE", help="date of the Summary's counts (default: today)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from coopdesk.cli.errors import CliError
    from coopdesk.excel.export import ExportRefused, export_workbook

    target = output_path(args.output)
    if target.suffix.lower() != ".xlsx":
        raise CliError(f"cannot write {target}: the workbook's name must end in .xlsx")
    as_of = parse_as_of(args.as_of)
    db = open_db(args, read_only=True)
    try:
        country = find_country(db, args.country) if args.country else None
        try:
            summary = export_workbook(db, target, country=country, group=args.group, as_of=as_of)
        except ExportRefused as exc:
            raise CliError(str(exc)) from None
    finally:
        db.dispose()
    for line in summary.lines():
        print(line)
    return 0
