"""New rows that are probably records already stored: a sheet imported again whose new rows have no id.

A row without an id is a new record. When it has the same State and the same identifying fields (a
treaty action's instrument, action and date; a membership's body, role and start...) as a stored record,
or as a new row above it, it is most likely the same fact typed or imported twice. Such rows are set aside
in the preview, named with what they match, and added only if the officer asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.excel.plan import PlannedRow, SheetPlan
from coopdesk.records.fields import Field
from coopdesk.records.record import model_for
from coopdesk.records.record_type import RecordType

#: What identifies a record of each type besides its State: two records alike in these are one fact.
IDENTITY: dict[str, tuple[str, ...]] = {
    "treaty_action": ("instrument_code", "action", "action_date"),
    "membership": ("body_code", "role", "term_start"),
    "reporting": ("reporting_instrument_code", "cycle", "submitted_date"),
    "meeting_participation": ("meeting_code",),
    "contribution": ("recipient_body_code", "recipient", "amount", "kind", "contribution_date"),
    "resolution": ("body_code", "symbol", "title", "adopted_date"),
    "national_initiative": ("title", "kind", "initiative_date"),
    "legislative_assistance": ("area", "kind", "start_date"),
    "project": ("code", "title"),
    "letter": ("letter_date", "subject"),
    "completeness_check": (
        "area",
        "checked_on",
        "instrument_set_code",
        "instrument_code",
        "reporting_instrument_code",
        "body_code",
    ),
}

Identity = tuple[Any, ...]


def _normal(value: Any) -> Any:
    """A stored value as it identifies: text without case or extra spaces, empty text as nothing."""
    if isinstance(value, str):
        text = " ".join(value.split()).casefold()
        return text or None
    return value


def _identity_fields(rtype: RecordType) -> list[Field]:
    return [rtype.field(name) for name in IDENTITY[rtype.name]]


def _of_values(country: str, fields: Sequence[Field], values: dict[str, Any]) -> Identity:
    parts: list[Any] = [country]
    for f in fields:
        parts.extend(_normal(v) for v in f.to_columns(values.get(f.name)).values())
    return tuple(parts)


def _stored(
    session: Session, rtype: RecordType, fields: Sequence[Field], countries: Iterable[str]
) -> set[Identity]:
    """The identities of the stored records of these States."""
    table = model_for(rtype).__table__
    columns = [table.c[c] for f in fields for c in f.columns]
    found: set[Identity] = set()
    codes = sorted(countries)
    for start in range(0, len(codes), 500):
        stmt = select(table.c.country_code, *columns).where(
            table.c.country_code.in_(codes[start : start + 500])
        )
        for row in session.execute(stmt):
            found.add((row[0], *(_normal(v) for v in row[1:])))
    return found


def set_aside_probable_duplicates(session: Session, sheet: SheetPlan) -> None:
    """Move the sheet's new rows (no id) that match a stored record or an earlier new row from
    ``sheet.added`` to ``sheet.duplicates``, each saying what it matches."""
    rtype = sheet.rtype
    if rtype.name not in IDENTITY:
        return
    new = [p for p in sheet.added if p.key is None]
    if not new:
        return
    fields = _identity_fields(rtype)
    stored = _stored(session, rtype, fields, {p.country for p in new})
    what = _what_matches(rtype, fields)
    earlier: dict[Identity, int] = {}
    kept: list[PlannedRow] = []
    for p in sheet.added:
        if p.key is not None:
            kept.append(p)
            continue
        identity = _of_values(p.country, fields, p.values)
        if identity in stored:
            p.duplicate_of = f"a record already stored with the same {what}"
        elif identity in earlier:
            p.duplicate_of = f"row {earlier[identity]} of this sheet, with the same {what}"
        else:
            earlier[identity] = p.row
            kept.append(p)
            continue
        sheet.duplicates.append(p)
    sheet.added = kept


def _what_matches(rtype: RecordType, fields: Sequence[Field]) -> str:
    """ "State, instrument, action and date" """
    names = ["State", *(f.label.lower() for f in fields)]
    return ", ".join(names[:-1]) + " and " + names[-1]
