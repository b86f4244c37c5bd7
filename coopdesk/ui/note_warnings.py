"""The draft's list of what the note left out, under the note: each point with why, and the action that
would settle it (mark an area complete, give a record a date, bring a status up to date)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.note_gaps import MARK_COMPLETE, DraftWarning

WARNING_ROLE = Qt.ItemDataRole.UserRole


class NoteWarnings(QGroupBox):
    """What the draft left out. ``mark_complete_requested(warning)`` and ``record_requested(warning)``
    when the officer asks for the action that settles a point (its button, or a double-click)."""

    mark_complete_requested = Signal(object)
    record_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note-warnings")
        self.warnings: list[DraftWarning] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("note-warnings-list")
        self.tree.setAccessibleName("Left out of the note")
        self.tree.setHeaderLabels(["About", "Left out, and why", "To settle it"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 220)
        self.empty = QLabel(
            "Nothing left out: every negative sentence rests on a completeness check covering the note's "
            "date, every record is placed in time, and no status has outlived its dates."
        )
        self.empty.setObjectName("note-warnings-empty")
        self.empty.setWordWrap(True)
        self.mark_button = QPushButton("&Mark complete…")
        self.mark_button.setObjectName("note-warnings-mark")
        self.mark_button.setToolTip("Say that this area of the records was checked complete, and when")
        self.open_button = QPushButton("Open the recor&d")
        self.open_button.setObjectName("note-warnings-open")
        self.open_button.setToolTip("Show the record in the main window, to give it a date or a new status")
        self.mark_button.clicked.connect(self._mark)
        self.open_button.clicked.connect(self._open)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self._act())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.set_warnings([])

    def set_warnings(self, warnings: Sequence[DraftWarning]) -> None:
        self.warnings = list(warnings)
        self.tree.clear()
        for w in self.warnings:
            item = QTreeWidgetItem([w.subject, w.reason[:1].upper() + w.reason[1:] + ".", w.action])
            item.setData(0, WARNING_ROLE, w)
            item.setToolTip(0, w.subject)
            item.setToolTip(1, w.reason)
            self.tree.addTopLevelItem(item)
        n = len(self.warnings)
        self.setTitle(f"Left out of the note ({n})" if n else "Left out of the note")
        self.empty.setVisible(not n)
        self.tree.setVisible(bool(n))
        self.mark_button.setVisible(bool(n))
        self.open_button.setVisible(bool(n))
        if n:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def current(self) -> DraftWarning | None:
        item = self.tree.currentItem()
        value = item.data(0, WARNING_ROLE) if item is not None else None
        return value if isinstance(value, DraftWarning) else None

    def _update_buttons(self) -> None:
        w = self.current()
        self.mark_button.setEnabled(w is not None and w.area is not None)
        self.open_button.setEnabled(w is not None and w.record is not None)

    def _mark(self) -> None:
        w = self.current()
        if w is not None and w.area is not None:
            self.mark_complete_requested.emit(w)

    def _open(self) -> None:
        w = self.current()
        if w is not None and w.record is not None:
            self.record_requested.emit(w)

    def _act(self) -> None:
        w = self.current()
        if w is None:
            return
        if w.action == MARK_COMPLETE and w.area is not None:
            self.mark_complete_requested.emit(w)
        elif w.record is not None:
            self.record_requested.emit(w)
