"""The Overview page, the treaty matrix and the catalogue window, plugged into the main window.

Overview: the first page of the country workspace (View > Overview, Ctrl+1). View > Treaty matrix (Ctrl+M)
and Tools > Catalogue... (Ctrl+Shift+C) open their own windows. All three follow the window's country,
as-of date and record changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from coopdesk.ui.overview.overview_page import OverviewPage
from coopdesk.ui.widgets.host import FIRST_PAGE_TITLE, WindowHost

# The matrix and the catalogue window are imported when first opened, not at start-up.
if TYPE_CHECKING:
    from coopdesk.ui.catalogue.catalogue_window import CatalogueWindow
    from coopdesk.ui.overview.matrix_view import MatrixView


class OverviewFeature:
    """The page, the actions and the windows they open; one per main window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.page = OverviewPage(window.db)
        self.page.setObjectName("overview")
        self.page.set_as_of(window.as_of())
        window.add_workspace_page(FIRST_PAGE_TITLE, self.page, first=True)
        self.matrix: MatrixView | None = None
        self.catalogue: CatalogueWindow | None = None

        self.overview_action = self._action("&Overview", "Ctrl+1", "Show the overview of this country")
        self.overview_action.triggered.connect(self.show_overview)
        self.matrix_action = self._action(
            "Treaty &matrix…", "Ctrl+M", "Every State against the instruments of a set, on the as-of date"
        )
        self.matrix_action.triggered.connect(self.open_matrix)
        self.catalogue_action = self._action(
            "&Catalogue…",
            "Ctrl+Shift+C",
            "Edit instruments, sets, bodies, meetings, countries and the profile",
        )
        self.catalogue_action.triggered.connect(self.open_catalogue)
        view = window.menu("view")
        if view.actions():
            first = view.actions()[0]
            view.insertAction(first, self.overview_action)
            view.insertAction(first, self.matrix_action)
            view.insertSeparator(first)
        else:
            view.addAction(self.overview_action)
            view.addAction(self.matrix_action)
        window.menu("tools").addAction(self.catalogue_action)

        self.page.type_chosen.connect(self._show_type)
        window.country_changed.connect(self._country_changed)
        window.as_of_changed.connect(self._as_of_changed)
        window.records_changed.connect(self._records_changed)
        if window.current_country():
            self.page.set_country(window.current_country())

    def _action(self, text: str, keys: str, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(f"{tip} ({keys})")
        action.setStatusTip(tip)
        self.window.addAction(action)
        return action

    # ------------------------------------------------------------------ following the window

    def _country_changed(self, iso3: str) -> None:
        self.page.set_country(iso3)
        if self.matrix is not None:
            self.matrix.set_country(iso3)

    def _as_of_changed(self) -> None:
        as_of = self.window.as_of()
        self.page.set_as_of(as_of)
        if self.matrix is not None:
            self.matrix.set_as_of(as_of)

    def _records_changed(self) -> None:
        """After any committed change, or after another database was opened."""
        if self.page.db is not self.window.db:
            self._database_switched()
            return
        self.page.reload()
        if self.matrix is not None and self.matrix.isVisible():
            self.matrix.reload()

    def _database_switched(self) -> None:
        self.page.set_database(self.window.db)
        self.page.set_country(self.window.current_country())
        for other in (self.matrix, self.catalogue):
            if other is not None:
                other.close()
                other.deleteLater()
        self.matrix = None
        self.catalogue = None

    def _catalogue_changed(self) -> None:
        """The window's pages, country list and this page follow through ``record_committed`` (which
        also keeps any unsaved typing); the matrix names instruments and States, so it reads again."""
        if self.matrix is not None:
            self.matrix.reload()

    # ------------------------------------------------------------------ actions

    def show_overview(self) -> None:
        self.window.workspace.setCurrentWidget(self.page)

    def _show_type(self, type_name: str) -> None:
        self.window.workspace.setCurrentWidget(self.window.page(type_name))

    def open_matrix(self) -> MatrixView:
        if self.matrix is None:
            from coopdesk.ui.overview.matrix_view import MatrixView

            settings = self.window.settings
            self.matrix = MatrixView(
                self.window.db, self.window.as_of(), self.window, set_code=settings.last_instrument_set()
            )
            self.matrix.set_combo.currentIndexChanged.connect(
                lambda _i: settings.set_last_instrument_set(self.matrix.set_code() if self.matrix else "")
            )
            self.matrix.setWindowFlag(Qt.WindowType.Window, True)
            self.matrix.resize(1200, 700)
            self.matrix.set_country(self.window.current_country())
            self.matrix.marked.connect(lambda _checks: self._matrix_marked())
            self.matrix.reload()
        else:
            self.matrix.set_as_of(self.window.as_of())
        self.matrix.show()
        self.matrix.raise_()
        self.matrix.activateWindow()
        return self.matrix

    def _matrix_marked(self) -> None:
        """Completeness checks were added from the matrix: the window's counts and pages follow."""
        self.window.refresh()
        self.window.records_changed.emit()

    def open_catalogue(self) -> CatalogueWindow:
        if self.catalogue is None:
            from coopdesk.ui.catalogue.catalogue_window import CatalogueWindow

            self.catalogue = CatalogueWindow(self.window.db, self.window)
            self.catalogue.catalogue_changed.connect(self._catalogue_changed)
        self.catalogue.show()
        self.catalogue.raise_()
        self.catalogue.activateWindow()
        return self.catalogue


def install(window: WindowHost) -> OverviewFeature:
    return OverviewFeature(window)
