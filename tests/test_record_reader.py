"""Lists and single records are read as plain rows (``record_reader``), not through ORM objects: what they
give must be exactly what ``to_record`` makes of the ORM's rows, for every type and every kind of field."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from coopdesk.db.database import Database
from coopdesk.records.money import Money
from coopdesk.records.record import NotFound, model_for, to_record
from coopdesk.records.service import RecordService
from coopdesk.records.types import ALL_TYPES


def _through_the_orm(db: Database, type_name: str) -> dict[str, object]:
    rtype = ALL_TYPES[type_name]
    with db.read() as session:
        return {
            str(r.key): r
            for r in (to_record(rtype, row) for row in session.scalars(select(model_for(rtype))))
        }


def test_every_type_reads_as_the_orm_reads_it(demo_db: Database) -> None:
    service = RecordService(demo_db, "tester")
    # Values of every kind, empty ones included: money, partial dates of each precision, choices, text.
    service.create(
        "contribution",
        {
            "recipient": "UNODC",
            "amount": Money(123_456, "EUR"),
            "contribution_date": "2008-05",
            "kind": "payment",
        },
        country="UKR",
    )
    service.create(
        "contribution", {"recipient": "Fund", "amount": Money(5, "USD"), "kind": "pledge"}, country="UKR"
    )
    checked = 0
    for name in ALL_TYPES:
        expected = _through_the_orm(demo_db, name)
        listed = service.list(name)
        assert {str(r.key): r for r in listed} == expected, name
        for record in listed[:5]:
            assert service.get(name, record.key) == expected[str(record.key)], name
        checked += len(listed)
    assert checked > 300  # the catalogue and the demo's records


def test_lists_of_one_state_in_one_transaction_are_its_lists(demo_db: Database) -> None:
    service = RecordService(demo_db, "tester")
    names = ["treaty_action", "membership", "reporting", "instrument", "body"]
    together = service.lists(names, country="BLR")
    for name in names:
        assert together[name] == service.list(name, country="BLR"), name


def test_counts_as_of_a_date_match_the_records_dated_by_then(demo_db: Database) -> None:
    service = RecordService(demo_db, "tester")
    day = dt.date(2009, 10, 30)
    counts = service.counts_for_country("BLR", as_of=day)
    from coopdesk.records.derived import visible_on

    for name, n in counts.items():
        assert n == len(visible_on(service.list(name, country="BLR"), day)), name
    assert service.counts_for_country("BLR")["treaty_action"] == len(
        service.list("treaty_action", country="BLR")
    )


def test_a_missing_record_is_said_plainly(demo_db: Database) -> None:
    with pytest.raises(NotFound, match="no longer exists"):
        RecordService(demo_db).get("treaty_action", "no-such-id")
