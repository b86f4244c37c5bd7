"""What a country note is drafted from: one State's records and the catalogue, read once, as plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select

from coopdesk.db.database import Database
from coopdesk.note.wording import CountryNames
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.completeness import Completeness
from coopdesk.records.record import NotFound, Record, model_for, to_record
from coopdesk.records.time_placement import Placement
from coopdesk.records.types import RECORD_TYPES

#: The catalogue types a note refers to, loaded whole (they are small).
_CATALOGUE_FOR_NOTE = (
    "instrument",
    "instrument_set",
    "instrument_set_member",
    "body",
    "meeting",
    "reporting_instrument",
    "organisation",
)


@dataclass(frozen=True)
class NoteInputs:
    """Everything a note needs, as plain data: one State's records and the catalogue."""

    country: Record
    records: Mapping[str, list[Record]]  # by record type name
    catalogue: Mapping[str, dict[str, Record]]  # by catalogue type name, then key
    organisation: Record | None = None
    set_members: list[Record] = field(default_factory=list)
    #: Where each record stands in time (``coopdesk.note.claims.placement``), worked out once: it depends on
    #: the record and the catalogue only, not on a note's date or language.
    placements: dict[tuple[str, str], Placement] = field(default_factory=dict, compare=False, repr=False)

    @property
    def iso3(self) -> str:
        return str(self.country.key)

    @property
    def names(self) -> CountryNames:
        v = self.country.values
        return CountryNames.from_values(v["short_name"], v.get("formal_name") or "", bool(v.get("takes_the")))

    @property
    def organisation_name(self) -> str:
        """The organisation's name, or "the Organisation" while its profile is not filled in."""
        if self.organisation is None:
            return "the Organisation"
        return str(self.organisation.values.get("name") or "the Organisation")

    @property
    def organisation_short(self) -> str:
        if self.organisation is None:
            return "the Organisation"
        v = self.organisation.values
        return str(v.get("short_name") or v.get("name") or "the Organisation")

    @cached_property
    def completeness(self) -> Completeness:
        """The State's completeness checks: which areas of its records are known complete, and when."""
        return Completeness(self.of("completeness_check"))

    def of(self, type_name: str) -> list[Record]:
        return list(self.records.get(type_name, []))

    def entry(self, type_name: str, key: str | None) -> Record | None:
        if not key:
            return None
        return self.catalogue.get(type_name, {}).get(key)


def load_note_inputs(db: Database, iso3: str) -> NoteInputs:
    """Read one State's records and the catalogue, in one read transaction."""
    with db.read() as session:
        country_type = CATALOGUE_TYPES["country"]
        row = session.get(model_for(country_type), iso3)
        if row is None:
            raise NotFound(f"'{iso3}' is not a known country.")
        country = to_record(country_type, row)
        records: dict[str, list[Record]] = {}
        for name, rtype in RECORD_TYPES.items():
            model = model_for(rtype)
            # In the order they were entered: the note follows the officer's order where dates tie.
            stmt = select(model).where(model.country_code == iso3).order_by(model.created_at, model.id)
            rows = session.scalars(stmt)
            records[name] = [to_record(rtype, r) for r in rows]
        catalogue: dict[str, dict[str, Record]] = {}
        for name in _CATALOGUE_FOR_NOTE:
            ctype = CATALOGUE_TYPES[name]
            model = model_for(ctype)
            entries = [to_record(ctype, r) for r in session.scalars(select(model))]
            catalogue[name] = {str(e.key): e for e in entries}
    organisations = sorted(catalogue["organisation"].values(), key=lambda r: str(r.key))
    members = sorted(catalogue["instrument_set_member"].values(), key=lambda r: str(r.key))
    return NoteInputs(
        country=country,
        records=records,
        catalogue=catalogue,
        organisation=organisations[0] if organisations else None,
        set_members=members,
    )
