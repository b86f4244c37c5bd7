"""The workbook's layout, derived from the record type declarations: one sheet per type, one column per field.

Nothing here is written per record type: adding a field to a declaration adds its column to the sheet,
its drop-down list and its parsing on import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coopdesk.excel.conflicts import VERSION_HEADER
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.fields import Field, Kind
from coopdesk.records.record_type import RecordType
from coopdesk.records.types import RECORD_TYPES

SUMMARY_SHEET = "Summary"
LISTS_SHEET = "Lists"
ID_HEADER = "Record id (leave as is; empty for a new row)"
KEY_HEADER = "Entry id (leave as is)"
COUNTRY_HEADER = "Country"

_FORBIDDEN_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})


class Part(StrEnum):
    """What a column holds."""

    ID = "id"  # the record's UUID (or a catalogue entry's numeric id)
    VERSION = "version"  # hidden: the record's version and fingerprint at the export (excel.conflicts)
    COUNTRY = "country"
    VALUE = "value"  # the field's value
    AMOUNT = "amount"  # a money field's amount
    CURRENCY = "currency"  # a money field's currency


@dataclass(frozen=True)
class Column:
    header: str
    part: Part
    field: Field | None = None
    width: float = 14.0


@dataclass(frozen=True)
class SheetLayout:
    rtype: RecordType
    title: str
    columns: tuple[Column, ...]

    def index(self) -> dict[str, int]:
        return {c.header: i for i, c in enumerate(self.columns)}


def sheet_title(rtype: RecordType) -> str:
    return rtype.plural.translate(_FORBIDDEN_IN_SHEET_NAMES)[:31]


def _width(f: Field) -> float:
    if f.kind is Kind.LONGTEXT:
        return 40.0
    if f.kind in (Kind.PDATE, Kind.INT, Kind.BOOL):
        return max(12.0, min(len(f.label) + 2, 18))
    if f.kind is Kind.REF:
        return max(12.0, min(len(f.label) + 2, 20))
    if f.kind is Kind.CHOICE and f.vocabulary is not None:
        return min(max(len(label) for label in f.vocabulary.labels) + 4, 30)
    return max(16.0, min(len(f.label) + 2, 30))


def field_columns(f: Field) -> list[Column]:
    if f.kind is Kind.MONEY:
        return [
            Column(f.label, Part.AMOUNT, f, 16.0),
            Column(f"{f.label} currency", Part.CURRENCY, f, 10.0),
        ]
    return [Column(f.label, Part.VALUE, f, _width(f))]


def layout_for(rtype: RecordType) -> SheetLayout:
    columns: list[Column] = []
    if not rtype.catalogue:
        columns.append(Column(COUNTRY_HEADER, Part.COUNTRY, None, 22.0))
    for f in rtype.fields:
        columns.extend(field_columns(f))
    if not rtype.catalogue:
        columns.append(Column(ID_HEADER, Part.ID, None, 38.0))
        columns.append(Column(VERSION_HEADER, Part.VERSION, None, 20.0))
    elif not any(f.name == rtype.key for f in rtype.fields):
        columns.append(Column(KEY_HEADER, Part.ID, None, 10.0))
    headers = [c.header for c in columns]
    if len(set(headers)) != len(headers):  # pragma: no cover - a declaration mistake, caught by tests
        raise ValueError(f"{rtype.label}: two columns share a header: {headers}")
    return SheetLayout(rtype, sheet_title(rtype), tuple(columns))


RECORD_LAYOUTS: tuple[SheetLayout, ...] = tuple(layout_for(t) for t in RECORD_TYPES.values())
CATALOGUE_LAYOUTS: tuple[SheetLayout, ...] = tuple(layout_for(t) for t in CATALOGUE_TYPES.values())
