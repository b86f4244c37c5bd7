"""Every record type: create, read, update, delete, validation, and the declarations match the storage."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect

from coopdesk.db.database import Database
from coopdesk.records.fields import Kind
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Conflict, InUse, NotFound, ReadOnlyRecord, model_for
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService
from coopdesk.records.types import ALL_TYPES, RECORD_TYPES

SYSTEM_COLUMNS = {"id", "country_code", "created_at", "updated_at", "created_by", "updated_by", "version"}
LETTER_STORAGE_ONLY = {"issued_at", "note_html", "note_text", "pdf", "checksum"}

#: A valid record of every type, as a person would type it.
SAMPLES: dict[str, dict[str, Any]] = {
    "treaty_action": {"instrument_code": "UNCAC", "action": "Ratification", "action_date": "17/02/2005"},
    "membership": {"body_code": "CND", "role": "member", "term_start": "1 January 2010", "term_years": "4"},
    "reporting": {"reporting_instrument_code": "ARQ", "completeness": "partial", "submitted_date": "2009"},
    "meeting_participation": {"meeting_code": "COP-UNTOC-4", "participation": "attended"},
    "contribution": {
        "recipient_body_code": "ICAT",
        "amount": "20,000",
        "amount_currency": "USD",
        "kind": "payment",
    },
    "resolution": {
        "body_code": "ECOSOC",
        "adopted_date": "2008",
        "title": "Fighting trafficking",
        "role": "co_sponsor",
    },
    "national_initiative": {
        "title": "Training centre",
        "kind": "training_centre",
        "initiative_date": "May 2007",
    },
    "legislative_assistance": {
        "area": "counter-terrorism legislation",
        "kind": "drafting",
        "status": "ongoing",
    },
    "project": {
        "title": "Border control",
        "status": "implementation",
        "actual_start": "2010",
        "budget": "1000.50",
        "budget_currency": "EUR",
    },
    "letter": {"letter_date": "30/10/2009", "subject": "Cooperation", "signatory_name": "F. Maertens"},
    "completeness_check": {
        "area": "Treaty actions on a set of instruments",
        "instrument_set_code": "CT",
        "checked_on": "1 March 2013",
        "source": "UN Treaty Collection status, 1 March 2013",
    },
}


def test_every_record_type_has_a_sample() -> None:
    assert set(SAMPLES) == set(RECORD_TYPES)


@pytest.mark.parametrize("type_name", list(ALL_TYPES))
def test_declaration_matches_the_storage_columns(type_name: str) -> None:
    rtype = ALL_TYPES[type_name]
    columns = {c.key for c in inspect(model_for(rtype)).columns}
    declared = {col for f in rtype.fields for col in f.columns}
    ignored = {"updated_at", "updated_by", "version"} if rtype.catalogue else SYSTEM_COLUMNS
    if type_name == "letter":
        ignored = ignored | LETTER_STORAGE_ONLY
    if type_name == "instrument_set_member":
        ignored = ignored | {"id"}
    assert declared == columns - ignored


@pytest.mark.parametrize("type_name", list(SAMPLES))
def test_create_read_update_delete(service: RecordService, type_name: str) -> None:
    created = service.create(type_name, SAMPLES[type_name], country="BLR")
    assert created.country == "BLR" and created.version == 1
    assert created.created_by == "tester"

    again = service.get(type_name, created.key)
    assert again.values == created.values
    assert [r.key for r in service.list(type_name, country="BLR")] == [created.key]

    field = next(f for f in RECORD_TYPES[type_name].fields if f.name == "notes")
    updated = service.update(type_name, created.key, {field.name: "checked <b>twice</b>"}, expected_version=1)
    assert updated.version == 2
    assert service.get(type_name, created.key)["notes"] == "checked <b>twice</b>"

    deleted = service.delete(type_name, created.key, expected_version=None)
    assert deleted.values == updated.values
    with pytest.raises(NotFound):
        service.get(type_name, created.key)


def test_values_come_back_typed(service: RecordService) -> None:
    c = service.create("contribution", SAMPLES["contribution"], country="BLR")
    assert c["amount"] == Money(2_000_000, "USD")
    assert str(c["amount"]) == "USD 20,000"
    t = service.create("treaty_action", SAMPLES["treaty_action"], country="BLR")
    assert t["action"] == "ratification"
    assert t["action_date"] == PartialDate(2005, 2, 17)
    m = service.create("membership", SAMPLES["membership"], country="BLR")
    assert m["term_years"] == 4


@pytest.mark.parametrize(
    ("type_name", "changes", "field", "words"),
    [
        ("treaty_action", {"action_date": "31/02/2005"}, "action_date", "28 days"),
        ("treaty_action", {"action_date": "next week"}, "action_date", "not a date"),
        ("treaty_action", {"action": "approved-ish"}, "action", "not one of the choices"),
        ("treaty_action", {"instrument_code": "NOPE"}, "instrument_code", "not in the catalogue"),
        ("contribution", {"amount": "twenty"}, "amount", "'twenty' is not an amount"),
        ("membership", {"term_years": "four"}, "term_years", "not a whole number"),
        ("membership", {"term_start": ""}, "term_start", "is required"),
        ("membership", {"term_end": "2009"}, "term_end", "cannot end before it starts"),
        ("resolution", {"title": "x" * 501}, "title", "too long"),
    ],
)
def test_validation_names_the_field_and_says_what_is_wrong(
    service: RecordService, type_name: str, changes: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        service.create(type_name, {**SAMPLES[type_name], **changes}, country="BLR")
    problems = {p.field: p for p in caught.value.problems}
    assert field in problems
    assert words in problems[field].reason
    assert problems[field].label in str(caught.value)
    assert service.count(type_name) == 0


def test_unknown_country_is_refused(service: RecordService) -> None:
    with pytest.raises(ValidationFailed, match="'XYZ' is not a known country"):
        service.create("treaty_action", SAMPLES["treaty_action"], country="XYZ")


def test_failed_update_changes_nothing(service: RecordService) -> None:
    r = service.create("treaty_action", SAMPLES["treaty_action"], country="BLR")
    with pytest.raises(ValidationFailed):
        service.update("treaty_action", r.key, {"action_date": "soon"}, expected_version=None)
    assert service.get("treaty_action", r.key) == r


def test_stale_version_is_a_conflict_naming_who_changed_it(db: Database) -> None:
    alice, bob = RecordService(db, user="alice"), RecordService(db, user="bob")
    r = alice.create("membership", SAMPLES["membership"], country="BLR")
    alice.update("membership", r.key, {"role": "chair"}, expected_version=1)
    with pytest.raises(Conflict, match="changed by alice") as caught:
        bob.update("membership", r.key, {"role": "rapporteur"}, expected_version=1)
    assert caught.value.current is not None and caught.value.current["role"] == "chair"
    assert bob.get("membership", r.key)["role"] == "chair"


def test_list_filters_searches_and_sorts_in_sql(service: RecordService) -> None:
    for date in ("2005", "17/02/2004", "May 2004"):
        service.create("treaty_action", {**SAMPLES["treaty_action"], "action_date": date}, country="BLR")
    service.create("treaty_action", SAMPLES["treaty_action"], country="UKR")
    dates = [str(r["action_date"]) for r in service.list("treaty_action", country="BLR")]
    assert dates == ["17 February 2004", "May 2004", "2005"]
    newest = service.list("treaty_action", country="BLR", descending=True, limit=1)
    assert str(newest[0]["action_date"]) == "2005"
    assert service.count("treaty_action") == 4
    assert service.count("country", search="belar") == 1
    assert service.counts_by_country() == {"BLR": 3, "UKR": 1}


def test_catalogue_entry_in_use_cannot_be_deleted_and_says_where(service: RecordService) -> None:
    service.create("treaty_action", SAMPLES["treaty_action"], country="BLR")
    with pytest.raises(InUse, match=r"1 treaty actions \(Belarus\)"):
        service.delete("instrument", "UNCAC", expected_version=None)
    assert service.get("instrument", "UNCAC")["short_title"] == "Convention against Corruption"


def test_catalogue_entries_are_editable(service: RecordService) -> None:
    body = service.create(
        "body", {"code": "UNODA", "name": "Office for Disarmament Affairs", "kind": "group"}
    )
    service.update(
        "body", body.key, {"name": "United Nations Office for Disarmament Affairs"}, expected_version=None
    )
    assert service.get("body", "UNODA")["name"].startswith("United Nations")
    service.delete("body", "UNODA", expected_version=None)
    assert service.count("body", where={"code": "UNODA"}) == 0


def test_issued_letter_cannot_change(service: RecordService, db: Database) -> None:
    letter = service.create("letter", SAMPLES["letter"], country="BLR")
    with db.write() as session:
        row = session.get(model_for(RECORD_TYPES["letter"]), letter.key)
        row.status, row.reference = "issued", "EWCA/001/09"
    with pytest.raises(ReadOnlyRecord):
        service.update("letter", letter.key, {"subject": "changed"}, expected_version=None)
    with pytest.raises(ReadOnlyRecord):
        service.delete("letter", letter.key, expected_version=None)


def test_every_change_is_in_the_history(service: RecordService, db: Database) -> None:
    from sqlalchemy import select

    from coopdesk.db.models import HistoryEntry

    r = service.create("membership", SAMPLES["membership"], country="BLR")
    service.update("membership", r.key, {"role": "chair"}, expected_version=None)
    service.delete("membership", r.key, expected_version=None)
    with db.read() as session:
        rows = session.scalars(select(HistoryEntry).where(HistoryEntry.record_id == r.key)).all()
        by_action = {(h.action, h.field): (h.old_value, h.new_value, h.user) for h in rows}
    assert by_action[("update", "role")] == ("member", "chair", "tester")
    assert by_action[("create", "term_start")] == (None, "2010-01-01", "tester")
    assert by_action[("delete", "role")] == ("chair", None, "tester")


def test_every_field_kind_is_exercised() -> None:
    kinds = {f.kind for t in RECORD_TYPES.values() for f in t.fields}
    assert kinds >= {Kind.TEXT, Kind.LONGTEXT, Kind.PDATE, Kind.INT, Kind.CHOICE, Kind.REF, Kind.MONEY}
