"""The ``coopdesk`` entry point: the composition root, the one core-side module that may start the UI.

It hands the CLI the two things that need Qt: the window (``open_gui``) and the print path
(``print_documents``, for ``coopdesk note --print / --print-to``).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.cli import main as cli_main
from coopdesk.cli.errors import EXIT_FAILURE

if TYPE_CHECKING:
    from coopdesk.base.progress import Progress


def import_core_before_qt(db_target: str | None = None) -> None:
    """Import the core that the window's first paint needs before Qt, on purpose: once PySide6 is
    loaded, shiboken inspects the source of every module imported after it (looking for its
    ``__feature__`` switches), which made a module imported after Qt cost two to three times as much.

    That is what opens the database, the record types and the country list's queries, and the SQLite
    dialect the engine loads on first use (unless the target is a server URL). The ORM models and the
    services are not: the window loads them just after its first paint (``MainWindow.load``)."""
    import coopdesk.db.migrate
    import coopdesk.db.shipped_files
    import coopdesk.records.country_directory
    import coopdesk.safety.opening  # noqa: F401
    from coopdesk.db.engine import is_sqlite_url, url_for

    if db_target is None or is_sqlite_url(url_for(db_target)):
        import sqlalchemy.dialects.sqlite  # noqa: F401


def prepare_gui_start(db_target: str | None) -> None:
    """What happens before the window is built, in this order:

    - the cyclic garbage collector pauses until the window has loaded (``coopdesk.ui.shell.app`` freezes what
      start-up created and turns it back on): the imports allocate hundreds of thousands of objects that
      live as long as the process, and the collector would otherwise walk them again and again;
    - the file's integrity check starts on a thread while the rest of the application is imported;
    - the core is imported before Qt (see ``import_core_before_qt``).
    """
    from coopdesk.base.paths import default_database_path
    from coopdesk.db.quick_check import start_early

    gc.disable()
    start_early(db_target or default_database_path())
    import_core_before_qt(db_target)


def window_can_open() -> bool:
    """On Linux, whether Qt's display platform can start here (a display, the plugin's system
    libraries); when it cannot, say what is missing and what to install, in plain words, instead of
    Qt's abort. Cheap when all is well: see ``coopdesk.system_check.display``."""
    from coopdesk.system_check.display import report, window_start_problem

    problem = window_start_problem()
    if problem is None:
        return True
    report(problem)
    return False


def _open_gui(db_target: str | None) -> int:
    if not window_can_open():
        return EXIT_FAILURE
    prepare_gui_start(db_target)
    from coopdesk.ui.shell.app import run_app

    return run_app(db_target)


def _print_documents(
    documents: Iterable[tuple[str, bytes]],
    *,
    count: int,
    title: str,
    printer: str | None,
    to_file: Path | None,
    progress: Progress,
) -> tuple[int, str]:
    """``coopdesk note --print / --print-to``: the Qt print path, imported only when asked for."""
    from coopdesk.ui.printing.print_command import print_from_command_line

    return print_from_command_line(
        documents, count=count, title=title, printer=printer, to_file=to_file, progress=progress
    )


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_gui=_open_gui, print_documents=_print_documents)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
