"""``RecordService.apply_batch``: several creations, updates, deletions and restorations, all or none."""

from __future__ import annotations

import pytest

from coopdesk.records.batch import Batch, NewRecord, RecordEdit, RecordRemoval
from coopdesk.records.history import count_changes, record_history
from coopdesk.records.record import Conflict
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService


def _action(date: str) -> dict[str, str]:
    return {"instrument_code": "UNTOC", "action": "signature", "action_date": date}


def test_a_mixed_batch_is_written_with_its_history(service: RecordService) -> None:
    kept = service.create("treaty_action", _action("2000-12-12"), country="BLR")
    gone = service.create("treaty_action", _action("2000-12-13"), country="FRA")
    result = service.apply_batch(
        Batch(
            create=[NewRecord("treaty_action", _action("2000-12-14"), "PER")],
            update=[RecordEdit("treaty_action", kept.key, {"action_date": "2000-12-15"}, kept.version)],
            delete=[RecordRemoval("treaty_action", gone.key, gone.version)],
        ),
        action="import",
    )
    assert [r.country for r in result.created] == ["PER"]
    assert str(service.get("treaty_action", kept.key)["action_date"]) == "15 December 2000"
    assert [r.key for r in result.deleted] == [gone.key]
    assert {c.action for c in record_history(service.db, "treaty_action", result.created[0].key)} == {
        "import"
    }
    assert record_history(service.db, "treaty_action", kept.key)[0].action == "import"
    # and back: the deleted one restored, in another batch
    again = service.apply_batch(Batch(restore=result.deleted))
    assert service.get("treaty_action", again.restored[0].key).values == gone.values


def test_one_refusal_leaves_everything_as_it_was(service: RecordService) -> None:
    record = service.create("treaty_action", _action("2000-12-12"), country="BLR")
    before = (count_changes(service.db), service.count("treaty_action"))
    with pytest.raises(ValidationFailed):
        service.apply_batch(
            Batch(
                create=[
                    NewRecord("treaty_action", _action("2000-12-14"), "PER"),
                    NewRecord("treaty_action", {**_action("2000-12-14"), "action_date": "31/02/2001"}, "CHL"),
                ],
                update=[RecordEdit("treaty_action", record.key, {"notes": "seen"}, record.version)],
            )
        )
    service.update("treaty_action", record.key, {"notes": "by someone else"}, expected_version=None)
    with pytest.raises(Conflict):
        service.apply_batch(
            Batch(
                create=[NewRecord("treaty_action", _action("2000-12-14"), "PER")],
                update=[RecordEdit("treaty_action", record.key, {"notes": "mine"}, record.version)],
            )
        )
    assert service.count("treaty_action") == before[1]
    assert count_changes(service.db) == before[0] + 1  # only the colleague's edit
    assert service.get("treaty_action", record.key)["notes"] == "by someone else"
