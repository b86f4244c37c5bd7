"""Applying a status table: the chosen differences written all or nothing, with their source and history."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdesk.db.database import Database
from coopdesk.records.history import ChangeFilter, change_log, count_changes
from coopdesk.records.record import Conflict
from coopdesk.records.service import RecordService
from coopdesk.treaty_status.apply import ApplyRefused, apply_reconciliation, plan_batch
from coopdesk.treaty_status.reading import read_pasted, read_status_file
from coopdesk.treaty_status.reconcile import DiffKind, Step, reconcile

DATA = Path(__file__).parent / "data" / "treaty_status"
SOURCE = "Depositary's status table, status as at 21 November 2024 (untoc-status.html)"


def untoc_actions(db: Database, country: str) -> list[tuple[str, str, str]]:
    records = RecordService(db).list("treaty_action", country=country, where={"instrument_code": "UNTOC"})
    return sorted((r["action"], r["action_date"].to_storage(), r["source"]) for r in records)


def test_applying_adds_what_the_records_lack_with_the_table_as_source(demo_db: Database) -> None:
    result = reconcile(demo_db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    applied = apply_reconciliation(demo_db, result, user="officer")
    assert (applied.added, applied.changed) == (23, 0)
    assert applied.summary() == "23 treaty actions added, 0 corrected, 195 States checked complete"
    assert untoc_actions(demo_db, "BLR") == [
        # the demo's own record, untouched
        ("ratification", "2003-06-25", "UNODC letter EWCA/040/09 and note for the file, 30 October 2009"),
        ("signature", "2000-12-14", SOURCE),
    ]
    assert untoc_actions(demo_db, "MNE") == [("succession", "2006-10-23", SOURCE)]
    # the history names the table: every row of the change is an import, its source field the table
    rows = change_log(demo_db, ChangeFilter(country="MNE", record_type="treaty_action"))
    assert {r.action for r in rows} == {"import"} and {r.user for r in rows} == {"officer"}
    assert [r.new_value for r in rows if r.field == "source"] == [SOURCE]
    # brought in again, the same table has nothing left to add
    again = reconcile(demo_db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    assert again.count(DiffKind.ADD) == 0 and again.count(DiffKind.SAME) == 24


def test_a_conflict_taken_for_the_table_corrects_the_record(demo_service: RecordService) -> None:
    db = demo_service.db
    demo_service.create(
        "treaty_action",
        {"instrument_code": "UNTOC", "action": "ratification", "action_date": "2003", "source": "old file"},
        country="AFG",
    )
    result = reconcile(db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    conflict = next(d for d in result.differences if d.country == "AFG" and d.step is Step.CONSENT)
    assert conflict.kind is DiffKind.CONFLICT
    applied = apply_reconciliation(db, result, [conflict])
    assert (applied.added, applied.changed) == (0, 1)
    assert untoc_actions(db, "AFG") == [("ratification", "2003-09-24", SOURCE)]
    (record,) = demo_service.list("treaty_action", country="AFG")
    assert record.version == 2
    changes = {
        c.field: (c.old_value, c.new_value)
        for c in change_log(db, ChangeFilter(country="AFG", record_type="treaty_action"))[:2]
    }
    assert changes == {"action_date": ("2003", "2003-09-24"), "source": ("old file", SOURCE)}


def test_a_record_changed_since_the_comparison_refuses_the_whole_table(demo_service: RecordService) -> None:
    db = demo_service.db
    record = demo_service.create(
        "treaty_action",
        {"instrument_code": "UNTOC", "action": "ratification", "action_date": "2003"},
        country="AFG",
    )
    result = reconcile(db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    taken = [d for d in result.differences if d.kind in (DiffKind.ADD, DiffKind.CONFLICT)]
    demo_service.update(
        "treaty_action", record.key, {"notes": "checked by a colleague"}, expected_version=None
    )
    before = count_changes(db), demo_service.count("treaty_action")
    with pytest.raises(Conflict, match="was changed by tester"):
        apply_reconciliation(db, result, taken)
    assert (count_changes(db), demo_service.count("treaty_action")) == before


def test_a_table_with_problems_is_never_applied(demo_db: Database) -> None:
    table = read_pasted(
        "Status as at : 21-11-2024\nParticipant\tSignature\tRatification\nNarnia\t1 Jan 2001\t\nPeru\t14 Dec 2000\t\n"
    )
    result = reconcile(demo_db, "UNTOC", table)
    before = count_changes(demo_db)
    with pytest.raises(ApplyRefused, match="line 3: 'Narnia' is not a State of the catalogue"):
        apply_reconciliation(demo_db, result)
    assert count_changes(demo_db) == before


def test_only_additions_and_conflicts_can_be_taken(demo_db: Database) -> None:
    result = reconcile(demo_db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    listed = next(d for d in result.differences if d.kind is DiffKind.NOT_IN_CATALOGUE)
    with pytest.raises(ApplyRefused, match="Cook Islands: a difference of the kind 'Not in the catalogue'"):
        plan_batch(result, [listed])


def test_the_undo_batch_puts_the_records_back(demo_service: RecordService) -> None:
    db = demo_service.db
    demo_service.create(
        "treaty_action",
        {"instrument_code": "UNTOC", "action": "ratification", "action_date": "2003"},
        country="AFG",
    )
    before = {r.key: r.values for r in demo_service.list("treaty_action")}
    result = reconcile(db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    taken = [d for d in result.differences if d.can_take]
    applied = apply_reconciliation(db, result, taken)
    assert (applied.added, applied.changed) == (22, 1)
    demo_service.apply_batch(applied.undo)
    assert {r.key: r.values for r in demo_service.list("treaty_action")} == before


def test_applying_a_table_marks_every_state_checked_on_its_date(demo_db: Database) -> None:
    """A State absent from the table is then known not to be a party, and the note may say so."""
    from coopdesk.records.completeness import Area, checks_of

    result = reconcile(demo_db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    apply_reconciliation(demo_db, result, user="officer")
    table_day = result.as_of
    for iso3 in ("AFG", "BLR", "MNE"):
        check = checks_of(demo_db, iso3).covering(Area.instrument("UNTOC"), table_day)
        assert check is not None and "21 November 2024" in check.describe()
    # The same table again records no second check.
    again = apply_reconciliation(
        demo_db, reconcile(demo_db, "UNTOC", read_status_file(DATA / "untoc-status.html"))
    )
    assert again.checked == 0
