"""The change log: every change in the database, newest first, filtered by country, record type, user
and dates (read-only). Filtering and paging happen in SQL, so it stays quick on a long history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.records.history import ChangeFilter, change_log, count_changes, name_records, users
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.ui.history.change_table_model import LOG_COLUMNS, ChangeTableModel
from coopdesk.ui.widgets.host import WindowHost

PAGE_SIZE = 500
ANY = ""


class ChangeLogWindow(QWidget):
    """A separate window over the whole database's history."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.window_ = window
        self.setObjectName("change-log")
        self.setWindowTitle("Change log")
        self.limit = PAGE_SIZE
        self.total = 0

        self.country = QComboBox()
        self.country.setObjectName("filter-country")
        self.record_type = QComboBox()
        self.record_type.setObjectName("filter-type")
        self.user = QComboBox()
        self.user.setObjectName("filter-user")
        self.since_on = QCheckBox("&From")
        self.since = _date_edit("filter-since")
        self.until_on = QCheckBox("T&o")
        self.until = _date_edit("filter-until")
        self.since.setDate(QDate.currentDate().addMonths(-1))
        self.clear_button = QPushButton("Clear filters")
        self.more_button = QPushButton("Show more")
        self.more_button.setObjectName("show-more")
        self.summary = QLabel()
        self.summary.setObjectName("change-log-summary")

        filters = QHBoxLayout()
        for label, combo, width in (
            ("&Country", self.country, 26),
            ("Record &type", self.record_type, 24),
            ("Changed &by", self.user, 14),
        ):
            combo.setMinimumContentsLength(width)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
            filters.addSpacing(10)
        filters.addStretch(1)
        dates = QHBoxLayout()
        dates.addWidget(self.since_on)
        dates.addWidget(self.since)
        dates.addSpacing(12)
        dates.addWidget(self.until_on)
        dates.addWidget(self.until)
        dates.addStretch(1)
        dates.addWidget(self.clear_button)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        self.since_on.toggled.connect(self.since.setEnabled)
        self.until_on.toggled.connect(self.until.setEnabled)

        self.model = ChangeTableModel(LOG_COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("change-log-table")
        self.table.setAccessibleName("Changes")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        samples = (
            "28/11/2026 04:30:59",
            "tester-name",
            "restored",
            "Country",
            "ratification of 1980 Nuclear",
            "Term starts (x)",
            "1 January 2010, more text",
        )
        for column, sample in enumerate(samples):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 18)

        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._fill_choices()
        for combo in (self.country, self.record_type, self.user):
            combo.currentIndexChanged.connect(self._filters_changed)
        for box in (self.since_on, self.until_on):
            box.toggled.connect(self._filters_changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.more_button.clicked.connect(self.show_more)
        window.records_changed.connect(self.reload)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        self.resize(1200, 640)
        self.reload()

    def _fill_choices(self) -> None:
        service = RecordService(self.window_.db)
        self.country.clear()
        self.country.addItem("All countries", ANY)
        for code, label in service.choices("country"):
            self.country.addItem(label, code)
        self.record_type.clear()
        self.record_type.addItem("All record types", ANY)
        for name, rtype in RECORD_TYPES.items():
            self.record_type.addItem(rtype.plural, name)
        self.user.clear()
        self.user.addItem("Anyone", ANY)
        for name in users(self.window_.db):
            self.user.addItem(name, name)

    def filters(self) -> ChangeFilter:
        return ChangeFilter(
            country=self.country.currentData() or None,
            record_type=self.record_type.currentData() or None,
            user=self.user.currentData() or None,
            since=_py_date(self.since.date()) if self.since_on.isChecked() else None,
            until=_py_date(self.until.date()) if self.until_on.isChecked() else None,
        )

    def clear_filters(self) -> None:
        for combo in (self.country, self.record_type, self.user):
            combo.setCurrentIndex(0)
        self.since_on.setChecked(False)
        self.until_on.setChecked(False)

    def _filters_changed(self, *_args: object) -> None:
        self.limit = PAGE_SIZE
        self.reload()

    def show_more(self) -> None:
        self.limit += PAGE_SIZE
        self.reload()

    def reload(self) -> None:
        filters = self.filters()
        db = self.window_.db
        self.total = count_changes(db, filters)
        self.model.set_rows(name_records(db, change_log(db, filters, limit=self.limit)))
        shown = self.model.rowCount()
        if self.total == 0:
            self.summary.setText("No change matches these filters.")
        elif shown < self.total:
            self.summary.setText(f"Showing the newest {shown:,} of {self.total:,} changes.")
        else:
            self.summary.setText(f"{self.total:,} change{'s' if self.total != 1 else ''}.")
        self.more_button.setEnabled(shown < self.total)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(QDate.currentDate())
    return edit


def _py_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
