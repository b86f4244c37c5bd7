"""The parts of the country note that may say what a State has not done: the count against an instrument
set (with the remaining instruments), legislative assistance and technical cooperation projects.

A negative sentence is printed only where the area was checked complete on or after the note's date
(``coopdesk.note.claims.known_complete``). Elsewhere the note says only what the records show, and the
draft lists what was left out and why (``coopdesk.note.gaps``).
"""

from __future__ import annotations

import datetime as dt

from coopdesk.note.claims import (
    assistance_end_passed,
    known_complete,
    project_standing,
    sorted_by_placement,
    visible,
)
from coopdesk.note.inputs import NoteInputs
from coopdesk.note.model import BulletList, ListItem, Span
from coopdesk.note.sections import _counted_sets, _item, _position, _text
from coopdesk.note.wording import bold, date_phrase, lower_first, plain, sentence_end
from coopdesk.records.completeness import Area
from coopdesk.records.derived import set_count
from coopdesk.records.partial_date import format_range
from coopdesk.records.record import Record

# --------------------------------------------------------------------------- instrument sets


def _instrument_line(inputs: NoteInputs, code: str) -> ListItem:
    """ "Amendment to the Convention on the Physical Protection of Nuclear Material (Vienna, 2005)"."""
    entry = inputs.entry("instrument", code)
    title = _text(entry, "title") or code
    where = ""
    if entry is not None:
        parts = (_text(entry, "adopted_place"), str(entry.values.get("adopted_date") or ""))
        where = ", ".join(x for x in parts if x)
    return ListItem((Span(title + (f" ({where})" if where else "")),))


def set_counts(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    """ "has ratified 13 out of 16 ... The remaining ... are the following:" where the set's treaty
    actions are known complete; otherwise only the instruments ratified, as the records show them."""
    subject = inputs.names.subject
    actions = visible(inputs, "treaty_action", as_of)
    order = {c: _position(inputs, c) for c in inputs.catalogue.get("instrument", {})}
    items = []
    for s in _counted_sets(inputs, as_of):
        count = set_count(actions, inputs.set_members, str(s.key), as_of, order)
        running = _text(s, "running_name") or lower_first(_text(s, "name"))
        if count.n == count.m:
            items.append(_item(plain(f"{subject} has ratified all {count.m} "), bold(running), plain(".")))
            continue
        if known_complete(inputs, Area.instrument_set(str(s.key)), as_of) is None:
            if count.n:  # what the records show, and nothing of what they do not
                ratified = BulletList(tuple(_instrument_line(inputs, c) for c in count.parties))
                opening = f"{subject} has ratified the following {count.n} of the {count.m} "
                items.append(_item(plain(opening), bold(running), plain(":"), children=ratified))
            continue
        if count.n == 0:
            items.append(
                _item(plain(f"{subject} has not ratified any of the {count.m} "), bold(running), plain("."))
            )
            continue
        missing = BulletList(tuple(_instrument_line(inputs, c) for c in count.missing))
        items.append(
            _item(
                plain(f"{subject} has ratified {count.n} out of {count.m} "),
                bold(running),
                plain(". The remaining non-ratified treaties are the following:"),
                children=missing,
            )
        )
    return items


# --------------------------------------------------------------------------- legislative assistance

_ASSISTANCE_KIND = {
    "drafting": "the drafting of",
    "review": "the review of",
    "advice": "advice on",
    "training": "training on",
}


def legislative_assistance(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    subject = inputs.names.subject
    org = inputs.organisation_short
    records = visible(inputs, "legislative_assistance", as_of)
    if not records:
        if known_complete(inputs, Area.legislative_assistance(), as_of) is None:
            return []
        return [
            _item(
                plain(
                    f"{subject} does not belong to the list of countries which finalized the drafting of, "
                    f"or adopted, legislation or amendments (including counter-terrorism legislation) with "
                    f"the assistance of {org}."
                )
            )
        ]
    items = []
    for r in sorted_by_placement(inputs, records):
        items.append(_assistance_item(inputs, r, as_of))
    return items


def _assistance_item(inputs: NoteInputs, r: Record, as_of: dt.date) -> ListItem:
    subject = inputs.names.subject
    org = inputs.organisation_short
    v = r.values
    status = str(v.get("status"))
    area = lower_first(_text(r, "area"))
    start = v.get("start_date")
    end = v.get("end_date")
    if end is not None and end.start() > as_of:
        end = None
    if status == "ongoing" and assistance_end_passed(r, as_of):
        status = "completed"  # its end has passed: told in the past, and the draft warns
    kind = _ASSISTANCE_KIND.get(str(v.get("kind") or ""), "")
    with_kind = f"with {kind} " if kind else "with "
    if status == "law_adopted":
        when = f" {date_phrase(end)}" if end is not None else ""
        spans = [plain(f"{subject} adopted "), bold(area), plain(f" with the assistance of {org}{when}.")]
    else:
        if status == "requested":
            opening = f"{subject} requested the assistance of {org} "
            when = f" {date_phrase(start)}" if start is not None else ""
        elif status == "ongoing" and end is None:
            opening = f"{subject} is receiving the assistance of {org} "
            when = f" (since {start})" if start is not None else ""
        else:
            opening = f"{subject} received the assistance of {org} "
            if start is not None:
                when = f" ({format_range(start, end)})"
            else:
                when = f" (until {end})" if end is not None else ""
        spans = [plain(opening + with_kind), bold(area), plain(f"{when}.")]
    details = _text(r, "details")
    if details:
        spans.append(plain(" " + sentence_end(details[0].upper() + details[1:])))
    return _item(*spans)


# --------------------------------------------------------------------------- projects


def _project_line(inputs: NoteInputs, p: Record, *, ongoing: bool) -> ListItem:
    v = p.values
    code = _text(p, "code")
    start = v.get("actual_start") or v.get("planned_start")
    details = []
    if start is not None:
        details.append(f"since {start}" if ongoing else f"started {date_phrase(start)}")
    if v.get("planned_end") is not None:
        details.append(f"planned to end in {v['planned_end']}")
    if v.get("budget") is not None:
        details.append(f"budget {v['budget'].format()}")
    spans = [bold(_text(p, "title"))]
    if code:
        spans.insert(0, plain(f"{code}: "))
    if details:
        spans.append(plain(f" ({'; '.join(details)})"))
    return _item(*spans)


def projects(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    """The projects running on the date; those whose planned end has passed while their status still
    says they run are told in the past ("supported"), since the records do not say they still run."""
    org = inputs.organisation_short
    running = inputs.names.running
    standing = {str(p.key): project_standing(p, as_of) for p in visible(inputs, "project", as_of)}
    by_start = sorted_by_placement(inputs, visible(inputs, "project", as_of))
    ongoing = [p for p in by_start if standing[str(p.key)] == "ongoing"]
    stale = [p for p in by_start if standing[str(p.key)] == "stale"]
    items = []
    if ongoing:
        noun = "projects" if len(ongoing) > 1 else "project"
        children = BulletList(tuple(_project_line(inputs, p, ongoing=True) for p in ongoing))
        intro = f"{org} is supporting the following technical cooperation {noun} in {running}:"
        items.append(_item(plain(intro), children=children))
    if stale:
        noun = "projects" if len(stale) > 1 else "project"
        children = BulletList(tuple(_project_line(inputs, p, ongoing=False) for p in stale))
        intro = f"{org} supported the following technical cooperation {noun} in {running}:"
        items.append(_item(plain(intro), children=children))
    if not ongoing and not stale and known_complete(inputs, Area.projects(), as_of) is not None:
        items.append(
            _item(
                plain(
                    f"{org} is not supporting any ongoing technical cooperation project in {running} at this "
                    "moment."
                )
            )
        )
    return items


__all__ = ["legislative_assistance", "projects", "set_counts"]
