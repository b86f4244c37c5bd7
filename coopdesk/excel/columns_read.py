"""Reading a sheet column by column: each column parsed in one pass, each check run down a whole column.

A re-import reads a million cells; done a column at a time, with each distinct cell read once and the
plain text columns taken as they are, the work left per row is tying its cells together (``reading``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from coopdesk.excel.sheets import SheetLayout
from coopdesk.excel.unchanged import as_is
from coopdesk.records.fields import Kind
from coopdesk.records.record import model_for


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


def check_columns(
    layout: SheetLayout,
    values: dict[str, list[Any]],
    rows: list[dict[str, Any]],
    found: Sequence[Sequence[Any]],  # each row's problems so far (anything with a .column)
    report: Callable[[int, str | None, str], None],
) -> None:
    """Required fields, column lengths and the type's cross-field rules, as ``parse_values`` checks them,
    each down a whole column; the rules only on rows without another problem."""
    rtype = layout.rtype
    table = model_for(rtype).__table__.c
    before = [bool(problems) for problems in found]  # a cell already reported is not also "required"
    for f in rtype.fields:
        # A reference is checked against the catalogue instead: its cell holds a name, longer than a code.
        limit = getattr(table[f.name].type, "length", None) if f.kind is Kind.TEXT else None
        column = values.get(f.name)
        if not limit or column is None:
            continue
        if max(map(len, filter(None, column)), default=0) <= limit:  # text, or None when empty
            continue
        for i, text in enumerate(column):
            if text and type(text) is str and len(text) > limit:
                report(i, f.label, f"is too long ({len(text)} characters; at most {limit})")
    for f in rtype.fields:
        if not f.required or f.read_only:
            continue
        column = values.get(f.name) or [None] * len(rows)
        if f.kind is not Kind.LONGTEXT and None not in column and "" not in column:
            continue  # every cell filled (text is read stripped): nothing to look at row by row
        for i, value in enumerate(column):
            if value is None or (type(value) is str and not value.strip()):
                if before[i] and any(p.column == f.label for p in found[i]):
                    continue
                report(i, f.label, "is required")
    if rtype.rules:
        for i, row in enumerate(rows):
            if not found[i]:
                for rule in rtype.rules:
                    for name, reason in rule(row):
                        report(i, rtype.field(name).label, reason)
