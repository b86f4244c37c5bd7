"""The global search panel: what is typed is searched at once, and only the latest text's answer shows."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

import coopdesk.records.search
from coopdesk.db.database import Database
from coopdesk.records.search import SearchCancelled, SearchHit
from coopdesk.records.service import RecordService
from coopdesk.ui.shell.search_panel import SearchPanel


@pytest.fixture
def panel(qtbot: QtBot, demo_db: Database) -> Iterator[SearchPanel]:
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = SearchPanel(demo_db, window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel.dock)
    window.show()
    panel.open()
    yield panel
    panel.shutdown()


def _titles(panel: SearchPanel) -> list[str]:
    hits = (panel.model.hit_at(row) for row in range(panel.model.rowCount()))
    return [hit.title for hit in hits if hit is not None]


def test_typed_words_show_their_hits_and_enter_opens_the_first(qtbot: QtBot, panel: SearchPanel) -> None:
    qtbot.keyClicks(panel.edit, "belarus")
    qtbot.waitUntil(lambda: "Belarus" in _titles(panel))
    assert panel.summary.text() == f"{panel.model.rowCount()} found — Enter opens the first"
    with qtbot.waitSignal(panel.country_chosen) as chosen:
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert chosen.args == ["BLR"]


def test_a_record_saved_meanwhile_is_found_and_a_cleared_box_shows_nothing(
    qtbot: QtBot, panel: SearchPanel, demo_db: Database
) -> None:
    RecordService(demo_db, user="tester").create(
        "national_initiative", {"title": "Wombat <b>100%</b> plan", "kind": "law"}, country="FRA"
    )
    qtbot.keyClicks(panel.edit, "<b>100%")
    qtbot.waitUntil(lambda: _titles(panel) == ["Initiative “Wombat <b>100%</b> plan”"])
    panel.edit.clear()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.summary.text() == ""
    with qtbot.waitSignal(panel.answered):
        qtbot.keyClicks(panel.edit, "zanzibar")
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == "Nothing found"


def test_keys_typed_while_a_query_runs_stop_it_and_are_searched_together(
    qtbot: QtBot, panel: SearchPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def slow_search(_db: Database, text: str, *, cancelled: Callable[[], bool]) -> list[SearchHit]:
        asked.append(text)
        if text == "a":  # runs until the panel stops it
            deadline = time.monotonic() + 5
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.001)
            raise SearchCancelled()
        return [SearchHit("country", "BLR", "BLR", f"Hit for {text}", "")]

    monkeypatch.setattr(coopdesk.records.search, "search", slow_search)  # the panel imports it as it searches
    qtbot.keyClicks(panel.edit, "a")
    qtbot.waitUntil(lambda: asked == ["a"])
    qtbot.keyClicks(panel.edit, "bc")
    qtbot.waitUntil(lambda: _titles(panel) == ["Hit for abc"])
    assert asked == ["a", "abc"]  # "ab" was never searched: the latest text wins
