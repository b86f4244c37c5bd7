"""What a record page or a feature may ask of the main window: the window's small typed interface.

Pages and features are built with a ``WindowHost`` and speak back through its methods and signals; they
never import the main window itself, so the window (``coopdesk.ui.shell``) sits above everything it
plugs in, and no module of the window imports one that imports it back. ``MainWindow`` implements it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget, QWidget

from coopdesk.db.database import Database
from coopdesk.ui.widgets.settings import Settings

if TYPE_CHECKING:
    from coopdesk.records.service import RecordService

#: The title of the page a feature puts first (``add_workspace_page(..., first=True)``): the window keeps
#: its place in the list of sections from its first paint, before the features are installed.
FIRST_PAGE_TITLE = "Overview"


class LeavablePage(Protocol):
    """A page that may hold unsaved typing: asked before the window switches database or restores."""

    def maybe_leave(self) -> bool: ...


class SelectedRecord(NamedTuple):
    """The record selected on the page in front: its type, its key and how the page names it."""

    type_name: str
    key: str
    description: str


class WindowHost(QMainWindow):
    """The main window as pages and features see it. Signals: ``country_changed(iso3)`` when another State
    is shown, ``as_of_changed`` when the date changes, ``records_changed`` after any committed change,
    ``page_changed`` when another section is in front."""

    country_changed = Signal(str)
    as_of_changed = Signal()
    records_changed = Signal()
    page_changed = Signal()

    db: Database
    settings: Settings
    undo_stack: QUndoStack
    workspace: QTabWidget

    @property
    def service(self) -> RecordService:
        raise NotImplementedError

    def current_country(self) -> str | None:
        raise NotImplementedError

    def as_of(self) -> dt.date:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the shown State's records again (after a change made elsewhere)."""
        raise NotImplementedError

    def menu(self, name: str) -> QMenu:
        """One of the window's menus by name: "file", "edit", "country", "view", "tools", "help"."""
        raise NotImplementedError

    def quit_action(self) -> QAction | None:
        """File > Quit, so a feature can put its entries just above it."""
        raise NotImplementedError

    def add_workspace_page(self, title: str, widget: QWidget, *, first: bool = False) -> int:
        raise NotImplementedError

    def page(self, type_name: str) -> QWidget:
        """The record page of a type (built if it was not yet)."""
        raise NotImplementedError

    def built_pages(self) -> Sequence[LeavablePage]:
        raise NotImplementedError

    def show_record(self, type_name: str, key: str, country: str | None) -> None:
        """Bring a record into view: its State, its page, the record selected."""
        raise NotImplementedError

    def select_country(self, iso3: str) -> bool:
        raise NotImplementedError

    def selected_countries(self) -> list[str]:
        """The States selected in the country list (several may be), in list order."""
        raise NotImplementedError

    def add_country_action(self, action: QAction) -> None:
        """Offer an action on the country list's context menu (it applies to the States selected)."""
        raise NotImplementedError

    def selected_record(self) -> SelectedRecord | None:
        """The record selected on the record page in front, if any."""
        raise NotImplementedError

    def status(self, message: str, timeout_ms: int = 6000) -> None:
        raise NotImplementedError

    def record_committed(self, type_name: str, key: str, country: str | None) -> None:
        """A page or window committed a change: reload what shows it and select the record."""
        raise NotImplementedError

    def page_typed_in(self) -> None:
        raise NotImplementedError

    def page_state_changed(self) -> None:
        raise NotImplementedError
