"""The round trip locked like a form: which rows the officer edited, and which records moved on since.

The export writes, in a hidden column of each record sheet, the version each record had, a fingerprint
of what it held and a digest of the row's cells as written (``3:9f1c2a7b5d3e8c21:0a4e...``). On import:

* a row whose cells still give that digest is set aside unread (``untouched_rows``), and one whose
  values still give that fingerprint was not edited either: it is never written back, whatever the
  database holds now (a colleague's later edit stays);
* an edited row whose record is still at the exported version is a change, as before;
* an edited row whose record was changed (or deleted) in coopdesk since the export is a **conflict**:
  shown side by side with who changed it and when, and written only if the officer chooses the
  workbook's version for that row.

The fingerprint is taken on the values as stored (the record's id, the country's code, each field's
storage columns; a workbook of an older coopdesk, whose hidden cells have no digest, left the id out),
so the export computes it from the rows it reads and the import from the cells it parsed. The digest is
taken on the cells as python-calamine reads them back (``cells_digests``), so the import need not parse
a row to know it is as exported. A round trip that changes a cell's form (a spreadsheet turning CR LF
into LF) only makes a row look edited, which is the safe side: its values are then compared with the
fingerprint and, if they differ, field by field, as any edited row's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, partial
from itertools import repeat
from operator import contains
from typing import Any

from coopdesk.records.fields import Kind
from coopdesk.records.record_type import RecordType
from coopdesk.records.types import RECORD_TYPES

VERSION_HEADER = "Exported version (leave as is)"
_CELL = re.compile(r"([0-9]{1,9}):([0-9a-fA-F]{16})(?::([0-9a-fA-F]{16}))?")
_FULL_CELL = r"[0-9]{1,9}:[0-9a-fA-F]{16}:[0-9a-fA-F]{16}"
_FULL_CELLS = re.compile(rf"(?:{_FULL_CELL}\n)*{_FULL_CELL}")  # a column of them, one per line
_LEADING_VERSION = re.compile(r"^[0-9]+", re.MULTILINE)


class ConflictKind(StrEnum):
    CHANGED = "changed"  # the record was saved in coopdesk after the export
    DELETED = "deleted"  # the record was deleted in coopdesk after the export
    UNKNOWN = "unknown"  # the row does not say which version it was exported at


@dataclass(frozen=True)
class Conflict:
    """Why an edited row cannot simply be applied: what happened to its record in coopdesk, and when."""

    kind: ConflictKind
    by: str
    at: dt.datetime | None
    exported_version: int | None
    current_version: int | None

    def describe(self) -> str:
        when = f" on {self.at:%d/%m/%Y at %H:%M}" if self.at else ""
        who = self.by or "someone"
        if self.kind is ConflictKind.DELETED:
            return f"deleted in coopdesk by {who}{when}, after this workbook was exported"
        if self.kind is ConflictKind.UNKNOWN:
            return (
                f"this row does not say which version it was exported at; last changed in coopdesk by "
                f"{who}{when}"
            )
        return f"changed in coopdesk by {who}{when}, after this workbook was exported"


@dataclass(frozen=True)
class Exported:
    """What the hidden column says of a row: the record's version at the export, its fingerprint, and
    the digest of its cells (empty in a workbook of an older coopdesk, whose fingerprint leaves out the
    record's id)."""

    version: int
    fingerprint: str
    cells: str = ""

    def fingerprints(self, key: str | None, stored: list[Any]) -> bool:
        """Whether a row's stored values (``stored_form``) and its id give this fingerprint."""
        return fingerprint([key, *stored] if self.cells else stored) == self.fingerprint

    @classmethod
    def parse(cls, text: Any) -> Exported | None:
        """The exported version of a cell, or None when the cell is empty or not one of ours."""
        if not isinstance(text, str):
            return None
        found = _CELL.fullmatch(text.strip())
        if found is None:
            return None
        return cls(int(found.group(1)), found.group(2).lower(), (found.group(3) or "").lower())

    @staticmethod
    def versions_in(texts: list[str]) -> list[int] | None:
        """The versions of a column of hidden cells, each with its digest, or None unless every one is
        whole (one search down the column)."""
        column = "\n".join(texts)
        if not texts or column.count("\n") != len(texts) - 1 or _FULL_CELLS.fullmatch(column) is None:
            return None  # a cell with a line break in it is not one of ours
        return list(map(int, _LEADING_VERSION.findall(column)))


@cache
def _joined(width: int) -> str:
    """A format that joins ``width`` values as ``str`` would, with the unit separator between them."""
    return "\x1f".join(["%s"] * width)


def fingerprint(stored: Sequence[Any]) -> str:
    """A short digest of a record's stored values: its id, the country's code, then each field's columns
    (carriage returns left out: a spreadsheet may drop them)."""
    values = tuple(stored)
    text = _joined(len(values)) % values
    if "\r" in text:
        text = text.replace("\r", "")
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def exported_cells(columns: Sequence[Sequence[Any]], digests: Sequence[str]) -> list[str]:
    """The hidden cells of stored rows given as their columns (id, country, *field columns, version),
    one per row, with each row's ``cells_digests``: the export's (version:fingerprint:digest).

    What ``fingerprint`` gives, row by row, with every step run down the whole column in C (100,000
    rows take about 0.13 s, most of it in blake2b itself)."""
    if len(columns) < 2:
        return []
    texts = list(map(_joined(len(columns) - 1).__mod__, zip(*columns[:-1], strict=True)))
    if any(map(contains, texts, repeat("\r"))):
        texts = [text.replace("\r", "") for text in texts]
    return list(map("{}:{}:{}".format, columns[-1], _hexdigests(texts), digests))


def cells_digests(title: str, rows: Iterable[tuple[Any, ...]], width: int) -> list[str]:
    """The digest of each row's cells (``width`` of them, the sheet's columns but the hidden one, in the
    layout's order) as python-calamine reads them: text as ``str``, "" for an empty cell, a number as
    ``float``, a date cell as ``datetime.date``. Each cell is written as its ``repr``, so the number 12
    and the text "12" differ, and a separator inside a text cannot shift one cell into the next; the
    sheet's title comes first, so a row moved to another sheet differs too. A row is hashed as its text
    is made, so the texts of a whole sheet are never held at once."""
    form = repr(title) + "\x1f%r" * width
    return _hexdigests(map(form.__mod__, rows))


def _hexdigests(texts: Iterable[str]) -> list[str]:
    """The digest of each text, in C."""
    encoded = map(str.encode, texts, repeat("utf-8"), repeat("surrogatepass"))
    return list(map(hashlib.blake2b.hexdigest, map(_digest, encoded)))


_digest = partial(hashlib.blake2b, digest_size=8)


# How each field is put in storage form (``stored_form``), decided once per type.
_AS_IS, _MONEY, _DATE, _UNIQUE, _TEXT = range(5)


@cache
def storage_plan(type_name: str) -> tuple[tuple[str, int], ...]:
    """Each field's name and how ``stored_form`` stores it."""
    rtype: RecordType = RECORD_TYPES[type_name]
    plan = []
    for f in rtype.fields:
        if f.kind is Kind.MONEY:
            how = _MONEY
        elif f.kind is Kind.PDATE:
            how = _DATE
        elif f.unique:
            how = _UNIQUE  # stored NULL when empty (two empty ones must not clash)
        elif f.kind in (Kind.TEXT, Kind.LONGTEXT, Kind.CHOICE):
            how = _TEXT
        else:
            how = _AS_IS
        plan.append((f.name, how))
    return tuple(plan)


def stored_form(type_name: str, country: str, values: dict[str, Any]) -> list[Any]:
    """The values as the database stores them, in the export's order (what ``Field.to_columns`` gives)."""
    out: list[Any] = [country]
    append, get = out.append, values.get
    for name, how in storage_plan(type_name):
        value = get(name)
        if how == _TEXT:
            append("" if value is None else value)
        elif how == _AS_IS:
            append(value)
        elif how == _DATE:
            append(None if value is None else value.to_storage())
        elif how == _MONEY:
            if value is None:
                append(None)
                append(None)
            else:
                append(value.minor)
                append(value.currency)
        else:
            append(None if value is None or value == "" else value)
    return out
