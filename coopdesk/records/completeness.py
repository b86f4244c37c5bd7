"""Which areas of a State's records are known complete, and as of when.

Records say what happened; their silence says nothing. An officer who has checked one area of a State's
records against a source ("UN Treaty Collection status, 1 March 2013") records a *completeness check*:
the area held every fact up to that date. Only then may a note say what the State has *not* done in that
area (not party, not on the list, no ongoing project, the remaining instruments).

The rule, for a note as of D: an area is known complete when a check of it is dated on or after D. A
check of 1 March 2013 says nothing is missing up to 1 March 2013, so it covers notes as of any day up
to then, and none after it (what happened since may not be recorded). A check given only as a month or
a year counts from its first day, so it never covers more than was checked.

The treaty actions of an instrument set are known complete when the set was checked, or when each
instrument the set holds on the date was checked on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from coopdesk.db.database import Database
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record, ServiceError
from coopdesk.records.service import RecordService
from coopdesk.records.types import AREA_REF_FIELDS, RECORD_TYPES
from coopdesk.records.vocabularies import COMPLETENESS_AREA

CHECK_TYPE = "completeness_check"

__all__ = [
    "Area",
    "Check",
    "Completeness",
    "area_choices",
    "area_of",
    "checks_of",
    "mark_complete",
]


@dataclass(frozen=True, order=True)
class Area:
    """One area of a State's records: a kind (``COMPLETENESS_AREA``) and, for most kinds, the catalogue
    entry it is about (the set, instrument, reporting instrument or body)."""

    kind: str
    code: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in COMPLETENESS_AREA.values:
            raise ValueError(f"'{self.kind}' is not an area of the records")
        needs_code = self.kind in AREA_REF_FIELDS
        if needs_code != bool(self.code):
            which = "needs" if needs_code else "takes no"
            raise ValueError(f"the area {COMPLETENESS_AREA.label(self.kind).lower()} {which} catalogue code")

    @classmethod
    def instrument_set(cls, code: str) -> Area:
        return cls("instrument_set", code)

    @classmethod
    def instrument(cls, code: str) -> Area:
        return cls("instrument", code)

    @classmethod
    def reporting_instrument(cls, code: str) -> Area:
        return cls("reporting_instrument", code)

    @classmethod
    def body(cls, code: str) -> Area:
        return cls("body", code)

    @classmethod
    def legislative_assistance(cls) -> Area:
        return cls("legislative_assistance")

    @classmethod
    def projects(cls) -> Area:
        return cls("project")

    def values(self) -> dict[str, Any]:
        """The fields of a completeness check of this area."""
        values: dict[str, Any] = {"area": self.kind}
        if self.code is not None:
            values[AREA_REF_FIELDS[self.kind]] = self.code
        return values

    def describe(self, name: str | None = None) -> str:
        """ "treaty actions on Universal legal instruments against terrorism", "legislative assistance"."""
        label = COMPLETENESS_AREA.label(self.kind)
        if self.code is None:
            return label[0].lower() + label[1:]
        subject = name or self.code
        return {
            "instrument_set": f"treaty actions on {subject}",
            "instrument": f"treaty actions on {subject}",
            "reporting_instrument": f"reports to {subject}",
            "body": f"memberships of {subject}",
        }[self.kind]


def area_of(values: Record | dict[str, Any]) -> Area:
    """The area a completeness check is about."""
    v = values.values if isinstance(values, Record) else values
    kind = str(v.get("area") or "")
    ref = AREA_REF_FIELDS.get(kind)
    return Area(kind, str(v.get(ref)) if ref else None)


@dataclass(frozen=True)
class Check:
    """One completeness check: its area, the day the records were found complete, and against what."""

    key: str
    area: Area
    checked_on: PartialDate
    source: str

    def covers(self, as_of: dt.date) -> bool:
        """Whether the check says the area held every fact up to ``as_of``."""
        return as_of <= self.checked_on.start()

    def describe(self) -> str:
        """ "checked complete on 1 March 2013 (UN Treaty Collection status)"."""
        where = f" ({self.source})" if self.source else ""
        return f"checked complete on {self.checked_on}{where}"


class Completeness:
    """One State's completeness checks, asked "is this area known complete as of D?"."""

    def __init__(self, checks: Iterable[Record]) -> None:
        self._checks: dict[Area, list[Check]] = {}
        for r in checks:
            date = r.values.get("checked_on")
            if date is None:
                continue
            try:
                area = area_of(r)
            except ValueError:
                continue
            check = Check(str(r.key), area, date, " ".join(str(r.values.get("source") or "").split()))
            self._checks.setdefault(area, []).append(check)
        for found in self._checks.values():
            found.sort(key=lambda c: c.checked_on.start())

    def latest(self, area: Area) -> Check | None:
        """The most recent check of an area, whatever its date."""
        found = self._checks.get(area)
        return found[-1] if found else None

    def covering(self, area: Area, as_of: dt.date) -> Check | None:
        """The earliest check of an area dated on or after ``as_of`` (None: not known complete then)."""
        return next((c for c in self._checks.get(area, ()) if c.covers(as_of)), None)

    def set_covering(self, set_code: str, instruments: Sequence[str], as_of: dt.date) -> Check | None:
        """Whether the treaty actions on a set (holding ``instruments`` on the date) are known complete:
        the set's own check, else the instruments' checks (the one that covers least is returned)."""
        own = self.covering(Area.instrument_set(set_code), as_of)
        if own is not None:
            return own
        if not instruments:
            return None
        each = [self.covering(Area.instrument(code), as_of) for code in instruments]
        if any(c is None for c in each):
            return None
        return min((c for c in each if c is not None), key=lambda c: c.checked_on.start())

    def set_latest(self, set_code: str, instruments: Sequence[str]) -> Check | None:
        """The latest check that says something about the whole set (its own, or the oldest of its
        instruments' latest checks when each was checked)."""
        own = self.latest(Area.instrument_set(set_code))
        each = [self.latest(Area.instrument(code)) for code in instruments]
        together = (
            min((c for c in each if c is not None), key=lambda c: c.checked_on.start())
            if instruments and all(c is not None for c in each)
            else None
        )
        candidates = [c for c in (own, together) if c is not None]
        return max(candidates, key=lambda c: c.checked_on.start()) if candidates else None


def mark_complete(
    db: Database,
    countries: Iterable[str],
    areas: Area | Iterable[Area],
    checked_on: dt.date | PartialDate | str,
    source: str,
    *,
    notes: str = "",
    user: str | None = None,
) -> list[Record]:
    """Record that each of ``areas`` of each State's records was checked complete on ``checked_on``
    against ``source`` ("UN Treaty Collection status, 1 March 2013"): one action, one transaction (all
    the checks or none), each in the history. A check already recorded for the same State, area and
    date is not added twice. Returns the checks added.

    Raises ``ValidationFailed`` (an unknown State, set, instrument, ...) or ``ServiceError``.
    """
    area_list = [areas] if isinstance(areas, Area) else list(areas)
    states = list(dict.fromkeys(countries))
    if not states:
        raise ServiceError("Choose at least one State to mark complete.")
    if not area_list:
        raise ServiceError("Choose at least one area to mark complete.")
    if not source.strip():
        raise ServiceError(
            "Say what the records were checked against, e.g. UN Treaty Collection status, 1 March 2013."
        )
    service = RecordService(db, user)
    day = RECORD_TYPES[CHECK_TYPE].field("checked_on").parse(checked_on)
    if day is None:
        raise ServiceError("Give the date the records were checked complete on.")
    existing = {
        (r.country, area_of(r), r.values.get("checked_on"))
        for r in service.list(CHECK_TYPE, where={"country_code": states})
    }
    items = []
    for iso3 in states:
        for area in area_list:
            if (iso3, area, day) in existing:
                continue
            values = {**area.values(), "checked_on": day, "source": source, "notes": notes}
            items.append((CHECK_TYPE, values, iso3))
    return service.create_many(items) if items else []


@dataclass(frozen=True)
class AreaChoice:
    """An area offered for marking complete: its group ("Treaty actions"), its name, the area."""

    group: str
    name: str
    area: Area


#: The groups areas are offered in, in order.
AREA_GROUPS = (
    "Treaty actions on a set",
    "Treaty actions on one instrument",
    "Reports",
    "Memberships",
    "Assistance and projects",
)


def area_choices(db: Database) -> list[AreaChoice]:
    """Every area of the records that can be marked complete, named from the catalogue, grouped."""
    data = RecordService(db).lists(["instrument_set", "instrument", "reporting_instrument", "body"])
    choices = [
        AreaChoice(AREA_GROUPS[0], str(s.values.get("name") or s.key), Area.instrument_set(str(s.key)))
        for s in sorted(data["instrument_set"], key=lambda r: str(r.key))
    ]
    instruments = sorted(data["instrument"], key=lambda r: (int(r.values.get("position") or 0), str(r.key)))
    choices += [
        AreaChoice(
            AREA_GROUPS[1],
            str(i.values.get("short_title") or i.values.get("title") or i.key),
            Area.instrument(str(i.key)),
        )
        for i in instruments
    ]
    choices += [
        AreaChoice(AREA_GROUPS[2], str(r.values.get("name") or r.key), Area.reporting_instrument(str(r.key)))
        for r in sorted(data["reporting_instrument"], key=lambda r: str(r.values.get("name") or r.key))
    ]
    choices += [
        AreaChoice(AREA_GROUPS[3], str(b.values.get("name") or b.key), Area.body(str(b.key)))
        for b in sorted(data["body"], key=lambda r: str(r.values.get("name") or r.key))
    ]
    choices += [
        AreaChoice(AREA_GROUPS[4], "Legislative assistance", Area.legislative_assistance()),
        AreaChoice(AREA_GROUPS[4], "Technical cooperation projects", Area.projects()),
    ]
    return choices


def checks_of(db: Database, iso3: str) -> Completeness:
    """One State's completeness checks, to say when each area was last checked."""
    return Completeness(RecordService(db).list(CHECK_TYPE, country=iso3))
