"""How the workbook names catalogue entries: by their short names, as the editor's tables do.

An instrument's cell and its drop-down show "1970 Hague Convention", not "CT02", so nobody has to look a
code up on another sheet. A short name that two entries share (or that is another entry's code) is
written "short name (code)" so that every name in a list is one entry. On import, a cell is matched by
that name, by the code alone, or by any of the entry's other names, case aside.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.record import Record, label_of, model_for, to_record

#: The fields whose text also names an entry when someone types it (a title, the formal name).
OTHER_NAME_FIELDS = ("name", "title", "short_title", "short_name", "formal_name")


def shown_names(entries: Iterable[Record]) -> dict[str, str]:
    """code -> the name the workbook shows for it: its short name, with its code when that is ambiguous."""
    entries = list(entries)
    labels = {str(e.key): label_of(e) for e in entries}
    used = Counter(label.casefold() for label in labels.values())
    codes = {code.casefold() for code in labels}
    shown = {}
    for code, label in labels.items():
        folded = label.casefold()
        ambiguous = used[folded] > 1 or (folded in codes and folded != code.casefold())
        shown[code] = f"{label} ({code})" if ambiguous else label
    return shown


def catalogue_entries(session: Session, type_name: str) -> list[Record]:
    rtype = CATALOGUE_TYPES[type_name]
    return [to_record(rtype, row) for row in session.scalars(select(model_for(rtype)))]


def name_lookup(entries: Iterable[Record]) -> dict[str, str]:
    """What a person may type for an entry, case-folded -> its code: the shown name first, then the code,
    then its other names (the first entry keeps a name two entries share)."""
    entries = list(entries)
    lookup: dict[str, str] = {}
    for code, shown in shown_names(entries).items():
        lookup[shown.casefold()] = code
    for entry in entries:
        lookup.setdefault(str(entry.key).casefold(), str(entry.key))
    for entry in entries:
        for name in OTHER_NAME_FIELDS:
            text = entry.values.get(name)
            if isinstance(text, str) and text.strip():
                lookup.setdefault(text.strip().casefold(), str(entry.key))
    return lookup
