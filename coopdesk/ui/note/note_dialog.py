"""Country note...: the drafted note and its cover letter, edited, printed, saved and issued.

The note is drafted from the records as of the chosen date and shown in a rich-text editor, so the officer
can polish the wording; the cover letter is a small form. Save as PDF and Save as DOCX go through the core
renderers with the note as edited (read back by ``coopdesk.note.render.html_import``); Print... previews and prints
the very PDF that Save as PDF writes (``coopdesk.ui.printing.printer``), so there is one layout. "Issue..." gives
the letter its reference number and archives the final letter and note with their PDF; an issued letter
opens read-only and its PDF is handed back byte for byte as it was issued.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.db.errors import DatabaseProblem
from coopdesk.note import letters
from coopdesk.note.builder import NoteDraft, draft, letter_content, letterhead
from coopdesk.note.gaps import DraftWarning
from coopdesk.note.lang import LANGUAGES, Language, language, language_for
from coopdesk.note.model import LetterContent, NoteDocument
from coopdesk.note.render.docx import render_docx
from coopdesk.note.render.html import render_html
from coopdesk.note.render.html_import import note_from_html
from coopdesk.note.render.pdf import render_pdf
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record, ServiceError
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.validation import parse_values
from coopdesk.ui.note.note_warnings import NoteWarnings
from coopdesk.ui.printing.pdf_raster import UnreadablePdf
from coopdesk.ui.printing.print_preview import PrintPreviewDialog
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.tasks import describe_error

LETTER = RECORD_TYPES["letter"]
KNOWN = (ServiceError, DatabaseProblem, ValidationFailed, OSError, ValueError)

#: The cover-letter fields the form edits, with their labels, and whether they take several lines.
LETTER_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("letter_date", "&Date", False),
    ("subject", "Su&bject", False),
    ("addressee", "&Addressee", True),
    ("salutation", "Sa&lutation", False),
    ("body", "Bod&y", True),
    ("closing", "&Closing", False),
    ("signatory_name", "Si&gnatory", False),
    ("signatory_title", "Signatory's &title", False),
)


def open_print_preview(parent: QWidget, title: str, pdf: bytes) -> PrintPreviewDialog:
    """The print preview of ``pdf``, from which the officer prints; window-modal, it does not block."""
    preview = PrintPreviewDialog(title, pdf, parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()
    return preview


def open_with_system_viewer(path: Path) -> bool:
    """Hand a file to the desktop's viewer (the issued PDF, to print it exactly)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class NoteDialog(QDialog):
    """The note and cover letter of one State as of one date; or one issued letter, read-only."""

    issued = Signal(str)  # the key of the letter just issued
    #: The officer asked to see a record the draft warned about: (record type, key, country).
    record_requested = Signal(str, str, str)
    #: Records were added from the dialog (completeness checks marked from a warning).
    records_added = Signal()

    def __init__(
        self,
        db: Database,
        country: str,
        as_of: dt.date,
        parent: QWidget | None = None,
        *,
        letter_key: str | None = None,
        user: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.country = country
        self.as_of = as_of
        self.stated_as_of: PartialDate | None = None  # the note's date as its letter states it
        self.service = RecordService(db, user)
        self.setObjectName("NoteDialog")
        self.setMinimumSize(760, 620)
        self.letter: Record | None = (
            self.service.get("letter", letter_key) if letter_key else letters.latest_draft(db, country)
        )
        if self.letter is not None:
            self.country = self.letter.country or country
            note_as_of = self.letter.get("note_as_of")
            if letter_key and isinstance(note_as_of, PartialDate):
                self.as_of = note_as_of.start()
                self.stated_as_of = note_as_of
        self.lang = self._starting_language()
        self.head = letterhead(db, self.lang)
        self.country_name = self._country_name()

        self.heading = QLabel()
        self.heading.setObjectName("note-heading")
        self.heading.setWordWrap(True)
        self.language_box = QComboBox()
        self.language_box.setObjectName("note-language")
        self.language_box.setAccessibleName("Language of the note and the letter")
        self.language_box.setToolTip(
            "The language the note and its cover letter are written in (by default, the one the State "
            "corresponds in); changing it drafts both again"
        )
        for code, lang in LANGUAGES.items():
            self.language_box.addItem(lang.name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(self.lang.code))
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        language_label = QLabel("Lan&guage:")
        language_label.setBuddy(self.language_box)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(language_label)
        top.addWidget(self.language_box)
        self.tabs = QTabWidget()
        self.editor = QTextEdit()
        self.editor.setObjectName("note-editor")
        self.editor.setAccessibleName("Note for the file")
        self.editor.setAcceptRichText(True)
        self.tabs.addTab(self.editor, "&Note for the file")
        self.letter_form = QWidget()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout(self.letter_form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, multiline in LETTER_FIELDS:
            widget: QLineEdit | QPlainTextEdit
            if multiline:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                lines = 12 if name == "body" else 8
                widget.setMinimumHeight(widget.fontMetrics().lineSpacing() * (lines // 2) + 12)
                if name == "addressee":
                    widget.setMaximumHeight(widget.fontMetrics().lineSpacing() * lines + 12)
            else:
                widget = QLineEdit()
            widget.setObjectName(f"letter-{name}")
            widget.setAccessibleName(label.replace("&", ""))
            self.fields[name] = widget
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.tabs.addTab(self.letter_form, "Cover &letter")

        self.print_button = QPushButton("&Print…")
        self.pdf_button = QPushButton("Save as P&DF…")
        self.docx_button = QPushButton("Save as &Word…")
        self.open_pdf_button = QPushButton("&Open issued PDF")
        self.save_button = QPushButton("&Save draft")
        self.save_button.setToolTip("Keep the cover letter and the edited note, to issue later (Ctrl+S)")
        self.redraft_button = QPushButton("&Redraft")
        self.redraft_button.setToolTip("Draft the note again from the records as of this date")
        self.issue_button = QPushButton("&Issue…")
        self.close_button = QPushButton("Close")
        self.issue_button.setToolTip("Give the letter its reference number and archive the letter and note")
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.docx_button.clicked.connect(self.save_docx)
        self.open_pdf_button.clicked.connect(self.open_issued_pdf)
        self.save_button.clicked.connect(self.save_draft)
        self.redraft_button.clicked.connect(self.redraft)
        self.issue_button.clicked.connect(self.issue)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.pdf_button, self.docx_button, self.open_pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.redraft_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.close_button)

        self.warnings = NoteWarnings()
        self.warnings.mark_complete_requested.connect(self._mark_complete)
        self.warnings.record_requested.connect(self._open_record)
        self.warnings.catalogue_requested.connect(self._open_catalogue_entry)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.tabs)
        self.split.addWidget(self.warnings)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([460, 260])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.split, 1)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Bold, self.editor, self._toggle_bold)
        QShortcut(QKeySequence.StandardKey.Italic, self.editor, self._toggle_italic)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_preview)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)
        self._fields_modified = False
        for widget in self.fields.values():
            widget.textChanged.connect(self._field_edited)
        self.from_saved_draft = False
        self.preview: PrintPreviewDialog | None = None
        self.catalogue_window: QWidget | None = None
        self._load()

    # ------------------------------------------------------------------ state

    @property
    def is_issued(self) -> bool:
        return self.letter is not None and self.letter.get("status") == "issued"

    def _starting_language(self) -> Language:
        """The letter's own language, else the one the State corresponds in."""
        if self.letter is not None and self.letter.get("language"):
            return language(str(self.letter.get("language")))
        return language_for(self.service.get("country", self.country).values)

    def _country_name(self) -> str:
        for code, label in self.service.choices("country"):
            if code == self.country:
                return label
        return self.country

    def _load(self) -> None:
        if self.is_issued and self.letter is not None:
            stored_html, _text = letters.issued_note(self.db, str(self.letter.key))
            self._set_note_html(stored_html)
        else:
            saved, saved_as_of = (
                letters.saved_draft_note(self.db, str(self.letter.key)) if self.letter else ("", None)
            )
            self.from_saved_draft = bool(saved) and saved_as_of == PartialDate.from_date(self.as_of)
            drafted = self._draft()
            if self.from_saved_draft:
                self._set_note_html(saved)
            else:
                self._set_note_html(render_html(drafted.document))
        self.warnings.setVisible(not self.is_issued)
        values = self.letter.values if self.letter is not None else self._new_letter_values()
        for name in self.fields:
            self._show_field(name, values.get(name))
        read_only = self.is_issued
        self.language_box.setEnabled(not read_only)
        self.editor.setReadOnly(read_only)
        for widget in self.fields.values():
            widget.setReadOnly(read_only)
        self.issue_button.setEnabled(not read_only)
        self.save_button.setVisible(not read_only)
        self.redraft_button.setVisible(not read_only)
        self.open_pdf_button.setVisible(read_only)
        self._update_heading()
        self._mark_saved()

    def _set_note_html(self, html: str) -> None:
        """Show a note in the editor, with air between the bullets as in print (not an undoable edit)."""
        document = self.editor.document()
        document.setUndoRedoEnabled(False)
        self.editor.setHtml(html)
        block = document.begin()
        while block.isValid():
            if block.textList() is not None:
                fmt = block.blockFormat()
                fmt.setBottomMargin(5)
                QTextCursor(block).setBlockFormat(fmt)
            block = block.next()
        document.setUndoRedoEnabled(True)
        document.setModified(False)

    def _field_edited(self) -> None:
        self._fields_modified = True

    def _mark_saved(self) -> None:
        self.editor.document().setModified(False)
        self._fields_modified = False

    @property
    def is_modified(self) -> bool:
        """Edits to the note or the cover letter that are neither saved nor issued."""
        return not self.is_issued and (self.editor.document().isModified() or self._fields_modified)

    def _new_letter_values(self) -> dict[str, Any]:
        return letters.new_letter_values(self.db, self.country, self.as_of, lang=self.lang)

    def _update_heading(self) -> None:
        as_of = PartialDate.from_date(self.as_of)
        if self.letter is None:
            state = "new cover letter (a reference number is given when it is issued)"
        elif self.is_issued:
            state = f"letter <b>{_escape(self.letter.get('reference') or '')}</b>, issued: read-only"
        elif self.letter.get("reference"):
            state = f"draft letter {_escape(self.letter.get('reference'))}"
        else:
            state = "draft letter (a reference number is given when it is issued)"
        if self.from_saved_draft and not self.is_issued:
            state += "; the note as you last saved it"
        self.heading.setText(f"<b>{_escape(self.country_name)}</b>, as of {as_of} — {state}")
        title = self.letter.get("reference") if self.is_issued and self.letter else None
        self.setWindowTitle(f"Country note — {self.country_name}" + (f" — {title}" if title else ""))

    # ------------------------------------------------------------------ what is printed

    def edited_note(self) -> NoteDocument:
        """The note as the officer left it in the editor, in the dialog's language."""
        return note_from_html(self.editor.toHtml(), self.lang)

    def letter_values(self) -> dict[str, Any]:
        """The cover letter as typed, validated; raises ValidationFailed in plain words."""
        raw = {
            name: (w.text() if isinstance(w, QLineEdit) else w.toPlainText())
            for name, w in self.fields.items()
        }
        base = dict(self.letter.values) if self.letter is not None else {}
        base["language"] = self.lang.code
        return parse_values(LETTER, raw, base=base)

    def current_letter(self) -> LetterContent:
        values = self.letter_values()
        values.setdefault("reference", None)
        record = Record("letter", str(self.letter.key) if self.letter else "", values, self.country)
        return letter_content(record)

    def document_pdf(self) -> bytes:
        """The letter with its note as printed and saved as PDF: the issued copy exactly as it was
        issued, or the draft as the officer left it."""
        if self.is_issued and self.letter is not None:
            return letters.issued_pdf(self.db, str(self.letter.key))
        return render_pdf(self.edited_note(), self.head, letter=self.current_letter())

    # ------------------------------------------------------------------ actions

    def print_preview(self) -> None:
        """The pages as they will print (the same as Save as PDF), with Print... in the preview."""
        try:
            pdf = self.document_pdf()
            self.preview = open_print_preview(self, self._suggested_name(""), pdf)
        except (*KNOWN, UnreadablePdf) as exc:
            dialogs.error(self, "Print", describe_error(exc))

    def save_pdf(self) -> None:
        path = dialogs.save_file(self, "Save as PDF", "PDF documents (*.pdf)", self._suggested_name(".pdf"))
        if path is None:
            return
        try:
            path.write_bytes(self.document_pdf())
        except KNOWN as exc:
            dialogs.error(self, "Save as PDF", describe_error(exc))
            return
        self._status(f"Saved {path.name}")

    def save_docx(self) -> None:
        path = dialogs.save_file(
            self, "Save as Word", "Word documents (*.docx)", self._suggested_name(".docx")
        )
        if path is None:
            return
        try:
            path.write_bytes(render_docx(self.edited_note(), self.head, letter=self.current_letter()))
        except KNOWN as exc:
            dialogs.error(self, "Save as Word", describe_error(exc))
            return
        self._status(f"Saved {path.name}")

    def open_issued_pdf(self) -> None:
        """Reprint exactly: the stored PDF, checked against its checksum, opened in the PDF viewer."""
        if self.letter is None:
            return
        try:
            data = letters.issued_pdf(self.db, str(self.letter.key))
            handle, name = tempfile.mkstemp(prefix="coopdesk-", suffix=".pdf")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        except KNOWN as exc:
            dialogs.error(self, "Open issued PDF", describe_error(exc))
            return
        if not open_with_system_viewer(Path(name)):
            dialogs.warn(self, "Open issued PDF", f"No PDF viewer could be started; the copy is at {name}.")

    def issue(self) -> None:
        """Save the cover letter, then issue it with the note as edited."""
        try:
            values = self.letter_values()
            note = self.edited_note()
        except KNOWN as exc:
            dialogs.error(self, "Issue letter", describe_error(exc))
            return
        reference = self.letter.get("reference") if self.letter is not None else None
        number = f"reference {reference}" if reference else "the next reference number"
        if not dialogs.ask_yes_no(
            self,
            "Issue letter",
            f"Issue this letter to {self.country_name} with {number}?\n\n"
            "The letter and the note are archived as they are now and can never be changed afterwards.",
        ):
            return
        try:
            self.letter = self._store_letter(values)
            self.letter = letters.issue_letter(
                self.db, str(self.letter.key), note, self.as_of, self.service.user
            )
        except KNOWN as exc:
            dialogs.error(self, "Issue letter", describe_error(exc))
            return
        self._load()
        self._status(f"Issued letter {self.letter.get('reference')}")
        self.issued.emit(str(self.letter.key))
        dialogs.inform(
            self,
            "Letter issued",
            f"The letter was issued as {self.letter.get('reference')} and archived with its note.",
        )

    def save_draft(self) -> None:
        """Keep the cover letter and the note as edited with a draft letter."""
        if self.is_issued:
            return
        try:
            values = self.letter_values()
            note = self.edited_note()
            self.letter = self._store_letter(values)
            letters.save_draft_note(self.db, str(self.letter.key), note, self.as_of, self.service.user)
        except KNOWN as exc:
            dialogs.error(self, "Save draft", describe_error(exc))
            return
        self.from_saved_draft = True
        self._update_heading()
        self._mark_saved()
        self._status("Draft letter and note saved")

    def redraft(self) -> None:
        """Draft the note again from the records, dropping the edits to it."""
        if (self.editor.document().isModified() or self.from_saved_draft) and not dialogs.ask_yes_no(
            self,
            "Redraft the note",
            "Draft the note again from the records? Your changes to its wording are replaced.",
        ):
            return
        self._set_note_html(render_html(self._draft().document))
        self.editor.document().setModified(True)
        self.from_saved_draft = False
        self._update_heading()

    def _language_chosen(self, index: int) -> None:
        """The officer chose another language: the note is drafted again in it and the cover letter's
        drafted parts (subject, body, closing, signatory's title) worded again; the addressee, salutation,
        date and signatory stay as typed. Edits to the wording are replaced only after asking."""
        chosen = language(str(self.language_box.itemData(index)))
        if chosen is self.lang or self.is_issued:
            return
        edited = self.editor.document().isModified() or self.from_saved_draft or self._fields_modified
        if edited and not dialogs.ask_yes_no(
            self,
            "Change the language",
            f"Draft the note and the cover letter again in {chosen.name}? Your changes to the note's wording "
            "and to the letter's subject, body and closing are replaced; the addressee, salutation, date "
            "and signatory stay as they are.",
        ):
            self.language_box.blockSignals(True)
            self.language_box.setCurrentIndex(self.language_box.findData(self.lang.code))
            self.language_box.blockSignals(False)
            return
        self.lang = chosen
        self.head = letterhead(self.db, chosen)
        try:
            worded = self._new_letter_values()
        except KNOWN as exc:
            dialogs.error(self, "Change the language", describe_error(exc))
            return
        for name in letters.WORDED_PARTS:
            if name in self.fields:
                self._show_field(name, worded.get(name))
        self._fields_modified = True
        self._set_note_html(render_html(self._draft().document))
        self.editor.document().setModified(True)
        self.from_saved_draft = False
        self._update_heading()
        self._status(f"The note and the cover letter drafted again in {chosen.name}")

    def reject(self) -> None:
        if self.is_modified and not dialogs.ask_yes_no(
            self,
            "Close the note",
            "Your changes to the note or the cover letter are not saved. Close and lose them?",
        ):
            return
        super().reject()

    # ------------------------------------------------------------------ what the draft left out

    def _draft(self) -> NoteDraft:
        """Draft the note from the records, and list what it left out under it."""
        drafted = draft(self.db, self.country, self.as_of, self.stated_as_of, lang=self.lang)
        self.draft_result = drafted
        self.warnings.set_warnings(drafted.warnings)
        return drafted

    def _mark_complete(self, warning: DraftWarning) -> None:
        """Open the completeness editor on this State and the area the warning is about."""
        from coopdesk.ui.records.completeness_editor import CompletenessEditor

        if warning.area is None:
            return
        editor = CompletenessEditor(self.db, self, countries=[self.country], areas=[warning.area])
        editor.marked.connect(self._checks_added)
        self.completeness_editor = editor
        editor.show()

    def _checks_added(self, _checks: object) -> None:
        """New checks: the note is drafted again if the officer has not edited it; else the list of what
        it left out follows, and Redraft brings the checks into the note."""
        self.records_added.emit()
        if self.editor.document().isModified() or self.from_saved_draft:
            self._draft()
            self._status("Completeness recorded: Redraft to bring it into the note")
            return
        self._set_note_html(render_html(self._draft().document))
        self._status("Completeness recorded; the note was drafted again")

    def _open_catalogue_entry(self, warning: DraftWarning) -> None:
        """Open the catalogue (or the organisation profile) on the entry whose name the note lacks."""
        from coopdesk.ui.note.catalogue_entry import open_catalogue_entry

        if warning.entry is not None:
            self.catalogue_window = open_catalogue_entry(
                self.db, self, *warning.entry, self._catalogue_changed
            )

    def _catalogue_changed(self) -> None:
        """A name was completed: the note is drafted again if the officer has not edited it; else the
        list of what it left out follows, and Redraft brings the name into the note."""
        self.head = letterhead(self.db, self.lang)
        if self.editor.document().isModified() or self.from_saved_draft:
            self._draft()
            self._status("Catalogue changed: Redraft to bring it into the note")
            return
        self._set_note_html(render_html(self._draft().document))
        self._status("Catalogue changed; the note was drafted again")

    def _show_field(self, name: str, value: Any) -> None:
        """Show a letter field's value in its widget, a one-line field from its start."""
        widget = self.fields[name]
        text = LETTER.field(name).display(value)
        if isinstance(widget, QLineEdit):
            widget.setText(text)
            widget.setCursorPosition(0)
        else:
            widget.setPlainText(text)

    def _open_record(self, warning: DraftWarning) -> None:
        if warning.record is not None:
            type_name, key = warning.record
            self.record_requested.emit(type_name, key, self.country)

    def _store_letter(self, values: dict[str, Any]) -> Record:
        """Create or update the draft letter from the form (the reference and status stay untouched)."""
        editable = {f.name: values.get(f.name) for f in LETTER.editable_fields if f.name in values}
        editable["note_as_of"] = PartialDate.from_date(self.as_of)
        if self.letter is None:
            return self.service.create("letter", editable, country=self.country)
        return self.service.update("letter", self.letter.key, editable, expected_version=self.letter.version)

    # ------------------------------------------------------------------ helpers

    def _suggested_name(self, suffix: str) -> str:
        reference = (self.letter.get("reference") if self.letter else None) or ""
        stem = f"{self.country} note {self.as_of.isoformat()}"
        if reference:
            stem += " " + str(reference).replace("/", "-")
        return stem + suffix

    def _toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.fontWeight() < QFont.Weight.Bold.value
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.editor.mergeCurrentCharFormat(fmt)

    def _toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.fontItalic())
        self.editor.mergeCurrentCharFormat(fmt)

    def _status(self, message: str) -> None:
        parent = self.parentWidget()
        show = getattr(parent, "status", None)
        if callable(show):
            show(message)


def _escape(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
