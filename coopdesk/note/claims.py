"""What the records let a note claim on a date: which records exist by then, which areas are known
complete, and which statuses have outlived their dates.

The note's sections and the draft's list of what was left out (``coopdesk.note.gaps``) both ask these
questions here, so a sentence is never printed without the warning's reason being false, nor left out
without a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from coopdesk.note.inputs import NoteInputs
from coopdesk.records.completeness import Area, Check
from coopdesk.records.derived import set_members_on, term_end
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record
from coopdesk.records.time_placement import Placement, place

#: Project statuses that say the project runs (IATI: implementation, finalisation).
RUNNING_PROJECT = frozenset({"implementation", "finalisation"})
#: Legislative assistance statuses that say the assistance is still to come or under way.
OPEN_ASSISTANCE = frozenset({"requested", "ongoing"})


def placement(inputs: NoteInputs, record: Record) -> Placement:
    """Where a record stands in time (a meeting attended by its meeting's start, if it has one)."""
    key = (record.type, str(record.key))
    found = inputs.placements.get(key)
    if found is not None:
        return found

    def entry_date(catalogue: str, code: str, field: str) -> PartialDate | None:
        entry = inputs.entry(catalogue, code)
        date = entry.values.get(field) if entry is not None else None
        return date if isinstance(date, PartialDate) else None

    found = inputs.placements[key] = place(record, entry_date)
    return found


def visible(inputs: NoteInputs, type_name: str, as_of: dt.date) -> list[Record]:
    """The records of a type that exist on ``as_of``: placed in time, and by then."""
    return [r for r in inputs.of(type_name) if placement(inputs, r).happened_by(as_of)]


def unplaced(inputs: NoteInputs, type_name: str) -> list[Record]:
    """The records of a type that nothing places in time: no date, no cycle, no dated source."""
    return [r for r in inputs.of(type_name) if not placement(inputs, r).placed]


# --------------------------------------------------------------------------- completeness


def known_complete(inputs: NoteInputs, area: Area, as_of: dt.date) -> Check | None:
    """The check saying an area held every fact up to ``as_of`` (None: the records may be silent)."""
    if area.kind == "instrument_set" and area.code is not None:
        members = set_members_on(inputs.set_members, area.code, as_of)
        return inputs.completeness.set_covering(area.code, members, as_of)
    return inputs.completeness.covering(area, as_of)


def last_check(inputs: NoteInputs, area: Area, as_of: dt.date) -> Check | None:
    """The latest check of an area whatever its date (to say why it does not cover the note's date)."""
    if area.kind == "instrument_set" and area.code is not None:
        members = set_members_on(inputs.set_members, area.code, as_of)
        return inputs.completeness.set_latest(area.code, members)
    return inputs.completeness.latest(area)


def why_unknown(inputs: NoteInputs, area: Area, as_of: dt.date) -> str:
    """Why an area is not known complete on ``as_of``, in words: never checked, or checked before."""
    last = last_check(inputs, area, as_of)
    if last is None:
        return "never checked complete"
    return f"last checked complete on {last.checked_on}, before the note's date"


# --------------------------------------------------------------------------- statuses against dates


@dataclass(frozen=True)
class StaleStatus:
    """A record whose status says something still runs although its dates say it should be over."""

    record: Record
    problem: str  # "planned end passed; status not updated"
    detail: str  # what the record says, in words


def planned_end_passed(project: Record, as_of: dt.date) -> bool:
    """A project recorded as running whose planned end is before ``as_of``, with no actual end."""
    v = project.values
    end = v.get("planned_end")
    return (
        v.get("status") in RUNNING_PROJECT
        and v.get("actual_end") is None
        and isinstance(end, PartialDate)
        and end.end() < as_of
    )


def project_standing(project: Record, as_of: dt.date) -> str:
    """How a project stands on ``as_of``: "ongoing"; "stale" (recorded as running, but its planned end
    has passed and no actual end is recorded); or "" (not running: in the pipeline, cancelled,
    suspended, not started yet, or over)."""
    v = project.values
    status = v.get("status")
    if status in ("pipeline", "cancelled", "suspended"):
        return ""
    start = v.get("actual_start") or v.get("planned_start")
    if isinstance(start, PartialDate) and start.start() > as_of:
        return ""
    actual_end = v.get("actual_end")
    if isinstance(actual_end, PartialDate) and actual_end.end() < as_of:
        return ""
    if status not in RUNNING_PROJECT:  # closed: running on the date only if an end shows it
        end = actual_end or v.get("planned_end")
        return "ongoing" if isinstance(end, PartialDate) and end.end() >= as_of else ""
    return "stale" if planned_end_passed(project, as_of) else "ongoing"


def assistance_end_passed(record: Record, as_of: dt.date) -> bool:
    """Legislative assistance recorded as requested or ongoing whose end date is before ``as_of``."""
    v = record.values
    end = v.get("end_date")
    return v.get("status") in OPEN_ASSISTANCE and isinstance(end, PartialDate) and end.end() < as_of


def usual_term_end(inputs: NoteInputs, membership: Record) -> PartialDate | None:
    """The end of a term whose end and length were not recorded, by the body's usual term length."""
    if term_end(membership) is not None:
        return None
    start = membership.values.get("term_start")
    body = inputs.entry("body", membership.values.get("body_code"))
    years = body.values.get("term_years") if body is not None else None
    if not isinstance(start, PartialDate) or not years:
        return None
    first = start.start()
    return PartialDate.from_date(first.replace(year=first.year + int(years)) - dt.timedelta(days=1))


def term_past_usual_end(inputs: NoteInputs, membership: Record, as_of: dt.date) -> bool:
    """A term with no recorded end, past the end of the body's usual term on ``as_of``."""
    end = usual_term_end(inputs, membership)
    return end is not None and end.end() < as_of


def stale_statuses(inputs: NoteInputs, as_of: dt.date) -> list[StaleStatus]:
    """Every record existing on ``as_of`` whose status has outlived its dates."""
    found = []
    for p in visible(inputs, "project", as_of):
        if project_standing(p, as_of) == "stale":
            found.append(
                StaleStatus(
                    p,
                    "planned end passed; status not updated",
                    f"recorded as in {p.values.get('status')}, planned to end in {p.values['planned_end']}",
                )
            )
    for r in visible(inputs, "legislative_assistance", as_of):
        if assistance_end_passed(r, as_of):
            found.append(
                StaleStatus(
                    r,
                    "end date passed; status not updated",
                    f"recorded as {r.values.get('status')}, with an end on {r.values['end_date']}",
                )
            )
    for m in visible(inputs, "membership", as_of):
        if term_past_usual_end(inputs, m, as_of):
            found.append(
                StaleStatus(
                    m,
                    "term past its usual end; end not recorded",
                    f"term began on {m.values.get('term_start')}; the body's terms usually end by "
                    f"{usual_term_end(inputs, m)}",
                )
            )
    return found


def sorted_by_placement(inputs: NoteInputs, records: Sequence[Record]) -> list[Record]:
    """Records in time order (by what places them), in entered order where they tie."""
    far = PartialDate(9999)
    return sorted(records, key=lambda r: (placement(inputs, r).date or far).start())
