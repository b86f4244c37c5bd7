"""Completeness and the organisation, plugged into the main window.

Country > Mark records complete... (Ctrl+Shift+K), also on the country list's context menu, for the
States selected there: the completeness editor. Tools > Organisation...: the organisation profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from coopdesk.records.completeness import Area
from coopdesk.ui.widgets.host import WindowHost

if TYPE_CHECKING:
    from coopdesk.ui.catalogue.organisation_dialog import OrganisationDialog
    from coopdesk.ui.records.completeness_editor import CompletenessEditor


class CompletenessFeature:
    """The actions and the dialogs they open; one per main window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.editor: CompletenessEditor | None = None
        self.organisation_dialog: OrganisationDialog | None = None
        self.mark_action = QAction("Mark records &complete…", window)
        self.mark_action.setObjectName("action-mark-complete")
        self.mark_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.mark_action.setToolTip(
            "Say that areas of the selected States' records were checked complete on a day, against a "
            "source: only then does a note say what a State has not done"
        )
        self.mark_action.triggered.connect(lambda: self.open_editor())
        self.organisation_action = QAction("&Organisation…", window)
        self.organisation_action.setObjectName("action-organisation")
        self.organisation_action.setToolTip(
            "The organisation's name, address, reference prefix and signatory"
        )
        self.organisation_action.triggered.connect(lambda: self.open_organisation())
        for action in (self.mark_action, self.organisation_action):
            window.addAction(action)
        window.menu("country").addAction(self.mark_action)
        window.menu("tools").addAction(self.organisation_action)
        window.add_country_action(self.mark_action)

    def open_editor(
        self, countries: list[str] | None = None, areas: list[Area] | None = None
    ) -> CompletenessEditor:
        """The completeness editor on the given States (default: those selected in the country list)."""
        from coopdesk.ui.records.completeness_editor import CompletenessEditor

        chosen = countries if countries is not None else self.window.selected_countries()
        editor = CompletenessEditor(self.window.db, self.window, countries=chosen, areas=areas or [])
        editor.marked.connect(self._marked)
        self.editor = editor
        editor.show()
        return editor

    def _marked(self, checks: object) -> None:
        n = len(checks) if isinstance(checks, list) else 0
        self.window.refresh()
        self.window.records_changed.emit()
        self.window.status(f"Recorded {n} completeness check{'s' if n != 1 else ''}.")

    def open_organisation(self, reason: str = "") -> OrganisationDialog:
        from coopdesk.ui.catalogue.organisation_dialog import OrganisationDialog

        dialog = OrganisationDialog(self.window.db, self.window, reason=reason)
        dialog.accepted.connect(self._organisation_saved)
        self.organisation_dialog = dialog
        dialog.show()
        return dialog

    def _organisation_saved(self) -> None:
        self.window.records_changed.emit()
        self.window.status("Organisation profile saved.")


def install(window: WindowHost) -> CompletenessFeature:
    return CompletenessFeature(window)
