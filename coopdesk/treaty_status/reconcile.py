"""A status table against the records of one instrument, State by State: what the table would change.

For every State of the catalogue, the table's signature and consent are compared with the State's
treaty actions on the instrument (those dated on or before the table's date):

- the table shows a step the records lack: **to add**;
- the same action on the same date: **same**, nothing to do;
- the same step with another date or another action: a **conflict**, shown side by side, which the
  officer settles (the table's version replaces the record only if chosen);
- the records show a step the table does not: **only in the records**, flagged, never deleted;
- the depositary prints the name between brackets (it has withdrawn) and the records hold no
  denunciation or withdrawal: a **withdrawal to record** (its date is in the depositary's footnote).

Participants the catalogue does not hold (the European Union, Cook Islands, Niue) are listed as such;
a name nobody knows is a problem that stops the table being applied, as are the table's own problems
(a malformed date, a participant twice) and the signs of a table of another treaty.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from coopdesk.db.database import Database
from coopdesk.records.completeness import CHECK_TYPE, Area, area_of
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import NotFound, Record, label_of
from coopdesk.records.service import RecordService
from coopdesk.records.vocabularies import CONSENT_TO_BE_BOUND, ENDS_PARTICIPATION, TREATY_ACTION
from coopdesk.treaty_status.dates import depositary_text
from coopdesk.treaty_status.guess import guess_instrument
from coopdesk.treaty_status.names import MatchKind, ParticipantNames, name_key
from coopdesk.treaty_status.table import StatusTable, TableProblem, TableRefused, TableRow, TableStep

#: Above this many rows with dates before the treaty existed, one message says so for all of them.
_EARLY_LISTED = 3


class DiffKind(StrEnum):
    ADD = "To add"
    CONFLICT = "Conflict"
    ONLY_IN_RECORDS = "Only in the records"
    WITHDRAWAL = "Withdrawal to record"
    NOT_IN_CATALOGUE = "Not in the catalogue"
    SAME = "Same"


class Step(StrEnum):
    SIGNATURE = "signature"
    CONSENT = "consent"
    WITHDRAWAL = "withdrawal"


@dataclass(frozen=True)
class RecordedStep:
    """One treaty action of the records, as much of it as the comparison and the apply need."""

    key: str
    version: int
    action: str
    date: PartialDate | None
    source: str = ""
    effect: PartialDate | None = None  # the record's date of effect

    def describe(self) -> str:
        when = self.date.format() if self.date else "no date"
        return f"{TREATY_ACTION.label(self.action)}, {when}"


@dataclass(frozen=True)
class Difference:
    """One State's step, as the table and the records have it, and what kind of difference it is."""

    kind: DiffKind
    step: Step
    country: str | None  # ISO alpha-3; None for a participant the catalogue does not hold
    name: str  # the catalogue's short name, else the depositary's
    line: int | None  # where the participant is in the table
    table: TableStep | None = None
    record: RecordedStep | None = None
    note: str = ""
    signature_only: bool = False  # the table shows this State's signature and no consent

    @property
    def can_take(self) -> bool:
        """Whether applying can take the table's version (an addition, or a conflict settled for the
        table, unless the record's date of effect would then come before its action)."""
        if self.kind is DiffKind.CONFLICT:
            effect = self.record.effect if self.record else None
            return self.table is None or effect is None or effect.start() >= self.table.date
        return self.kind is DiffKind.ADD

    @property
    def taken_by_default(self) -> bool:
        return self.kind is DiffKind.ADD

    def table_text(self) -> str:
        if self.step is Step.WITHDRAWAL:
            return "Withdrawn (name between brackets)" if self.kind is not DiffKind.ONLY_IN_RECORDS else ""
        if self.table is None:
            return ""
        return f"{TREATY_ACTION.label(self.table.action)}, {PartialDate.from_date(self.table.date).format()}"

    def records_text(self) -> str:
        return self.record.describe() if self.record else ""

    def describe(self) -> str:
        """One line for the terminal: "Belarus (line 23): to add: Accession (a), 25 June 2003"."""
        where = f"{self.name} (line {self.line})" if self.line else self.name
        parts = []
        if self.table_text():
            parts.append(f"table: {self.table_text()}")
        if self.records_text():
            parts.append(f"records: {self.records_text()}")
        detail = "; ".join(parts)
        note = f" ({self.note})" if self.note else ""
        return f"{self.kind.value:<21} {where}: {detail}{note}"


@dataclass(frozen=True)
class Reconciliation:
    """The table of one instrument against the records: every difference, and what stops applying it."""

    instrument: str
    instrument_name: str
    table: StatusTable
    as_of: dt.date
    differences: tuple[Difference, ...]
    problems: tuple[TableProblem, ...] = ()
    guessed_instrument: str | None = None
    countries: tuple[str, ...] = field(default=())  # every State of the catalogue (for completeness)
    #: The States whose treaty actions on this instrument are already recorded as checked on the table's
    #: date (applying the same table again records no second check).
    already_checked: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: DiffKind) -> int:
        return sum(1 for d in self.differences if d.kind is kind)

    @property
    def signature_only_count(self) -> int:
        return len({d.country or d.name for d in self.differences if d.signature_only})

    @property
    def participants(self) -> int:
        return len(self.table.rows)

    def source_text(self) -> str:
        """What the records' source says after applying: the table and its date."""
        where = (
            "pasted from the depositary's status page"
            if self.table.source == "pasted table"
            else self.table.source
        )
        return f"Depositary's status table, status as at {self.as_of.day} {self.as_of:%B %Y} ({where})"

    def headline(self) -> str:
        head = (
            f"{self.instrument_name}: {self.participants} participant{'s' if self.participants != 1 else ''} "
            "in the table "
            f"(status as at {self.as_of.day} {self.as_of:%B %Y})"
        )
        if self.problems:
            n = len(self.problems)
            return f"{head}: {n} problem{'s' if n != 1 else ''} to fix first; nothing can be applied."
        counts = ", ".join(
            _counted(k, self.count(k)) for k in DiffKind if k is not DiffKind.SAME and self.count(k)
        )
        same = f"{self.count(DiffKind.SAME):,} the same"
        return f"{head}: {counts + ', ' if counts else 'no difference, '}{same}."

    def lines(self, *, include_same: bool = False) -> list[str]:
        if self.problems:
            return [str(p) for p in self.problems]
        return [d.describe() for d in self.differences if include_same or d.kind is not DiffKind.SAME]


def _counted(kind: DiffKind, n: int) -> str:
    """ "3 conflicts", "1 withdrawal to record", "23 to add"."""
    plural = {DiffKind.CONFLICT: "conflicts", DiffKind.WITHDRAWAL: "withdrawals to record"}
    return f"{n:,} {plural[kind] if n != 1 and kind in plural else kind.value.lower()}"


def reconcile(
    db: Database, instrument: str, table: StatusTable, as_of: dt.date | None = None
) -> Reconciliation:
    """Compare ``table`` with the records of ``instrument`` on the table's date (``as_of`` when the table
    does not say it, or to override it). Reads the database; writes nothing."""
    day = as_of or table.status_as_at
    if day is None:
        raise TableRefused(
            "The table does not say which day it shows the status on ('Status as at'): give that date."
        )
    service = RecordService(db)
    data = service.lists(["country", "instrument"])
    instruments = {str(r.key): r for r in data["instrument"]}
    entry = instruments.get(instrument)
    if entry is None:
        raise NotFound(f"There is no instrument '{instrument}' in the catalogue.")
    actions = service.list("treaty_action", where={"instrument_code": instrument})
    names = ParticipantNames(
        (str(c.key), c.get("short_name") or "", c.get("formal_name") or "") for c in data["country"]
    )
    problems = list(table.problems)
    guessed = guess_instrument(
        table.title_text, ((code, r.get("title") or "") for code, r in instruments.items())
    )
    if guessed is not None and guessed != instrument:
        problems.insert(
            0,
            TableProblem(
                None,
                f"The page is the status of the {label_of(instruments[guessed])}, not of the "
                f"{label_of(entry)}: choose that instrument, or bring in the table of this one.",
            ),
        )
    problems.extend(_dates_outside(table, entry, day))
    matched, listed, name_problems = _match(table.rows, names)
    problems.extend(name_problems)
    differences = _compare(matched, _by_country(actions, day), names.short_names)
    differences.extend(listed)
    differences.sort(key=lambda d: (name_key(d.name), list(Step).index(d.step)))
    return Reconciliation(
        instrument=instrument,
        instrument_name=label_of(entry),
        table=table,
        as_of=day,
        differences=tuple(differences),
        problems=tuple(sorted(problems, key=lambda p: p.line or 0)),
        guessed_instrument=guessed,
        countries=tuple(sorted(names.short_names)),
        already_checked=_checked_on(service, instrument, day),
    )


def _checked_on(service: RecordService, instrument: str, day: dt.date) -> frozenset[str]:
    area = Area.instrument(instrument)
    return frozenset(
        str(r.country)
        for r in service.list(CHECK_TYPE, where={"instrument_code": instrument})
        if area_of(r) == area and r.get("checked_on") == PartialDate.from_date(day)
    )


def _dates_outside(table: StatusTable, instrument: Record, day: dt.date) -> list[TableProblem]:
    """Dates after the table's own date, and dates before the treaty was adopted (a table of another
    treaty, most likely)."""
    problems: list[TableProblem] = []
    adopted: PartialDate | None = instrument.get("adopted_date")
    early: list[tuple[TableRow, TableStep]] = []
    for row in table.rows:
        for step in (row.signature, row.consent):
            if step is None:
                continue
            if step.date > day:
                problems.append(
                    TableProblem(
                        row.line,
                        f"{row.name}: {step.text} is after the table's date ({depositary_text(day)})",
                    )
                )
            if adopted is not None and step.date < adopted.start():
                early.append((row, step))
    if not early:
        return problems
    name = label_of(instrument)
    adopted_text = adopted.format() if adopted else ""
    if len(early) > _EARLY_LISTED:
        row, step = early[0]
        problems.append(
            TableProblem(
                None,
                f"{len(early)} dates of the table are before the {name} was adopted ({adopted_text}), "
                f"the first at line {row.line} ({row.name}, {step.text}): is it the table of another treaty?",
            )
        )
    else:
        for row, step in early:
            problems.append(
                TableProblem(
                    row.line,
                    f"{row.name}: {step.text} is before the {name} was adopted ({adopted_text})",
                )
            )
    return problems


def _match(
    rows: Sequence[TableRow], names: ParticipantNames
) -> tuple[dict[str, TableRow], list[Difference], list[TableProblem]]:
    matched: dict[str, TableRow] = {}
    listed: list[Difference] = []
    problems: list[TableProblem] = []
    for row in rows:
        found = names.match(row.name)
        if found.kind is MatchKind.UNKNOWN:
            problems.append(
                TableProblem(
                    row.line,
                    f"'{row.name}' is not a State of the catalogue, nor a name coopdesk knows for one: "
                    "correct the name, or add the State to the catalogue",
                )
            )
        elif found.kind is MatchKind.NOT_IN_CATALOGUE or found.iso3 is None:
            for step_name, step in ((Step.SIGNATURE, row.signature), (Step.CONSENT, row.consent)):
                if step is not None:
                    listed.append(
                        Difference(
                            DiffKind.NOT_IN_CATALOGUE,
                            step_name,
                            None,
                            row.name,
                            row.line,
                            step,
                            note=found.note,
                        )
                    )
        elif found.iso3 in matched:
            other = matched[found.iso3]
            problems.append(
                TableProblem(
                    row.line,
                    f"'{row.name}' is the same State as '{other.name}' (line {other.line}): "
                    "the table names it twice",
                )
            )
        else:
            matched[found.iso3] = row
    return matched, listed, problems


def _by_country(actions: Iterable[Record], day: dt.date) -> dict[str, list[RecordedStep]]:
    """Each State's treaty actions on the instrument up to the table's date (a later one cannot be in
    the table), oldest first."""
    found: dict[str, list[RecordedStep]] = defaultdict(list)
    for record in actions:
        date: PartialDate | None = record.get("action_date")
        if date is not None and date.start() > day:
            continue
        found[record.country or ""].append(
            RecordedStep(
                str(record.key),
                record.version,
                record.get("action") or "",
                date,
                record.get("source") or "",
                record.get("effect_date"),
            )
        )
    for steps in found.values():
        steps.sort(key=lambda s: s.date or PartialDate(1000))
    return found


def _compare(
    matched: dict[str, TableRow], recorded: dict[str, list[RecordedStep]], short_names: dict[str, str]
) -> list[Difference]:
    differences: list[Difference] = []
    for iso3 in sorted(set(matched) | set(recorded)):
        row = matched.get(iso3)
        steps = recorded.get(iso3, [])
        name = short_names.get(iso3, iso3)
        line = row.line if row else None
        signature_only = row is not None and row.signature is not None and row.consent is None
        endings = [s for s in steps if s.action in ENDS_PARTICIPATION]
        consents = [s for s in steps if s.action in CONSENT_TO_BE_BOUND]
        if row is not None and row.consent is not None and endings:
            # A consent before a denunciation is history the table no longer shows (it shows the last).
            last_end = max(s.date or PartialDate(1000) for s in endings)
            consents = [
                s for s in consents if s.date is None or s.date > last_end or s.date >= _day(row.consent)
            ]
        for step, table_step, records in (
            (Step.SIGNATURE, row.signature if row else None, [s for s in steps if s.action == "signature"]),
            (Step.CONSENT, row.consent if row else None, consents),
        ):
            for kind, record, note in _compare_step(table_step, records):
                differences.append(
                    Difference(kind, step, iso3, name, line, table_step, record, note, signature_only)
                )
        differences.extend(_withdrawal(iso3, name, row, endings, signature_only))
    return differences


def _day(step: TableStep) -> PartialDate:
    return PartialDate.from_date(step.date)


def _compare_step(
    table_step: TableStep | None, records: list[RecordedStep]
) -> list[tuple[DiffKind, RecordedStep | None, str]]:
    if table_step is None:
        return [(DiffKind.ONLY_IN_RECORDS, r, "the table does not show it") for r in records]
    day = _day(table_step)
    exact = next((r for r in records if r.action == table_step.action and r.date == day), None)
    result: list[tuple[DiffKind, RecordedStep | None, str]] = []
    if exact is not None:
        result.append((DiffKind.SAME, exact, ""))
        rest = [r for r in records if r is not exact]
    elif records:
        closest = _closest(records, table_step)
        note = _conflict_note(table_step, closest)
        if closest.effect is not None and closest.effect.start() < table_step.date:
            note += (
                f"; the record's date of effect ({closest.effect.format()}) is before the table's date: "
                "correct the record by hand"
            )
        result.append((DiffKind.CONFLICT, closest, note))
        rest = [r for r in records if r is not closest]
    else:
        return [(DiffKind.ADD, None, "")]
    for r in rest:
        same = r.action == table_step.action and r.date == day
        note = "recorded twice" if same else "the table shows another"
        result.append((DiffKind.ONLY_IN_RECORDS, r, note))
    return result


def _closest(records: list[RecordedStep], table_step: TableStep) -> RecordedStep:
    """The record the table's step most likely corrects: the same action if there is one, else the
    latest."""
    same_action = [r for r in records if r.action == table_step.action]
    return (same_action or records)[-1]


def _conflict_note(table_step: TableStep, record: RecordedStep) -> str:
    day = _day(table_step)
    if (
        record.date is not None
        and record.date != day
        and record.date.start() <= day.start() <= record.date.end()
    ):
        return (
            "the table gives the day"
            if record.action == table_step.action
            else "the table gives the day and another action"
        )
    if record.date == day:
        return "another action on the same day"
    return "another date" if record.action == table_step.action else "another action and date"


def _withdrawal(
    iso3: str, name: str, row: TableRow | None, endings: list[RecordedStep], signature_only: bool
) -> list[Difference]:
    if row is not None and row.withdrawn:
        if endings:
            return [Difference(DiffKind.SAME, Step.WITHDRAWAL, iso3, name, row.line, None, endings[-1])]
        return [
            Difference(
                DiffKind.WITHDRAWAL,
                Step.WITHDRAWAL,
                iso3,
                name,
                row.line,
                note="record the denunciation or withdrawal with the date the depositary's footnote gives",
            )
        ]
    consent_day = _day(row.consent) if row is not None and row.consent is not None else None
    return [
        Difference(
            DiffKind.ONLY_IN_RECORDS,
            Step.WITHDRAWAL,
            iso3,
            name,
            row.line if row else None,
            None,
            end,
            "the table does not show the State as withdrawn",
            signature_only,
        )
        for end in endings
        if consent_day is None or end.date is None or end.date >= consent_day
    ]
