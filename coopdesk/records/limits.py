"""The limits every value meets, however it comes in: the form, a workbook, the services, a status table.

One function, ``record_problems``, says what is wrong with a record's typed values: each field's own
limits (text length, characters no file can hold, dates in a sane range, amounts a spreadsheet keeps
exactly and the record type's sign, whole numbers the database holds), what is required, the record
type's cross-field rules, and the rules that need the catalogue (a treaty action dated before its
instrument was adopted). ``records.validation.parse_values`` and the workbook importer both call it, so a value
that one way in refuses, no other way lets in; each problem names the field in plain words.

The catalogue facts are read once by the caller (``CatalogueFacts.load``) and passed in, so an import of
100,000 rows asks the database once, and a form's save asks for the one instrument it needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.base.quoting import shown
from coopdesk.records.fields import Field, Kind
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record_type import FieldProblem, RecordType
from coopdesk.records.types import record_type

#: A workbook cell's limit: what could not be exported again does not come in.
MAX_TEXT_CHARS = 32_767
#: A spreadsheet number keeps 15 significant digits: larger amounts (in minor units) would be rounded.
MAX_AMOUNT_MINOR = 10**15 - 1
#: What the database's whole-number columns hold on every backend.
MIN_INT, MAX_INT = -(2**31), 2**31 - 1
#: Dates of the work this desk records: nothing before the first of its instruments, nothing far ahead.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

# NUL cannot be stored by PostgreSQL; U+FFFE and U+FFFF cannot be written to a workbook.
_UNSTORABLE = re.compile("[\x00\ufffe\uffff]")


def value_problem(f: Field, value: Any, max_length: int | None = None) -> str | None:
    """What is wrong with one typed value of ``f``, in words that follow the field's label; None if fine."""
    if value is None:
        return None
    kind = f.kind
    if kind in (Kind.TEXT, Kind.LONGTEXT, Kind.REF):
        if not isinstance(value, str):
            return None
        limit = min(max_length or MAX_TEXT_CHARS, MAX_TEXT_CHARS)
        if len(value) > limit:
            return f"is too long ({len(value):,} characters; at most {limit:,})"
        found = _UNSTORABLE.search(value)
        if found is not None:
            what = (
                "a NUL character"
                if found.group() == "\x00"
                else f"the invisible character U+{ord(found.group()):04X}"
            )
            return f"holds {what}, which cannot be stored; remove it"
        return None
    if kind is Kind.PDATE and isinstance(value, PartialDate):
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            return f"{value.format()} is out of range: give a date from {EARLIEST_YEAR} to {LATEST_YEAR}"
        return None
    if kind is Kind.MONEY and isinstance(value, Money):
        if abs(value.minor) > MAX_AMOUNT_MINOR:
            largest = Money(MAX_AMOUNT_MINOR, value.currency)
            return f"{shown(value.format(), 60)} is too large: amounts go up to {largest.format()}"
        if value.minor < 0 and f.min_value is not None and f.min_value >= 0:
            return f"{value.format()} cannot be negative"
        return None
    if kind is Kind.INT and isinstance(value, int):
        low = MIN_INT if f.min_value is None else max(MIN_INT, f.min_value)
        high = MAX_INT if f.max_value is None else min(MAX_INT, f.max_value)
        if value < low:
            return f"{shown(value)} is too small: it must be at least {low:,}"
        if value > high:
            return f"{shown(value)} is too large: it must be at most {high:,}"
    return None


_TEXTUAL = (Kind.TEXT, Kind.LONGTEXT, Kind.REF)
_UNCHECKED = (Kind.CHOICE, Kind.BOOL, Kind.TIMESTAMP)


# --------------------------------------------------------------------------- the catalogue's facts


@dataclass(frozen=True)
class CatalogueFacts:
    """What the rules that cross into the catalogue need: each instrument's adoption date and name."""

    adopted: Mapping[str, PartialDate] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, codes: Iterable[str] | None = None) -> CatalogueFacts:
        """The facts of the instruments ``codes`` (every instrument when None), in one query."""
        from coopdesk.db.models import Instrument

        stmt = select(Instrument.code, Instrument.adopted_date, Instrument.short_title, Instrument.title)
        if codes is not None:
            wanted = sorted({c for c in codes if c})
            if not wanted:
                return cls()
            stmt = stmt.where(Instrument.code.in_(wanted))
        adopted: dict[str, PartialDate] = {}
        names: dict[str, str] = {}
        for code, date, short_title, title in session.execute(stmt):
            names[code] = short_title or title or code
            if date:
                try:
                    adopted[code] = PartialDate.from_storage(date)
                except ValueError:
                    continue
        return cls(adopted, names)


#: A rule that needs the catalogue: (field name, reason) pairs for what is wrong.
CatalogueRule = Callable[[Mapping[str, Any], CatalogueFacts], list[tuple[str, str]]]


def certainly_before(first: PartialDate, second: PartialDate) -> bool:
    """Whether ``first`` ends before ``second`` starts, whatever day a partial date stands for."""
    return first.end() < second.start()


def _after_adoption(values: Mapping[str, Any], facts: CatalogueFacts) -> list[tuple[str, str]]:
    code = str(values.get("instrument_code") or "")
    adopted = facts.adopted.get(code)
    if adopted is None:
        return []
    name = facts.names.get(code, code)
    problems = []
    for name_of_date, what in (("action_date", "the action"), ("effect_date", "the date of effect")):
        date = values.get(name_of_date)
        if isinstance(date, PartialDate) and certainly_before(date, adopted):
            problems.append(
                (name_of_date, f"{what} ({date.format()}) is before {name} was adopted ({adopted.format()})")
            )
    return problems


CATALOGUE_RULES: dict[str, tuple[CatalogueRule, ...]] = {"treaty_action": (_after_adoption,)}


def needs_catalogue(rtype: RecordType) -> bool:
    return rtype.name in CATALOGUE_RULES


def instrument_codes(rtype: RecordType, values: Mapping[str, Any]) -> list[str]:
    """The catalogue entries a record's catalogue rules look at (for ``CatalogueFacts.load``)."""
    code = values.get("instrument_code") if needs_catalogue(rtype) else None
    return [str(code)] if code else []


# --------------------------------------------------------------------------- a whole record


def record_problems(
    rtype: RecordType,
    values: Mapping[str, Any],
    *,
    lengths: Mapping[str, int] | None = None,
    checked: Iterable[str] | None = None,
    already: Iterable[str] = (),
) -> list[FieldProblem]:
    """Every problem of a record's typed values: limits, required fields and cross-field rules.

    ``lengths`` holds the storage length of text columns; ``checked`` limits the per-field checks to the
    fields given (an edit checks what it changes); ``already`` names fields whose problem the caller has
    reported (a value that could not be read), so they are not reported again as missing. The rules run
    only on a record whose fields are all sound, so that one mistake is not reported twice. The rules
    that need the catalogue are ``catalogue_problems``.
    """
    return record_checker(rtype, lengths)(values, checked, already)


Checker = Callable[[Mapping[str, Any], Iterable[str] | None, Iterable[str]], list[FieldProblem]]


def record_checker(rtype: RecordType, lengths: Mapping[str, int] | None = None) -> Checker:
    """``record_problems`` for many records of one type: what does not change is worked out once."""
    fields = checked_fields(rtype, lengths)
    required = required_fields(rtype)
    rules = rtype.rules

    def check(
        values: Mapping[str, Any], checked: Iterable[str] | None = None, already: Iterable[str] = ()
    ) -> list[FieldProblem]:
        skip = set(already) if already else ()
        wanted = None if checked is None else set(checked)
        problems: list[FieldProblem] = []
        get = values.get
        for name, kind, limit in fields:
            value = get(name)
            if value is None or name in skip or (wanted is not None and name not in wanted):
                continue
            if quickly_fine(kind, value, limit):  # the common case, told cheaply; else the full check
                continue
            f = rtype.field(name)
            reason = value_problem(f, value, limit)
            if reason is not None:
                problems.append(FieldProblem(name, f.label, reason))
        for f in required:
            missing = f.is_empty(get(f.name)) and f.name not in skip
            if missing and not any(p.field == f.name for p in problems):
                problems.append(FieldProblem(f.name, f.label, "is required"))
        if problems or skip:
            return problems
        for rule in rules:
            problems.extend(FieldProblem(n, rtype.field(n).label, reason) for n, reason in rule(values))
        return problems

    return check


def required_fields(rtype: RecordType) -> tuple[Field, ...]:
    """The fields a record of ``rtype`` must have (those the system sets left out)."""
    return _required_fields(rtype.name)


def checked_fields(
    rtype: RecordType, lengths: Mapping[str, int] | None = None
) -> tuple[tuple[str, Kind, int], ...]:
    """The fields ``record_checker`` looks at, each with its kind (the text kinds as ``Kind.TEXT``) and
    its text limit: for a caller that looks down whole columns first (the workbook's reader)."""
    return _checked_fields(rtype.name, tuple(sorted((lengths or {}).items())))


def quickly_fine(kind: Kind, value: Any, limit: int) -> bool:
    """Whether ``value`` certainly meets its field's limits, told cheaply (False: look with
    ``value_problem``): what ``record_checker`` and the workbook's column check look at first."""
    if kind is _TEXT_KIND:
        return (
            type(value) is str
            and len(value) <= limit
            and "\x00" not in value
            and "\ufffe" not in value
            and "\uffff" not in value
        )
    if kind is Kind.PDATE:
        return type(value) is PartialDate and EARLIEST_YEAR <= value.year <= LATEST_YEAR
    return False


@cache
def _required_fields(type_name: str) -> tuple[Field, ...]:
    """(Cached by name: hashing a record type hashes all its fields.)"""
    return tuple(f for f in record_type(type_name).fields if f.required and not f.read_only)


_TEXT_KIND = Kind.TEXT  # the text kinds are checked alike: ``_checked_fields`` gives them this one


@cache
def _checked_fields(
    type_name: str, lengths: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, Kind, int], ...]:
    """The fields that have limits, with their kind (the text kinds as one) and text limit (cached by
    the type's name: hashing a record type hashes all its fields)."""
    limit_of = dict(lengths)
    found = []
    for f in record_type(type_name).fields:
        if f.kind in _UNCHECKED:
            continue
        kind = _TEXT_KIND if f.kind in _TEXTUAL else f.kind
        found.append((f.name, kind, min(limit_of.get(f.name) or MAX_TEXT_CHARS, MAX_TEXT_CHARS)))
    return tuple(found)


def catalogue_problems(
    rtype: RecordType, values: Mapping[str, Any], facts: CatalogueFacts
) -> list[FieldProblem]:
    """What the catalogue says is impossible: a treaty action dated before its instrument was adopted."""
    return [
        FieldProblem(n, rtype.field(n).label, reason)
        for rule in CATALOGUE_RULES.get(rtype.name, ())
        for n, reason in rule(values, facts)
    ]
