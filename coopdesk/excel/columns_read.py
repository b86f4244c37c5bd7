"""Reading a sheet column by column: each column parsed in one pass, each check run down a whole column.

A re-import reads a million cells; done a column at a time, with each distinct cell read once and the
plain text columns taken as they are, the work left per row is tying its cells together (``reading``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from coopdesk.excel.problem import ImportProblem
from coopdesk.excel.sheets import SheetLayout
from coopdesk.excel.unchanged import as_is
from coopdesk.records.fields import Kind
from coopdesk.records.limits import record_checker
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


def row_checks(
    layout: SheetLayout,
) -> Callable[[dict[str, Any], list[ImportProblem], int], list[ImportProblem]]:
    """One row's check by the limits every way in applies (``coopdesk.records.limits``): lengths,
    characters no file can hold, ranges, what is required, the type's cross-field rules; the fields whose
    cell could not be read (``found``) are not reported again as missing.

    A reference is checked against the catalogue instead: its cell holds a name, longer than a code."""
    rtype = layout.rtype
    columns = model_for(rtype).__table__.c
    lengths = {
        f.name: columns[f.name].type.length
        for f in rtype.fields
        if f.kind is Kind.TEXT and getattr(columns[f.name].type, "length", None)
    }
    labels = {f.label: f.name for f in rtype.fields}
    title = layout.title
    problems_of = record_checker(rtype, lengths)

    def check(values: dict[str, Any], found: list[ImportProblem], row: int) -> list[ImportProblem]:
        already = [labels[p.column] for p in found if p.column in labels] if found else ()
        problems = problems_of(values, None, already)
        return [ImportProblem(title, row, p.label, p.reason) for p in problems] if problems else []

    return check
