"""Opening the catalogue on one entry from the draft view, to complete a name the note lacks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from coopdesk.db.database import Database
from coopdesk.ui.catalogue.catalogue_window import CatalogueWindow
from coopdesk.ui.catalogue.organisation_dialog import OrganisationDialog


def open_catalogue_entry(
    db: Database, parent: QWidget, catalogue: str, key: str, changed: Callable[[], None]
) -> QWidget:
    """The organisation profile's form, or the catalogue window showing the entry selected; ``changed``
    is called when the officer saves it. Returns the window opened (its owner keeps it)."""
    if catalogue == "organisation":
        dialog = OrganisationDialog(
            db,
            parent,
            reason="The note or its letter needs the organisation's names and lines in its language.",
        )
        dialog.accepted.connect(changed)
        dialog.show()
        return dialog
    window = CatalogueWindow(db, parent)
    window.catalogue_changed.connect(changed)
    window.show_type(catalogue)
    window.select_entry(key)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


__all__ = ["open_catalogue_entry"]
