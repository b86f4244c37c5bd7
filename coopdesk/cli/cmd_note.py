"""``coopdesk note``: the country note for one State, or for a group of States into a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coopdesk.cli.common import find_country, open_db, output_path, parse_as_of
from coopdesk.cli.errors import EXIT_USAGE, CliError

FORMAT_CHOICES = ("pdf", "docx", "html", "txt")


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "note",
        help="write the country note for a State (or for many States) as of a date",
        description="Draft the note for the file on a State's cooperation, as of a date, and write it as "
        "PDF, DOCX, HTML or plain text. What the note left out (a negative no completeness check covers, a "
        "record that cannot be placed in time, a status past its dates) is listed on stderr. With --all, "
        "write one note per State with something to say into a folder (created if missing), and a summary "
        "of every State.",
    )
    parser.add_argument("country", nargs="?", metavar="COUNTRY", help="ISO code (BLR) or name (Belarus)")
    parser.add_argument("--all", action="store_true", help="one note per State, into the folder given by -o")
    parser.add_argument("--group", metavar="G", help="with --all: only the States of this regional group")
    parser.add_argument("--as-of", metavar="DATE", help="the note's date (default: today), e.g. 2009-10-30")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="the note's language: en, fr ... (default: the language each State corresponds in)",
    )
    parser.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        default=None,
        help="output format (default: from the file name, else pdf)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE_OR_DIR", help="file (or folder with --all)"
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.all == bool(args.country):
        raise CliError("give either a COUNTRY or --all", EXIT_USAGE)
    if args.group and not args.all:
        raise CliError("--group goes with --all", EXIT_USAGE)
    as_of = parse_as_of(args.as_of)
    if args.lang is not None:
        from coopdesk.note.lang import LANGUAGES, language

        if not args.lang.strip():
            raise CliError(f"--lang needs a language: {' or '.join(LANGUAGES)}", EXIT_USAGE)
        try:
            args.lang = language(args.lang).code
        except ValueError as exc:
            raise CliError(str(exc).rstrip("."), EXIT_USAGE) from None
    if args.all:
        return _run_batch(args, as_of)
    return _run_one(args, as_of)


def _run_one(args: argparse.Namespace, as_of: Any) -> int:
    from coopdesk.base.file_output import write_atomically
    from coopdesk.note.builder import draft, letterhead
    from coopdesk.note.render.formats import format_for_suffix, render

    path = output_path(args.output)
    fmt = args.format or format_for_suffix(path.suffix) or "pdf"
    db = open_db(args, read_only=True)
    try:
        iso3 = find_country(db, args.country)
        drafted = draft(db, iso3, as_of, lang=args.lang)
        data = render(drafted.document, letterhead(db, drafted.document.lang), fmt)
    finally:
        db.dispose()
    write_atomically(path, data)
    when = f"{as_of.day} {as_of:%B %Y}"
    if drafted.empty:
        print(f"The records hold nothing on {iso3} as of {when}: the note says so.", file=sys.stderr)
    if drafted.warnings:
        print(f"Left out of the note on {iso3} as of {when}:", file=sys.stderr)
        for warning in drafted.warnings:
            print(f"  - {warning}", file=sys.stderr)
    print(f"Wrote the note on {iso3} as of {when} to {path}")
    return 0


def _run_batch(args: argparse.Namespace, as_of: Any) -> int:
    from coopdesk.base.progress import Progress
    from coopdesk.note.batch import batch_countries, write_notes
    from coopdesk.records.vocabularies import REGIONAL_GROUP

    folder = Path(args.output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise CliError(f"cannot write notes into {folder}: it is a file, not a folder")
    fmt = args.format or "pdf"
    interactive = sys.stderr.isatty()

    def show(done: int, total: int, name: str) -> None:
        line = f"note {min(done + 1, total)} of {total}: {name}" if name else f"{total} notes done"
        if interactive:
            print(f"\r{line:<70}", end="" if name else "\n", file=sys.stderr, flush=True)
        elif name:
            print(line, file=sys.stderr)

    db = open_db(args, read_only=True)
    try:
        countries = batch_countries(db, args.group)
        if args.group and not countries:
            groups = "; ".join(REGIONAL_GROUP.values)
            raise CliError(f"'{args.group}' is not a regional group: use one of {groups}")
        try:
            result = write_notes(db, countries, as_of, folder, fmt, Progress(show), lang=args.lang)
        except OSError as exc:
            raise CliError(f"cannot write notes into {folder}: {exc.strerror or exc}") from None
    finally:
        db.dispose()
    print(result.report())
    return 0
