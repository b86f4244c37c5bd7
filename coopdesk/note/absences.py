"""The parts of the country note that may say what a State has not done: the count against an instrument
set (with the remaining instruments), legislative assistance and technical cooperation projects.

A negative sentence is printed only where the area was checked complete on or after the note's date
(``coopdesk.note.claims.known_complete``). Elsewhere the note says only what the records show, and the
draft lists what was left out and why (``coopdesk.note.gaps``).
"""

from __future__ import annotations

import dataclasses

from coopdesk.note.claims import assistance_end_passed, known_complete, project_standing, sorted_by_placement
from coopdesk.note.drafting import Drafting
from coopdesk.note.lang.facts import AssistanceFact, InstrumentFact, ProjectFact, Term
from coopdesk.note.model import BulletList, ListItem, Span
from coopdesk.note.sections.common import counted_sets, item, position, record_text, records_on
from coopdesk.note.wording import lower_first
from coopdesk.records.completeness import Area
from coopdesk.records.derived import set_count
from coopdesk.records.record import Record

# --------------------------------------------------------------------------- instrument sets


def _instrument_line(d: Drafting, code: str) -> ListItem:
    """ "Amendment to the Convention on the Physical Protection of Nuclear Material (Vienna, 8 July 2005)"."""
    entry = d.inputs.entry("instrument", code)
    fact = InstrumentFact(
        d.term("instrument", code, "title").text or code,
        d.text("instrument", code, "adopted_place"),
        entry.values.get("adopted_date") if entry is not None else None,
    )
    return ListItem((Span(d.lang.remaining_instrument(fact)),))


def _running_name(d: Drafting, code: str) -> Term:
    """How a sentence names a set's instruments ("international counter-terrorism treaties"): its running
    name, else its name in lower case."""
    running = d.term("instrument_set", code, "running_name")
    if running.text:
        return running
    named = d.term("instrument_set", code, "name")
    return dataclasses.replace(named, text=lower_first(named.text))


def set_counts(d: Drafting) -> list[ListItem]:
    """ "has ratified 13 out of 16 ... The remaining ... are the following:" where the set's treaty
    actions are known complete; otherwise only the instruments ratified, as the records show them."""
    lang, st, inputs = d.lang, d.state, d.inputs
    actions = records_on(d, "treaty_action")
    order = {c: position(inputs, c) for c in inputs.catalogue.get("instrument", {})}
    items = []
    for s in counted_sets(inputs, d.as_of):
        code = str(s.key)
        count = set_count(actions, inputs.set_members, code, d.as_of, order)
        running = _running_name(d, code)
        if count.n == count.m:
            items.append(item(lang.set_all(st, count.m, running)))
            continue
        if known_complete(inputs, Area.instrument_set(code), d.as_of) is None:
            if count.n:  # what the records show, and nothing of what they do not
                ratified = BulletList(tuple(_instrument_line(d, c) for c in count.parties))
                items.append(item(lang.set_listed(st, count.n, count.m, running), children=ratified))
            continue
        if count.n == 0:
            items.append(item(lang.set_none(st, count.m, running)))
            continue
        missing = BulletList(tuple(_instrument_line(d, c) for c in count.missing))
        items.append(item(lang.set_some(st, count.n, count.m, running), children=missing))
    return items


# --------------------------------------------------------------------------- legislative assistance


def legislative_assistance(d: Drafting) -> list[ListItem]:
    records = records_on(d, "legislative_assistance")
    if not records:
        if known_complete(d.inputs, Area.legislative_assistance(), d.as_of) is None:
            return []
        return [item(d.lang.assistance_none(d.state, d.organisation[1]))]
    return [
        item(d.lang.assistance(d.state, d.organisation[1], _assistance(d, r)))
        for r in sorted_by_placement(d.inputs, records)
    ]


def _assistance(d: Drafting, r: Record) -> AssistanceFact:
    v = r.values
    status = str(v.get("status"))
    end = v.get("end_date")
    if end is not None and end.start() > d.as_of:
        end = None
    if status == "ongoing" and assistance_end_passed(r, d.as_of):
        status = "completed"  # its end has passed: told in the past, and the draft warns
    return AssistanceFact(
        status,
        d.typed_text(r, "area"),
        str(v.get("kind") or ""),
        v.get("start_date"),
        end,
        d.typed_text(r, "details"),
    )


# --------------------------------------------------------------------------- projects


def _project_line(d: Drafting, p: Record, *, ongoing: bool) -> ListItem:
    v = p.values
    fact = ProjectFact(
        d.typed_text(p, "title"),
        record_text(p, "code"),
        v.get("actual_start") or v.get("planned_start"),
        v.get("planned_end"),
        v.get("budget"),
    )
    return item(d.lang.project(fact, ongoing=ongoing))


def projects(d: Drafting) -> list[ListItem]:
    """The projects running on the date; those whose planned end has passed while their status still
    says they run are told in the past ("supported"), since the records do not say they still run."""
    lang, st, org = d.lang, d.state, d.organisation[1]
    on_date = records_on(d, "project")
    standing = {str(p.key): project_standing(p, d.as_of) for p in on_date}
    by_start = sorted_by_placement(d.inputs, on_date)
    ongoing = [p for p in by_start if standing[str(p.key)] == "ongoing"]
    stale = [p for p in by_start if standing[str(p.key)] == "stale"]
    items = []
    for told, running in ((ongoing, True), (stale, False)):
        if told:
            children = BulletList(tuple(_project_line(d, p, ongoing=running) for p in told))
            items.append(item(lang.projects_intro(org, st, len(told), ongoing=running), children=children))
    if not ongoing and not stale and known_complete(d.inputs, Area.projects(), d.as_of) is not None:
        items.append(item(lang.projects_none(org, st)))
    return items


__all__ = ["legislative_assistance", "projects", "set_counts"]
