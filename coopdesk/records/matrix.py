"""The cross-country matrix: every State against the instruments of one set, on a date.

Built with five queries whatever the number of States (countries, the set's membership, its
instruments, the treaty actions on them, the completeness checks of the set and its instruments), then
computed in memory with ``coopdesk.records.derived``, so a cell says exactly what the overview and the note say
for that State, and whether "no action" is known or only nothing recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from coopdesk.db.database import Database
from coopdesk.db.models import (
    CompletenessCheck,
    Country,
    Instrument,
    InstrumentSet,
    InstrumentSetMember,
    TreatyAction,
)
from coopdesk.records.completeness import Area, Completeness
from coopdesk.records.derived import InstrumentName, StatusOnDate, TreatyStatus, set_members_on, treaty_status
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import NotFound, Record, to_record
from coopdesk.records.types import RECORD_TYPES


@dataclass(frozen=True)
class MatrixRow:
    iso3: str
    short_name: str
    regional_group: str
    cells: tuple[StatusOnDate, ...]  # one per column, in column order
    #: Per column: the day the State's treaty actions on that instrument were checked complete, when a
    #: check covers the matrix's date (None: nothing recorded may only mean nothing was entered).
    known: tuple[PartialDate | None, ...] = ()

    @property
    def parties(self) -> int:
        return sum(1 for c in self.cells if c.status is TreatyStatus.PARTY)

    @property
    def all_known(self) -> bool:
        return bool(self.known) and all(k is not None for k in self.known)

    def count_text(self) -> str:
        return f"{self.parties} / {len(self.cells)}"


@dataclass(frozen=True)
class StatusMatrix:
    set_code: str
    set_name: str
    as_of: dt.date
    group: str | None
    columns: tuple[InstrumentName, ...]
    rows: tuple[MatrixRow, ...]

    def row_for(self, iso3: str) -> MatrixRow:
        for row in self.rows:
            if row.iso3 == iso3:
                return row
        raise KeyError(iso3)


def _known(
    checks: Sequence[Record], set_code: str, codes: list[str], as_of: dt.date
) -> tuple[PartialDate | None, ...]:
    """For each instrument, the day of the check covering ``as_of`` (the set's, else the instrument's)."""
    if not checks:
        return (None,) * len(codes)
    completeness = Completeness(checks)
    whole = completeness.covering(Area.instrument_set(set_code), as_of)
    known = []
    for code in codes:
        check = whole or completeness.covering(Area.instrument(code), as_of)
        known.append(check.checked_on if check is not None else None)
    return tuple(known)


def instrument_sets(db: Database) -> list[tuple[str, str]]:
    """(code, name) of every instrument set, for a chooser."""
    with db.read() as session:
        return [(s.code, s.name) for s in session.scalars(select(InstrumentSet).order_by(InstrumentSet.code))]


def status_matrix(db: Database, set_code: str, as_of: dt.date, group: str | None = None) -> StatusMatrix:
    """States (optionally of one regional group) by the instruments in ``set_code`` on ``as_of``."""
    with db.read() as session:
        the_set = session.get(InstrumentSet, set_code)
        if the_set is None:
            raise NotFound(f"There is no instrument set with the code {set_code!r}.")
        member_rows = session.scalars(
            select(InstrumentSetMember).where(InstrumentSetMember.set_code == set_code)
        ).all()
        members = [
            Record(
                "instrument_set_member",
                str(m.id),
                {
                    "set_code": m.set_code,
                    "instrument_code": m.instrument_code,
                    "member_from": PartialDate.from_storage(m.member_from),
                    "member_until": PartialDate.from_storage(m.member_until) if m.member_until else None,
                },
            )
            for m in member_rows
        ]
        codes = set_members_on(members, set_code, as_of)
        instruments = {
            i.code: i for i in session.scalars(select(Instrument).where(Instrument.code.in_(codes)))
        }
        codes.sort(key=lambda c: (instruments[c].position if c in instruments else 0, c))
        columns = tuple(
            InstrumentName(c, instruments[c].title, instruments[c].short_title or "")
            if c in instruments
            else InstrumentName(c, c, "")
            for c in codes
        )
        countries_stmt = select(Country.iso3, Country.short_name, Country.regional_group).order_by(
            Country.short_name
        )
        if group:
            countries_stmt = countries_stmt.where(Country.regional_group == group)
        countries = session.execute(countries_stmt).all()
        actions_stmt = select(
            TreatyAction.id,
            TreatyAction.country_code,
            TreatyAction.instrument_code,
            TreatyAction.action,
            TreatyAction.action_date,
            TreatyAction.effect_date,
        ).where(TreatyAction.instrument_code.in_(codes))
        # Actions after the date do not exist for the question; compare in storage form ("2009" <= "2009-10-30").
        actions_stmt = actions_stmt.where(
            (TreatyAction.action_date.is_(None)) | (TreatyAction.action_date <= as_of.isoformat())
        )
        if group:
            actions_stmt = actions_stmt.where(TreatyAction.country_code.in_([c.iso3 for c in countries]))
        checks_stmt = select(CompletenessCheck).where(
            (
                (CompletenessCheck.area == "instrument_set")
                & (CompletenessCheck.instrument_set_code == set_code)
            )
            | ((CompletenessCheck.area == "instrument") & CompletenessCheck.instrument_code.in_(codes))
        )
        checks: dict[str, list[Record]] = defaultdict(list)
        check_type = RECORD_TYPES["completeness_check"]
        for row in session.scalars(checks_stmt):
            checks[row.country_code].append(to_record(check_type, row))
        by_country: dict[str, list[Record]] = defaultdict(list)
        for key, country, instrument, action, date, effect in session.execute(actions_stmt):
            by_country[country].append(
                Record(
                    "treaty_action",
                    key,
                    {
                        "instrument_code": instrument,
                        "action": action,
                        "action_date": PartialDate.from_storage(date) if date else None,
                        "effect_date": PartialDate.from_storage(effect) if effect else None,
                    },
                    country=country,
                )
            )
    rows = tuple(
        MatrixRow(
            iso3,
            name,
            regional,
            tuple(treaty_status(by_country.get(iso3, ()), code, as_of) for code in codes),
            _known(checks.get(iso3, ()), set_code, codes, as_of),
        )
        for iso3, name, regional in countries
    )
    return StatusMatrix(set_code, the_set.name, as_of, group, columns, rows)
