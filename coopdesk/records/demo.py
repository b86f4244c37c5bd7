"""The demo data: every fact of the Belarus letter and note of 30 October 2009, as records."""

from __future__ import annotations

import tomllib
from typing import Any

from sqlalchemy import select

from coopdesk.db.database import Database
from coopdesk.db.models import ReferenceCounter
from coopdesk.db.shipped_files import shipped_file
from coopdesk.records.organisation import adopt_if_neutral
from coopdesk.records.record import Record, ServiceError
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES

DEMO_FILE = ("demo", "belarus-2009.toml")


def _demo_data() -> dict[str, Any]:
    return tomllib.loads(shipped_file(*DEMO_FILE).read_text(encoding="utf-8"))


def demo_items() -> list[tuple[str, dict[str, Any], str]]:
    """(record type, values, country) for every demo record, in file order; each takes the source of
    the demo (the letter of 30 October 2009) and its date, unless it names its own."""
    data = _demo_data()
    country = data["country"]
    common = {"source": data.get("source", ""), "source_date": data.get("source_date")}
    items = []
    for type_name in RECORD_TYPES:
        for values in data.get(type_name, []):
            items.append((type_name, {**common, **values}, country))
    return items


def demo_organisation() -> dict[str, Any]:
    """The profile of the organisation that wrote the demo's letter."""
    return dict(_demo_data().get("organisation", {}))


def load_demo(db: Database, user: str | None = None) -> list[Record]:
    """Add the demo records to a database, in one transaction. Refuses a database that already has them.

    A database whose organisation profile is still the neutral one of a new database takes the demo's
    organisation with them; a profile the user filled in is kept."""
    service = RecordService(db, user)
    items = demo_items()
    country = items[0][2]
    if service.counts_by_country().get(country):
        raise ServiceError("This database already holds records for Belarus; the demo data was not added.")
    records = service.create_many(items, system=True)
    _advance_reference_counters(db, records)
    adopt_if_neutral(db, demo_organisation(), user)
    return records


def _advance_reference_counters(db: Database, records: list[Record]) -> None:
    """Letters with a reference (EWCA/040/09) use up their number: the register continues after it."""
    with db.write() as session:
        for r in records:
            reference = r.values.get("reference")
            date = r.values.get("letter_date")
            if r.type != "letter" or not reference or date is None:
                continue
            try:
                sequence = int(str(reference).split("/")[1])
            except (IndexError, ValueError):
                continue
            counter = session.scalars(
                select(ReferenceCounter).where(ReferenceCounter.year == date.year)
            ).first()
            if counter is None:
                session.add(ReferenceCounter(year=date.year, last_sequence=sequence))
            elif counter.last_sequence < sequence:
                counter.last_sequence = sequence
