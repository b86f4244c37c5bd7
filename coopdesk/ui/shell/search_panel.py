"""The global search (Ctrl+F / Ctrl+K): a box and its results, updated as you type.

Queries run in SQL on a worker thread (``coopdesk.records.search``), one at a time. A keystroke starts one at
once when none is running; keys typed while a query runs stop it (its answer would be for older text),
and the latest text is searched as soon as it has stopped. Only the answer to the latest text is shown.
Activating a result (Enter or double-click) brings the country or record into view through
``record_chosen`` / ``country_chosen``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from coopdesk.db.database import Database
from coopdesk.ui.widgets import gc_guard

# The search itself (with the ORM behind it) is imported when a search first runs: the panel is part of
# the window's first paint, which comes before the ORM loads.
if TYPE_CHECKING:
    from coopdesk.records.search import SearchHit

Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Plain ``SearchHit`` rows; two lines of text per hit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._hits)) or index.column() != 0:
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title}\n{hit.detail}" if hit.detail else hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title} — {hit.detail}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}, {hit.detail}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class _Bridge(QObject):
    answered = Signal(int, object)


class _Query(QRunnable):
    def __init__(
        self, db: Database, text: str, serial: int, bridge: _Bridge, cancelled: threading.Event
    ) -> None:
        super().__init__()
        self.db, self.text, self.serial, self.bridge, self.cancelled = db, text, serial, bridge, cancelled

    def run(self) -> None:
        from coopdesk.records.search import search

        try:
            hits: object = search(self.db, self.text, cancelled=self.cancelled.is_set)
        except Exception as exc:  # shown in the panel as a plain sentence (SearchCancelled: not at all)
            hits = exc
        self.bridge.answered.emit(self.serial, hits)


class _SearchEdit(QLineEdit):
    move_down = Signal()
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QObject):
    record_chosen = Signal(str, str, object)  # type name, key, country
    country_chosen = Signal(str)
    answered = Signal()

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self._serial = 0  # counts the texts asked for; an answer is shown only for the latest
        self._running: threading.Event | None = None  # set it to stop the query that is running
        self._closed = False
        gc_guard.install(QCoreApplication.instance() or self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.answered.connect(self._finished)
        self.dock = QDockWidget("Search everywhere", parent)
        self.dock.setObjectName("search-dock")
        self.edit = _SearchEdit()
        self.edit.setPlaceholderText("Search records and countries")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Search everywhere")
        self.edit.setToolTip("Words to find in any record or country (Ctrl+F or Ctrl+K)")
        self.model = SearchResultsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Search results")
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(False)
        self.view.setSpacing(3)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel()
        self.summary.setEnabled(False)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edit)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.dock.setWidget(body)
        self.dock.setMinimumWidth(220)
        self.edit.textChanged.connect(lambda _t: self._text_changed())
        self.edit.returnPressed.connect(self._activate_first)
        self.edit.move_down.connect(self._focus_results)
        self.edit.escape.connect(self.dock.hide)
        self.view.activated.connect(self._activate)

    def set_database(self, db: Database) -> None:
        self.db = db
        self.model.set_hits([])
        self._text_changed()

    def open(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.edit.setFocus()
        self.edit.selectAll()

    def _text_changed(self) -> None:
        self._serial += 1
        if self._running is not None:
            self._running.set()  # the latest text is searched once it has stopped
            return
        self._start_latest()

    def _start_latest(self) -> None:
        if self._closed:
            return
        text = self.edit.text().strip()
        if not text:
            self.model.set_hits([])
            self.summary.setText("")
            return
        self._running = threading.Event()
        self.pool.start(_Query(self.db, text, self._serial, self._bridge, self._running))

    def _finished(self, serial: int, hits: object) -> None:
        self._running = None
        if serial != self._serial:  # the text has changed since: search the latest
            self._start_latest()
            return
        from coopdesk.records.search import SearchCancelled

        if isinstance(hits, SearchCancelled):
            return
        if isinstance(hits, Exception):
            self.model.set_hits([])
            self.summary.setText(f"The search failed: {hits}")
        else:
            assert isinstance(hits, list)
            self.model.set_hits(hits)
            self.summary.setText(
                "Nothing found" if not hits else f"{len(hits)} found — Enter opens the first"
            )
        self.answered.emit()

    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.view.setFocus()
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _activate_first(self) -> None:
        if self.model.rowCount():
            self._activate(self.model.index(0, 0))

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row())
        if hit is None:
            return
        if hit.is_country:
            self.country_chosen.emit(hit.key)
        else:
            self.record_chosen.emit(hit.type, hit.key, hit.country)

    def shutdown(self) -> None:
        self._closed = True
        if self._running is not None:
            self._running.set()
        self.pool.waitForDone(5000)
