"""What a person wants to see about one State before reading its records, as of a date.

``country_overview`` gathers, for one State on one date: each instrument set as "N out of M" with the
missing instruments named, current and upcoming memberships with their terms, the last report per
reporting instrument, contributions per year and currency, ongoing projects and how many records of
each type exist by then. Everything is plain data computed with ``coopdesk.records.derived``, so the overview
page, the note and the workbook agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from coopdesk.db.database import Database
from coopdesk.records.completeness import Completeness
from coopdesk.records.derived import (
    InstrumentName,
    Tense,
    happened_by,
    membership_tense,
    ongoing_projects,
    set_count,
    term_end,
    visible_on,
)
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import NotFound, Record
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.vocabularies import COMPLETENESS, MEMBERSHIP_ROLE, PROJECT_STATUS


@dataclass(frozen=True)
class SetStanding:
    """A State's standing against one instrument set on the date: "13 out of 16" and what is missing."""

    code: str
    name: str
    running_name: str
    parties: list[InstrumentName]
    missing: list[InstrumentName]
    #: The day the set's treaty actions were checked complete, when a check covers the date: only then
    #: are the missing instruments known not ratified (else they may only be unrecorded).
    checked_on: PartialDate | None = None
    last_checked: PartialDate | None = None  # the latest check, whatever its date

    @property
    def n(self) -> int:
        return len(self.parties)

    @property
    def m(self) -> int:
        return len(self.parties) + len(self.missing)

    @property
    def complete(self) -> bool:
        return self.m > 0 and not self.missing

    def __str__(self) -> str:
        return f"{self.n} out of {self.m}"


@dataclass(frozen=True)
class MembershipTerm:
    """One term of a State on a body, as the Overview words it (past, current or upcoming)."""

    key: str
    body_code: str
    body_name: str
    role: str  # the role's label ("Member", "Chair")
    tense: Tense
    term_start: PartialDate | None
    term_end: PartialDate | None
    election_date: PartialDate | None
    electing_organ: str

    @property
    def term_text(self) -> str:
        start = self.term_start.format() if self.term_start else "an unknown date"
        if self.term_end is None:
            return f"from {start}"
        return f"{start} to {self.term_end.format()}"


@dataclass(frozen=True)
class LastReport:
    """The latest report a State submitted on one reporting instrument by the date."""

    reporting_instrument_code: str
    name: str
    submitted: PartialDate | None
    cycle: str
    completeness: str  # the label ("Full", "Partial")
    reports: int  # how many reports on this instrument exist by the date


@dataclass(frozen=True)
class ContributionTotal:
    """A State's contributions of one year in one currency, added up (one total per year and currency)."""

    year: int | None  # None: the contribution is undated
    total: Money
    count: int


@dataclass(frozen=True)
class OngoingProject:
    """A technical cooperation project running on the date."""

    key: str
    code: str
    title: str
    status: str
    start: PartialDate | None
    end: PartialDate | None  # actual or planned end
    end_planned: bool = False  # the end is only planned (no actual end recorded)

    def span(self, as_of: dt.date) -> str:
        """When it runs, in words: "since May 2009, planned to end December 2010 (date passed)"."""
        text = f"since {self.start.format()}" if self.start else "start not recorded"
        if self.end is not None and self.end_planned:
            text += f", planned to end {self.end.format()}"
            if self.end.end() < as_of:
                text += " (date passed)"
        elif self.end is not None:
            text += f", ends {self.end.format()}"
        return text


@dataclass(frozen=True)
class CountryOverview:
    """Everything the Overview page shows for one State as of one date."""

    iso3: str
    short_name: str
    formal_name: str
    regional_group: str
    as_of: dt.date
    sets: list[SetStanding] = field(default_factory=list)
    current_memberships: list[MembershipTerm] = field(default_factory=list)
    upcoming_memberships: list[MembershipTerm] = field(default_factory=list)
    past_memberships: list[MembershipTerm] = field(default_factory=list)
    last_reports: list[LastReport] = field(default_factory=list)
    contributions: list[ContributionTotal] = field(default_factory=list)
    projects: list[OngoingProject] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # record type name -> records existing by the date

    @property
    def total_records(self) -> int:
        return sum(self.counts.values())


#: Record types the overview reads in full; the others it only counts.
_READ_IN_FULL = ("treaty_action", "membership", "reporting", "contribution", "project", "completeness_check")
_CATALOGUE_USED = ("instrument", "body", "instrument_set", "instrument_set_member", "reporting_instrument")


def country_overview(db: Database, iso3: str, as_of: dt.date) -> CountryOverview:
    """The overview of one State on ``as_of``; raises NotFound for an unknown country code."""
    service = RecordService(db)
    try:
        country = service.get("country", iso3)
    except NotFound:
        raise NotFound(f"There is no country with the code {iso3!r} in the catalogue.") from None
    # One transaction: the records the overview reads in full, the catalogue it names them with. Every
    # other type is only counted, in SQL.
    data = service.lists([*_READ_IN_FULL, *_CATALOGUE_USED], country=iso3)
    records = {name: data[name] for name in _READ_IN_FULL}
    visible = {name: visible_on(rows, as_of) for name, rows in records.items()}
    instruments = {
        r.key: InstrumentName(r.key, r.values.get("title") or r.key, r.values.get("short_title") or "")
        for r in data["instrument"]
    }
    bodies = {r.key: r.values.get("name") or r.key for r in data["body"]}
    counts = {name: 0 for name in RECORD_TYPES} | service.counts_for_country(iso3, as_of=as_of)
    overview = CountryOverview(
        iso3=iso3,
        short_name=country.values.get("short_name") or iso3,
        formal_name=country.values.get("formal_name") or "",
        regional_group=country.values.get("regional_group") or "",
        as_of=as_of,
        sets=_sets(
            data["instrument_set"],
            data["instrument_set_member"],
            records["treaty_action"],
            instruments,
            as_of,
            Completeness(records["completeness_check"]),
        ),
        last_reports=_last_reports(data["reporting_instrument"], visible["reporting"]),
        contributions=_contributions(visible["contribution"]),
        projects=_projects(records["project"], as_of),
        counts=counts,
    )
    terms = _memberships(records["membership"], bodies, as_of)
    # A term elected by the date counts even before it starts ("will commence on 1 January 2010").
    overview.counts["membership"] = len(terms)
    for term in terms:
        {
            Tense.CURRENT: overview.current_memberships,
            Tense.FUTURE: overview.upcoming_memberships,
            Tense.PAST: overview.past_memberships,
        }[term.tense].append(term)
    return overview


def _sets(
    sets: list[Record],
    members: list[Record],
    actions: list[Record],
    instruments: dict[str, InstrumentName],
    as_of: dt.date,
    completeness: Completeness,
) -> list[SetStanding]:
    order = {code: i for i, code in enumerate(instruments)}
    standings = []
    for s in sets:
        count = set_count(actions, members, s.key, as_of, order)
        if not count.members:
            continue
        covering = completeness.set_covering(s.key, count.members, as_of)
        last = completeness.set_latest(s.key, count.members)

        def named(code: str) -> InstrumentName:
            return instruments.get(code, InstrumentName(code, code, ""))

        standings.append(
            SetStanding(
                code=s.key,
                name=s.values.get("name") or s.key,
                running_name=s.values.get("running_name") or "",
                parties=[named(c) for c in count.parties],
                missing=[named(c) for c in count.missing],
                checked_on=covering.checked_on if covering is not None else None,
                last_checked=last.checked_on if last is not None else None,
            )
        )
    return standings


def _memberships(memberships: list[Record], bodies: dict[str, str], as_of: dt.date) -> list[MembershipTerm]:
    terms = []
    for r in memberships:
        v = r.values
        # A term decided by an election after the date is not known yet on that date.
        if not happened_by(v.get("election_date"), as_of):
            continue
        body = v.get("body_code") or ""
        organ = v.get("electing_organ_code") or ""
        terms.append(
            MembershipTerm(
                key=r.key,
                body_code=body,
                body_name=bodies.get(body, body),
                role=MEMBERSHIP_ROLE.label(v.get("role") or "member"),
                tense=membership_tense(r, as_of),
                term_start=v.get("term_start"),
                term_end=term_end(r),
                election_date=v.get("election_date"),
                electing_organ=organ,
            )
        )
    terms.sort(key=lambda t: (t.term_start or PartialDate(1000), t.body_code))
    return terms


def _last_reports(reporting_instruments: list[Record], reports: list[Record]) -> list[LastReport]:
    names = {
        r.key: r.values.get("short_name") or r.values.get("name") or r.key for r in reporting_instruments
    }
    by_instrument: dict[str, list[Record]] = defaultdict(list)
    for r in reports:
        by_instrument[r.values.get("reporting_instrument_code") or ""].append(r)
    result = []
    for code, rows in by_instrument.items():
        # The latest dated report wins; an undated one only when nothing is dated.
        last = max(
            rows,
            key=lambda r: (r.values.get("submitted_date") is not None, r.values.get("submitted_date") or 0),
        )
        v = last.values
        result.append(
            LastReport(
                reporting_instrument_code=code,
                name=names.get(code, code),
                submitted=v.get("submitted_date"),
                cycle=v.get("cycle") or "",
                completeness=COMPLETENESS.label(v.get("completeness") or ""),
                reports=len(rows),
            )
        )
    result.sort(key=lambda r: r.name.casefold())
    return result


def _contributions(contributions: list[Record]) -> list[ContributionTotal]:
    totals: dict[tuple[int | None, str], list[int]] = {}
    for r in contributions:
        amount = r.values.get("amount")
        if amount is None:
            continue
        date = r.values.get("contribution_date")
        year = date.year if date is not None else None
        entry = totals.setdefault((year, amount.currency), [0, 0])
        entry[0] += amount.minor
        entry[1] += 1
    result = [
        ContributionTotal(year, Money(minor, currency), count)
        for (year, currency), (minor, count) in totals.items()
    ]
    # Newest year first, undated last; then by currency.
    result.sort(key=lambda t: (t.year is None, -(t.year or 0), t.total.currency))
    return result


def _projects(projects: list[Record], as_of: dt.date) -> list[OngoingProject]:
    result = []
    for r in ongoing_projects(projects, as_of):
        v = r.values
        result.append(
            OngoingProject(
                key=r.key,
                code=v.get("code") or "",
                title=v.get("title") or "",
                status=PROJECT_STATUS.label(v.get("status") or ""),
                start=v.get("actual_start") or v.get("planned_start"),
                end=v.get("actual_end") or v.get("planned_end"),
                end_planned=v.get("actual_end") is None,
            )
        )
    return result
