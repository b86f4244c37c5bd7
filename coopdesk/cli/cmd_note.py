"""``coopdesk note``: the country note for one State, or for a group of States into a folder or a printer.

``--print`` and ``--print-to FILE.pdf`` go through the Qt print path (``coopdesk.ui.printing.printer``), which
the core never imports: the launcher, the composition root, hands it in as ``args.print_documents``
(see ``PrintService``). ``--print-to`` prints into a PDF file through Qt's own PDF printer, so anyone
without a printer (and the tests) can see exactly what a printer would be sent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from coopdesk.base.progress import Progress
from coopdesk.cli.common import find_country, open_db, output_path, parse_as_of
from coopdesk.cli.errors import EXIT_USAGE, CliError

FORMAT_CHOICES = ("pdf", "docx", "html", "txt")


class PrintService(Protocol):
    """Print ``documents`` ((name, PDF) pairs, in order) in one job; returns (pages printed, where to)."""

    def __call__(
        self,
        documents: Iterable[tuple[str, bytes]],
        *,
        count: int,
        title: str,
        printer: str | None,
        to_file: Path | None,
        progress: Progress,
    ) -> tuple[int, str]: ...


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "note",
        help="write the country note for a State (or for many States) as of a date",
        description="Draft the note for the file on a State's cooperation, as of a date, and write it as "
        "PDF, DOCX, HTML or plain text, or print it. What the note left out (a negative no completeness "
        "check covers, a record that cannot be placed in time, a status past its dates) is listed on "
        "stderr. With --all, write one note per State with something to say into a folder (created if "
        "missing), and a summary of every State; or print them all in one job.",
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
    parser.add_argument("-o", "--output", metavar="FILE_OR_DIR", help="file (or folder with --all)")
    parser.add_argument(
        "--print", action="store_true", help="print the note (with --all, every note, in one job)"
    )
    parser.add_argument("--printer", metavar="NAME", help="with --print: this printer, not the default one")
    parser.add_argument(
        "--print-to",
        metavar="FILE.pdf",
        help="print into a PDF file through the same print path: exactly what a printer would receive",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.all == bool(args.country):
        raise CliError("give either a COUNTRY or --all", EXIT_USAGE)
    if args.group and not args.all:
        raise CliError("--group goes with --all", EXIT_USAGE)
    if args.printer and not args.print:
        raise CliError("--printer goes with --print", EXIT_USAGE)
    destinations = [bool(args.output), args.print, bool(args.print_to)]
    if sum(destinations) != 1:
        raise CliError("give one of -o FILE, --print or --print-to FILE.pdf", EXIT_USAGE)
    if args.format and not args.output:
        raise CliError("--format goes with -o (a print is the PDF's pages)", EXIT_USAGE)
    as_of = parse_as_of(args.as_of)
    if args.lang is not None:
        from coopdesk.note.lang import LANGUAGES, language

        if not args.lang.strip():
            raise CliError(f"--lang needs a language: {' or '.join(LANGUAGES)}", EXIT_USAGE)
        try:
            args.lang = language(args.lang).code
        except ValueError as exc:
            raise CliError(str(exc).rstrip("."), EXIT_USAGE) from None
    if args.print or args.print_to:
        return _run_print(args, as_of)
    if args.all:
        return _run_batch(args, as_of)
    return _run_one(args, as_of)


def _run_print(args: argparse.Namespace, as_of: dt.date) -> int:
    from coopdesk.note.batch import batch_countries, note_pdfs

    service: PrintService | None = getattr(args, "print_documents", None)
    if service is None:
        raise CliError("printing needs the coopdesk command itself (it starts Qt's print support)")
    to_file = output_path(args.print_to) if args.print_to else None
    if to_file is not None and to_file.suffix.lower() != ".pdf":
        raise CliError(f"--print-to writes a PDF file: give a name ending in .pdf, not {to_file.name}")
    db = open_db(args, read_only=True)
    try:
        countries = batch_countries(db, args.group) if args.all else [find_country(db, args.country)]
        if args.all and args.group and not countries:
            raise CliError(f"'{args.group}' is not a regional group")
        printed: list[str] = []

        def notes() -> Iterator[tuple[str, bytes]]:
            for name, pdf in note_pdfs(db, countries, as_of, lang=args.lang):
                printed.append(name)
                yield name, pdf

        pages, where = service(
            notes(),
            count=len(countries),
            title=f"{'Country notes' if args.all else countries[0] + ' note'} as of {as_of.isoformat()}",
            printer=args.printer,
            to_file=to_file,
            progress=Progress(_PrintProgress()) if args.all else Progress(),
        )
    finally:
        db.dispose()
    when = f"{as_of.day} {as_of:%B %Y}"
    if not printed:
        raise CliError(f"nothing was printed: the records say nothing as of {when}")
    what = (
        f"{len(printed)} note{'s' if len(printed) != 1 else ''}"
        if args.all
        else f"the note on {countries[0]}"
    )
    print(f"Printed {what} as of {when} ({pages} page{'s' if pages != 1 else ''}) {where}")
    skipped = len(countries) - len(printed)
    if skipped:
        print(
            f"{skipped} State{'s' if skipped != 1 else ''} got no note, their records saying nothing as of {when}.",
            file=sys.stderr,
        )
    return 0


class _PrintProgress:
    """One line on stderr per note printed (rewritten in place on a terminal)."""

    def __init__(self) -> None:
        self.shown = -1

    def __call__(self, done: int, total: int, message: str) -> None:
        if done == self.shown or done >= total:
            if done >= total and sys.stderr.isatty():
                print(file=sys.stderr)
            return
        self.shown = done
        if sys.stderr.isatty():
            print(f"\r{message[:78]:<78}", end="", file=sys.stderr, flush=True)
        else:
            print(message, file=sys.stderr)


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
        from coopdesk.note.gaps import CHECK_WORDING, COMPLETE_CATALOGUE

        language_only = all(w.action in (CHECK_WORDING, COMPLETE_CATALOGUE) for w in drafted.warnings)
        heading = "To check in" if language_only else "Left out of"  # a point of language is in the note
        print(f"{heading} the note on {iso3} as of {when}:", file=sys.stderr)
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
