"""Facts derived from records on a date: treaty status, "N out of M", membership tense, ongoing projects.

Pure functions of plain data, so the overview, the matrix, the note and the workbook all agree.
A record dated after the as-of date does not exist for these questions; a partial date counts from its
first day ("2009" has happened by 30 October 2009, "November 2009" has not).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import Record
from coopdesk.records.vocabularies import CONSENT_TO_BE_BOUND, ENDS_PARTICIPATION


class TreatyStatus(StrEnum):
    NO_ACTION = "no action"
    SIGNATORY = "signatory"
    PARTY = "party"
    WITHDRAWN = "withdrawn"


def happened_by(date: PartialDate | None, as_of: dt.date) -> bool:
    """Whether a dated fact exists on ``as_of``; an undated fact always does."""
    return date is None or date.start() <= as_of


def visible_on(records: Iterable[Record], as_of: dt.date, date_field: str | None = None) -> list[Record]:
    """The records that exist on ``as_of`` (by their type's date field, unless another is named)."""
    result = []
    date_fields: dict[str, str | None] = {}  # by record type: a long list looks each type up once
    for r in records:
        name = date_field
        if name is None:
            if r.type not in date_fields:
                date_fields[r.type] = r.record_type.date_field
            name = date_fields[r.type]
        if name is None or happened_by(r.values.get(name), as_of):
            result.append(r)
    return result


#: One treaty action as the status rule reads it: (action, date), e.g. ("ratification", 2009-05-02).
TreatyStep = tuple[str | None, PartialDate | None]


@dataclass(frozen=True)
class StatusOnDate:
    """A State's status for one instrument on a date, and the treaty action that gave it."""

    status: TreatyStatus
    date: PartialDate | None  # date of the action that gave the status
    action: str | None


def step_of(
    action: str | None, action_date: PartialDate | None, effect_date: PartialDate | None
) -> TreatyStep:
    """A treaty action as the status rule reads it. A denunciation or withdrawal ends participation when
    it takes effect (usually a year after the notification), so its date of effect counts when recorded;
    a consent makes a party from the date of the action, as the depositary's tables show it."""
    if action in ENDS_PARTICIPATION and effect_date is not None:
        return action, effect_date
    return action, action_date


def treaty_status(actions: Iterable[Record], instrument: str, as_of: dt.date) -> StatusOnDate:
    """A State's status for one instrument on a date, from its treaty actions up to that date."""
    return status_from_steps(
        (
            step_of(a.values.get("action"), a.values.get("action_date"), a.values.get("effect_date"))
            for a in actions
            if a.values.get("instrument_code") == instrument
        ),
        as_of,
    )


def status_from_steps(steps: Iterable[TreatyStep], as_of: dt.date) -> StatusOnDate:
    """The rule itself, on one instrument's treaty actions given as (action, date) pairs in stored order
    (the workbook's Summary gives them so, without building a record for each of 30,000 actions; see
    ``step_of`` for the date of a denunciation). A consent makes a party, a signature a signatory, and a
    denunciation or withdrawal of a party ends its participation until it consents again."""
    relevant = sorted((step for step in steps if happened_by(step[1], as_of)), key=_step_order)
    # The state as plain locals, made into a StatusOnDate once at the end (the Summary of a workbook
    # asks this for every State and instrument: 30,000 steps).
    status, date, action = TreatyStatus.NO_ACTION, None, None
    for kind, when in relevant:
        if kind in CONSENT_TO_BE_BOUND:
            status, date, action = TreatyStatus.PARTY, when, kind
        elif kind == "signature" and status is TreatyStatus.NO_ACTION:
            status, date, action = TreatyStatus.SIGNATORY, when, kind
        elif kind in ENDS_PARTICIPATION and status is TreatyStatus.PARTY:
            status, date, action = TreatyStatus.WITHDRAWN, when, kind
    return StatusOnDate(status, date, action)


_UNDATED_FIRST = PartialDate(1000)  # an undated step sorts before every dated one


def _step_order(step: TreatyStep) -> tuple[int, int, int]:
    return (step[1] or _UNDATED_FIRST).sort_key()


def set_members_on(members: Iterable[Record], set_code: str, as_of: dt.date) -> list[str]:
    """The instrument codes in a set on a date, in the set's order."""
    codes = []
    for m in members:
        v = m.values
        if v.get("set_code") != set_code or not happened_by(v.get("member_from"), as_of):
            continue
        until = v.get("member_until")
        if until is not None and until.end() < as_of:
            continue
        if v["instrument_code"] not in codes:
            codes.append(v["instrument_code"])
    return codes


@dataclass(frozen=True)
class SetCount:
    """A State against one instrument set on a date: the set's instruments, those it is party to, the rest."""

    set_code: str
    members: list[str]
    parties: list[str]
    missing: list[str]

    @property
    def n(self) -> int:
        return len(self.parties)

    @property
    def m(self) -> int:
        return len(self.members)

    def __str__(self) -> str:
        return f"{self.n} out of {self.m}"


def set_count(
    actions: Sequence[Record],
    members: Sequence[Record],
    set_code: str,
    as_of: dt.date,
    order: dict[str, int] | None = None,
) -> SetCount:
    """ "N out of M" of an instrument set on a date, with the instruments the State is not a party to."""
    codes = set_members_on(members, set_code, as_of)
    if order:
        codes.sort(key=lambda c: order.get(c, 0))
    # Each instrument's actions, in their stored order, picked out in one pass over the State's actions
    # rather than one pass per instrument of the set.
    wanted = set(codes)
    by_instrument: dict[str, list[Record]] = {}
    for a in actions:
        code = a.values.get("instrument_code")
        if code in wanted:
            by_instrument.setdefault(code, []).append(a)
    parties = [
        c for c in codes if treaty_status(by_instrument.get(c, []), c, as_of).status is TreatyStatus.PARTY
    ]
    missing = [c for c in codes if c not in parties]
    return SetCount(set_code, codes, parties, missing)


class Tense(StrEnum):
    FUTURE = "future"
    CURRENT = "current"
    PAST = "past"


def term_end(membership: Record) -> PartialDate | None:
    """The last day of a term: its end date, or its start plus its length in years."""
    v = membership.values
    if v.get("term_end") is not None:
        end: PartialDate = v["term_end"]
        return end
    start, years = v.get("term_start"), v.get("term_years")
    if start is None or not years:
        return None
    last = start.start().replace(year=start.start().year + years) - dt.timedelta(days=1)
    return PartialDate.from_date(last)


def membership_tense(membership: Record, as_of: dt.date) -> Tense:
    start = membership.values.get("term_start")
    if start is not None and start.start() > as_of:
        return Tense.FUTURE
    end = term_end(membership)
    if end is not None and end.end() < as_of:
        return Tense.PAST
    return Tense.CURRENT


def ongoing_projects(projects: Iterable[Record], as_of: dt.date) -> list[Record]:
    """Projects running on a date: started (actually, or as planned) and not yet ended or closed."""
    result = []
    for p in projects:
        v = p.values
        if v.get("status") in ("pipeline", "cancelled"):
            continue
        start = v.get("actual_start") or v.get("planned_start")
        if start is None or start.start() > as_of:
            continue
        end = v.get("actual_end")
        if end is None and v.get("status") in ("closed",):
            end = v.get("planned_end")
        if end is not None and end.end() < as_of:
            continue
        result.append(p)
    return result


@dataclass(frozen=True)
class InstrumentName:
    """An instrument's code with its full and short titles."""

    code: str
    title: str
    short_title: str

    @property
    def name(self) -> str:
        """The name a person recognises: the short title when there is one."""
        return self.short_title or self.title
