"""Where a record stands in time, when its own date is missing.

A note as of a date tells only what had happened by then, so every record must be placed in time. Each
record type declares how (``RecordType.placed_by``, ``not_before``, ``dated_by`` in
``coopdesk.records.types``):

- by its own date fields, in a stated order (legislative assistance by its start, else its end);
- by a catalogue entry it refers to (a meeting attended, by the meeting's start);
- by the date of its source document (``source_date``, every record type), which proves the fact had
  happened by then;
- never before the period it names (a report for the questionnaire of 2011 cannot be before 2011), so
  a report with no date but its cycle is placed at the start of that cycle's last year.

A record that cannot be placed at all is left out of a dated note, and the draft says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from coopdesk.records.partial_date import MAX_YEAR, MIN_YEAR, PartialDate
from coopdesk.records.record import Record
from coopdesk.records.record_type import SOURCE_DATE
from coopdesk.records.types import record_type

#: The date field of a catalogue entry a record refers to: (catalogue type, code, field) -> date.
EntryDate = Callable[[str, str, str], PartialDate | None]

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class Placement:
    """When a record stands in time (None: it cannot be placed), and what placed it there."""

    date: PartialDate | None
    by: str  # the field or rule that placed it: "submitted_date", "source_date", "cycle", "meeting_code"

    @property
    def placed(self) -> bool:
        return self.date is not None

    def by_source(self) -> bool:
        return self.by == SOURCE_DATE

    def happened_by(self, as_of: dt.date) -> bool:
        """Whether the record exists on ``as_of`` (a partial date counts from its first day)."""
        return self.date is not None and self.date.start() <= as_of


UNPLACED = Placement(None, "")


def period_start(text: str) -> PartialDate | None:
    """The earliest a record about a period can be: the start of the last year the period names
    ("2011" -> 2011; "2010-2011" -> 2011; "2nd cycle" -> None)."""
    years = [int(y) for y in _YEAR.findall(text or "") if MIN_YEAR <= int(y) <= MAX_YEAR]
    return PartialDate(max(years)) if years else None


def place(record: Record, entry_date: EntryDate | None = None) -> Placement:
    """Where ``record`` stands in time, by the rules its type declares: its own date fields in order,
    then the catalogue entry it is dated by, then its source document; never before its period."""
    rtype = record_type(record.type)
    v = record.values
    found = UNPLACED
    own = [name for name in rtype.placement_fields if name != SOURCE_DATE]
    for name in own:
        if isinstance(v.get(name), PartialDate):
            found = Placement(v[name], name)
            break
    if not found.placed and rtype.dated_by is not None and entry_date is not None:
        ref, entry_field = rtype.dated_by
        code = v.get(ref)
        date = entry_date(rtype.field(ref).ref or "", str(code), entry_field) if code else None
        if date is not None:
            found = Placement(date, ref)
    if not found.placed and isinstance(v.get(SOURCE_DATE), PartialDate):
        found = Placement(v[SOURCE_DATE], SOURCE_DATE)
    if rtype.not_before is not None:
        floor = period_start(str(v.get(rtype.not_before) or ""))
        if floor is not None and (found.date is None or found.date.start() < floor.start()):
            found = Placement(floor, rtype.not_before)
    return found


def happened_by(record: Record, as_of: dt.date, entry_date: EntryDate | None = None) -> bool:
    """Whether ``record`` exists for a note as of ``as_of``; a record that cannot be placed does not."""
    return place(record, entry_date).happened_by(as_of)
