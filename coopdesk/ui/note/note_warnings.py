"""The draft's list of what the note left out, under the note: each point with why, and a button for the
action that would settle it (mark an area complete, give a record a date, bring a status up to date,
complete a name the catalogue lacks in the note's language)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coopdesk.note.gaps import CHECK_WORDING, COMPLETE_CATALOGUE, MARK_COMPLETE, DraftWarning

_LANGUAGE_POINTS = frozenset({CHECK_WORDING, COMPLETE_CATALOGUE})
_EXPLAIN = (
    "The note says only what the records show. Each point below was left out of it, or is printed in "
    "another language than the note's; settle it and Redraft to let the note say more."
)
_LANGUAGE_EXPLAIN = (
    "Nothing was left out of the note, but some of it is printed in another language than the note's: "
    "complete the catalogue and Redraft, or check the wording in the draft before issuing it."
)


class WarningRow(QFrame):
    """One point: what it is about and why it was left out, read whole, with its action's button."""

    def __init__(self, warning: DraftWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warning = warning
        self.setObjectName("note-warning")
        reason = warning.reason[:1].upper() + warning.reason[1:] + "."
        self.label = QLabel(f"<b>{escape(warning.subject)}</b><br>{escape(reason)}")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(f"{warning.action}…")  # "Mark complete…", "Enter a date…", ...
        if warning.action == MARK_COMPLETE and warning.area is not None:
            self.button.setToolTip("Say that this area of the records was checked complete, and when")
        elif warning.action == COMPLETE_CATALOGUE and warning.entry is not None:
            self.button.setToolTip("Open the catalogue on this entry, to give it the name the note needs")
        else:
            self.button.setToolTip("Show the record in the main window, to correct it")
            self.button.setEnabled(warning.record is not None)
        self.button.setAccessibleName(f"{self.button.text().rstrip('…')}: {warning.subject}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)


class NoteWarnings(QGroupBox):
    """What the draft left out. ``mark_complete_requested(warning)``, ``record_requested(warning)`` and
    ``catalogue_requested(warning)`` when the officer presses the button that settles a point."""

    mark_complete_requested = Signal(object)
    record_requested = Signal(object)
    catalogue_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note-warnings")
        self.warnings: list[DraftWarning] = []
        self.rows: list[WarningRow] = []
        self.empty = QLabel(
            "Nothing left out: every negative sentence rests on a completeness check covering the note's "
            "date, every record is placed in time, and no status has outlived its dates."
        )
        self.empty.setObjectName("note-warnings-empty")
        self.empty.setWordWrap(True)
        self.explain = QLabel(_EXPLAIN)
        self.explain.setObjectName("note-warnings-explain")
        self.explain.setWordWrap(True)
        self.points = QWidget()
        self.points.setObjectName("note-warnings-list")
        self.points.setAccessibleName("Left out of the note")
        self.list_layout = QVBoxLayout(self.points)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(0)
        self.list_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.points)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.explain)
        layout.addWidget(self.scroll_area, 1)
        self.set_warnings([])

    def set_warnings(self, warnings: Sequence[DraftWarning]) -> None:
        self.warnings = list(warnings)
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for i, w in enumerate(self.warnings):
            row = WarningRow(w)
            if i:
                row.setFrameShape(QFrame.Shape.NoFrame)
            row.button.clicked.connect(lambda _checked=False, w=w: self._act(w))
            self.list_layout.insertWidget(self.list_layout.count() - 1, row)
            self.rows.append(row)
        n = len(self.warnings)
        # Points of language (a name the catalogue lacks, a text printed as typed) are not left out of the
        # note: they are in it, to check before it is issued.
        language_only = bool(n) and all(w.action in _LANGUAGE_POINTS for w in self.warnings)
        title = "To check before issuing" if language_only else "Left out of the note"
        self.setTitle(f"{title} ({n})" if n else title)
        self.explain.setText(_LANGUAGE_EXPLAIN if language_only else _EXPLAIN)
        self.empty.setVisible(not n)
        self.explain.setVisible(bool(n))
        self.scroll_area.setVisible(bool(n))

    def _act(self, warning: DraftWarning) -> None:
        if warning.action == MARK_COMPLETE and warning.area is not None:
            self.mark_complete_requested.emit(warning)
        elif warning.action == COMPLETE_CATALOGUE and warning.entry is not None:
            self.catalogue_requested.emit(warning)
        elif warning.record is not None:
            self.record_requested.emit(warning)
