"""What a record type is: its fields, its rules, its lifecycle, and the refusal that names a wrong field.

The declarations themselves are in ``coopdesk.records.types`` (the record types) and
``coopdesk.records.catalogue_types`` (the catalogue).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coopdesk.records.fields import Field, Kind

#: The optional field every record has: the date of the document its fact was taken from.
SOURCE_DATE = "source_date"

#: A cross-field rule: returns (field name, reason) pairs for what is wrong.
Rule = Callable[[Mapping[str, Any]], list[tuple[str, str]]]

#: The short names of catalogue entries, by catalogue type and code ("instrument" -> "CT02" -> "1970
#: Hague Convention"): what a record's description shows instead of the codes it refers to.
RefLabels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Lifecycle:
    """How a record type's status moves, declared with the type so the service, the importer and the forms
    need no branch on its name: the state a new record starts in, the states that freeze a record (it never
    changes again, nor can it be deleted), and the fields only the system sets (never an edit, an import or
    a new record: issuing a letter sets its status and reference)."""

    field: str
    initial: str
    frozen: frozenset[str]
    system_fields: frozenset[str]
    #: The field that names a frozen record in a refusal ("Letter EWCA/040/09 has been issued").
    named_by: str

    def is_frozen(self, values: Mapping[str, Any]) -> bool:
        return values.get(self.field) in self.frozen


#: The link of every record to its State: a reference to the country catalogue, stored in ``country_code``.
COUNTRY_LINK = Field("country_code", "Country", Kind.REF, required=True, ref="country")


@dataclass(frozen=True)
class RecordType:
    """A kind of record (a treaty action, a membership) or of catalogue entry: its fields and its rules."""

    name: str  # stable identifier, e.g. "treaty_action"
    label: str  # "Treaty action"
    plural: str  # "Treaty actions"
    fields: tuple[Field, ...]
    catalogue: bool = False
    key: str = "id"  # primary key column: "id" (UUID) for records, the code for catalogue entries
    date_field: str | None = None  # the date that places a record in time (as-of filtering, default sort)
    summary: Callable[[Mapping[str, Any]], str] | None = None
    rules: tuple[Rule, ...] = ()
    sort_field: str | None = None  # default sort for catalogue types
    #: How a record is placed in time (``coopdesk.records.time_placement``): its date fields to try, in this
    #: order (default: the date field alone); the date of its source document always comes last.
    placed_by: tuple[str, ...] = ()
    #: A text field naming a period the record cannot precede (a report "for 2011" is not before 2011).
    not_before: str | None = None
    #: A catalogue entry whose date places the record: (reference field, the entry's date field), e.g. a
    #: meeting attended is placed by the meeting's start.
    dated_by: tuple[str, str] | None = None
    lifecycle: Lifecycle | None = None

    def __hash__(self) -> int:
        # By name: a type is a dictionary key and a cache key on every write of a bulk import, and the
        # generated hash would hash every field and vocabulary each time. Equal types have equal names.
        return hash(self.name)

    @property
    def country_field(self) -> Field | None:
        """The record's link to its State (``COUNTRY_LINK``); None for a catalogue type."""
        return None if self.catalogue else COUNTRY_LINK

    def defaults(self) -> dict[str, Any]:
        """The values a new record starts with, from the declarations (``Field.default``, a required
        choice's first value, no for a yes/no, the lifecycle's initial state)."""
        found: dict[str, Any] = {}
        for f in self.fields:
            if f.default is not None:
                found[f.name] = f.default
            elif f.kind is Kind.CHOICE and f.required and f.vocabulary is not None:
                found[f.name] = f.vocabulary.values[0]
            elif f.kind is Kind.BOOL:
                found[f.name] = False
        if self.lifecycle is not None:
            found[self.lifecycle.field] = self.lifecycle.initial
        return found

    def frozen_reason(self, values: Mapping[str, Any]) -> str | None:
        """Why a record with these values can no longer change, or None when it can."""
        life = self.lifecycle
        if life is None or not life.is_frozen(values):
            return None
        state = self.field(life.field).display(values.get(life.field)).lower()
        name = values.get(life.named_by) or ""
        return f"{self.label} {name} has been {state}; {article(state)} {state} {self.label.lower()} never changes."

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.label} has no field {name!r}")

    @property
    def placement_fields(self) -> tuple[str, ...]:
        """The record's own date fields that place it in time, in order of preference."""
        names = list(self.placed_by or (self.date_field,))
        if not self.catalogue:
            names.append(SOURCE_DATE)
        return tuple(dict.fromkeys(n for n in names if n))

    @property
    def editable_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.read_only)

    @property
    def table_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_table)

    @property
    def searched_fields(self) -> tuple[Field, ...]:
        """The fields a list's filter text is looked for in (any part of them, in any case)."""
        return tuple(f for f in self.fields if f.kind in (Kind.TEXT, Kind.LONGTEXT, Kind.REF, Kind.CHOICE))

    def describe(self, values: Mapping[str, Any], labels: RefLabels | None = None) -> str:
        """A short name for one record, for menus and messages ("CND membership"); with ``labels``, the
        catalogue entries it refers to are named, not coded ("ratification of 1970 Hague Convention",
        not "ratification of CT02")."""
        if labels:
            named = {
                f.name: labels[f.ref].get(str(values[f.name]), values[f.name])
                for f in self.fields
                if f.ref is not None and f.ref in labels and values.get(f.name) is not None
            }
            values = {**values, **named}
        text = self.summary(values) if self.summary else ""
        return text or self.label.lower()


def article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def before(first: str, second: str, reason: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> list[tuple[str, str]]:
        a, b = values.get(first), values.get(second)
        if a is not None and b is not None and b < a:
            return [(second, reason)]
        return []

    return rule


_CYCLE_YEAR = re.compile(r"(?<![0-9])(19[0-9]{2}|2[01][0-9]{2})(?![0-9])")


def not_before_cycle(name: str, what: str) -> Rule:
    """A report's date cannot come before the first year of its cycle ("2010", "2010-2011", "2010/11")."""

    def rule(values: Mapping[str, Any]) -> list[tuple[str, str]]:
        date, cycle = values.get(name), values.get("cycle")
        found = _CYCLE_YEAR.search(cycle) if isinstance(cycle, str) else None
        if date is None or found is None or date.year >= int(found.group(1)):
            return []
        return [
            (name, f"the report is {what} in {date.year}, before its cycle ({found.string.strip()}) began")
        ]

    return rule


def one_of(*names: str, reason: str) -> Rule:
    def rule(values: Mapping[str, Any]) -> list[tuple[str, str]]:
        if all(values.get(n) in (None, "") for n in names):
            return [(names[0], reason)]
        return []

    return rule


#: The field every record has for the date of the document its fact was taken from: a record whose own
#: dates are missing is placed in time by it.


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field of a record, in words a person can act on."""

    field: str
    label: str
    reason: str

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


@dataclass
class ValidationFailed(Exception):
    """One or more fields are wrong; each problem names the field and says what is wrong."""

    record_label: str
    problems: list[FieldProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)
