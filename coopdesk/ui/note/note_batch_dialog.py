"""Tools > Notes for several countries...: one PDF note per State into a folder, off the GUI thread.

The officer picks a regional group (or all States), the as-of date and a folder; the notes are written by
the core (``coopdesk.note.batch.write_notes``) in a worker with a progress bar and a Cancel button.
Print... sends the same notes to a printer in one job instead, in the order of the list, each starting
on a new sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.base.progress import Progress
from coopdesk.db.database import Database
from coopdesk.note.batch import BatchResult, batch_countries, note_pdfs, write_notes
from coopdesk.note.lang import LANGUAGES
from coopdesk.records.vocabularies import REGIONAL_GROUP
from coopdesk.ui.printing.print_actions import PrintJob, start_printing
from coopdesk.ui.printing.printer import PrintDocument, PrintResult
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.tasks import TaskHandle, run_task

ALL_STATES = ""
FORMAT_CHOICES: tuple[tuple[str, str], ...] = (
    ("pdf", "PDF"),
    ("docx", "Word (DOCX)"),
    ("html", "HTML"),
    ("txt", "Text"),
)


class NoteBatchDialog(QDialog):
    """Choose the States, the date, the format and the folder; then write the notes with progress."""

    finished_writing = Signal(object)  # the BatchResult write_notes returned

    def __init__(
        self,
        db: Database,
        as_of: dt.date,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.task: TaskHandle[Any] | None = None
        self.print_task: TaskHandle[PrintResult] | None = None
        self.setObjectName("NoteBatchDialog")
        self.setWindowTitle("Notes for several countries")
        self.setMinimumWidth(520)

        self.group = QComboBox()
        self.group.setObjectName("batch-group")
        self.group.addItem("All States", ALL_STATES)
        for value, label in REGIONAL_GROUP.items:
            self.group.addItem(f"{label} States", value)
        self.group.currentIndexChanged.connect(lambda _i: self._update_count())
        self.as_of = QDateEdit(QDate(as_of.year, as_of.month, as_of.day))
        self.as_of.setObjectName("batch-as-of")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("d MMMM yyyy")
        self.format = QComboBox()
        self.format.setObjectName("batch-format")
        for value, label in FORMAT_CHOICES:
            self.format.addItem(label, value)
        self.language = QComboBox()
        self.language.setObjectName("batch-language")
        self.language.addItem("Each State's own", "")
        for code, lang in LANGUAGES.items():
            self.language.addItem(lang.name, code)
        self.language.setToolTip("The language of the notes: by default, the one each State corresponds in")
        self.folder = QLineEdit(str(folder) if folder else "")
        self.folder.setObjectName("batch-folder")
        self.folder.setPlaceholderText("The folder the notes are written to")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.count_label = QLabel()
        self.count_label.setObjectName("batch-count")

        form = QFormLayout()
        rows = (
            ("&States:", self.group),
            ("&As of:", self.as_of),
            ("&Format:", self.format),
            ("&Language:", self.language),
        )
        for label, widget in rows:
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        folder_label = QLabel("F&older:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("", self.count_label)

        self.start_button = QPushButton("&Write notes")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Print the chosen notes in one job, in this order, each on a new sheet")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_notes)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.start_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._update_count()

    def countries(self) -> list[str]:
        """The ISO codes of the chosen States, in name order."""
        return batch_countries(self.db, self.group.currentData() or None)

    def chosen_date(self) -> dt.date:
        value = self.as_of.date()
        return dt.date(value.year(), value.month(), value.day())

    def _update_count(self) -> None:
        n = len(self.countries())
        self.count_label.setText(
            f"{n} State{'s' if n != 1 else ''}: a note for each with something to say, and a summary of all."
        )

    def _browse(self) -> None:
        chosen = dialogs.choose_folder(self, "Folder for the notes", self.folder.text())
        if chosen is not None:
            self.folder.setText(str(chosen))

    def start(self) -> None:
        text = self.folder.text().strip()
        if not text:
            dialogs.warn(self, "Notes for several countries", "Choose the folder the notes are written to.")
            return
        folder = Path(text).expanduser()
        if folder.exists() and not folder.is_dir():
            dialogs.warn(
                self,
                "Notes for several countries",
                f"{folder} is a file, not a folder; choose another one.",
            )
            return
        countries = self.countries()
        as_of = self.chosen_date()
        fmt = str(self.format.currentData())
        lang = str(self.language.currentData()) or None
        db = self.db

        def work(progress: Progress) -> BatchResult:
            return write_notes(db, countries, as_of, folder, fmt, progress, lang=lang)

        self.start_button.setEnabled(False)
        self.task = run_task(self, "Writing notes", work, self._done)
        self.task.finished.connect(lambda: self.start_button.setEnabled(True))

    def print_notes(self) -> None:
        """The chosen notes in one print job (the system print dialog first), off the GUI thread."""
        countries = self.countries()
        if not countries:
            dialogs.warn(self, "Print notes", "There is no State in this group to print a note for.")
            return
        as_of = self.chosen_date()
        lang = str(self.language.currentData()) or None
        db = self.db

        def documents() -> Iterator[PrintDocument]:
            for name, pdf in note_pdfs(db, countries, as_of, lang=lang):
                yield PrintDocument(name, pdf)

        title = f"Country notes as of {as_of.isoformat()}"
        job = PrintJob(title, documents, len(countries))
        self.print_button.setEnabled(False)
        self.print_task = start_printing(self, job)
        if self.print_task is None:
            self.print_button.setEnabled(True)
        else:
            self.print_task.finished.connect(lambda: self.print_button.setEnabled(True))

    def _done(self, result: BatchResult) -> None:
        """The closing report: the notes written, the States that got none, what the notes left out."""
        parent = self.parentWidget()
        show = getattr(parent, "status", None)
        if callable(show):
            show(result.report().splitlines()[0])
        self.finished_writing.emit(result)
        dialogs.inform(self, "Notes for several countries", result.report())
