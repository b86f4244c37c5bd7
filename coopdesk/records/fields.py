"""A field of a record type: its kind, label, vocabulary, and how its value is parsed, shown and stored.

Everything that shows or reads a field (table, form, workbook, importer, history) goes through these
methods, so a kind of value is handled the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from coopdesk.base.quoting import shown
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.vocabularies import Vocabulary


@lru_cache(maxsize=8192)
def _stored_date(text: str) -> PartialDate:
    """Stored dates repeat across records (a session's days, a year); a PartialDate is immutable, so one
    value serves them all and a long list parses each distinct date once."""
    return PartialDate.from_storage(text)


class Kind(StrEnum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # paragraphs
    PDATE = "pdate"  # partial date: year, month and year, or full date
    INT = "int"
    BOOL = "bool"
    CHOICE = "choice"  # one value of a vocabulary
    REF = "ref"  # a catalogue entry, by its code
    MONEY = "money"  # amount in minor units + ISO 4217 currency
    TIMESTAMP = "timestamp"  # set by the system, never typed


@dataclass(frozen=True)
class Field:
    """One field of a record type: how it is stored, shown, edited and checked."""

    name: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    vocabulary: Vocabulary | None = None
    ref: str | None = None  # catalogue type name, for REF
    help: str = ""
    in_table: bool = True
    read_only: bool = False
    min_value: int | None = None
    max_value: int | None = None
    width: int = 0  # the table column's width in em for a text that is short or long; 0: by its kind
    #: The value a new record starts with when none is given (a required choice without one starts at its
    #: vocabulary's first value, a yes/no at no): ``RecordType.defaults`` reads it.
    default: Any = None
    #: Unique when filled (a letter's reference): an empty value is stored as NULL, which never collides.
    unique: bool = False

    # ------------------------------------------------------------------ storage

    @property
    def columns(self) -> tuple[str, ...]:
        """The model columns that store this field."""
        if self.kind is Kind.MONEY:
            return (f"{self.name}_minor", f"{self.name}_currency")
        return (self.name,)

    def to_columns(self, value: Any) -> dict[str, Any]:
        if self.kind is Kind.MONEY:
            minor_col, currency_col = self.columns
            if value is None:
                return {minor_col: None, currency_col: None}
            return {minor_col: value.minor, currency_col: value.currency}
        if self.kind is Kind.PDATE:
            return {self.name: value.to_storage() if value is not None else None}
        if self.unique and (value is None or value == ""):
            return {self.name: None}
        if self.kind in (Kind.TEXT, Kind.LONGTEXT, Kind.CHOICE) and value is None:
            return {self.name: ""}
        return {self.name: value}

    def from_columns(self, row: Any) -> Any:
        if self.kind is Kind.MONEY:
            minor_col, currency_col = self.columns
            minor, currency = getattr(row, minor_col), getattr(row, currency_col)
            return None if minor is None or not currency else Money(minor, currency)
        raw = getattr(row, self.name)
        if self.kind is Kind.PDATE:
            return _stored_date(raw) if raw else None
        if self.kind in (Kind.TEXT, Kind.LONGTEXT):
            return raw or ""
        if self.kind is Kind.CHOICE:
            return raw or None
        return raw

    def reader(self, position: Mapping[str, int]) -> Callable[[Sequence[Any]], Any]:
        """``from_columns`` for rows of plain values, the columns at ``position[column name]``: made once
        per query, it spares a long list an attribute look-up and the kind tests for every value."""
        if self.kind is Kind.MONEY:
            minor_at, currency_at = (position[column] for column in self.columns)

            def money(row: Sequence[Any]) -> Money | None:
                minor, currency = row[minor_at], row[currency_at]
                return None if minor is None or not currency else Money(minor, currency)

            return money
        at = position[self.name]
        if self.kind is Kind.PDATE:
            return lambda row: _stored_date(row[at]) if row[at] else None
        if self.kind in (Kind.TEXT, Kind.LONGTEXT):
            return lambda row: row[at] or ""
        if self.kind is Kind.CHOICE:
            return lambda row: row[at] or None
        return lambda row: row[at]

    # ------------------------------------------------------------------ text

    def is_empty(self, value: Any) -> bool:
        return value is None or (isinstance(value, str) and value.strip() == "")

    def parse(self, raw: Any, *, currency: str | None = None) -> Any:
        """A typed value from what a person typed (or an already typed value).

        Raises ValueError with a plain-words reason that does not repeat the field's label.
        """
        kind = self.kind
        if raw is None or (
            isinstance(raw, str) and raw.strip() == "" and kind not in (Kind.TEXT, Kind.LONGTEXT)
        ):
            return False if kind is Kind.BOOL else None
        if kind in (Kind.TEXT, Kind.LONGTEXT):
            if not isinstance(raw, str):
                raw = str(raw)
            return raw if kind is Kind.LONGTEXT else raw.strip()
        if kind is Kind.PDATE:
            if isinstance(raw, PartialDate):
                return raw
            if isinstance(raw, dt.datetime):
                return PartialDate.from_date(raw.date())
            if isinstance(raw, dt.date):
                return PartialDate.from_date(raw)
            if isinstance(raw, int):
                raw = str(raw)
            return PartialDate.parse(str(raw))
        if kind is Kind.INT:
            if isinstance(raw, bool):
                raise ValueError(f"'{raw}' is not a whole number")
            if isinstance(raw, int):
                number = raw
            elif isinstance(raw, float) and raw.is_integer():
                number = int(raw)
            else:
                text = str(raw).strip().replace(",", "")
                try:
                    if isinstance(raw, float) or len(text) > 20:
                        raise ValueError
                    number = int(text)
                except ValueError:
                    raise ValueError(f"'{shown(raw)}' is not a whole number") from None
            if self.min_value is not None and number < self.min_value:
                raise ValueError(f"{number} is too small: it must be at least {self.min_value}")
            if self.max_value is not None and number > self.max_value:
                raise ValueError(f"{number} is too large: it must be at most {self.max_value}")
            return number
        if kind is Kind.BOOL:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().casefold()
            if text in {"1", "yes", "true", "y", "x"}:
                return True
            if text in {"0", "no", "false", "n", ""}:
                return False
            raise ValueError(f"'{raw}' is not yes or no")
        if kind is Kind.CHOICE:
            assert self.vocabulary is not None
            value = self.vocabulary.value_for(str(raw))
            if value is None:
                choices = ", ".join(self.vocabulary.labels)
                raise ValueError(f"'{shown(raw)}' is not one of the choices ({choices})")
            return value
        if kind is Kind.REF:
            return str(raw).strip()
        if kind is Kind.MONEY:
            if isinstance(raw, Money):
                return raw
            if isinstance(raw, tuple):
                amount, cur = raw
                return Money.parse(str(amount), str(cur or currency or ""))
            if not currency:
                raise ValueError("a currency is needed with the amount")
            return Money.parse(str(raw), currency)
        raise ValueError(f"cannot read '{shown(raw)}'")  # pragma: no cover - every kind is handled above

    def display(self, value: Any, ref_labels: dict[str, str] | None = None) -> str:
        """The value as a person reads it in a table or a message."""
        if value is None:
            return ""
        if self.kind is Kind.CHOICE and self.vocabulary is not None:
            return self.vocabulary.label(value)
        if self.kind is Kind.REF and ref_labels is not None:
            return ref_labels.get(value, value)
        if self.kind is Kind.BOOL:
            return "Yes" if value else "No"
        if self.kind is Kind.MONEY:
            return value.format()
        if self.kind is Kind.TIMESTAMP:
            return value.strftime("%d/%m/%Y %H:%M")
        return str(value)

    def to_text(self, value: Any) -> str | None:
        """A stable text form for history and comparisons (round-trips through ``parse``)."""
        if value is None:
            return None
        if self.kind is Kind.MONEY:
            return f"{value.currency} {value.major}"
        if self.kind is Kind.PDATE:
            return value.to_storage()
        if self.kind is Kind.BOOL:
            return "yes" if value else "no"
        return str(value)
