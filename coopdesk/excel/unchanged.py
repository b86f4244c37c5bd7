"""Finding, in bulk, the rows of a re-imported workbook that hold exactly what is stored.

Most of a workbook brought back is unchanged. Each row and each stored record are reduced to one tuple
of their storage values (the country, then every field's columns, empty text and NULL alike) and compared
by one lookup in the set of the stored ones. The rows' values are turned into storage form as the reader parses each column (each
distinct cell once); the country and the references are resolved to codes by the planner, column by
column. A row whose tuple equals its record's is unchanged; any other row goes through the field-by-field
comparison of ``planning``, which alone decides what changed. The tuples can only say "the same" when
every stored column is equal, so they never hide a change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Select, String, Text, func, select
from sqlalchemy.orm import Session

from coopdesk.records.fields import Field, Kind
from coopdesk.records.record import model_for
from coopdesk.records.record_type import RecordType

Form = tuple[Any, ...]


@cache
def stored_as_text(rtype: RecordType) -> frozenset[str]:
    """The type's columns that hold text, where empty text and NULL mean the same."""
    table = model_for(rtype).__table__
    return frozenset(c.name for c in table.c if isinstance(c.type, String | Text))


def _as_stored_text(value: Any) -> Any:
    return "" if value is None else value


def _date_as_stored(value: Any) -> Any:
    return "" if value is None else value.to_storage()


def as_is(value: Any) -> Any:
    return value


def storing(f: Field, text_columns: frozenset[str]) -> Callable[[Any], Any]:
    """A parsed value of the field as its column stores it (a reference stays as typed: the planner
    resolves it to its code). ``as_is`` where nothing changes: the values are their own storage."""
    if f.kind is Kind.PDATE:
        return _date_as_stored
    if f.kind in (Kind.TEXT, Kind.LONGTEXT):  # read as text, never None
        return as_is
    if f.kind is not Kind.REF and f.name in text_columns:
        return _as_stored_text
    return as_is


def columns_compared(rtype: RecordType) -> list[str]:
    """The stored columns a row is compared on, in order: the country, then each field's."""
    return ["country_code", *(c for f in rtype.fields for c in f.columns)]


def stored_forms(session: Session, rtype: RecordType, keys: list[str] | None = None) -> set[Form]:
    """Every stored record of the type (or those of ``keys``, record ids in the stored spelling) as (id,
    country, its fields' storage columns), text NULLs as ""."""
    table = model_for(rtype).__table__
    text = stored_as_text(rtype)
    columns = [func.coalesce(table.c[n], "") if n in text else table.c[n] for n in columns_compared(rtype)]
    return set(map(tuple, _fetched(session, select(table.c.id, *columns), keys)))


def stored_versions(session: Session, rtype: RecordType, keys: list[str] | None = None) -> dict[str, int]:
    """Every stored record of the type (or those of ``keys``): its id and its version."""
    table = model_for(rtype).__table__
    return dict(_fetched(session, select(table.c.id, table.c.version), keys))


def _fetched(session: Session, statement: Select[Any], keys: list[str] | None) -> list[Any]:
    """The rows of a query without parameters (of the records whose ids are ``keys``, record ids in the
    stored spelling, when given), through the driver's own cursor, in the caller's transaction: what a
    hundred thousand rows cost in the database itself, not in a row object each."""
    if keys is None:
        return _fetched_once(session, statement)
    table = statement.selected_columns[0].table
    found: list[Any] = []
    for start in range(0, len(keys), 500):  # below SQLite's limit on the terms of a statement
        found += _fetched_once(session, statement.where(table.c.id.in_(keys[start : start + 500])))
    return found


def _fetched_once(session: Session, statement: Select[Any]) -> list[Any]:
    connection = session.connection()
    sql = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(sql))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def parsed_forms(rtype: RecordType, storage: dict[str, list[Any]]) -> list[Form]:
    """Each row's tuple (its id first), from the storage columns (country and references resolved)."""
    return list(zip(storage["id"], *(storage[name] for name in columns_compared(rtype)), strict=True))
