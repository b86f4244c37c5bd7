"""Tools > Treaty status table…: bring a treaty's status table in, see its differences, take them.

Two pages. The first takes the table (pasted in the box, or a saved page or CSV opened), the instrument
(a search in the catalogue, guessed from the page's title) and, when the table does not say it, the day
it shows the status on. The second lists the differences State by State with a tick per row, filters by
kind with their counts, and Apply, which hands the ticked rows to the feature (one undo step).

Reading and comparing run in a worker (``run_task``); nothing here writes to the database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.treaty_status.reconcile import DiffKind
from coopdesk.ui.treaty_status.treaty_status_model import (
    KIND,
    LINE,
    NOTE,
    RECORDS,
    STATE,
    TABLE,
    TAKE,
    DifferenceModel,
)
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.tasks import TaskHandle, describe_error, run_task

if TYPE_CHECKING:
    from coopdesk.base.progress import Progress
    from coopdesk.treaty_status.reconcile import Difference, Reconciliation
    from coopdesk.treaty_status.table import StatusTable

FILE_FILTER = "Status tables (*.html *.htm *.csv *.txt *.tsv);;All files (*)"
#: The filters shown first, and their order.
FILTER_KINDS = (
    DiffKind.ADD,
    DiffKind.CONFLICT,
    DiffKind.ONLY_IN_RECORDS,
    DiffKind.WITHDRAWAL,
    DiffKind.NOT_IN_CATALOGUE,
    DiffKind.SAME,
)
_NOT_GIVEN = QDate(1900, 1, 1)  # the date edit's "as the table says"


class TreatyStatusDialog(QDialog):
    """Emits ``apply_requested(reconciliation, ticked differences)``; the feature applies them."""

    apply_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None, db: Database, instruments: list[tuple[str, str, str]]) -> None:
        """``instruments``: (code, short title, title) of the catalogue's instruments, in its order."""
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Treaty status table")
        self.setObjectName("treaty-status-dialog")
        self.reconciliation: Reconciliation | None = None
        self.task: TaskHandle[Reconciliation] | None = None
        self.path: Path | None = None
        self._instruments = instruments
        self._guess_timer = QTimer(self)
        self._guess_timer.setSingleShot(True)
        self._guess_timer.setInterval(300)
        self._guess_timer.timeout.connect(self._guess_from_paste)
        self._instrument_typed = False

        self.pages = QStackedWidget()
        self.pages.addWidget(self._source_page())
        self.pages.addWidget(self._differences_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(1180, 660)
        self.paste_box.setFocus()

    # ================================================================== page 1: the table

    def _source_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "Open the treaty's status page in the browser, select its table of participants with the header "
            "row (Participant, Signature, Ratification…), copy it and paste it below. Or open the page saved "
            "as HTML, or the table saved as CSV."
        )
        intro.setWordWrap(True)
        self.instrument = QComboBox()
        self.instrument.setObjectName("instrument")
        self.instrument.setEditable(True)
        self.instrument.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, short, title in self._instruments:
            self.instrument.addItem(f"{short or title} ({code})" if short else f"{title} ({code})", code)
            self.instrument.setItemData(self.instrument.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
        completer = QCompleter(self.instrument.model(), self.instrument)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.instrument.setCompleter(completer)
        self.instrument.setCurrentIndex(-1)
        line = self.instrument.lineEdit()
        assert line is not None  # an editable combo has one
        line.setPlaceholderText("Type to search the catalogue, e.g. organized crime")
        line.textEdited.connect(self._instrument_edited)
        self.instrument.setMinimumWidth(420)
        self.guess_label = QLabel("")
        self.guess_label.setObjectName("guess")
        self.guess_label.hide()
        self.status_date = QDateEdit()
        self.status_date.setObjectName("status-date")
        self.status_date.setCalendarPopup(True)
        self.status_date.setDisplayFormat("d MMMM yyyy")
        self.status_date.setMinimumDate(_NOT_GIVEN)
        self.status_date.setSpecialValueText("as the table says")
        self.status_date.setDate(_NOT_GIVEN)
        self.status_date.setToolTip(
            "The day the table shows the status on. A saved page says it ('Status as at'); for a CSV or a "
            "paste without that line, give it here."
        )
        self.status_date.setMinimumWidth(self.fontMetrics().horizontalAdvance("30 September 2009") + 48)
        today = QPushButton("Today")
        today.setObjectName("status-today")
        today.clicked.connect(lambda: self.status_date.setDate(QDate.currentDate()))
        date_row = QHBoxLayout()
        date_row.addWidget(self.status_date)
        date_row.addWidget(today)
        date_row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Instrument:", self.instrument)
        form.addRow("", self.guess_label)
        date_label = QLabel("&Status as at:")
        date_label.setBuddy(self.status_date)
        form.addRow(date_label, date_row)

        self.paste_box = QPlainTextEdit()
        self.paste_box.setObjectName("paste-box")
        self.paste_box.setAccessibleName("Pasted status table")
        self.paste_box.setPlaceholderText(  # a placeholder shows no tabs: the columns are lined up by hand
            "Participant      Signature      Ratification, Acceptance(A), Approval(AA), Accession(a), ...\n"
            "Afghanistan      14 Dec 2000    24 Sep 2003\n"
            "Belarus4         14 Dec 2000    25 Jun 2003\n"
            "Cook Islands                    4 Mar 2004 a\n…"
        )
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.paste_box.setFont(fixed)
        self.paste_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.paste_box.setTabStopDistance(self.paste_box.fontMetrics().horizontalAdvance(" ") * 34)
        self.paste_box.textChanged.connect(self._paste_changed)
        self.open_button = QPushButton("&Open a file…")
        self.open_button.setObjectName("open-file")
        self.open_button.clicked.connect(self.choose_file)
        self.file_label = QLabel("No file chosen: the pasted table is used.")
        self.file_label.setObjectName("file-label")
        file_row = QHBoxLayout()
        file_row.addWidget(self.open_button)
        file_row.addWidget(self.file_label, 1)
        self.source_error = QLabel("")
        self.source_error.setObjectName("source-error")
        self.source_error.setWordWrap(True)
        self.source_error.setStyleSheet(
            "color: palette(highlighted-text); background: #b3261e; padding: 6px;"
        )
        self.source_error.hide()
        buttons = QDialogButtonBox()
        self.compare_button = buttons.addButton(
            "&Compare with the records", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.compare_button.setObjectName("compare")
        self.compare_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.clicked.connect(self.reject)
        self.compare_button.clicked.connect(self.compare)
        QShortcut(QKeySequence("Ctrl+Return"), page, self.compare)

        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.paste_box, 1)
        layout.addLayout(file_row)
        layout.addWidget(self.source_error)
        layout.addWidget(buttons)
        return page

    def _instrument_edited(self, _text: str) -> None:
        self._instrument_typed = True

    def chosen_instrument(self) -> str | None:
        """The instrument chosen: the list's entry whose text is in the box (typed or picked)."""
        text = self.instrument.currentText().strip()
        index = self.instrument.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            return None
        code = self.instrument.itemData(index)
        return str(code) if code else None

    def choose_instrument(self, code: str) -> None:
        index = self.instrument.findData(code)
        if index >= 0:
            self.instrument.setCurrentIndex(index)

    def status_day(self) -> dt.date | None:
        """The day the officer gave, or None for "as the table says"."""
        value = self.status_date.date()
        if value == _NOT_GIVEN:
            return None
        return dt.date(value.year(), value.month(), value.day())

    def choose_file(self) -> None:
        path = dialogs.open_file(self, "Open a status table", FILE_FILTER)
        if path is None:
            return
        self.set_file(path)

    def set_file(self, path: Path | None) -> None:
        """Use this file instead of the paste (None: back to the paste)."""
        self.path = path
        self.file_label.setText(
            f"Using the file {path.name} (the paste box is not used)."
            if path
            else "No file chosen: the pasted table is used."
        )
        self._hide_error()
        if path is not None:
            from coopdesk.treaty_status.reading import read_status_file
            from coopdesk.treaty_status.table import TableRefused

            with contextlib.suppress(TableRefused):  # said when compared
                self._offer_guess(read_status_file(path))

    def _paste_changed(self) -> None:
        if self.path is not None and self.paste_box.toPlainText().strip():
            self.set_file(None)
        self._hide_error()
        self._guess_timer.start()

    def _guess_from_paste(self) -> None:
        from coopdesk.treaty_status.reading import read_pasted
        from coopdesk.treaty_status.table import TableRefused

        text = self.paste_box.toPlainText()
        if not text.strip():
            return
        with contextlib.suppress(TableRefused):  # said when compared
            self._offer_guess(read_pasted(text))

    def _offer_guess(self, table: StatusTable) -> None:
        """Choose the instrument the page's title names, unless the officer chose one; show its date."""
        from coopdesk.treaty_status.guess import guess_instrument

        guessed = guess_instrument(table.title_text, ((c, t) for c, _s, t in self._instruments))
        notes = []
        if guessed is not None:
            name = next((s or t for c, s, t in self._instruments if c == guessed), guessed)
            notes.append(f"The table's title names the {name}.")
            if not self._instrument_typed or self.chosen_instrument() is None:
                self.choose_instrument(guessed)
        if table.status_as_at is not None:
            notes.append(f"It shows the status as at {table.status_as_at.day} {table.status_as_at:%B %Y}.")
        self.guess_label.setText(" ".join(notes))
        self.guess_label.setVisible(bool(notes))

    def compare(self) -> None:
        """Read the table and compare it with the records, in a worker; the differences page follows."""
        if self.task is not None and not self.task.done:
            return
        instrument = self.chosen_instrument()
        if instrument is None:
            self._show_error(
                "Choose the instrument this table belongs to: type part of its name in Instrument."
            )
            self.instrument.setFocus()
            return
        path, text, day, db = self.path, self.paste_box.toPlainText(), self.status_day(), self.db

        def work(_progress: Progress) -> Reconciliation:
            from coopdesk.treaty_status.reading import read_pasted, read_status_file
            from coopdesk.treaty_status.reconcile import reconcile

            table = read_status_file(path) if path is not None else read_pasted(text)
            return reconcile(db, instrument, table, day)

        self.compare_button.setEnabled(False)
        self.task = run_task(
            self, "Comparing the table with the records", work, self._compared, self._not_compared
        )

    def _compared(self, result: Reconciliation) -> None:
        self.compare_button.setEnabled(True)
        self.show_differences(result)

    def _not_compared(self, exc: BaseException) -> None:
        from coopdesk.treaty_status.table import TableRefused

        self.compare_button.setEnabled(True)
        if isinstance(exc, TableRefused) and "which day" in str(exc):
            self._show_error(f"{exc} Set 'Status as at' above.")
            self.status_date.setFocus()
            return
        self._show_error(str(exc) if isinstance(exc, TableRefused) else describe_error(exc))

    def _show_error(self, text: str) -> None:
        self.source_error.setText(text)
        self.source_error.show()

    def _hide_error(self) -> None:
        self.source_error.hide()

    # ================================================================== page 2: the differences

    def _differences_page(self) -> QWidget:
        page = QWidget()
        self.headline = QLabel("")
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.filters: dict[DiffKind, QCheckBox] = {}
        filter_row = QHBoxLayout()
        self.show_label = QLabel("Show:")
        filter_row.addWidget(self.show_label)
        for kind in FILTER_KINDS:
            box = QCheckBox(kind.value)
            box.setObjectName(f"filter-{kind.name.lower()}")
            box.setChecked(kind is not DiffKind.SAME)
            box.toggled.connect(self._filter_changed)
            self.filters[kind] = box
            filter_row.addWidget(box)
        self.signature_only = QCheckBox("Signature only")
        self.signature_only.setObjectName("filter-signature-only")
        self.signature_only.setToolTip("Only the States the table shows as signatories, not parties")
        self.signature_only.toggled.connect(self._filter_changed)
        filter_row.addSpacing(12)
        filter_row.addWidget(self.signature_only)
        filter_row.addStretch(1)

        self.model = DifferenceModel(self)
        self.model.taken_changed.connect(self._taken_changed)
        self.view = QTableView()
        self.view.setObjectName("differences")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        metrics = self.fontMetrics()
        widths = {
            TAKE: metrics.horizontalAdvance("Take") + 24,
            STATE: metrics.horizontalAdvance("Bolivia (Plurinational State of)") + 16,
            LINE: metrics.horizontalAdvance("Line") + 16,
            KIND: metrics.horizontalAdvance("Only in the records: consent") + 16,
            TABLE: metrics.horizontalAdvance("Acceptance (A), 25 September 2003") + 12,
            RECORDS: metrics.horizontalAdvance("Acceptance (A), 25 September 2003") + 12,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(30)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.view, self._toggle_current)
        self.problems = QListWidget()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setSpacing(3)
        self.problems.hide()

        self.tick_all = QPushButton("Tick all shown")
        self.tick_all.setObjectName("tick-all")
        self.tick_all.clicked.connect(lambda: self.model.set_all_shown_taken(True))
        self.untick_all = QPushButton("Untick all shown")
        self.untick_all.setObjectName("untick-all")
        self.untick_all.clicked.connect(lambda: self.model.set_all_shown_taken(False))
        self.taken_label = QLabel("")
        self.taken_label.setObjectName("taken")
        tick_row = QHBoxLayout()
        tick_row.addWidget(self.tick_all)
        tick_row.addWidget(self.untick_all)
        tick_row.addWidget(self.taken_label, 1)
        self.explain = QLabel("")
        self.explain.setObjectName("explain")
        self.explain.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.back_button = buttons.addButton("< &Back", QDialogButtonBox.ButtonRole.ResetRole)
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.apply_button = buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply")
        self.apply_button.clicked.connect(self._apply_clicked)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(page)
        layout.addWidget(self.headline)
        layout.addLayout(filter_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problems, 1)
        layout.addLayout(tick_row)
        layout.addWidget(self.explain)
        layout.addWidget(buttons)
        return page

    def show_differences(self, result: Reconciliation) -> None:
        self.reconciliation = result
        self.headline.setText(result.headline())
        for kind, box in self.filters.items():
            blocker = QSignalBlocker(box)
            box.setText(f"{kind.value} ({result.count(kind):,})")
            del blocker
        self.signature_only.setText(f"Signature only ({result.signature_only_count:,})")
        self.model.set_differences(result.differences)
        self._filter_changed()
        blocked = bool(result.problems)
        self.view.setVisible(not blocked)
        self.problems.setVisible(blocked)
        self.problems.clear()
        self.problems.addItems([str(p) for p in result.problems])
        for widget in (
            self.tick_all,
            self.untick_all,
            self.taken_label,
            *self.filters.values(),
            self.signature_only,
            self.show_label,
        ):
            widget.setVisible(not blocked)
        if blocked:
            self.explain.setText(
                "Fix these problems in the table (or choose the right instrument) and compare again; "
                "nothing was changed."
            )
        else:
            self.explain.setText(
                "Nothing has been changed yet. Apply takes the ticked rows in one step (Edit > Undo takes them "
                "back); each new or corrected treaty action names this table as its source. What only the "
                "records show is never deleted."
            )
        self._taken_changed()
        self.pages.setCurrentIndex(1)
        self.view.setFocus()

    def _filter_changed(self) -> None:
        kinds = [kind for kind, box in self.filters.items() if box.isChecked()]
        self.model.set_filter(kinds, signature_only=self.signature_only.isChecked())

    def _taken_changed(self) -> None:
        result = self.reconciliation
        n = self.model.taken_count()
        can = sum(1 for d in result.differences if d.can_take) if result else 0
        self.taken_label.setText(f"{n:,} of {can:,} to take")
        ok = result is not None and not result.problems
        self.apply_button.setEnabled(ok and n > 0)
        self.apply_button.setText(f"&Apply {n:,}" if ok and n else "&Apply")

    def _toggle_current(self) -> None:
        index = self.view.currentIndex()
        difference = self.model.difference_at(index.row()) if index.isValid() else None
        if difference is not None and difference.can_take:
            self.model.set_taken(index.row(), not self.model.is_taken(index.row()))

    def taken(self) -> list[Difference]:
        return self.model.taken()

    def _apply_clicked(self) -> None:
        if self.reconciliation is not None and self.model.taken_count():
            self.apply_requested.emit(self.reconciliation, self.model.taken())
