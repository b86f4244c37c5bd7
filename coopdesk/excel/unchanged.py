"""Finding, in bulk, the rows of a re-imported workbook that hold exactly what is stored.

Most of a workbook brought back is unchanged. Each row and each stored record are reduced to one tuple
of their storage values (the country, then every field's columns, empty text and NULL alike), built
column by column with each distinct value converted once, and compared with one ``==``. A row whose
tuple equals its record's is unchanged; any other row goes through the field-by-field comparison of
``planning``, which alone decides what changed. The tuples can only say "the same" when every stored
column is equal, so they never hide a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import methodcaller
from typing import Any

from sqlalchemy import String, Text, func, select
from sqlalchemy.orm import Session

from coopdesk.excel.reading import ParsedRow
from coopdesk.records.fields import Kind
from coopdesk.records.record import model_for
from coopdesk.records.types import RecordType

Form = tuple[Any, ...]


def _is_text(column: Any) -> bool:
    return isinstance(column.type, String | Text)


def stored_forms(session: Session, rtype: RecordType) -> dict[str, Form]:
    """Every stored record of the type: id -> (country, its fields' storage columns), text NULLs as ""."""
    table = model_for(rtype).__table__
    names = ["country_code", *(c for f in rtype.fields for c in f.columns)]
    columns = [func.coalesce(table.c[n], "") if _is_text(table.c[n]) else table.c[n] for n in names]
    result = session.execute(select(table.c.id, *columns)).all()
    return {row[0]: tuple(row[1:]) for row in result}


def parsed_forms(rows: Sequence[ParsedRow], rtype: RecordType) -> list[Form]:
    """The same tuple for each parsed row (its references already resolved to codes)."""
    if not rows:
        return []
    table = model_for(rtype).__table__
    text_columns = {c.name for c in table.c if _is_text(c)}
    values = [p.values for p in rows]
    columns: list[list[Any]] = [[p.country for p in rows]]
    for f in rtype.fields:
        column = list(map(methodcaller("get", f.name), values))
        if f.kind is Kind.MONEY:
            columns.append([None if v is None else v.minor for v in column])
            empty = "" if f.columns[1] in text_columns else None
            columns.append([empty if v is None else v.currency for v in column])
        elif f.kind is Kind.PDATE:
            # The reader hands out one object per distinct date; each is converted once.
            stored = {v: v.to_storage() for v in set(column) if v is not None}
            stored[None] = ""
            columns.append(list(map(stored.__getitem__, column)))
        elif f.name in text_columns:
            columns.append(["" if v is None else v for v in column])
        else:
            columns.append(column)
    return list(zip(*columns, strict=True))
