"""What the note's sections share: a bullet from a sentence's spans, the records existing on the date,
the catalogue's order, the sets told as a count, and the reports a note may tell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from coopdesk.note.claims import known_complete
from coopdesk.note.drafting import Drafting
from coopdesk.note.inputs import NoteInputs
from coopdesk.note.lang.facts import ReportFact
from coopdesk.note.model import BulletList, ListItem, Span
from coopdesk.records.completeness import Area
from coopdesk.records.derived import set_members_on
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record

#: A part of the note: the bullets it has to say on the note's date, in the note's language.
Section = Callable[[Drafting], list[ListItem]]

#: A set with more instruments than this is told as a count ("13 out of 16 ...") with the missing ones
#: listed; a smaller set (the crime and drug conventions) is told treaty by treaty.
COUNT_THRESHOLD = 6


def item(spans: Iterable[Span], children: BulletList | None = None) -> ListItem:
    """A bullet from a sentence's spans: empty runs dropped, neighbours of one style merged."""
    merged: list[Span] = []
    for s in spans:
        if not s.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (s.bold, s.italic):
            merged[-1] = Span(merged[-1].text + s.text, s.bold, s.italic)
        else:
            merged.append(s)
    return ListItem(tuple(merged), children)


def sentences(*parts: list[Span]) -> list[Span]:
    """Sentences of one bullet, a space between each."""
    joined: list[Span] = []
    for part in parts:
        if joined and part:
            joined.append(Span(" "))
        joined += part
    return joined


def records_on(d: Drafting, type_name: str) -> list[Record]:
    """The records of a type that exist on the note's date, placed in time as their type declares (a
    record nothing places in time does not exist for a dated note: ``coopdesk.records.time_placement``)."""
    return d.records_on(type_name)


def date_key(date: PartialDate | None) -> tuple[int, int, int]:
    if date is None:
        return (9999, 99, 99)
    return (date.year, date.month or 0, date.day or 0)


def record_text(record: Record | None, name: str) -> str:
    """A record's text field, its spaces tidied."""
    if record is None:
        return ""
    return " ".join(str(record.values.get(name) or "").split())


def position(inputs: NoteInputs, code: str) -> int:
    """An instrument's place in the catalogue's order."""
    entry = inputs.entry("instrument", code)
    value = entry.values.get("position") if entry is not None else None
    return int(value) if value is not None else 10_000


def counted_sets(inputs: NoteInputs, as_of: dt.date) -> list[Record]:
    """The instrument sets told as a count on ``as_of`` (more members than ``COUNT_THRESHOLD``)."""
    sets = sorted(inputs.catalogue.get("instrument_set", {}).values(), key=lambda r: str(r.key))
    return [s for s in sets if len(set_members_on(inputs.set_members, str(s.key), as_of)) > COUNT_THRESHOLD]


def counted_instruments(inputs: NoteInputs, as_of: dt.date) -> set[str]:
    counted = {str(s.key) for s in counted_sets(inputs, as_of)}
    return {
        str(m.values.get("instrument_code"))
        for m in inputs.set_members
        if m.values.get("set_code") in counted
    }


def reports_told(d: Drafting) -> list[Record]:
    """The reports existing on the date that the note may tell: a report recorded as not answered says
    what a State has not done, so it is told only where its reporting instrument was checked complete."""
    return [
        r
        for r in records_on(d, "reporting")
        if r.values.get("completeness") != "none"
        or known_complete(
            d.inputs, Area.reporting_instrument(str(r.values.get("reporting_instrument_code"))), d.as_of
        )
    ]


def report_fact(d: Drafting, report: Record, name: str = "name") -> ReportFact:
    """A report as a sentence tells it: what it answered (``name`` of the reporting instrument), when,
    how fully, for which cycle, with the officer's details."""
    code = report.values.get("reporting_instrument_code")
    entry = d.inputs.entry("reporting_instrument", code)
    return ReportFact(
        d.term("reporting_instrument", code, name),
        report.values.get("submitted_date"),
        str(report.values.get("completeness") or "full"),
        record_text(report, "cycle"),
        d.typed_text(report, "details"),
        str(entry.values.get("kind") or "") if entry is not None else "",
        d.term("reporting_instrument", code, "short_name").text if entry is not None else "",
    )


__all__ = [
    "COUNT_THRESHOLD",
    "Section",
    "counted_instruments",
    "counted_sets",
    "date_key",
    "item",
    "position",
    "record_text",
    "records_on",
    "report_fact",
    "reports_told",
    "sentences",
]
