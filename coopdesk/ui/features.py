"""Features that plug into the main window.

Each module named here has ``install(window: MainWindow) -> None``; the window imports it and calls it once
while it is being built. A feature adds menu items (``window.menu("file")``), workspace pages
(``window.add_workspace_page``), and listens to ``country_changed``, ``as_of_changed`` and
``records_changed``. Append your module's dotted name when it is ready.
"""

from __future__ import annotations

FEATURE_MODULES: list[str] = [
    "coopdesk.ui.note_feature",
    "coopdesk.ui.safety_feature",
    "coopdesk.ui.overview_feature",
    "coopdesk.ui.excel_feature",
]
