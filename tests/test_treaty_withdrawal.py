"""Denunciations and withdrawals end participation, from their date of effect when it is recorded."""

from __future__ import annotations

import datetime as dt

from coopdesk.db.database import Database
from coopdesk.note.builder import draft_note
from coopdesk.note.render.text import render_text
from coopdesk.records.completeness import Area, mark_complete
from coopdesk.records.derived import TreatyStatus, treaty_status
from coopdesk.records.matrix import status_matrix
from coopdesk.records.service import RecordService
from coopdesk.records.vocabularies import ENDS_PARTICIPATION, TREATY_ACTION


def _act(service: RecordService, action: str, date: str, effect: str | None = None) -> None:
    values = {"instrument_code": "UNCAC", "action": action, "action_date": date}
    if effect:
        values["effect_date"] = effect
    service.create("treaty_action", values, country="BLR")


def test_withdrawal_is_an_action_officers_can_record() -> None:
    assert TREATY_ACTION.value_for("Withdrawal") == "withdrawal"
    assert {"denunciation", "withdrawal"} == ENDS_PARTICIPATION


def test_a_withdrawal_ends_participation_when_it_takes_effect(demo_service: RecordService) -> None:
    # the demo's Belarus ratified the Convention against Corruption on 17 February 2005
    _act(demo_service, "withdrawal", "2020-03-01", effect="2021-03-01")
    actions = demo_service.list("treaty_action", country="BLR")
    assert treaty_status(actions, "UNCAC", dt.date(2020, 6, 1)).status is TreatyStatus.PARTY  # notified only
    withdrawn = treaty_status(actions, "UNCAC", dt.date(2021, 3, 1))
    assert withdrawn.status is TreatyStatus.WITHDRAWN and str(withdrawn.date) == "1 March 2021"


def test_a_denunciation_without_a_date_of_effect_counts_from_its_date(demo_service: RecordService) -> None:
    _act(demo_service, "denunciation", "2020-03-01")
    actions = demo_service.list("treaty_action", country="BLR")
    assert treaty_status(actions, "UNCAC", dt.date(2020, 2, 28)).status is TreatyStatus.PARTY
    assert treaty_status(actions, "UNCAC", dt.date(2020, 3, 1)).status is TreatyStatus.WITHDRAWN


def test_consenting_again_makes_a_party_again(demo_service: RecordService) -> None:
    _act(demo_service, "denunciation", "2010-01-01", effect="2011-01-01")
    _act(demo_service, "accession", "2015-05-05")
    actions = demo_service.list("treaty_action", country="BLR")
    assert treaty_status(actions, "UNCAC", dt.date(2012, 1, 1)).status is TreatyStatus.WITHDRAWN
    again = treaty_status(actions, "UNCAC", dt.date(2016, 1, 1))
    assert again.status is TreatyStatus.PARTY and again.action == "accession"


def test_the_matrix_and_the_note_follow_the_date_of_effect(demo_db: Database) -> None:
    RecordService(demo_db).create(
        "treaty_action",
        {
            "instrument_code": "CT01",
            "action": "withdrawal",
            "action_date": "2019-06-01",
            "effect_date": "2020-06-01",
        },
        country="BLR",
    )

    def cell(day: dt.date) -> TreatyStatus:
        matrix = status_matrix(demo_db, "CT", day)
        column = [c.code for c in matrix.columns].index("CT01")
        return matrix.row_for("BLR").cells[column].status

    assert cell(dt.date(2020, 5, 31)) is TreatyStatus.PARTY
    assert cell(dt.date(2020, 6, 1)) is TreatyStatus.WITHDRAWN
    # Checked complete after both dates, so the note may count against the whole set.
    mark_complete(demo_db, ["BLR"], Area.instrument_set("CT"), "2021-02-01", "UN Treaty Collection status")
    before = render_text(draft_note(demo_db, "BLR", dt.date(2020, 5, 31)))
    after = render_text(draft_note(demo_db, "BLR", dt.date(2021, 1, 1)))
    assert "Belarus has ratified 13 out of 19 international counter-terrorism treaties" in before
    assert "Belarus has ratified 12 out of 19 international counter-terrorism treaties" in after


def test_the_note_says_a_state_withdrew(demo_service: RecordService) -> None:
    _act(demo_service, "withdrawal", "2020-03-01", effect="2021-03-01")
    text = render_text(draft_note(demo_service.db, "BLR", dt.date(2022, 1, 1)))
    assert "Belarus withdrew from the United Nations Convention against Corruption on 1 March 2021" in text
