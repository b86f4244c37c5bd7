"""The cross-country status matrix: States by the instruments of a set, on a date."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.db.database import Database
from coopdesk.records.derived import TreatyStatus
from coopdesk.records.matrix import instrument_sets, status_matrix
from coopdesk.records.record import NotFound
from coopdesk.records.service import RecordService

NOTE_DATE = dt.date(2009, 10, 30)


def test_belarus_is_party_to_13_of_the_16_counter_terrorism_instruments_in_2009(demo_db: Database) -> None:
    matrix = status_matrix(demo_db, "CT", NOTE_DATE)
    assert [c.code for c in matrix.columns] == [f"CT{i:02d}" for i in range(1, 17)]
    belarus = matrix.row_for("BLR")
    assert belarus.count_text() == "13 / 16"
    assert [c.status for c in belarus.cells[-3:]] == [TreatyStatus.NO_ACTION] * 3
    assert str(belarus.cells[0].date) == "1988" and belarus.cells[0].action == "accession"


def test_the_same_data_gives_13_out_of_19_in_2015(demo_db: Database) -> None:
    belarus = status_matrix(demo_db, "CT", dt.date(2015, 1, 1)).row_for("BLR")
    assert belarus.count_text() == "13 / 19"


def test_every_state_is_a_row_and_a_group_filters_them(demo_db: Database) -> None:
    everyone = status_matrix(demo_db, "CT", NOTE_DATE)
    assert len(everyone.rows) >= 193
    eastern = status_matrix(demo_db, "CT", NOTE_DATE, group="Eastern European")
    assert "BLR" in [r.iso3 for r in eastern.rows]
    assert {r.regional_group for r in eastern.rows} == {"Eastern European"}
    assert len(eastern.rows) < len(everyone.rows)
    with pytest.raises(KeyError):
        eastern.row_for("FRA")


def test_signature_then_ratification_after_the_date(demo_db: Database) -> None:
    service = RecordService(demo_db, "tester")
    service.create(
        "treaty_action",
        {"instrument_code": "CT14", "action": "signature", "action_date": "15 September 2005"},
        country="BLR",
    )
    service.create(
        "treaty_action",
        {"instrument_code": "CT14", "action": "ratification", "action_date": "November 2009"},
        country="BLR",
    )
    cell = status_matrix(demo_db, "CT", NOTE_DATE).row_for("BLR").cells[13]
    assert cell.status is TreatyStatus.SIGNATORY and str(cell.date) == "15 September 2005"
    later = status_matrix(demo_db, "CT", dt.date(2010, 1, 1)).row_for("BLR")
    assert later.cells[13].status is TreatyStatus.PARTY and later.count_text() == "14 / 16"


def test_a_denunciation_shows_as_withdrawn(demo_db: Database) -> None:
    RecordService(demo_db, "tester").create(
        "treaty_action",
        {"instrument_code": "CT01", "action": "denunciation", "action_date": "2012"},
        country="BLR",
    )
    assert status_matrix(demo_db, "CT", dt.date(2013, 1, 1)).row_for("BLR").cells[0].status is (
        TreatyStatus.WITHDRAWN
    )


def test_sets_to_choose_from_and_an_unknown_set(demo_db: Database) -> None:
    assert ("CT", "Universal legal instruments against terrorism") in instrument_sets(demo_db)
    with pytest.raises(NotFound, match="no instrument set"):
        status_matrix(demo_db, "NOPE", NOTE_DATE)
