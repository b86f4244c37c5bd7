"""A sheet's rows parsed column by column, with every problem of each row.

``reading`` finds a sheet's data lines and sets aside the rows still exactly as exported
(``untouched_rows``); the others come here. Each column's cells go through its parser in one pass and each
check runs down a whole column (a re-import reads a million cells; what is left per row is tying its cells
together). The rows are kept as columns and made into ``ParsedRow`` objects only when asked for.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from itertools import compress, repeat
from typing import Any, overload

from coopdesk.excel.cells import minor_scale
from coopdesk.excel.columns_read import FAILED, cell_text, check_rows, parse_column, rule_problems, stripped
from coopdesk.excel.conflicts import Exported
from coopdesk.excel.ids import all_canonical_ids, canonical_id
from coopdesk.excel.problem import ImportProblem
from coopdesk.excel.sheets import ID_HEADER, Part, SheetLayout
from coopdesk.excel.unchanged import stored_as_text, storing
from coopdesk.records.fields import Field, Kind
from coopdesk.records.money import Money
from coopdesk.records.record_type import RecordType

#: a sheet's columns found by their header: position in the sheet -> (what it holds, its field)
Columns = dict[int, tuple[Part, Field | None]]


@dataclass
class ParsedRow:
    sheet: str
    row: int
    rtype: RecordType
    key: str | None
    country: str
    values: dict[str, Any]
    valid: bool = True  # False: the row has problems; kept so that its country and references are checked too
    exported: Exported | None = None  # what the hidden column says: the version, fingerprint and digest
    #: Problems of values that were read (limits, rules): not reported for a row the officer did not
    #: edit, which is never written back (excel.conflicts). Unreadable values are in the workbook's list.
    problems: list[ImportProblem] = field(default_factory=list)
    readable: bool = True  # False: a value could not be read (so the row was edited, or is not ours)


@dataclass
class SheetRead:
    """One sheet's rows as parsed, by position, and what the planner needs of them."""

    rows: Sequence[ParsedRow]
    #: stored column -> each row's value as it would be stored (a reference and the country as typed):
    #: what the preview compares with the stored records in bulk (``unchanged``)
    storage: dict[str, list[Any]] = field(default_factory=dict)
    #: the positions of the rows that have a problem
    invalid: set[int] = field(default_factory=set)
    #: date field -> the rows (by number) whose date came from a date cell
    date_cells: dict[str, set[int]] = field(default_factory=dict)
    #: the problems of values that could not be read: always reported (the row was edited, or is not ours)
    problems: list[ImportProblem] = field(default_factory=list)
    #: (sheet, row) -> the problems of a catalogue row, held back: the catalogue's planner decides
    held: dict[tuple[str, int], list[ImportProblem]] = field(default_factory=dict)


def parse_lines(
    layout: SheetLayout,
    columns: Columns,
    lines: list[list[Any]],
    numbers: list[int],
    seen_ids: dict[str, tuple[str, int]],
) -> SheetRead:
    """The rows of a sheet's data ``lines`` (each as wide as its columns; ``numbers`` are their rows in
    the sheet). An id already in ``seen_ids`` is a repeated id; the others are added to it.

    A row's problems come in a fixed order: its cells left to right, its id, its amounts, a repeated id,
    a missing country, then the record type's own checks (lengths, required fields, cross-field rules)."""
    rtype = layout.rtype
    title = layout.title
    id_label = ID_HEADER.split(" (")[0]
    grid = list(zip(*lines, strict=False))  # grid[col]: that column's cells (rows may run past the header)
    n = len(lines)
    found: list[list[ImportProblem]] = [[] for _ in range(n)]

    def report(i: int, column: str | None, message: str) -> None:
        found[i].append(ImportProblem(title, numbers[i], column, message))

    values: dict[str, list[Any]] = {}
    storage: dict[str, list[Any]] = {}
    text_columns = stored_as_text(rtype)
    date_cells: dict[str, set[int]] = {}
    for col, (part, f) in columns.items():
        if part is not Part.VALUE or f is None or f.kind is Kind.MONEY:
            continue
        values[f.name], storage[f.name] = parse_column(
            grid[col], f.kind, _parser_for(f), f.label, report, storing(f, text_columns)
        )
        if f.kind is Kind.PDATE and _DATE_TYPES & set(map(type, grid[col])):
            # A date cell is a full date whatever the typist meant ("May 2009" typed into a date cell is
            # 1 May 2009): the preview says which dates were read from one.
            flags = map(_DATE_TYPES.__contains__, map(type, grid[col]))
            date_cells[f.name] = set(compress(numbers, flags))
    keys: list[str | None] = [None] * n
    exported: list[Any] = [None] * n  # the hidden version cells, as read
    countries = [""] * n
    money: dict[str, list[Any]] = {}
    for col, (part, f) in columns.items():
        if part is Part.COUNTRY:
            countries = stripped(grid[col])
        elif part is Part.ID and rtype.catalogue:  # an entry's number (a set membership's)
            keys = [text or None for text in stripped(grid[col])]
            for i, text in enumerate(keys):
                if text is not None and not text.isdigit():
                    report(i, "Entry id", f"'{text}' is not an entry id: leave it as exported, or empty")
        elif part is Part.ID:
            texts = stripped(grid[col])
            keys = [text or None for text in texts]
            if not all_canonical_ids(list(filter(None, texts))):
                for i, text in enumerate(texts):
                    if text:
                        try:
                            keys[i] = canonical_id(text)
                        except ValueError as exc:
                            keys[i] = None
                            report(i, id_label, str(exc))
        elif part is Part.VERSION:
            exported = list(grid[col])  # read when a row is made (``SheetRows``)
        elif part in (Part.AMOUNT, Part.CURRENCY) and f is not None:
            money.setdefault(f.name, [None, None])[0 if part is Part.AMOUNT else 1] = grid[col]
    for name, (amounts, currencies) in money.items():
        f = rtype.field(name)
        amounts_read: list[Any] = []
        for i, (amount, currency) in enumerate(zip(amounts, currencies, strict=True)):
            try:
                amounts_read.append(_money(amount, cell_text(currency).strip()))
            except ValueError as exc:
                report(i, f.label, str(exc))
                amounts_read.append(FAILED)
        values[name] = amounts_read
        minor_column, currency_column = f.columns
        empty = "" if currency_column in text_columns else None
        storage[minor_column] = [getattr(m, "minor", m) for m in amounts_read]
        storage[currency_column] = [empty if m is None else getattr(m, "currency", m) for m in amounts_read]
    if rtype.catalogue and rtype.key in values:  # an entry is its code
        keys = [code or None for code in values[rtype.key]]
    given = list(filter(None, keys))
    if len(set(given)) == len(given) and seen_ids.keys().isdisjoint(given):  # every id once: in bulk
        seen_ids.update(zip(given, zip(repeat(title), compress(numbers, keys), strict=False), strict=True))
        keys_to_check: list[str | None] = []
    else:
        keys_to_check = keys
    for i, key in enumerate(keys_to_check):
        if key is None:
            continue
        if key in seen_ids:
            other_sheet, other_row = seen_ids[key]
            where = f"row {other_row}" if other_sheet == title else f"{other_sheet}, row {other_row}"
            if rtype.catalogue:
                label = rtype.field(rtype.key).label if rtype.key in values else "Entry id"
                report(i, label, f"'{key}' is also on {where}; each entry needs its own")
            else:
                report(
                    i,
                    id_label,
                    f"the same id is also on {where}; each row needs its own id "
                    "(empty the id of a copied row to add it as a new record)",
                )
        else:
            seen_ids[key] = (title, numbers[i])
    if not rtype.catalogue and "" in countries:
        for i, country in enumerate(countries):
            if not country:
                report(i, "Country", "is required")
    # A record row's cross-field rules are checked when the row is made (``SheetRows``): a row equal
    # to its stored record is never made, and is no problem of the import.
    checked = check_rows(layout, values, numbers, found, rules=rtype.catalogue)
    if rtype.catalogue:  # the catalogue's planner sees only the held problems
        for i, row_checked in checked.items():
            found[i].extend(row_checked)
        checked = {}
    storage["country_code"] = countries
    storage["id"] = keys
    unreadable = [i for i, row_problems in enumerate(found) if row_problems]
    read = SheetRead(
        SheetRows(title, rtype, numbers, keys, countries, values, found, checked, exported),
        storage,
        set(unreadable).union(checked),
        date_cells,
    )
    for i in unreadable:  # always reported: the row was edited, or is not ours
        if rtype.catalogue:
            read.held[title, numbers[i]] = found[i]
        else:
            read.problems.extend(found[i])
    return read


class SheetRows(Sequence[ParsedRow]):
    """A sheet's parsed rows, each made when it is first asked for (rows equal to their stored records are
    never made: ``planning`` compares the columns)."""

    def __init__(
        self,
        title: str,
        rtype: RecordType,
        numbers: list[int],
        keys: list[str | None],
        countries: list[str],
        values: dict[str, list[Any]],
        found: list[list[ImportProblem]],
        checked: dict[int, list[ImportProblem]],
        exported: list[Any],
    ) -> None:
        self._title, self._rtype, self._numbers, self._keys = title, rtype, numbers, keys
        self._countries, self._values, self._found = countries, values, found
        self._checked, self._exported = checked, exported
        self._made: dict[int, ParsedRow] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> ParsedRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[ParsedRow]: ...

    def __getitem__(self, index: int | slice) -> ParsedRow | list[ParsedRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        row = self._made.get(index)
        if row is None:
            if not 0 <= index < len(self):
                raise IndexError(index)
            raw = {name: column[index] for name, column in self._values.items()}
            unreadable = self._found[index]
            if unreadable:
                raw = {name: value for name, value in raw.items() if value is not FAILED}
            checked = self._checked.get(index)
            if checked is None:
                checked = (
                    [] if unreadable else rule_problems(self._rtype, self._title, self._numbers[index], raw)
                )
            row = self._made[index] = ParsedRow(
                self._title,
                self._numbers[index],
                self._rtype,
                self._keys[index],
                self._countries[index],
                raw,
                valid=not (unreadable or checked),
                exported=Exported.parse(self._exported[index]),
                problems=checked,
                readable=not unreadable,
            )
        return row


_DATE_TYPES = frozenset({dt.date, dt.datetime})


def _parser_for(f: Field) -> Callable[[Any], Any]:
    """A cell reader for one field: what ``Field.parse`` gives, with fast paths for the usual cells.

    Reading 100,000 rows calls these about a million times, so the common cases (text, a date cell, a
    label of a vocabulary) skip the general parser; anything else goes through ``Field.parse`` and
    gets its plain-words error.
    """
    kind = f.kind
    if kind is Kind.TEXT:
        return lambda cell: cell.strip() if type(cell) is str else cell_text(cell).strip()
    if kind is Kind.LONGTEXT:
        return lambda cell: cell if type(cell) is str else cell_text(cell)
    if kind is Kind.REF:
        return lambda cell: (cell.strip() if type(cell) is str else cell_text(cell).strip()) or None
    if kind is Kind.PDATE:
        return lambda cell: None if cell == "" or cell is None else _partial_date(cell)
    if kind is Kind.CHOICE and f.vocabulary is not None:
        choices = {text.casefold(): value for value, label in f.vocabulary.items for text in (value, label)}

        def choice(cell: Any) -> Any:
            if cell == "" or cell is None:
                return None
            found = choices.get(cell_text(cell).strip().casefold())
            return found if found is not None else f.parse(_cell_for(f, cell))

        return choice
    return lambda cell: f.parse(_cell_for(f, cell))


_A_DATE = Field("date", "Date", Kind.PDATE)  # how a date cell reads does not depend on its column


@lru_cache(maxsize=1 << 16, typed=True)
def _partial_date(cell: Any) -> Any:
    """A date from a cell (text, a year, a date cell); the same dates recur down and across the sheets,
    so each distinct cell is read once (typed: the cell 2009 and the cell "2009" are kept apart)."""
    return _A_DATE.parse(_cell_for(_A_DATE, cell))


def _cell_for(f: Field, cell: Any) -> Any:
    """The cell as ``Field.parse`` expects it: text for text fields, whole numbers as ints."""
    if cell is None or cell == "":
        return None if f.kind not in (Kind.TEXT, Kind.LONGTEXT) else ""
    if f.kind in (Kind.TEXT, Kind.LONGTEXT, Kind.CHOICE, Kind.REF):
        return cell_text(cell)
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


@cache
def _currency(code: str) -> str:
    from babel.numbers import is_currency

    upper = code.upper()
    if len(upper) != 3 or not upper.isalpha() or not is_currency(upper):
        raise ValueError(f"'{code}' is not a currency code (use three letters, e.g. USD)")
    return upper


def _money(amount: Any, currency: str) -> Money | None:
    if amount is None or amount == "":
        if currency:
            raise ValueError(f"a currency ({currency}) is given but no amount")
        return None
    if not currency:
        raise ValueError("the currency is missing: give it in the currency column, e.g. USD")
    code = _currency(currency)
    if isinstance(amount, bool):
        raise ValueError(f"'{amount}' is not an amount")
    if isinstance(amount, float) and not math.isfinite(amount):
        raise ValueError(f"'{amount}' is not an amount")
    if isinstance(amount, int | float):
        scale = minor_scale(code)
        if math.isfinite(amount):
            minor_guess = round(amount * scale)
            # the usual cell: exactly so many minor units (beyond 2**53 a float is no longer a whole count)
            if abs(minor_guess) <= 2**53 and minor_guess / scale == amount:
                return Money(minor_guess, code)
        places = Money(0, code).major.as_tuple().exponent
        digits = -int(places) if isinstance(places, int) else 0
        try:
            minor = Decimal(repr(amount)).scaleb(digits)
        except InvalidOperation:
            raise ValueError(f"'{amount}' is not an amount") from None
        if minor != minor.to_integral_value():
            raise ValueError(f"'{amount}' has more decimals than {code} has ({digits})")
        return Money(int(minor), code)
    return Money.parse(str(amount), code)
