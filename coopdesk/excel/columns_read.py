"""Reading a sheet column by column: each column parsed in one pass, each check run down a whole column.

A re-import reads a million cells; done a column at a time, with each distinct cell read once and the
plain text columns taken as they are, the work left per row is tying its cells together (``reading``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from coopdesk.excel.problem import ImportProblem
from coopdesk.excel.sheets import SheetLayout
from coopdesk.excel.unchanged import as_is
from coopdesk.records.fields import Field, Kind
from coopdesk.records.limits import (
    checked_fields,
    quickly_fine,
    record_checker,
    required_fields,
    value_problem,
)
from coopdesk.records.record import model_for
from coopdesk.records.record_type import RecordType


def cell_text(cell: Any) -> str:
    if type(cell) is str:  # by far the most common cell
        return cell
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    return str(cell)


def stripped(cells: tuple[Any, ...]) -> list[str]:
    """A column's cells as stripped text (empty for an empty cell)."""
    if set(map(type, cells)) == {str}:
        return list(map(str.strip, cells))
    return [cell_text(cell).strip() for cell in cells]


FAILED = object()  # a cell whose value could not be read (its problem is reported)


def parse_column(
    cells: tuple[Any, ...],
    kind: Kind,
    parse: Callable[[Any], Any],
    label: str,
    report: Callable[[int, str | None, str], None],
    store: Callable[[Any], Any],
) -> tuple[list[Any], list[Any]]:
    """One column's values, and each as it would be stored. A column of text is taken as it is (a line
    stripped); other columns repeat their values (countries, choices, dates, references): each distinct
    cell is read once. Cell by cell only when a cell cannot be read, to report each one."""
    types = set(map(type, cells))
    if types == {str} and kind in (Kind.TEXT, Kind.LONGTEXT):  # what the parser does, done in C
        text = list(map(str.strip, cells)) if kind is Kind.TEXT else list(cells)
        return text, text
    if bool not in types:  # True == 1: a column with a Yes/No cell is read cell by cell
        try:
            read = {cell: parse(cell) for cell in set(cells)}
        except ValueError:
            pass
        else:
            column = list(map(read.__getitem__, cells))
            if store is as_is:
                return column, column
            stored = {cell: store(value) for cell, value in read.items()}
            return column, list(map(stored.__getitem__, cells))
    values: list[Any] = []
    for i, cell in enumerate(cells):
        try:
            values.append(parse(cell))
        except ValueError as exc:
            report(i, label, str(exc))
            values.append(FAILED)
    return values, [value if value is FAILED else store(value) for value in values]


def check_rows(
    layout: SheetLayout,
    values: dict[str, list[Any]],
    numbers: list[int],
    found: list[list[ImportProblem]],
    *,
    rules: bool = True,
) -> dict[int, list[ImportProblem]]:
    """Each row's problems by the limits every way in applies (``coopdesk.records.limits``: lengths,
    characters no file can hold, ranges, what is required, the type's cross-field rules), by position;
    rows without a problem are left out. ``found`` holds what could not be read: those fields are not
    reported again as missing.

    Each column is looked down first, each distinct value once; only the rows where a column shows
    something (and the rows with a cell that could not be read) are checked whole by
    ``record_checker``, so every message is the one the form gives. The other rows only meet the
    type's cross-field rules. A reference is checked against the catalogue instead: its cell holds a
    name, longer than a code."""
    rtype = layout.rtype
    n = len(numbers)
    columns = model_for(rtype).__table__.c
    lengths = {
        f.name: columns[f.name].type.length
        for f in rtype.fields
        if f.kind is Kind.TEXT and getattr(columns[f.name].type, "length", None)
    }
    suspects = {i for i in range(n) if found[i]}
    for name, kind, limit in checked_fields(rtype, lengths):
        column = values.get(name)
        if column is not None:
            suspects.update(_suspects(rtype.field(name), kind, limit, column))
    for f in required_fields(rtype):
        column = values.get(f.name)
        if column is None:
            suspects.update(range(n))
        elif f.kind is Kind.LONGTEXT or None in column or "" in column:
            suspects.update(i for i, value in enumerate(column) if f.is_empty(value))
    problems: dict[int, list[ImportProblem]] = {}
    title = layout.title
    if suspects:
        labels = {f.label: f.name for f in rtype.fields}
        check = record_checker(rtype, lengths)
        for i in sorted(suspects):
            row = {name: column[i] for name, column in values.items() if column[i] is not FAILED}
            already = [labels[p.column] for p in found[i] if p.column in labels]
            if row_problems := check(row, None, already):
                problems[i] = [ImportProblem(title, numbers[i], p.label, p.reason) for p in row_problems]
    if rules and rtype.rules:
        for i in range(n):
            if i not in suspects and (broken := rule_problems(rtype, title, numbers[i], _Row(values, i))):
                problems[i] = broken
    return problems


def rule_problems(
    rtype: RecordType, title: str, number: int, values: Mapping[str, Any]
) -> list[ImportProblem]:
    """The record type's cross-field rules on one row whose fields are sound (an end before a start)."""
    return [
        ImportProblem(title, number, rtype.field(name).label, reason)
        for rule in rtype.rules
        for name, reason in rule(values)
    ]


def _suspects(f: Field, kind: Kind, limit: int, column: list[Any]) -> list[int]:
    """The rows of ``column`` whose value may break a limit of ``f`` (each distinct value looked at once)."""
    if kind is Kind.TEXT:
        texts = list(filter(None, column))  # text, or None when empty
        try:
            joined = "\x01".join(texts)
        except TypeError:
            pass  # not all text: looked at one by one
        else:
            if (
                max(map(len, texts), default=0) <= limit
                and "\x00" not in joined
                and "\ufffe" not in joined
                and "\uffff" not in joined
            ):
                return []
    try:
        distinct = set(column)
    except TypeError:  # a value that cannot be hashed: every row is looked at
        return [i for i, value in enumerate(column) if value is not None]
    bad = {
        value
        for value in distinct
        if value is not None
        and value is not FAILED
        and not quickly_fine(kind, value, limit)
        and value_problem(f, value, limit) is not None
    }
    return [i for i, value in enumerate(column) if value in bad] if bad else []


class _Row(Mapping[str, Any]):
    """One row of a sheet's columns, seen as a mapping (what a cross-field rule reads)."""

    __slots__ = ("_columns", "_index")

    def __init__(self, columns: dict[str, list[Any]], index: int) -> None:
        self._columns, self._index = columns, index

    def __getitem__(self, name: str) -> Any:
        return self._columns[name][self._index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)
