"""The features that plug into the main window, imported by name (so mypy and the import linter see them).

Each ``install(host: WindowHost) -> object`` is called once as the window loads (``MainWindow.load``: at
construction, or just after the first paint at start-up) and returns the feature, which the window keeps in
``window.features`` under its name. A feature adds menu items (``host.menu("file")``), workspace pages
(``host.add_workspace_page``), and listens to ``country_changed``, ``as_of_changed`` and
``records_changed``. Each module is imported when it is installed, after the window's first paint.
"""

from __future__ import annotations

from collections.abc import Callable

from coopdesk.ui.widgets.host import WindowHost

Install = Callable[[WindowHost], object]


def _note(host: WindowHost) -> object:
    from coopdesk.ui.note import note_feature

    return note_feature.install(host)


def _safety(host: WindowHost) -> object:
    from coopdesk.ui.safety import safety_feature

    return safety_feature.install(host)


def _history(host: WindowHost) -> object:
    from coopdesk.ui.history import history_feature

    return history_feature.install(host)


def _overview(host: WindowHost) -> object:
    from coopdesk.ui.overview import overview_feature

    return overview_feature.install(host)


def _excel(host: WindowHost) -> object:
    from coopdesk.ui.excel import excel_feature

    return excel_feature.install(host)


def _completeness(host: WindowHost) -> object:
    from coopdesk.ui.completeness import completeness_feature

    return completeness_feature.install(host)


def _treaty_status(host: WindowHost) -> object:
    from coopdesk.ui.treaty_status import treaty_status_feature

    return treaty_status_feature.install(host)


#: (name, install), in the order the window installs them.
FEATURES: list[tuple[str, Install]] = [
    ("note", _note),
    ("safety", _safety),
    ("history", _history),
    ("overview", _overview),
    ("excel", _excel),
    ("completeness", _completeness),
    ("treaty_status", _treaty_status),
]
