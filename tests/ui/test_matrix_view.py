"""The matrix window: States by instruments, coloured by status on the as-of date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.ui.overview.matrix_view import FIXED_COLUMNS, MatrixView

NOTE_DATE = dt.date(2009, 10, 30)


def _open(qtbot: QtBot, db: Database, as_of: dt.date = NOTE_DATE) -> MatrixView:
    view = MatrixView(db, as_of, set_code="CT")
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()
    return view


def _row_of(view: MatrixView, name: str) -> int:
    for r in range(view.proxy.rowCount()):
        if view.proxy.index(r, 0).data() == name:
            return r
    raise AssertionError(f"{name} is not in the matrix")


def test_belarus_shows_13_parties_out_of_16_on_30_october_2009(
    qtbot: QtBot, demo_db: Database, qtmodeltester: ModelTester, output_dir: Path
) -> None:
    view = _open(qtbot, demo_db)
    qtmodeltester.check(view.model)
    assert view.model.columnCount() == FIXED_COLUMNS + 16
    row = _row_of(view, "Belarus")
    assert view.proxy.index(row, 1).data() == "13 / 16"
    first = view.proxy.index(row, FIXED_COLUMNS)
    assert first.data() == "1988"
    assert "Party: accession in 1988" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert isinstance(first.data(Qt.ItemDataRole.BackgroundRole), QBrush)
    missing = view.proxy.index(row, FIXED_COLUMNS + 15)
    # the demo's set was checked complete on the date: a missing instrument is known not ratified
    assert missing.data() == "No" and missing.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Not a party: the treaty actions were checked complete on 30 October 2009" in missing.data(
        Qt.ItemDataRole.ToolTipRole
    )
    france = _row_of(view, "France")
    unknown = view.proxy.index(france, FIXED_COLUMNS)
    assert unknown.data() == ""  # nothing recorded, and nobody checked: not a "No"
    assert "not checked complete" in unknown.data(Qt.ItemDataRole.ToolTipRole)
    header = view.model.headerData(FIXED_COLUMNS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header == "Convention on Offences and Certain Other Acts Committed on Board Aircraft"
    headings = [
        view.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(FIXED_COLUMNS, view.model.columnCount())
    ]
    assert "1973\nDiplomatic\nAgents\nConvention" in headings  # whole, on four lines
    assert max(len(h.splitlines()) for h in headings) == 4  # the longest cut at four, ending with "…"
    assert any(h.endswith("…") for h in headings)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.choose_group("Eastern European")
    view.set_country("BLR")
    assert view.table.currentIndex().data() == "Belarus"
    view.grab().save(str(output_dir / "matrix.png"))


def test_a_later_date_counts_against_19_instruments(qtbot: QtBot, demo_db: Database) -> None:
    view = _open(qtbot, demo_db)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.set_as_of(dt.date(2015, 1, 1))
    assert view.proxy.index(_row_of(view, "Belarus"), 1).data() == "13 / 19"
    assert "2015" in view.summary.text()


def test_typing_filters_states_and_a_group_narrows_the_rows(qtbot: QtBot, demo_db: Database) -> None:
    view = _open(qtbot, demo_db)
    everyone = view.proxy.rowCount()
    assert everyone >= 193
    qtbot.keyClicks(view.filter_edit, "bel")
    names = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert names == ["Belarus", "Belgium", "Belize"]
    view.filter_edit.clear()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.choose_group("Eastern European")
    assert 0 < view.proxy.rowCount() < everyone
    names = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert "Belarus" in names and "France" not in names


def test_choosing_another_set_changes_the_columns(
    qtbot: QtBot, demo_db: Database, qtmodeltester: ModelTester
) -> None:
    view = _open(qtbot, demo_db)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.choose_set("CRIME")
    qtmodeltester.check(view.model)
    assert view.model.columnCount() == FIXED_COLUMNS + 5
    assert view.proxy.index(_row_of(view, "Belarus"), 1).data() == "5 / 5"


def test_sorting_by_parties_puts_belarus_first(qtbot: QtBot, demo_db: Database) -> None:
    view = _open(qtbot, demo_db)
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, 0).data() == "Belarus"
