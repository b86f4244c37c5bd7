"""Features that plug into the main window.

Each module named here has ``install(window: MainWindow) -> None``; the window imports it and calls it once
as it loads (``MainWindow.load``: at construction, or just after the first paint at start-up). A feature
adds menu items (``window.menu("file")``), workspace pages
(``window.add_workspace_page``), and listens to ``country_changed``, ``as_of_changed`` and
``records_changed``. Append your module's dotted name when it is ready.
"""

from __future__ import annotations

#: The title of the page a feature puts first (``add_workspace_page(..., first=True)``): the window keeps
#: its place in the list of sections from its first paint, before the features are installed.
FIRST_PAGE_TITLE = "Overview"

FEATURE_MODULES: list[str] = [
    "coopdesk.ui.note.note_feature",
    "coopdesk.ui.safety.safety_feature",
    "coopdesk.ui.records.overview_feature",
    "coopdesk.ui.excel.excel_feature",
]
