"""The list of workspace sections (Overview, Memberships, Treaty actions, ...) with how many records each has.

Ten record types and the pages other features add do not fit in a row of tabs; a list beside the workspace
shows them all with their counts. The workspace stays a ``QTabWidget`` (tab bar hidden) so pages are added
and chosen in the usual way; this list mirrors it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget


class SectionList(QTreeWidget):
    """Emits ``section_chosen(index)`` when the user picks a section."""

    section_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAccessibleName("Sections of the country workspace")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._keys: list[str] = []
        self.preferred_width = 160  # wide enough for the longest title, set as sections are added
        self.currentItemChanged.connect(self._changed)
        self._quiet = False

    def insert(self, index: int, key: str, title: str, icon: QIcon | None = None) -> None:
        item = QTreeWidgetItem([title, ""])
        if icon is not None:
            item.setIcon(0, icon)
        item.setToolTip(0, title)
        item.setSizeHint(0, QSize(0, self.fontMetrics().height() + 12))
        self._widen_for(title)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._quiet = True
        try:
            self.insertTopLevelItem(index, item)
        finally:
            self._quiet = False
        self._keys.insert(index, key)

    def rename(self, index: int, key: str, title: str) -> None:
        """Give a section another key and title (a page that took the place kept for it)."""
        item = self.topLevelItem(index)
        if item is not None:
            item.setText(0, title)
            item.setToolTip(0, title)
            self._keys[index] = key
            self._widen_for(title)

    def _widen_for(self, title: str) -> None:
        self.preferred_width = min(
            max(self.fontMetrics().horizontalAdvance(title) + 48, self.preferred_width), 320
        )

    def remove(self, index: int) -> None:
        self._quiet = True
        try:
            self.takeTopLevelItem(index)
        finally:
            self._quiet = False
        del self._keys[index]

    def set_counts(self, counts: dict[str, int]) -> None:
        for row, key in enumerate(self._keys):
            item = self.topLevelItem(row)
            if item is not None and key in counts:
                n = counts[key]
                item.setText(1, str(n) if n else "")
                item.setToolTip(1, f"{n} recorded")

    def show_index(self, index: int) -> None:
        """Follow the workspace without emitting ``section_chosen``."""
        self._quiet = True
        try:
            item = self.topLevelItem(index)
            if item is not None:
                self.setCurrentItem(item)
        finally:
            self._quiet = False

    def _changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if self._quiet or current is None:
            return
        self.section_chosen.emit(self.indexOfTopLevelItem(current))
