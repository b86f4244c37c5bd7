"""The main window: countries on the left, the chosen country's workspace in the centre.

Extension API (``coopdesk.ui.widgets.host.WindowHost``, which this window implements), used by the record
pages and by the features listed in ``coopdesk.ui.shell.features`` (each is installed once, as the window
loads: see ``load()``, and kept in ``window.features`` by name):

- ``db``: the open ``Database``; make a ``RecordService(window.db)`` per user action.
- signals ``country_changed(str)`` (ISO alpha-3), ``as_of_changed()``, ``records_changed()`` (after any
  data change made anywhere, including undo/redo, an import or a restore) and ``page_changed()`` (the
  current page selected another record, or its unsaved state changed).
- ``current_country() -> str | None``, ``select_country(iso3)``, ``as_of() -> date`` (toolbar date, default
  today), ``refresh()`` (reload everything from the database), ``menu(name) -> QMenu`` for "file", "edit",
  "view", "country", "tools", "help", ``add_workspace_page(title, widget, first=False)``, ``status(message)``,
  ``undo_stack`` (``QUndoStack``), ``open_database(path_or_url)`` (switch to another database),
  ``show_record(type_name, key, country)`` (bring a record into view).

Every change is committed at once through the services and pushed on ``undo_stack`` as a command.

At start-up the window is painted before it has loaded (``MainWindow(..., load_after_paint=True)``): the
first paint needs the menus, the toolbar, the sections, the search panel and the country list, which is
read without the ORM; the services, the features and the last State's workspace load just after it
(``load()``, then the ``loaded`` signal). Features are installed during ``load()``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QMenu,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from coopdesk.db.database import Database
from coopdesk.db.errors import DatabaseProblem
from coopdesk.records.country_directory import CountryDirectory
from coopdesk.records.types import RECORD_TYPES
from coopdesk.ui.shell import features, window_geometry
from coopdesk.ui.shell.country_list import CountryList
from coopdesk.ui.shell.search_panel import SearchPanel
from coopdesk.ui.shell.section_list import SectionList
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.host import FIRST_PAGE_TITLE, SelectedRecord, WindowHost
from coopdesk.ui.widgets.icons import icon
from coopdesk.ui.widgets.settings import Settings

if TYPE_CHECKING:  # loaded with the rest of the window, after its first paint (see MainWindow.loaded)
    from coopdesk.records.service import RecordService
    from coopdesk.ui.records.record_page import RecordPage
    from coopdesk.ui.widgets.tasks import TaskHandle

log = logging.getLogger(__name__)

MENU_TITLES = {
    "file": "&File",
    "edit": "&Edit",
    "view": "&View",
    "country": "&Country",
    "tools": "&Tools",
    "help": "&Help",
}


class MainWindow(WindowHost):
    #: Everything the first paint did not need has been built (see ``load``).
    loaded = Signal()

    def __init__(
        self, db: Database, settings: Settings | None = None, *, load_after_paint: bool = False
    ) -> None:
        """Build the window. With ``load_after_paint`` (the application's start), only its frame is built
        here: menus, toolbar, the country list (read without the ORM, ``CountryDirectory``), the sections
        and the search panel; the rest (services, features, the last State shown) loads just after the
        window is first painted, and ``loaded`` is emitted then. Without it, everything is built now."""
        super().__init__()
        self.db = db
        self.settings = settings or Settings()
        self.undo_stack = QUndoStack(self)
        #: The installed features by name (``coopdesk.ui.shell.features.FEATURES``), as ``install`` returned them.
        self.features: dict[str, object] = {}
        self._country: str | None = None
        self._menus: dict[str, QMenu] = {}
        self._pages: dict[str, RecordPage] = {}  # the pages built so far
        self._slots: dict[str, _PageSlot] = {}  # stand-ins for the pages not built yet
        self._open_task: TaskHandle[tuple[Database, list[str]]] | None = None
        self._icon_names: dict[QAction, str] = {}
        self._loaded = False
        self._load_when_painted = load_after_paint
        self.setObjectName("MainWindow")
        self.setWindowIcon(icon("coopdesk"))
        self.setMinimumSize(720, 480)

        self.countries = CountryList(CountryDirectory(db))
        self.countries.setMinimumWidth(150)
        self.workspace = QTabWidget()
        self.workspace.setObjectName("workspace")
        self.workspace.setAccessibleName("Country workspace")
        self.workspace.setDocumentMode(True)
        self.workspace.tabBar().hide()  # the section list beside it chooses the page
        self.sections = SectionList()
        self.sections.setMinimumWidth(120)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.countries)
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.workspace)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.search = SearchPanel(self.db, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search.dock)
        self.search.dock.hide()
        self.search.record_chosen.connect(self.show_record)
        self.search.country_chosen.connect(self.select_country)

        # A record page is built when it is first shown (or asked for): a window that opens on the
        # Overview does not pay for ten tables and forms at start-up. The Overview's own place is kept
        # from the start, so the sections do not move when it arrives with the features.
        self._first_slot: _PageSlot | None = _PageSlot("first-page", None)
        self.workspace.addTab(self._first_slot, FIRST_PAGE_TITLE)
        self.sections.insert(0, FIRST_PAGE_TITLE, FIRST_PAGE_TITLE)
        for rtype in RECORD_TYPES.values():
            slot = _PageSlot(rtype.name, self._slot_shown)
            self._slots[rtype.name] = slot
            self.sections.insert(self.workspace.addTab(slot, rtype.plural), rtype.name, rtype.plural)
        self.workspace.currentChanged.connect(self._tab_changed)
        self.sections.section_chosen.connect(self.workspace.setCurrentIndex)
        self.sections.show_index(self.workspace.currentIndex())
        self.splitter.setSizes([230, self.sections.preferred_width, 820])
        self._current_tab = self.workspace.currentIndex()

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.statusBar().showMessage("Ready", 3000)

        QWidget.setTabOrder(self.countries.filter_edit, self.countries.view)
        QWidget.setTabOrder(self.countries.view, self.sections)
        QWidget.setTabOrder(self.sections, self.workspace)
        self.countries.country_chosen.connect(self._country_chosen)
        self.undo_stack.indexChanged.connect(lambda _i: self._update_actions())
        self.undo_stack.cleanChanged.connect(lambda _c: self._update_actions())

        self._recolour_icons()
        # a bound method: Qt drops the connection when the window goes away
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self._restore_state()
        self.countries.reload()
        last = self.settings.last_country()
        if last and self.countries.model.row_of(last) is not None:
            self.countries.select(last)  # shown chosen at once; its workspace comes with the rest
        self._update_title()
        self._update_actions()
        if load_after_paint:
            QTimer.singleShot(1000, self, self._load_after_paint)  # a window that is not painted at once
        else:
            self.load()

    def load(self) -> None:
        """Build what the first paint did not need (once): the services, the features with their pages
        and menu items, and the workspace of the State shown last. The window's own actions, a State or
        a section chosen, and the extension API call this first, so what the user does before the
        window has loaded is not lost (a feature's shortcut exists only once the feature is installed)."""
        if self._loaded:
            return
        self._loaded = True
        from coopdesk.records.service import RecordService

        self._service = RecordService(self.db)
        self._name_tool_buttons()
        self._install_features()
        if self._first_slot is not None:  # no feature took the first place
            self.sections.remove(self.workspace.indexOf(self._first_slot))
            self.workspace.removeTab(self.workspace.indexOf(self._first_slot))
            self._first_slot.deleteLater()
            self._first_slot = None
            self._current_tab = self.workspace.currentIndex()
            self.sections.show_index(self._current_tab)
        self._update_counts()
        last = self.countries.current_country()  # marked in the list at construction
        if last is not None:
            self.select_country(last)
        self._update_title()
        self._update_actions()
        self.loaded.emit()

    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def service(self) -> RecordService:
        """The services of the open database (the window loads first if it has not yet)."""
        self.load()
        return self._service

    def _after_loading(self, slot: Callable[[], object]) -> None:
        self.load()
        slot()

    def _load_after_paint(self) -> None:
        """The start's second step: after the first paint, or a second after the window was built if it
        is not painted (started minimised, on another desktop); not for a window closed meanwhile."""
        if not self.isVisible():
            return
        try:
            self.load()
        except Exception as exc:  # a bug: said plainly, with the details in the log, and the start stops
            log.error("the window could not load", exc_info=exc)
            dialogs.error(
                self,
                "coopdesk",
                f"coopdesk could not finish opening its window because of an unexpected problem "
                f"({type(exc).__name__}: {exc}). It will close now.",
            )
            QCoreApplication.exit(1)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._load_when_painted:
            self._load_when_painted = False
            QTimer.singleShot(0, self, self._load_after_paint)  # once this paint has reached the screen

    # ================================================================== extension API

    def current_country(self) -> str | None:
        return self._country

    def select_country(self, iso3: str) -> bool:
        """Show a State's workspace; False if the user kept unsaved changes instead."""
        self.load()
        if iso3 == self._country:
            self.countries.select(iso3)
            return True
        if not self._confirm_leave():
            self.countries.select(self._country)
            return False
        self._country = iso3
        self.countries.select(iso3)
        for page in self._pages.values():
            page.set_country(iso3, load=page is self.workspace.currentWidget())
        self.settings.set_last_country(iso3)
        self._update_counts()
        self._update_title()
        self._update_actions()
        self.country_changed.emit(iso3)
        return True

    def as_of(self) -> dt.date:
        value = self.as_of_edit.date()
        return dt.date(value.year(), value.month(), value.day())

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_edit.setDate(QDate(day.year, day.month, day.day))

    def refresh(self) -> None:
        """Reload everything from the database (after an import, a restore or a database switch)."""
        self.load()
        self.countries.reload()
        self._reload_pages()
        self._update_counts()
        self._update_actions()

    def built_pages(self) -> list[RecordPage]:
        """The record pages built so far (the others hold nothing yet: no selection, no unsaved typing)."""
        return list(self._pages.values())

    def _reload_pages(self) -> None:
        """The page in front reads its records again now, the others when next shown; a page with unsaved
        typing keeps it (it is read again once saved or reverted)."""
        for page in self._pages.values():
            if page is self.workspace.currentWidget() and not page.is_dirty():
                page.reload()
            else:
                page.mark_stale()

    def menu(self, name: str) -> QMenu:
        try:
            return self._menus[name]
        except KeyError:
            raise KeyError(f"There is no menu {name!r}; use one of {', '.join(MENU_TITLES)}") from None

    def quit_action(self) -> QAction | None:
        return self.act_quit

    def add_workspace_page(self, title: str, widget: QWidget, *, first: bool = False) -> int:
        """Add a page to the country workspace (the Overview goes first, in the place kept for it from
        the window's first paint); returns its tab index."""
        key = widget.objectName() or title
        if first and self._first_slot is not None:
            slot, self._first_slot = self._first_slot, None
            current = self.workspace.currentIndex()  # the page shown stays: the same index, or this one
            blocker = QSignalBlocker(self.workspace)
            self.workspace.removeTab(0)
            index = self.workspace.insertTab(0, widget, title)
            self.workspace.setCurrentIndex(current)
            del blocker
            self.sections.rename(0, key, title)
            slot.deleteLater()
        elif first:
            index = self.workspace.insertTab(0, widget, title)
            self.sections.insert(0, key, title)
            self.workspace.setCurrentIndex(0)
        else:
            index = self.workspace.addTab(widget, title)
            self.sections.insert(index, key, title)
        self._current_tab = self.workspace.currentIndex()
        self.sections.show_index(self._current_tab)
        return index

    def status(self, message: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def page(self, type_name: str) -> RecordPage:
        """The workspace page of one record type, built if it was not yet and up to date."""
        self.load()
        page = self._pages.get(type_name) or self._build_page(type_name)
        page.ensure_loaded()
        return page

    def _slot_shown(self, type_name: str) -> None:
        if type_name in self._slots and self.workspace.currentWidget() is self._slots[type_name]:
            self.page(type_name)
            self._update_actions()

    def _build_page(self, type_name: str) -> RecordPage:
        """Put the real page where its stand-in was, at the same index, without moving the current tab."""
        from coopdesk.ui.records.record_page import RecordPage

        slot = self._slots.pop(type_name)
        page = RecordPage(self, RECORD_TYPES[type_name])
        self._pages[type_name] = page
        index = self.workspace.indexOf(slot)
        current = self.workspace.currentIndex()
        blocker = QSignalBlocker(self.workspace)
        self.workspace.removeTab(index)
        self.workspace.insertTab(index, page, RECORD_TYPES[type_name].plural)
        self.workspace.setCurrentIndex(current)
        del blocker
        slot.deleteLater()
        if self._country is not None:
            page.set_country(self._country, load=page is self.workspace.currentWidget())
        return page

    def current_page(self) -> RecordPage | None:
        """The record page in front, if it is one (a page not built yet is about to be, when shown)."""
        return self._page_of(self.workspace.currentWidget())

    def selected_countries(self) -> list[str]:
        return self.countries.selected_countries()

    def add_country_action(self, action: QAction) -> None:
        view = self.countries.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addAction(action)

    def selected_record(self) -> SelectedRecord | None:
        page = self.current_page()
        record = page.current if page is not None else None
        if page is None or record is None:
            return None
        return SelectedRecord(page.rtype.name, str(record.key), page.current_description())

    def _page_of(self, widget: QWidget | None) -> RecordPage | None:
        """The record page that ``widget`` is, if it is one."""
        return next((page for page in self._pages.values() if page is widget), None)

    def show_record(self, type_name: str, key: str, country: str | None) -> None:
        """Bring a record into view: its country, its tab, its row."""
        if country and not self.select_country(country):
            return
        if type_name not in RECORD_TYPES:
            return
        page = self.page(type_name)
        if not self._show_page(page):
            return
        page.select_key(key)

    def open_database(
        self,
        path_or_url: str | Path,
        *,
        create: bool = False,
        read_only: bool = False,
        take_over: bool = False,
    ) -> TaskHandle[tuple[Database, list[str]]] | None:
        """Switch to another database, opened off the GUI thread as at start-up (``open_for_gui``): its
        integrity checked, the single-writer lock taken, a backup before a schema upgrade. A file held by
        another coopdesk or a damaged one is asked about in plain words, and opened again as chosen."""
        self.load()
        if not self._confirm_leave():
            return None
        from coopdesk.db.lock import DatabaseLocked
        from coopdesk.records.record import ServiceError
        from coopdesk.safety.opening import DamagedDatabase, open_for_gui
        from coopdesk.ui.safety.lock_dialogs import ask_about_lock, offer_backup, show_open_warnings
        from coopdesk.ui.widgets.tasks import describe_error, run_task

        target = str(path_or_url)

        def work(_progress: object) -> tuple[Database, list[str]]:
            return open_for_gui(target, create=create, read_only=read_only, take_over=take_over)

        def done(opened: tuple[Database, list[str]]) -> None:
            db, warnings = opened
            self._switch_to(db, target)
            show_open_warnings(self, warnings)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DatabaseLocked):
                choice = ask_about_lock(self, exc)
                if choice is not None:
                    self.open_database(
                        target, read_only=choice == "read_only", take_over=choice == "take_over"
                    )
            elif isinstance(exc, DamagedDatabase):
                if offer_backup(self, exc):
                    self.open_database(target)
            elif isinstance(exc, DatabaseProblem | ServiceError | OSError):
                dialogs.error(self, "Open database", describe_error(exc))
            else:
                dialogs.error(
                    self, "Open database", f"{target} could not be opened ({type(exc).__name__}: {exc})."
                )

        self._open_task = run_task(self, f"Opening {Path(target).name}", work, done, failed)
        return self._open_task

    # ================================================================== building

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence | str] | None = None,
        *,
        tip: str = "",
        icon_name: str = "",
        needs_loading: bool = True,
    ) -> QAction:
        """A window action; unless ``needs_loading`` is False, it loads the window first (an action taken
        between the first paint and the load is not lost)."""
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if icon_name:
            self._icon_names[action] = icon_name  # drawn once by _recolour_icons
        shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = text.replace("&", "").rstrip(".…")
        action.setToolTip(f"{tip or plain} ({shortcut_text})" if shortcut_text else (tip or plain))
        action.setStatusTip(tip or plain)
        if needs_loading:
            action.triggered.connect(lambda _checked=False: self._after_loading(slot))
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_new_db = self._action("&New database…", self._new_database, ["Ctrl+Shift+N"])
        self.act_open_db = self._action(
            "&Open database…", self._open_database_dialog, ["Ctrl+O"], icon_name="open"
        )
        self.act_quit = self._action("&Quit", self.close, ["Ctrl+Q"], needs_loading=False)
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self._icon_names[self.act_undo] = "undo"
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self._icon_names[self.act_redo] = "redo"
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_new = self._action(
            "&New record", self._new_record, ["Ctrl+N"], tip="Add a record of this kind", icon_name="new"
        )
        self.act_duplicate = self._action(
            "&Duplicate record",
            self._duplicate_record,
            ["Ctrl+D"],
            tip="Start a new record from this one",
            icon_name="duplicate",
        )
        self.act_delete = self._action(
            "De&lete record…",
            self._delete_record,
            ["Ctrl+Delete"],
            tip="Delete this record",
            icon_name="delete",
        )
        self.act_save = self._action(
            "&Save record", self._save_record, ["Ctrl+S"], tip="Save this record", icon_name="save"
        )
        self.act_revert = self._action(
            "Re&vert changes",
            self._revert_record,
            ["Ctrl+R"],
            tip="Forget unsaved changes",
            icon_name="revert",
        )
        self.act_search = self._action(
            "&Search everywhere…",
            self._focus_search,
            ["Ctrl+F", "Ctrl+K"],
            tip="Search all records and countries",
            icon_name="search",
        )
        self.act_filter = self._action(
            "&Choose country…", self._focus_country_filter, ["Ctrl+L"], tip="Filter the list of countries"
        )
        self.act_refresh = self._action(
            "&Reload",
            self.refresh,
            ["F5"],
            tip="Read everything again from the database",
            icon_name="refresh",
        )
        self.act_next_country = self._action("&Next country", lambda: self._step_country(1), ["Alt+Down"])
        self.act_prev_country = self._action("&Previous country", lambda: self._step_country(-1), ["Alt+Up"])
        self.act_as_of_today = self._action(
            "As of &today", self._as_of_today, ["Ctrl+T"], tip="Show facts as of today"
        )
        self.act_about = self._action("&About coopdesk", self._about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for name, title in MENU_TITLES.items():
            self._menus[name] = bar.addMenu(title)
        file_menu = self._menus["file"]
        file_menu.addAction(self.act_new_db)
        file_menu.addAction(self.act_open_db)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        self._file_quit_separator = file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = self._menus["edit"]
        edit.addAction(self.act_undo)
        edit.addAction(self.act_redo)
        edit.addSeparator()
        for action in (self.act_new, self.act_duplicate, self.act_save, self.act_revert, self.act_delete):
            edit.addAction(action)
        edit.addSeparator()
        edit.addAction(self.act_search)
        view = self._menus["view"]
        view.addAction(self.act_refresh)
        view.addAction(self.search.dock.toggleViewAction())
        country = self._menus["country"]
        for action in (self.act_filter, self.act_next_country, self.act_prev_country, self.act_as_of_today):
            country.addAction(action)
        self._menus["help"].addAction(self.act_about)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar")
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in (self.act_new, self.act_duplicate, self.act_save, self.act_revert, self.act_delete):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.act_undo)
        bar.addAction(self.act_redo)
        bar.addSeparator()
        bar.addAction(self.act_search)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        as_of_label = QLabel("As of ")
        self.as_of_edit = QDateEdit(QDate.currentDate())
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("d MMMM yyyy")
        self.as_of_edit.setAccessibleName("As of date")
        self.as_of_edit.setToolTip("Facts are shown as they stood on this date (Ctrl+T: today)")
        self.as_of_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("30 September 2009") + 48)
        as_of_label.setBuddy(self.as_of_edit)
        bar.addWidget(as_of_label)
        bar.addWidget(self.as_of_edit)
        self.as_of_edit.dateChanged.connect(lambda _d: self.as_of_changed.emit())
        self.addToolBar(bar)
        self.toolbar = bar

    def _name_tool_buttons(self) -> None:
        """Give the toolbar's buttons their actions' names for screen readers (after the first paint:
        reaching the buttons from Python is the toolbar's largest cost, and nothing of it is seen)."""
        for action in self.toolbar.actions():
            widget = self.toolbar.widgetForAction(action)
            if widget is not None and action.text():
                widget.setAccessibleName(action.text().replace("&", "").rstrip(".…"))

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self._recolour_icons()

    def _recolour_icons(self) -> None:
        """Icons are drawn in the palette's text colour: redraw them when light/dark changes."""
        for action, name in self._icon_names.items():
            action.setIcon(icon(name))

    def _install_features(self) -> None:
        for name, install in features.FEATURES:
            self.features[name] = install(self)

    # ================================================================== state

    def _restore_state(self) -> None:
        window_geometry.place(self, self.settings.geometry("main"))  # sized to the screen, or as left
        splitter = self.settings.geometry("main-splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        state = self.settings.geometry("main-state")
        if state is not None:
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_geometry("main-splitter", self.splitter.saveState())
        self.settings.set_geometry("main-state", self.saveState())
        for page in self._pages.values():
            page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_leave():
            event.ignore()
            return
        self.save_state()
        self._load_when_painted = False
        event.accept()

    # ================================================================== reacting

    def _confirm_leave(self) -> bool:
        """Ask about unsaved changes in any page; False if the user wants to stay."""
        return all(page.maybe_leave() for page in self._pages.values())

    def _country_chosen(self, iso3: str) -> None:
        self.select_country(iso3)

    def _tab_changed(self, index: int) -> None:
        self.load()  # which may add or remove pages: the current index is read again
        index = self.workspace.currentIndex()
        previous = self._page_of(self.workspace.widget(self._current_tab) if self._current_tab >= 0 else None)
        leaving = previous is not None and previous is not self.workspace.widget(index)
        if leaving and previous is not None and not previous.maybe_leave():
            blocker = QSignalBlocker(self.workspace)
            self.workspace.setCurrentIndex(self._current_tab)
            del blocker
            self.sections.show_index(self._current_tab)
            return
        self._current_tab = index
        self.sections.show_index(index)
        shown = self.workspace.widget(index)
        page = self._page_of(shown)
        if isinstance(shown, _PageSlot) and shown.type_name in self._slots:
            self.page(shown.type_name)
        elif page is not None:
            page.ensure_loaded()
        self._update_actions()

    def _show_page(self, page: RecordPage) -> bool:
        if self.workspace.currentWidget() is not page:
            self.workspace.setCurrentWidget(page)
        return self.workspace.currentWidget() is page

    def record_committed(self, type_name: str, key: str, country: str | None) -> None:
        """After a save, create, delete, undo or redo: reload, show the record, tell the features."""
        page = None
        if type_name in RECORD_TYPES:
            page = self._pages.get(type_name) or self._build_page(type_name)
        else:  # a catalogue entry: names and drop-downs of the built pages may have changed
            for built in self._pages.values():
                built.refresh_choices()
            self._reload_pages()
        if country and country != self._country:
            self.select_country(country)
        elif page is not None:
            page.reload(select=key)
        if page is not None:
            self._show_page(page)
            if page.model.row_of(key) is not None:
                page.select_key(key)
        self._after_change()

    def page_typed_in(self) -> None:
        """The form in front was typed in: Save follows whether it can save (a date may have just become
        valid or invalid). Cheaper than ``page_state_changed``, which also tells the features."""
        self._update_actions()

    def page_state_changed(self) -> None:
        """A page's selection or unsaved state changed: enable the right actions, tell the features."""
        self._update_actions()
        self.page_changed.emit()

    def _update_counts(self) -> None:
        counts = self.service.counts_for_country(self._country) if self._country else {}
        self.sections.set_counts({name: counts.get(name, 0) for name in RECORD_TYPES})

    def _after_change(self) -> None:
        self._update_counts()
        self.countries.reload()
        self._update_actions()
        self.records_changed.emit()

    def _update_actions(self) -> None:
        page = self.current_page()
        has_country = self._country is not None
        self.act_new.setEnabled(page is not None and has_country and page.can_create())
        self.act_duplicate.setEnabled(page is not None and page.has_current())
        self.act_delete.setEnabled(page is not None and page.has_current())
        # as the form's own Save and Revert buttons
        self.act_save.setEnabled(page is not None and page.can_save())
        self.act_revert.setEnabled(page is not None and page.can_revert())

    def _update_title(self) -> None:
        name = ""
        if self._country:
            row = self.countries.model.row_of(self._country)
            name = self.countries.model.row_at(row).name if row is not None else self._country
        parts = [p for p in (name, self.db.display_name) if p]
        self.setWindowTitle(" — ".join([*parts, "coopdesk"]))
        self.workspace.setEnabled(self._country is not None)

    # ================================================================== actions

    def _new_record(self) -> None:
        page = self.current_page()
        if page is not None and page.maybe_leave():
            page.start_new()

    def _duplicate_record(self) -> None:
        page = self.current_page()
        if page is not None and page.maybe_leave():
            page.duplicate()

    def _delete_record(self) -> None:
        page = self.current_page()
        if page is not None:
            page.delete_current()

    def _save_record(self) -> None:
        page = self.current_page()
        if page is not None:
            page.save()

    def _revert_record(self) -> None:
        page = self.current_page()
        if page is not None:
            page.revert()

    def _focus_search(self) -> None:
        self.search.open()

    def _focus_country_filter(self) -> None:
        self.countries.filter_edit.setFocus()
        self.countries.filter_edit.selectAll()

    def _step_country(self, step: int) -> None:
        model = self.countries.model
        if model.rowCount() == 0:
            return
        row = model.row_of(self._country) if self._country else None
        target = 0 if row is None else max(0, min(model.rowCount() - 1, row + step))
        self.select_country(model.row_at(target).iso3)

    def _as_of_today(self) -> None:
        self.set_as_of(dt.date.today())

    def _about(self) -> None:
        from coopdesk.ui.shell.about_dialog import AboutDialog

        dialog = AboutDialog(self.db, self.settings, self)
        dialog.show()
        self.about_dialog = dialog

    # ================================================================== databases

    def _new_database(self) -> None:
        path = dialogs.save_file(self, "New database", "coopdesk databases (*.sqlite)", "coopdesk.sqlite")
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        if path.exists():
            dialogs.warn(self, "New database", f"{path} already exists; choose Open database to use it.")
            return
        self.open_database(path, create=True)

    def _open_database_dialog(self) -> None:
        path = dialogs.open_file(self, "Open database", "coopdesk databases (*.sqlite *.db);;All files (*)")
        if path is not None:
            self.open_database(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_databases()
        for target in recent:
            action = self.recent_menu.addAction(target)
            action.triggered.connect(lambda _checked=False, t=target: self.open_database(t))
        if not recent:
            empty = self.recent_menu.addAction("(none yet)")
            empty.setEnabled(False)

    def _switch_to(self, db: Database, target: str) -> None:
        from coopdesk.records.service import RecordService

        old = self.db
        self.db = db
        self._service = RecordService(db)
        self.undo_stack.clear()
        self.countries.set_directory(CountryDirectory(db))
        self.search.set_database(db)
        for page in self._pages.values():
            page.set_database(db)
        self._country = None
        for page in self._pages.values():
            page.set_country(None)
        self.settings.add_recent_database(str(db.path) if db.path else target)
        if old is not db:
            old.dispose()
        self.refresh()
        self._update_title()
        self.status(f"Opened {db.display_name}")
        self.records_changed.emit()
        self.offer_demo()

    def offer_demo(self) -> None:
        """On an empty database open for changes, offer the demo data (Belarus, 2009)."""
        if self.db.read_only or self.countries.total_records():  # read with the list a moment ago
            return
        if not dialogs.ask_yes_no(
            self,
            "Empty database",
            "This database holds no records yet. Load the demo data (Belarus, as of October 2009) to try "
            "coopdesk?",
        ):
            return

        def work(_progress: object) -> list[str | None]:
            from coopdesk.records.demo import load_demo

            return [r.country for r in load_demo(self.db)]

        def done(countries: list[str | None]) -> None:
            self.refresh()
            self.records_changed.emit()
            shown = next((c for c in countries if c), None)  # the State the demo data is about
            if shown is not None:
                self.select_country(shown)
            self.status(f"Loaded {len(countries)} demo records.")

        from coopdesk.ui.widgets.tasks import run_task

        run_task(self, "Loading the demo data", work, done)


class _PageSlot(QWidget):
    """Stands where a record page will be until that page is first needed."""

    def __init__(self, type_name: str, shown: Callable[[str], None] | None) -> None:
        super().__init__()
        self.type_name = type_name
        self.setObjectName(f"slot-{type_name}")
        self._shown = shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Not from inside the show event: building the page replaces this widget in the tab widget.
        if self._shown is not None:
            shown = self._shown
            QTimer.singleShot(0, self, lambda: shown(self.type_name))


def set_desktop_identity() -> None:
    """Let the desktop (Wayland in particular) match the window to coopdesk.desktop and its icon."""
    QGuiApplication.setDesktopFileName("coopdesk")
