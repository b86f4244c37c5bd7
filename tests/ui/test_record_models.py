"""Every table model of the main window passes Qt's model tester and shows strings, never raw objects."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from coopdesk.db.database import Database
from coopdesk.records.search import search
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.ui.records.record_page import reference_choices
from coopdesk.ui.records.record_table_model import RecordTableModel
from coopdesk.ui.shell.country_list import CountryListModel, CountryRow
from coopdesk.ui.shell.search_panel import SearchResultsModel


def test_record_table_model_for_every_record_type(qtmodeltester: ModelTester, demo_db: Database) -> None:
    service = RecordService(demo_db)
    for rtype in RECORD_TYPES.values():
        model = RecordTableModel(rtype)
        model.set_ref_labels(reference_choices(service, rtype)[1])
        model.set_rows(service.list(rtype.name, country="BLR"))
        qtmodeltester.check(model)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                assert isinstance(model.index(row, column).data(), str)
        assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_record_table_shows_dates_money_and_labels_as_people_read_them(demo_db: Database) -> None:
    service = RecordService(demo_db)
    rtype = RECORD_TYPES["contribution"]
    model = RecordTableModel(rtype)
    model.set_ref_labels(reference_choices(service, rtype)[1])
    model.set_rows(service.list("contribution", country="BLR"))
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "USD 20,000" in cells
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [f.label for f in rtype.table_fields]


def test_sorting_the_table_model_asks_its_owner(qtmodeltester: ModelTester) -> None:
    model = RecordTableModel(RECORD_TYPES["treaty_action"])
    asked: list[tuple[str, bool]] = []
    model.sort_requested.connect(lambda name, desc: asked.append((name, desc)))
    model.sort(2, Qt.SortOrder.DescendingOrder)
    model.sort(99)
    assert asked == [("action_date", True)]
    qtmodeltester.check(model)


def test_country_list_model(qtmodeltester: ModelTester) -> None:
    model = CountryListModel()
    model.set_rows([CountryRow("BLR", "Belarus", 33), CountryRow("BEL", "Belgium", 0)])
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "33"
    assert model.index(1, 1).data() == ""
    assert "nothing yet" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_search_results_model(qtmodeltester: ModelTester, demo_db: Database) -> None:
    model = SearchResultsModel()
    model.set_hits(search(demo_db, "belarus"))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
