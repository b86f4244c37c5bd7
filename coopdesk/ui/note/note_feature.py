"""The note, the letters register and batch notes, plugged into the main window's menus.

Country > Country note... (Ctrl+P), File > Register of letters... (Ctrl+Shift+R), Tools > Notes for several
countries...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from coopdesk.db.errors import DatabaseProblem
from coopdesk.records.record import ServiceError
from coopdesk.ui.widgets import dialogs

if TYPE_CHECKING:
    from coopdesk.ui.shell.main_window import MainWindow


class NoteFeature:
    """The actions and the windows they open; one per main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.note_action = QAction("Country &note…", window)
        self.note_action.setObjectName("action-country-note")
        self.note_action.setShortcut(QKeySequence("Ctrl+P"))
        self.note_action.setToolTip("Draft the note and cover letter for this country as of the date shown")
        self.note_action.triggered.connect(self.open_note)
        self.register_action = QAction("Register of &letters…", window)
        self.register_action.setObjectName("action-register")
        self.register_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.register_action.triggered.connect(self.open_register)
        self.batch_action = QAction("Notes for several &countries…", window)
        self.batch_action.setObjectName("action-note-batch")
        self.batch_action.triggered.connect(self.open_batch)
        for action in (self.note_action, self.register_action, self.batch_action):
            window.addAction(action)

        window.menu("country").addSeparator()
        window.menu("country").addAction(self.note_action)
        file_menu = window.menu("file")
        quit_action = getattr(window, "act_quit", None)
        if quit_action is not None and quit_action in file_menu.actions():
            file_menu.insertAction(quit_action, self.register_action)
            file_menu.insertSeparator(quit_action)
        else:
            file_menu.addAction(self.register_action)
        window.menu("tools").addAction(self.batch_action)

        window.country_changed.connect(lambda _c: self._update())
        self._update()

    def _update(self) -> None:
        self.note_action.setEnabled(self.window.current_country() is not None)

    def open_note(self, *, letter_key: str | None = None) -> None:
        from coopdesk.ui.note.note_dialog import NoteDialog

        country = self.window.current_country()
        if letter_key is None and country is None:
            dialogs.inform(self.window, "Country note", "Choose a country first.")
            return
        try:
            dialog = NoteDialog(
                self.window.db, country or "", self.window.as_of(), self.window, letter_key=letter_key
            )
        except (ServiceError, DatabaseProblem) as exc:
            dialogs.error(self.window, "Country note", str(exc))
            return
        dialog.issued.connect(lambda _key: self.window.records_changed.emit())
        dialog.issued.connect(lambda _key: self.window.refresh())
        dialog.issued.connect(lambda _key: self._reload_register())
        self.window.note_dialog = dialog  # type: ignore[attr-defined]
        dialog.show()

    def _reload_register(self) -> None:
        register = getattr(self.window, "register_window", None)
        if register is not None and register.isVisible():
            register.reload()

    def open_register(self) -> None:
        from coopdesk.ui.note.register_window import RegisterWindow

        register = RegisterWindow(self.window.db, self.window)
        register.open_requested.connect(lambda key: self.open_note(letter_key=key))
        self.window.register_window = register  # type: ignore[attr-defined]
        register.show()

    def open_batch(self) -> None:
        from coopdesk.ui.note.note_batch_dialog import NoteBatchDialog

        batch = NoteBatchDialog(self.window.db, self.window.as_of(), self.window)
        self.window.note_batch_dialog = batch  # type: ignore[attr-defined]
        batch.show()


def install(window: MainWindow) -> None:
    window.note_feature = NoteFeature(window)  # type: ignore[attr-defined]
