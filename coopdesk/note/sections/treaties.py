"""The conventions a State acted on, each with its Protocols and the reports on it, and the other reports
on conventions (a treaty family's questionnaires) in the bullet after them."""

from __future__ import annotations

from coopdesk.note.drafting import Drafting
from coopdesk.note.lang.facts import Action, Spans
from coopdesk.note.model import ListItem
from coopdesk.note.sections.common import (
    counted_instruments,
    date_key,
    item,
    position,
    records_on,
    report_fact,
    reports_told,
    sentences,
)
from coopdesk.records.derived import StatusOnDate, TreatyStatus, treaty_status
from coopdesk.records.record import Record


def _reports_on(d: Drafting, codes: set[str]) -> list[Record]:
    """The reports the note may tell that answer a reporting instrument tied to one of ``codes``."""
    result = []
    for r in reports_told(d):
        ri = d.inputs.entry("reporting_instrument", r.values.get("reporting_instrument_code"))
        if ri is not None and ri.values.get("instrument_code") in codes:
            result.append(r)
    result.sort(key=lambda r: date_key(r.values.get("submitted_date")))
    return result


def conventions(d: Drafting) -> list[ListItem]:
    """Each convention the State acted on, its Protocols told with it, its reporting appended.

    In the catalogue's order, except that a treaty family whose questionnaires are told in the bullet
    after the conventions comes last, next to that bullet (as in the reference note: the Convention
    against Corruption, then the Organized Crime Convention and its Protocols, then the latter's
    questionnaires)."""
    inputs = d.inputs
    actions = records_on(d, "treaty_action")
    counted = counted_instruments(inputs, d.as_of)
    acted = {str(a.values.get("instrument_code")) for a in actions} - counted
    instruments = inputs.catalogue.get("instrument", {})
    roots: list[str] = []
    for code in sorted(acted, key=lambda c: position(inputs, c)):
        root = code
        parent = instruments[root].values.get("parent_code") if root in instruments else None
        while parent and parent in instruments and parent not in counted:
            root = parent
            parent = instruments[root].values.get("parent_code")
        if root not in roots:
            roots.append(root)
    roots.sort(key=lambda c: position(inputs, c))
    bullets: list[tuple[bool, int, ListItem]] = []
    told: set[str] = set()
    for root in roots:
        children = sorted(
            (str(k) for k, e in instruments.items() if e.values.get("parent_code") == root),
            key=lambda c: position(inputs, c),
        )
        family = [root, *children]
        statuses = {c: treaty_status(actions, c, d.as_of) for c in family}
        acted_on = [c for c in family if statuses[c].status is not TreatyStatus.NO_ACTION]
        if acted_on == [root]:
            reports = _reports_on(d, {root})
            status = statuses[root]
            facts = [report_fact(d, r) for r in reports]
            title = d.term("instrument", root, "title")
            bullets.append(
                (
                    False,
                    len(bullets),
                    item(d.lang.treaty_action(d.state, status.action, title, status.date, facts)),
                )
            )
            told.update(str(r.key) for r in reports)
        elif acted_on:
            reported = bool(_reports_on(d, set(family)))
            bullets.append((reported, len(bullets), item(_family(d, root, children, statuses))))
    items = [bullet for _, _, bullet in sorted(bullets, key=lambda t: t[:2])]
    # The other reports on conventions (a treaty family's questionnaires, or reports on a convention not
    # yet acted on) follow in one bullet, as in the reference note.
    rest = [r for r in _reports_on(d, set(instruments) - counted) if str(r.key) not in told]
    if rest:
        items.append(item(d.lang.reports_answered(d.state, [report_fact(d, r) for r in rest])))
    return items


def _family(d: Drafting, root: str, children: list[str], st: dict[str, StatusOnDate]) -> Spans:
    """A Convention and its Protocols in one bullet, the instruments acted on the same day together."""
    lang, state = d.lang, d.state
    convention = d.term("instrument", root, "title")
    family = [root, *children]
    parties = [c for c in family if st[c].status is TreatyStatus.PARTY]
    groups: dict[tuple[tuple[int, int, int], str], list[str]] = {}
    for c in family:
        if st[c].status is not TreatyStatus.NO_ACTION:
            groups.setdefault((date_key(st[c].date), st[c].action or ""), []).append(c)
    root_told = False
    opening: Spans
    if len(parties) == len(family):
        actions = {st[c].action for c in parties}
        action: Action = actions.pop() if len(actions) == 1 else None
        opening = lang.family_whole(state, action, convention)
    elif st[root].status is not TreatyStatus.NO_ACTION:
        root_group = next(codes for codes in groups.values() if root in codes)
        root_told = root_group == [root]
        opening = lang.family_convention(
            state, st[root].action, convention, st[root].date if root_told else None
        )
    else:
        opening = lang.family_as_regards(convention)
    told: list[Spans] = []
    after_colon = st[root].status is TreatyStatus.NO_ACTION and len(parties) != len(family)
    for (_, action_key), codes in sorted(groups.items()):
        action = action_key or None
        date = st[codes[0]].date
        kids = [c for c in codes if c != root]
        protocols = [d.term("instrument", c, "title") for c in kids]
        places = [children.index(k) + 1 for k in kids]
        if root in codes:
            if root_told:
                continue
            if kids:
                told.append(lang.family_together(state, action, protocols, places, date))
            else:
                told.append(lang.family_convention_alone(state, action, date))
        else:
            told.append(lang.family_protocols(state, action, protocols, places, date))
    if after_colon and told:
        told[0] = lang.after_colon(told[0])
    return sentences(opening, *told)


__all__ = ["conventions"]
