"""The rows of a record sheet still exactly as a coopdesk export wrote them, set aside before parsing.

The export writes, in each row's hidden cell, a digest of the row's other cells as python-calamine reads
them back (``conflicts.cells_digests``). A row whose cells give that digest again was not edited, and a
row not edited is never written back (``conflicts``): its cells need not be parsed or checked. What the
planner needs of it is its id and the version it was exported at; only if its record is unknown here (a
workbook from another database) are its cells parsed, as any row's (``UntouchedRows.parse``).

The digest covers every column the import reads (wherever the officer moved it) and the sheet's title:
a cell edited, emptied, or retyped as another kind of value (the number 12 as the text "12"), an id
changed, or a row moved to another sheet, no longer gives it. A row whose id is not in the stored
spelling, or comes twice in the workbook (a copied row, as it is or edited), is never set aside: it
goes through the reader's own checks, which report the id's second row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter, not_
from typing import Any

from coopdesk.excel.conflicts import Exported, cells_digests
from coopdesk.excel.ids import all_canonical_ids, canonical_id, is_canonical_id
from coopdesk.excel.sheet_read import Columns, SheetRead, parse_lines
from coopdesk.excel.sheets import Part, SheetLayout


@dataclass
class UntouchedRows:
    """A sheet's rows set aside: their lines as read, their rows in the sheet, ids and exported versions."""

    layout: SheetLayout
    columns: Columns
    lines: list[list[Any]]
    numbers: list[int]
    keys: list[str]
    versions: list[int]

    def __len__(self) -> int:
        return len(self.numbers)

    def parse(self, positions: list[int]) -> SheetRead:
        """These rows parsed as the reader parses any row (their ids were already checked: each is once
        in the workbook)."""
        lines = [self.lines[i] for i in positions]
        numbers = [self.numbers[i] for i in positions]
        return parse_lines(self.layout, self.columns, lines, numbers, {})


def set_aside_untouched(
    layout: SheetLayout,
    columns: Columns,
    lines: list[list[Any]],
    numbers: list[int],
    seen_ids: dict[str, tuple[str, int]],
) -> tuple[UntouchedRows | None, list[list[Any]], list[int]]:
    """The sheet's rows still as exported, and the other lines with their numbers (to be parsed).

    The ids of the rows set aside are added to ``seen_ids``, so a copy of one elsewhere is reported."""
    at = {(part, f.name if f else None): position for position, (part, f) in columns.items()}
    version_at = at.get((Part.VERSION, None))
    id_at = at.get((Part.ID, None))
    if version_at is None or id_at is None:  # an older workbook, or a sheet whose columns are refused
        return None, lines, numbers
    order = [
        at[c.part, c.field.name if c.field else None] for c in layout.columns if c.part is not Part.VERSION
    ]
    hidden = list(map(itemgetter(version_at), lines))
    if set(map(type, hidden)) != {str}:  # a hidden cell retyped as a number or a date: not ours
        hidden = [cell if type(cell) is str else "" for cell in hidden]
    digests = cells_digests(layout.title, map(itemgetter(*order), lines), len(order))
    flags = list(map(str.endswith, hidden, map(":".__add__, digests)))
    if not any(flags):
        return None, lines, numbers
    positions = list(compress(range(len(lines)), flags))
    ids = [lines[i][id_at] for i in positions]
    # Ids the reader will meet among the other lines (an edited copy of a row): those rows are read too,
    # so that the id's second row is the one reported, wherever the copy is.
    elsewhere = _ids_of(lines[i][id_at] for i in compress(range(len(lines)), map(not_, flags)))
    versions = Exported.versions_in([hidden[i] for i in positions])
    if (
        versions is not None
        and set(map(type, ids)) == {str}
        and len(set(ids)) == len(ids)
        and seen_ids.keys().isdisjoint(ids)
        and elsewhere.isdisjoint(ids)
        and all_canonical_ids(ids)
    ):
        kept = positions  # the usual sheet: every id once, as exported, with its whole hidden cell
    else:
        kept, versions = _one_by_one(positions, ids, hidden, elsewhere.union(seen_ids))
    if not kept:
        return None, lines, numbers
    title = layout.title
    keys = [lines[i][id_at] for i in kept]
    untouched = UntouchedRows(
        layout, columns, [lines[i] for i in kept], [numbers[i] for i in kept], keys, versions
    )
    seen_ids.update(zip(untouched.keys, zip(repeat(title), untouched.numbers), strict=True))
    others = [True] * len(lines)
    for i in kept:
        others[i] = False
    return untouched, list(compress(lines, others)), list(compress(numbers, others))


def _ids_of(cells: Iterable[Any]) -> set[str]:
    """The ids that cells hold, in the stored spelling (cells that hold none left out)."""
    found = set()
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            try:
                found.add(canonical_id(cell.strip()))
            except ValueError:
                continue  # the reader reports it
    return found


def _one_by_one(
    positions: list[int], ids: list[Any], hidden: list[str], taken: set[str]
) -> tuple[list[int], list[int]]:
    """The rows that may be set aside among those whose digest matches, and their versions, looked at
    one by one (some id is repeated, met elsewhere, or not in the stored spelling; or a hidden cell is
    not whole)."""
    repeated = {key for key, times in Counter(ids).items() if times > 1}
    kept: list[int] = []
    versions: list[int] = []
    for i, key in zip(positions, ids, strict=True):
        exported = Exported.parse(hidden[i])
        if exported is not None and key not in repeated and key not in taken and is_canonical_id(key):
            kept.append(i)
            versions.append(exported.version)
    return kept, versions
