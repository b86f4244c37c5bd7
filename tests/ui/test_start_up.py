"""The window's start through the real entry point, offscreen, in a fresh process: painted with its
frame and country list before the ORM models load, then loaded (the services, the features, the
Overview, the State shown last)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets.settings import Settings
from tests.helpers.gui import DialogLog, only_features, shortcut

# The real entry point, offscreen: what was loaded when the main window was first painted, and after it
# said it had loaded. The exit is immediate (os._exit): closing the window is not what is tested.
START = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from coopdesk.ui.shell import main_window

seen = {}

def state(window):
    return {
        "models": "coopdesk.db.models" in sys.modules,
        "services": "coopdesk.records.service" in sys.modules,
        "loaded": window.is_loaded(),
        "countries": window.countries.model.rowCount(),
        "sections": [window.sections.topLevelItem(i).text(0) for i in range(3)],
        "first_page": window.workspace.widget(0).objectName(),
        "chosen": window.countries.current_country(),
        "country": window.current_country(),
    }

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = state(obj)
        return False

watcher = FirstPaint()
build = main_window.MainWindow.__init__

def build_and_watch(window, *args, **kwargs):
    build(window, *args, **kwargs)
    window.installEventFilter(watcher)
    window.loaded.connect(lambda: QTimer.singleShot(0, lambda: finish(window)))

def finish(window):
    seen["loaded"] = state(window)
    print(json.dumps(seen), flush=True)
    os._exit(0)

main_window.MainWindow.__init__ = build_and_watch
from coopdesk.launcher import main
main(["--db", sys.argv[1]])
"""


def _start(db_path: Path) -> dict[str, dict[str, object]]:
    """Start coopdesk on ``db_path`` with the test's own settings folder (inherited)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", START, str(db_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,  # a window that never says it has loaded
        env=env,
    ).stdout
    result: dict[str, dict[str, object]] = json.loads(out.strip().splitlines()[-1])
    return result


def test_the_window_is_painted_with_its_country_list_before_the_models_load(
    demo_db_path: Path,
) -> None:
    seen = _start(demo_db_path)
    painted, loaded = seen["painted"], seen["loaded"]
    assert painted["models"] is False and painted["services"] is False
    assert painted["loaded"] is False
    assert painted["countries"] == 195  # every State of the shipped catalogue, already listed
    # The Overview's place is kept from the first paint: the sections do not move when it arrives.
    assert painted["sections"] == ["Overview", "Memberships", "Treaty actions"]
    assert loaded["models"] is True and loaded["loaded"] is True
    assert loaded["sections"] == painted["sections"]
    assert loaded["first_page"] == "overview"


def test_the_state_shown_last_is_chosen_at_the_first_paint_and_opened_once_loaded(
    demo_db_path: Path,
) -> None:
    settings = Settings()  # the user's settings file, which the started window reads
    settings.set_last_country("BLR")
    settings.sync()
    seen = _start(demo_db_path)
    assert seen["painted"]["chosen"] == "BLR" and seen["painted"]["country"] is None
    assert seen["loaded"]["country"] == "BLR"


# --------------------------------------------------------------------------- in this process


@pytest.fixture
def staged(
    qtbot: QtBot, demo_db: Database, settings: Settings, dialog_log: DialogLog
) -> Iterator[MainWindow]:
    """The window as the application builds it: loaded only once it has been painted."""
    win = MainWindow(demo_db, settings, load_after_paint=True)
    qtbot.addWidget(win)
    yield win
    if win.is_loaded():
        win.search.shutdown()


def test_the_window_loads_by_itself_once_painted(qtbot: QtBot, staged: MainWindow) -> None:
    assert not staged.is_loaded()
    assert staged.countries.model.rowCount() == 195
    with qtbot.waitSignal(staged.loaded, timeout=5000):
        staged.show()
    assert staged.is_loaded()
    assert staged.workspace.currentWidget().objectName() == "overview"
    assert [staged.sections.topLevelItem(i).text(0) for i in range(2)] == ["Overview", "Memberships"]
    # the search panel's entry came with it, after Reload, in the View menu
    view = [a.text() for a in staged.menu("view").actions()]
    assert view[view.index("&Reload") + 1] == "Search everywhere"
    # and the toolbar's buttons their names for screen readers
    named = {staged.toolbar.widgetForAction(a).accessibleName() for a in staged.toolbar.actions() if a.text()}
    assert {"New record", "Save record", "Delete record", "Search everywhere", "Undo"} <= named


def test_an_action_taken_before_the_window_has_loaded_is_not_lost(qtbot: QtBot, staged: MainWindow) -> None:
    staged.show()
    assert not staged.is_loaded()  # not painted yet: no event has been processed
    staged.act_search.trigger()  # what Ctrl+F typed ahead during the start does
    assert staged.is_loaded()
    qtbot.waitUntil(staged.search.dock.isVisible)


def test_a_state_chosen_before_the_window_has_loaded_is_the_one_shown(
    qtbot: QtBot, demo_db: Database, settings: Settings, dialog_log: DialogLog
) -> None:
    settings.set_last_country("BEL")
    win = MainWindow(demo_db, settings, load_after_paint=True)
    qtbot.addWidget(win)
    assert win.countries.current_country() == "BEL"  # already marked in the list
    win.show()
    row = win.countries.model.row_of("BLR")
    assert row is not None
    win.countries.view.setCurrentIndex(win.countries.model.index(row, 0))  # as a click or an arrow key does
    assert win.is_loaded() and win.current_country() == "BLR"
    qtbot.waitExposed(win)
    assert win.current_country() == "BLR" and win.windowTitle().startswith("Belarus")
    win.search.shutdown()


@pytest.mark.parametrize("left_open", [True, False])
def test_the_search_panel_is_as_it_was_left_at_the_next_start(
    qtbot: QtBot, demo_db: Database, settings: Settings, dialog_log: DialogLog, left_open: bool
) -> None:
    first = MainWindow(demo_db, settings)
    qtbot.addWidget(first)
    first.show()
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    shortcut(qtbot, first, Qt.Key.Key_F)
    qtbot.waitUntil(first.search.dock.isVisible)
    if not left_open:
        first.search.dock.close()
    first.close()
    first.search.shutdown()
    second = MainWindow(demo_db, settings, load_after_paint=True)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.loaded, timeout=5000):
        second.show()
    qtbot.wait(50)
    assert second.search.dock.isVisible() is left_open
    assert second.dockWidgetArea(second.search.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    second.search.shutdown()


def test_a_section_chosen_before_the_window_has_loaded_is_the_one_shown(
    qtbot: QtBot, staged: MainWindow
) -> None:
    staged.show()
    staged.sections.setCurrentItem(staged.sections.topLevelItem(2))  # Treaty actions, as a click does
    assert staged.is_loaded()
    staged.select_country("BLR")
    qtbot.waitUntil(lambda: staged.current_page() is not None)
    assert staged.current_page() is staged.page("treaty_action")
    assert staged.workspace.widget(0).objectName() == "overview"
    assert staged.sections.currentItem().text(0) == "Treaty actions"


def test_quit_before_the_window_has_loaded_loads_nothing(qtbot: QtBot, staged: MainWindow) -> None:
    staged.show()
    staged.act_quit.trigger()
    assert not staged.isVisible()
    qtbot.wait(50)  # the timer set by the first paint, if any, has run
    assert not staged.is_loaded()


def test_a_window_that_is_not_painted_still_loads_a_moment_later(qtbot: QtBot, staged: MainWindow) -> None:
    staged.setUpdatesEnabled(False)  # as a window started minimised or on another desktop: no paint
    with qtbot.waitSignal(staged.loaded, timeout=3000):
        staged.show()
    staged.setUpdatesEnabled(True)


def test_opening_another_database_before_the_window_has_loaded(
    qtbot: QtBot, staged: MainWindow, db_path: Path
) -> None:
    staged.show()
    handle = staged.open_database(db_path)
    assert handle is not None and staged.is_loaded()
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert staged.db.path == db_path and staged.countries.total_records() == 0
    # the switch starts the new file's daily backup: let it finish within the test
    qtbot.waitUntil(lambda: "backup is made" in staged.statusBar().currentMessage(), timeout=10_000)


def test_a_window_that_cannot_load_says_so_and_stops_the_start(
    qtbot: QtBot,
    demo_db: Database,
    settings: Settings,
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def install(_window: MainWindow) -> None:
        raise RuntimeError("a feature that does not install")

    only_features(monkeypatch, broken_feature=install)
    exits: list[int] = []
    monkeypatch.setattr(QCoreApplication, "exit", lambda code=0: exits.append(code))
    win = MainWindow(demo_db, settings, load_after_paint=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: exits == [1])
    [(kind, title, text)] = dialog_log.shown
    assert (kind, title) == ("error", "coopdesk")
    assert "could not finish opening its window" in text and "a feature that does not install" in text
    win.search.shutdown()
