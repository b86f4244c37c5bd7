"""Record ids as people and programs write them: read in any standard spelling, kept in one.

coopdesk stores a record's id as a lower-case UUID with dashes. A workbook that went through other hands
may hold the same id in capitals, in braces, as ``urn:uuid:...`` or without dashes; each is the same
record and is matched as such (so a re-import never adds it again as a duplicate).
"""

from __future__ import annotations

import re
import uuid

from coopdesk.base.quoting import shown

_STORED = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STORED_COLUMN = re.compile(rf"(?:{_STORED.pattern}\n)*{_STORED.pattern}")


def is_canonical_id(cell: object) -> bool:
    """Whether a cell holds a record id in the stored spelling."""
    return isinstance(cell, str) and _STORED.fullmatch(cell) is not None


def all_canonical_ids(cells: list[str]) -> bool:
    """Whether every cell of a column of text holds a record id in the stored spelling (one search; a
    cell holding a line break, or empty, is not one)."""
    if not cells:
        return True
    column = "\n".join(cells)
    return column.count("\n") == len(cells) - 1 and _STORED_COLUMN.fullmatch(column) is not None


def canonical_id(text: str) -> str:
    """The stored spelling of a record id; raises ValueError in plain words when it is not one."""
    if _STORED.fullmatch(text):
        return text  # already in the stored spelling: every id of an export, read back
    cleaned = text.strip()
    try:
        value = uuid.UUID(cleaned)
    except ValueError:
        raise ValueError(
            f"'{shown(cleaned)}' is not a record id: leave the id as exported, or empty for a new row"
        ) from None
    return str(value)
