"""Every write path leaves the right history rows; a refused or rolled-back change leaves none."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry
from coopdesk.records import write
from coopdesk.records.history import (
    ChangeFilter,
    change_log,
    count_changes,
    name_records,
    record_history,
    users,
)
from coopdesk.records.record import Conflict
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService


def _new(service: RecordService) -> str:
    record = service.create(
        "national_initiative",
        {"title": "Anti-drug strategy", "kind": "strategy", "initiative_date": "2008"},
        country="BLR",
    )
    return str(record.key)


def test_create_writes_one_row_per_filled_field(service: RecordService) -> None:
    key = _new(service)
    rows = record_history(service.db, "national_initiative", key)
    assert {(c.action, c.field, c.old_value, c.new_value) for c in rows} >= {
        ("create", "title", None, "Anti-drug strategy"),
        ("create", "initiative_date", None, "2008"),
    }
    assert all(c.user == "tester" and c.country == "BLR" for c in rows)


def test_form_edit_writes_old_and_new_of_the_changed_field_only(service: RecordService) -> None:
    key = _new(service)
    before = len(record_history(service.db, "national_initiative", key))
    service.update(
        "national_initiative",
        key,
        {"title": "National anti-drug strategy", "kind": "strategy"},
        expected_version=None,
    )
    rows = record_history(service.db, "national_initiative", key)
    assert len(rows) == before + 1
    newest = rows[0]
    assert (newest.action, newest.field, newest.old_value, newest.new_value) == (
        "update",
        "title",
        "Anti-drug strategy",
        "National anti-drug strategy",
    )
    assert newest.field_label == "Title"
    assert newest.action_label == "changed"


def test_delete_and_undo_of_the_delete_are_both_recorded(service: RecordService) -> None:
    key = _new(service)
    deleted = service.delete("national_initiative", key, expected_version=None)
    service.restore(deleted)
    actions = [c.action for c in record_history(service.db, "national_initiative", key)]
    assert actions[0] == "restore"
    assert "delete" in actions and "create" in actions
    deleted_rows = [c for c in record_history(service.db, "national_initiative", key) if c.action == "delete"]
    assert ("title", "Anti-drug strategy", None) in {
        (c.field, c.old_value, c.new_value) for c in deleted_rows
    }


def test_undo_of_an_edit_is_recorded_as_undo(service: RecordService) -> None:
    key = _new(service)
    service.update("national_initiative", key, {"title": "Changed"}, expected_version=None)
    service.update(
        "national_initiative", key, {"title": "Anti-drug strategy"}, action="undo", expected_version=None
    )
    newest = record_history(service.db, "national_initiative", key)[0]
    assert (newest.action, newest.old_value, newest.new_value) == ("undo", "Changed", "Anti-drug strategy")


def test_bulk_create_writes_history_for_every_record(service: RecordService) -> None:
    created = service.create_many(
        [("national_initiative", {"title": f"Law {i}", "kind": "law"}, "BLR") for i in range(25)]
    )
    for record in created:
        titles = [c.new_value for c in record_history(service.db, "national_initiative", record.key)]
        assert record["title"] in titles


def test_a_refused_edit_leaves_no_history(service: RecordService) -> None:
    key = _new(service)
    before = count_changes(service.db)
    with pytest.raises(ValidationFailed):
        service.update(
            "national_initiative", key, {"title": "", "initiative_date": "31/02/2009"}, expected_version=None
        )
    current = service.get("national_initiative", key)
    with pytest.raises(Conflict):
        service.update("national_initiative", key, {"title": "Late"}, expected_version=current.version - 1)
    with pytest.raises(ValidationFailed):
        service.create_many(
            [
                ("national_initiative", {"title": "fine", "kind": "law"}, "BLR"),
                ("national_initiative", {"title": "", "kind": "law"}, "BLR"),
            ]
        )
    assert count_changes(service.db) == before


def test_a_failure_after_the_history_was_written_rolls_it_back(
    service: RecordService, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _new(service)
    before = count_changes(service.db)
    calls = {"n": 0}
    real = write.to_record

    def failing_to_record(*args: Any) -> Any:
        # The writer calls to_record before the change and again after writing the history rows.
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut in the middle")
        return real(*args)

    monkeypatch.setattr(write, "to_record", failing_to_record)
    with pytest.raises(RuntimeError):
        service.update("national_initiative", key, {"title": "Never saved"}, expected_version=None)
    monkeypatch.undo()
    assert calls["n"] == 2
    assert count_changes(service.db) == before
    assert service.get("national_initiative", key)["title"] == "Anti-drug strategy"


def test_change_log_filters_by_country_type_user_and_dates(db: Database) -> None:
    alice = RecordService(db, user="alice")
    bob = RecordService(db, user="bob")
    a = alice.create("national_initiative", {"title": "A", "kind": "law"}, country="BLR")
    b = bob.create("national_initiative", {"title": "B", "kind": "law"}, country="FRA")
    # Make alice's change older, as if made last month.
    last_month = datetime.now() - timedelta(days=40)
    with db.write() as session:
        session.execute(update(HistoryEntry).where(HistoryEntry.record_id == a.key).values(at=last_month))

    assert users(db) == ["alice", "bob"]
    by_user = change_log(db, ChangeFilter(user="alice"))
    assert by_user and {c.record_id for c in by_user} == {a.key}
    by_country = change_log(db, ChangeFilter(country="FRA"))
    assert {c.record_id for c in by_country} == {b.key}
    recent = change_log(db, ChangeFilter(since=date.today() - timedelta(days=7)))
    assert {c.record_id for c in recent} == {b.key}
    old = change_log(db, ChangeFilter(until=date.today() - timedelta(days=30)))
    assert {c.record_id for c in old} == {a.key}
    assert change_log(db, ChangeFilter(record_type="treaty_action")) == []
    assert count_changes(db, ChangeFilter(record_type="national_initiative")) == len(change_log(db))
    newest_first = change_log(db)
    assert newest_first[0].at >= newest_first[-1].at
    assert len(change_log(db, limit=1, offset=1)) == 1


def test_the_change_log_names_each_record_and_a_deleted_one_from_its_history(service: RecordService) -> None:
    kept = service.create(
        "treaty_action",
        {"instrument_code": "CT02", "action": "ratification", "action_date": "1971"},
        country="BLR",
    )
    gone = service.create(
        "treaty_action",
        {"instrument_code": "UNTOC", "action": "signature", "action_date": "2000"},
        country="BLR",
    )
    service.update("treaty_action", gone.key, {"action": "ratification"}, expected_version=None)
    service.delete("treaty_action", gone.key, expected_version=None)
    named = {c.record_id: c.record_name for c in name_records(service.db, change_log(service.db))}
    assert named[str(kept.key)] == "ratification of 1970 Hague Convention"
    assert named[str(gone.key)] == "deleted ratification of Organized Crime Convention"


def test_the_change_log_names_catalogue_entries_with_their_kind(service: RecordService) -> None:
    service.update("body", "CND", {"members_count": 54}, expected_version=None)
    (member,) = service.list("instrument_set_member", where={"instrument_code": "CT01"})
    service.update(
        "instrument_set_member", member.key, {"member_from": "1964"}, expected_version=None
    )  # a numeric key
    named = {
        (c.record_type, c.record_id): c.record_name for c in name_records(service.db, change_log(service.db))
    }
    assert named["body", "CND"] == "body CND"
    assert named["instrument_set_member", str(member.key)] == (
        "set membership 1963 Tokyo Convention in Universal legal instruments against terrorism"
    )
