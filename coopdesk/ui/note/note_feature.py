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
from coopdesk.ui.widgets.host import WindowHost

if TYPE_CHECKING:
    from coopdesk.ui.catalogue.organisation_dialog import OrganisationDialog
    from coopdesk.ui.note.note_batch_dialog import NoteBatchDialog
    from coopdesk.ui.note.note_dialog import NoteDialog
    from coopdesk.ui.note.register_window import RegisterWindow


class NoteFeature:
    """The actions and the windows they open; one per main window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        #: The windows last opened (kept so they are not collected, and for tests).
        self.note_dialog: NoteDialog | None = None
        self.register_window: RegisterWindow | None = None
        self.note_batch_dialog: NoteBatchDialog | None = None
        self.organisation_dialog: OrganisationDialog | None = None
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
        quit_action = window.quit_action()
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
        """The note and cover letter of the current State; before the first letter of a database whose
        organisation profile lacks what a letter needs, the profile is asked for first."""
        country = self.window.current_country()
        if letter_key is None and country is None:
            dialogs.inform(self.window, "Country note", "Choose a country first.")
            return
        if letter_key is None and self._ask_for_profile():
            return
        self._open_note_dialog(letter_key)

    def _ask_for_profile(self) -> bool:
        """Show the organisation dialog if the profile lacks what a letter needs; the note opens after it
        (saved or not: a note can be drafted without it, a letter is not issued without it)."""
        from coopdesk.records.organisation import missing_for_letters, organisation_profile

        try:
            missing = missing_for_letters(organisation_profile(self.window.db))
        except (ServiceError, DatabaseProblem):
            return False
        if not missing:
            return False
        from coopdesk.ui.catalogue.organisation_dialog import OrganisationDialog

        dialog = OrganisationDialog(
            self.window.db,
            self.window,
            reason="Before the first letter, say whose letters these are: the organisation's name and address "
            "for the letterhead, the prefix of its reference numbers and the usual signatory. A letter is "
            "never issued without a signatory.",
        )
        dialog.accepted.connect(self.window.records_changed.emit)
        dialog.finished.connect(lambda _result: self._open_note_dialog(None))
        self.organisation_dialog = dialog
        dialog.show()
        return True

    def _open_note_dialog(self, letter_key: str | None) -> None:
        from coopdesk.ui.note.note_dialog import NoteDialog

        country = self.window.current_country()
        if letter_key is None and country is None:
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
        dialog.record_requested.connect(self.window.show_record)
        dialog.records_added.connect(self._records_added)
        self.note_dialog = dialog
        dialog.show()

    def _records_added(self) -> None:
        self.window.refresh()
        self.window.records_changed.emit()

    def _reload_register(self) -> None:
        register = self.register_window
        if register is not None and register.isVisible():
            register.reload()

    def open_register(self) -> None:
        from coopdesk.ui.note.register_window import RegisterWindow

        register = RegisterWindow(self.window.db, self.window)
        register.open_requested.connect(lambda key: self.open_note(letter_key=key))
        self.register_window = register
        register.show()

    def open_batch(self) -> None:
        from coopdesk.ui.note.note_batch_dialog import NoteBatchDialog

        batch = NoteBatchDialog(self.window.db, self.window.as_of(), self.window)
        self.note_batch_dialog = batch
        batch.show()


def install(window: WindowHost) -> NoteFeature:
    return NoteFeature(window)
