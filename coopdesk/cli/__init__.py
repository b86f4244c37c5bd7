"""The ``coopdesk`` command: the GUI when given no subcommand, else one of the subcommands.

Each subcommand lives in its own module with ``register(subparsers)``; its handler imports what it
needs lazily, so ``coopdesk --help`` stays fast. Bad input ends with one plain line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from coopdesk import __version__
from coopdesk.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError, plain_error

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = [
    "coopdesk.cli.cmd_new",
    "coopdesk.cli.cmd_demo",
    "coopdesk.cli.cmd_check",
    "coopdesk.cli.cmd_export",
    "coopdesk.cli.cmd_import",
    "coopdesk.cli.cmd_treaty_status",
    "coopdesk.cli.cmd_note",
    "coopdesk.cli.cmd_backup",
    "coopdesk.cli.cmd_restore",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def add_db_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--db`` is accepted before or after the subcommand."""
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None if top else argparse.SUPPRESS,
        help="database file or SQLAlchemy URL (default: coopdesk.sqlite in the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coopdesk",
        description="Keep the record of each member State's cooperation; draft country notes and letters.",
        epilog="With no command, coopdesk opens its window.",
    )
    parser.add_argument("--version", action="version", version=f"coopdesk {__version__}")
    add_db_option(parser, top=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        sub = module.register(subparsers)
        add_db_option(sub)
    return parser


def _window_start(arguments: Sequence[str]) -> argparse.Namespace | None:
    """The parsed arguments when they only open the window (none, ``--db X`` or ``--db=X``), so the
    start does not build every subcommand's parser; None when they need the full parser."""
    database: str | None
    if not arguments:
        database = None
    elif len(arguments) == 1 and arguments[0].startswith("--db=") and len(arguments[0]) > len("--db="):
        database = arguments[0].removeprefix("--db=")
    elif len(arguments) == 2 and arguments[0] == "--db" and not arguments[1].startswith("-"):
        database = arguments[1]
    else:
        return None
    return argparse.Namespace(command=None, db=database)


def main(
    argv: Sequence[str] | None = None,
    open_gui: Callable[[str | None], int] | None = None,
    print_documents: Callable[..., Any] | None = None,
) -> int:
    """Run a subcommand; with none, call ``open_gui``. The launcher, the only module that may import the
    UI, gives ``open_gui`` and ``print_documents`` (the Qt print path, ``cmd_note.PrintService``)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    window = _window_start(arguments) if open_gui is not None else None
    if open_gui is not None and window is not None:  # no subcommand to parse
        return _run(lambda: open_gui(window.db))
    parser = build_parser()
    args = parser.parse_args(arguments)
    args.print_documents = print_documents
    if args.command is None:
        if open_gui is None:
            parser.print_help()
            return 0
        return _run(lambda: open_gui(args.db))
    return _run(lambda: int(args.handler(args) or 0))


def _run(action: Callable[[], int]) -> int:
    """Run the window or a subcommand; a refusal or bad input ends with one plain line on stderr."""
    try:
        code = action()
        sys.stdout.flush()  # a reader that went away shows here, not as a message at the exit
        return code
    except BrokenPipeError:
        # The reader of the output closed it (``coopdesk import x.xlsx | head``): stop quietly, the
        # Python-documented way, so the exit does not try to flush into the closed pipe again.
        _stdout_to_devnull()
        return EXIT_FAILURE
    except CliError as exc:
        print(f"coopdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("coopdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = plain_error(exc)
        if message is None:
            raise
        print(f"coopdesk: {message}", file=sys.stderr)
        return EXIT_FAILURE


def _stdout_to_devnull() -> None:
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a test or an embedding program
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
