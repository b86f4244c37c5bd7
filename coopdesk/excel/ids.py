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
