"""Tools > Organisation: whose letters these are. Name, address, reference prefix and signatory.

A new database starts with a neutral profile; this dialog fills it in (before the first letter, or at
any time). The fields and their checks come from the organisation's declaration in
``coopdesk.records.types``; the change goes through the core (``coopdesk.records.organisation.save_profile``),
into the history.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.db.errors import DatabaseProblem
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.organisation import NEEDED_FOR_LETTERS, organisation_profile, save_profile
from coopdesk.records.record import ServiceError
from coopdesk.records.record_type import ValidationFailed
from coopdesk.ui.records.field_editors import FieldEditor, editor_for
from coopdesk.ui.widgets import dialogs

TITLE = "Organisation"

#: The profile's fields the dialog edits, in order (the code and pattern stay as they are).
FIELDS = (
    "name",
    "short_name",
    "address",
    "contact",
    "motto",
    "reference_prefix",
    "signatory_name",
    "signatory_title",
)


class OrganisationDialog(QDialog):
    """The organisation profile as a short form; Save checks it and keeps it, with its history."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, reason: str = "", user: str | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.setObjectName("OrganisationDialog")
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(560)
        self.profile = organisation_profile(db)
        rtype = CATALOGUE_TYPES["organisation"]
        intro = QLabel(
            reason
            or "Whose letters coopdesk writes: the name and address on the letterhead, the prefix of the "
            "reference numbers (EWCA gives EWCA/040/09) and the usual signatory."
        )
        intro.setObjectName("organisation-intro")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, FieldEditor] = {}
        needed = {"name", "short_name", "reference_prefix", "signatory_name"}
        values = self.profile.values if self.profile is not None else {}
        for name in FIELDS:
            f = rtype.field(name)
            editor = editor_for(f)
            editor.setObjectName(f"organisation-{name}")
            editor.set_value(values.get(name))
            self.editors[name] = editor
            label = QLabel(f"{f.label}{' *' if name in needed else ''}")
            label.setBuddy(editor.focus_widget())
            label.setToolTip(f.help)
            form.addRow(label, editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        note = QLabel("* needed before a letter is issued: a letter is never issued without a signatory.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        raw = {name: editor.raw() for name, editor in self.editors.items()}
        missing = [words for name, words in NEEDED_FOR_LETTERS if not str(raw.get(name) or "").strip()]
        if missing:
            dialogs.warn(self, TITLE, "Give " + ", ".join(missing) + ": a letter needs them.")
            return
        try:
            self.profile = save_profile(self.db, raw, self.user)
        except ValidationFailed as exc:
            dialogs.warn(self, TITLE, "; ".join(f"{p.label} {p.reason}" for p in exc.problems))
            return
        except (ServiceError, DatabaseProblem) as exc:
            dialogs.error(self, TITLE, str(exc))
            return
        self.accept()
