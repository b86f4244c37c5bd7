"""The ``coopdesk`` entry point: the composition root, the one core-side module that may start the UI."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from coopdesk.cli import main as cli_main


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


def _open_gui(db_target: str | None) -> int:
    prepare_gui_start(db_target)
    from coopdesk.ui.shell.app import run_app

    return run_app(db_target)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_gui=_open_gui)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
