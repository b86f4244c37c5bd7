"""Start the application: QApplication, the database, the main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from coopdesk import __version__
from coopdesk.base.paths import APP_NAME, default_database_path, ensure_parent


def make_application() -> QApplication:
    """The QApplication, named so settings, the desktop entry and the window icon match."""
    from coopdesk.ui.shell.main_window import set_desktop_identity
    from coopdesk.ui.shell.theme import application_arguments, apply_theme

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        apply_theme(app)
    else:
        app = QApplication(application_arguments(sys.argv))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("coopdesk")
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    set_desktop_identity()
    return app


def resume_garbage_collection() -> None:
    """Undo the pause set by the entry point: what start-up created (modules, classes, the catalogue)
    lives as long as the process, so it is moved out of the collector's way before collection resumes."""
    gc.freeze()
    gc.enable()


def run_app(db_target: str | None) -> int:
    from coopdesk.ui.safety.lock_dialogs import open_interactively, show_open_warnings
    from coopdesk.ui.shell.main_window import MainWindow
    from coopdesk.ui.widgets.icons import icon
    from coopdesk.ui.widgets.settings import Settings

    app = make_application()
    app.setWindowIcon(icon("coopdesk"))
    target = db_target or str(ensure_parent(default_database_path()))
    # Integrity check, single-writer lock (or read-only), daily backup; asks the user when locked/damaged.
    opened = open_interactively(None, target)
    if opened is None:
        return 1
    db, warnings = opened
    settings = Settings()
    settings.add_recent_database(db.display_name)
    # Painted first, loaded just after (see MainWindow): what start-up creates is frozen once it has all
    # been created, then the warnings and the offer of demo data (dialogs) come over the finished window.
    window = MainWindow(db, settings, load_after_paint=True)

    def ask() -> None:
        show_open_warnings(window, warnings)
        window.offer_demo()

    def loaded() -> None:
        resume_garbage_collection()
        # The dialogs wait for the next turn of the event loop: loading may have been started by an
        # action (a State chosen, a shortcut), which finishes first; a window closed by then asks nothing.
        QTimer.singleShot(0, window, lambda: ask() if window.isVisible() else None)

    window.loaded.connect(loaded)
    probe = os.environ.get("COOPDESK_START_PROBE")
    if probe:  # a start that checks itself and closes (coopdesk.ui.shell.start_probe)
        from coopdesk.ui.shell.start_probe import attach

        attach(window, Path(probe))
    window.show()
    code = app.exec()
    from coopdesk.ui.widgets.tasks import stop_all

    stop_all()  # a task still running (today's backup just after the start) would abort the exit
    return code
